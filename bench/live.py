"""The live desk's targets, measured on loopback.

paint:  a reviewer creates annotations in one browser (the page's own API call, with its tab id);
        the time until another browser (an editor on the same article) has painted each one:
        median and p95 over N creates.
fanout: two daphne processes behind one Redis, S sockets on one article split between them
        (token-authenticated clients of this script); a create through the REST API of one
        server; the time until each socket received it: p95 over S x N deliveries. Also the
        resident memory each process gains per idle socket.

Each run makes its own SQLite database in a temporary folder (or uses DATABASE_URL), its own
Redis (redis-server on a free port of 127.0.0.1) and its own servers, and removes them after.

    .venv/bin/python bench/live.py paint --creates 50 --runs 2
    .venv/bin/python bench/live.py fanout --sockets 200 --events 20 --runs 2
    .venv/bin/python bench/live.py all
"""

import argparse
import asyncio
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
SENTENCES = 120
PASSWORD = "bench passphrase 42"

SETUP = """
import json
from django.contrib.auth.models import Group, User
from annotations.apikeys.services import api_key_issue
from annotations import services
users = {}
for name, group in (("bench-reviewer", "Reviewer"), ("bench-editor", "Editor")):
    user = User.objects.create_user(name, password=%(password)r)
    user.groups.add(Group.objects.get(name=group))
    users[name] = api_key_issue(user=user)[1]
body = " ".join(f"Claim number {n} is checked here." for n in range(%(sentences)d))
article = services.article_create(user=User.objects.create_superuser("bench-admin"), title="Bench", body=body)
print(json.dumps({"tokens": users, "article": article.pk}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Setting:
    """A database, a Redis and the environment of the servers; removed by close()."""

    def __init__(self, *, redis: bool = True):
        self.folder = tempfile.mkdtemp(prefix="fc-live-bench-")
        self.redis = None
        database = os.environ.get("DATABASE_URL") or f"sqlite:///{self.folder}/bench.sqlite3"
        self.env = {
            "PATH": os.environ["PATH"], "SECRET_KEY": "bench-live-" + "k" * 40, "DATABASE_URL": database,
            "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
            "FACTCHECK_CACHE": "locmem", "LOG_LEVEL": "WARNING", "FACTCHECK_PUBLIC_ARTICLES": "1",
            "FACTCHECK_THROTTLE_TOKEN": "100000/minute", "FACTCHECK_THROTTLE_USER": "100000/minute",
        }
        if redis:
            port = free_port()
            self.redis = subprocess.Popen(
                [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.env["LIVE_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
            time.sleep(0.3)
        manage = [PYTHON, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=self.env, cwd=ROOT, check=True)
        script = SETUP % {"password": PASSWORD, "sentences": SENTENCES}
        output = subprocess.run([*manage, "shell", "-c", script], env=self.env, cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
        data = json.loads(output.strip().splitlines()[-1])
        self.tokens, self.article = data["tokens"], data["article"]
        self.servers = []

    def server(self) -> "Server":
        server = Server(self.env)
        self.servers.append(server)
        return server

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port), "factcheck.asgi:application"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def post(self, path: str, payload: dict, token: str) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", path, body=json.dumps(payload),
                         headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
            response = conn.getresponse()
            data = json.loads(response.read())
            if response.status != 201:
                raise RuntimeError(f"{response.status}: {data}")
            return data
        finally:
            conn.close()


# Create in one browser, painted in another

WATCH = """() => {
  window.paintedAt = {};
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      const id = node.dataset && node.dataset.id;
      if (id) requestAnimationFrame(() => setTimeout(() => { window.paintedAt[id] = Date.now(); }, 0));
    }
  }).observe(document.getElementById('annotation-list'), {childList: true});
}"""
CREATE = """async ([article, n]) => {
  const csrf = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const sent = Date.now();
  const response = await fetch('/api/v1/annotations/', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf},
    body: JSON.stringify({article, quote: `Claim number ${n} is checked`, claim: `Bench claim ${n}`})});
  const data = await response.json();
  return [sent, data.id];
}"""


def paint(creates: int) -> dict:
    from playwright.sync_api import sync_playwright

    setting = Setting()
    try:
        server = setting.server()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            pages = {}
            for name in ("bench-reviewer", "bench-editor"):
                context = browser.new_context(base_url=server.url, viewport={"width": 1366, "height": 900})
                page = context.new_page()
                page.goto("/accounts/login/")
                page.fill("#id_username", name)
                page.fill("#id_password", PASSWORD)
                page.click("form [type=submit]")
                page.goto(f"/articles/{setting.article}/")
                page.wait_for_selector("#live-status[data-state=live]", state="attached")
                pages[name] = page
            writer, watcher = pages["bench-reviewer"], pages["bench-editor"]
            watcher.evaluate(WATCH)
            latencies = []
            for n in range(creates):
                sent, pk = writer.evaluate(CREATE, [setting.article, n])
                watcher.wait_for_function(f"() => window.paintedAt['{pk}'] !== undefined", timeout=10000)
                latencies.append(watcher.evaluate(f"window.paintedAt['{pk}']") - sent)
            browser.close()
    finally:
        setting.close()
    return {"creates": creates, "median_ms": statistics.median(latencies),
            "p95_ms": percentile(latencies, 0.95), "max_ms": max(latencies)}


# Fan-out to many sockets across two processes

async def fanout_run(setting: Setting, servers: list[Server], sockets: int, events: int) -> dict:
    from websockets.asyncio.client import connect

    editor = setting.tokens["bench-editor"]
    headers = {"Authorization": f"Token {editor}"}
    path = f"/ws/live/articles/{setting.article}/"

    async def ready(client):
        while json.loads(await client.recv()).get("type") != "presence":
            pass

    for server in servers:  # warm each process up (code loaded, layer connected) before measuring
        async with connect(f"ws://127.0.0.1:{server.port}{path}", additional_headers=headers) as client:
            await ready(client)
    await asyncio.sleep(1)
    before = [rss_kib(server.process.pid) for server in servers]
    clients = []
    for n in range(sockets):
        server = servers[n % len(servers)]
        clients.append(await connect(f"ws://127.0.0.1:{server.port}{path}", additional_headers=headers,
                                     max_queue=None))
    await asyncio.gather(*(ready(client) for client in clients))
    await asyncio.sleep(3)
    after = [rss_kib(server.process.pid) for server in servers]
    per_socket = [(a - b) / (sockets / len(servers)) for a, b in zip(after, before, strict=True)]

    received: dict[int, list[float]] = {}

    async def listen(client):
        async for text in client:
            message = json.loads(text)
            if message.get("type") == "annotation":
                received.setdefault(message["id"], []).append(time.perf_counter())

    listeners = [asyncio.ensure_future(listen(client)) for client in clients]
    reviewer = setting.tokens["bench-reviewer"]
    latencies = []
    for n in range(events):
        sent = time.perf_counter()
        created = await asyncio.to_thread(
            servers[n % len(servers)].post, "/api/v1/annotations/",
            {"article": setting.article, "quote": f"Claim number {n} is checked", "claim": f"Fan-out {n}"},
            reviewer)
        deadline = time.monotonic() + 10
        while len(received.get(created["id"], [])) < sockets and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        arrivals = received.get(created["id"], [])
        if len(arrivals) < sockets:
            raise RuntimeError(f"event {n}: {len(arrivals)} of {sockets} sockets heard it")
        latencies.extend(arrival - sent for arrival in arrivals)
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)
    return {
        "sockets": sockets, "events": events, "deliveries": len(latencies),
        "median_ms": statistics.median(latencies) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": max(latencies) * 1000, "rss_kib_per_idle_socket": [round(value, 1) for value in per_socket],
    }


def fanout(sockets: int, events: int) -> dict:
    setting = Setting()
    try:
        servers = [setting.server(), setting.server()]
        return asyncio.run(fanout_run(setting, servers, sockets, events))
    finally:
        setting.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["paint", "fanout", "all"])
    parser.add_argument("--creates", type=int, default=50)
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        if args.what in ("paint", "all"):
            print(json.dumps({"run": run, "bench": "paint", "load": os.getloadavg()[0],
                              **paint(args.creates)}))
        if args.what in ("fanout", "all"):
            print(json.dumps({"run": run, "bench": "fanout", "load": os.getloadavg()[0],
                              **fanout(args.sockets, args.events)}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
