"""A local HTTP server on 127.0.0.1 serving test pages, and a resolver that never uses DNS."""

import contextlib
import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from annotations.ingest.fetch import FetchError

NEWS_PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Trump says summit with Putin is on hold | Demo Wire</title>
<meta property="og:title" content="Trump says summit with Putin is on hold">
<meta property="og:site_name" content="Demo Wire">
<meta property="og:url" content="https://news.example/world/summit-on-hold/">
<link rel="canonical" href="https://news.example/world/summit-on-hold/">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Trump says summit with Putin is on hold",
 "author": [{"@type": "Person", "name": "Jane Reporter"}, {"@type": "Person", "name": "Ivan Writer"}],
 "datePublished": "2025-10-22T09:30:00+02:00",
 "publisher": {"@type": "Organization", "name": "Demo Wire"}}
</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience.
<button>Accept all cookies</button></p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Trump says summit with Putin is on hold</h1>
<p class="byline">By Jane Reporter and Ivan Writer</p>
<figure><img src="/photo.jpg" alt="">
<figcaption>Donald Trump speaks to reporters at the White House. Photo: AP</figcaption>
</figure>
<p>Donald Trump speaks to reporters at the White House. Photo: AP</p>
<p>2:55President Donald Trump said on Tuesday that he had no plans for a meeting with
Vladimir Putin in the near future, days after announcing a summit in Budapest.</p>
<p>Trump also refuted a story by the Financial Times that he had pressed Zelenskyy to
relinquish the whole Donbas region to Russia, calling it false.</p>
<p>A White House official, speaking on condition of anonymity, said the summit could
still take place later this year if conditions allowed it.</p>
<p>Kremlin spokesman Dmitry Peskov told reporters that preparations for the meeting
would take time and that no dates had been agreed.</p>
<p>Sourse: Reuters</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Markets rally on trade hopes</a></li><li><a href="/b">Storm hits the coast</a></li>
<li><a href="/c">Ten recipes for autumn</a></li></ul></aside></main>
<footer><p>© 2025 Demo Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def loopback_resolver(host: str, port: int) -> list[str]:
    """Resolve literal addresses and localhost only; any other name fails as DNS would."""
    host = host.strip("[]")
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        if host == "localhost":
            return ["127.0.0.1"]
        raise FetchError(f"DNS: cannot resolve {host} (tests resolve no names)") from None


def fixed_resolver(answers: dict[str, list[str]]):
    """Return a resolver stub that answers from a table (nothing connects to the answers)."""
    def resolver(host: str, port: int) -> list[str]:
        return answers[host]
    return resolver


class PageServer:
    """Serve routes {path: (status, headers, body bytes) or callable(handler)} on 127.0.0.1."""

    def __init__(self):
        self.routes = {}
        self.hits = []
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                route = routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    self.wfile.write(b"<p>not here</p>")
                    return
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def allowed(self) -> str:
        """The FACTCHECK_FETCH_ALLOWED_HOSTS entry that lets the fetcher reach this server (its port)."""
        return f"127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str, text: str, content_type: str = "text/html; charset=utf-8", status=200):
        self.routes[path] = (status, {"Content-Type": content_type}, text.encode())

    def redirect(self, path: str, location: str, status: int = 302):
        self.routes[path] = (status, {"Location": location}, b"")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def slow(seconds: float):
    """A route that sends its headers, then trickles the body for longer than the limit."""
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                handler.wfile.write(b"<p>.</p>")
                handler.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass
    return route


class Tripwire:
    """Listening sockets on 127.0.0.1 (and ::1 when the machine has it) that record every
    connection made to them: code that should open none is caught opening one."""

    def __init__(self):
        self.connections = []
        self.sockets = [socket.create_server(("127.0.0.1", 0))]
        with contextlib.suppress(OSError):  # no IPv6 loopback here
            self.sockets.append(socket.create_server(("::1", 0), family=socket.AF_INET6))
        for listener in self.sockets:
            listener.settimeout(0.1)
        self.running = True
        self.threads = [threading.Thread(target=self._accept, args=(s,), daemon=True) for s in self.sockets]

    def _accept(self, listener):
        while self.running:
            try:
                connection, peer = listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(peer)
            connection.close()  # refuse at once: a caller that would wait does not hang the test

    def urls(self, path: str = "/x") -> list[str]:
        """Return a URL on each listening socket ("http://127.0.0.1:port/x", "http://[::1]:port/x")."""
        hosts = {socket.AF_INET: "127.0.0.1", socket.AF_INET6: "[::1]"}
        return [f"http://{hosts[s.family]}:{s.getsockname()[1]}{path}" for s in self.sockets]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join()
        for listener in self.sockets:
            listener.close()


def drip(prefix: bytes, dripped: bytes, *, every: float = 0.2, seconds: float = 4.0):
    """A raw route: send prefix at once, then dripped one byte every `every` s, round and round.

    The server never finishes within `seconds`, but each byte comes well inside any
    per-read timeout: only a limit on the whole fetch ends it.
    """
    def route(handler):
        handler.close_connection = True
        deadline = time.monotonic() + seconds
        try:
            handler.wfile.write(prefix)
            handler.wfile.flush()
            index = 0
            while time.monotonic() < deadline:
                handler.wfile.write(dripped[index % len(dripped):][:1])
                handler.wfile.flush()
                index += 1
                time.sleep(every)
        except OSError:
            pass
    return route
