"""A database that stops answering (no reset) costs a request seconds, never a hung worker."""

import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections

from factcheck import dbdeadline
from factcheck import settings as project_settings
from tests.freeze_proxy import FreezableProxy
from tests.pg_support import postgresql_only, server_env, start_gunicorn, stop


def test_postgresql_connections_use_keepalives_and_web_processes_a_statement_timeout():
    web = {"ENGINE": "django.db.backends.postgresql"}
    command = {"ENGINE": "django.db.backends.postgresql"}

    project_settings.postgresql_options(web, web=True)
    project_settings.postgresql_options(command, web=False)

    for database in (web, command):
        assert database["OPTIONS"]["keepalives"] == 1
        assert database["OPTIONS"]["keepalives_idle"] == 10
        assert database["OPTIONS"]["tcp_user_timeout"] == 10_000
        assert database["OPTIONS"]["connect_timeout"] == 3
    assert web["OPTIONS"]["options"] == "-c statement_timeout=30000"
    assert "options" not in command["OPTIONS"]  # migrations may run long statements


@pytest.fixture
def proxy():
    params = connection.settings_dict
    proxy = FreezableProxy(params.get("HOST") or "127.0.0.1", int(params.get("PORT") or 5432))
    yield proxy
    proxy.close()


@postgresql_only
def test_a_statement_on_a_frozen_connection_is_cut_at_the_bound(db, proxy):
    frozen = connections.create_connection(DEFAULT_DB_ALIAS)
    frozen.settings_dict = {**frozen.settings_dict, "HOST": "127.0.0.1", "PORT": proxy.port}
    try:
        frozen.ensure_connection()
        proxy.freeze()
        started = time.monotonic()
        with (
            frozen.execute_wrapper(dbdeadline.statement_deadline), dbdeadline.bounded(1),
            pytest.raises(OperationalError), frozen.cursor() as cursor,
        ):
            cursor.execute("SELECT 1")
        assert time.monotonic() - started < 3
    finally:
        frozen.close()


@postgresql_only
def test_the_watchdog_cuts_a_raw_wait_and_leaves_a_finished_one_alone(db, proxy):
    url = f"postgres://{connection.settings_dict['USER'] or 'postgres'}@127.0.0.1:{proxy.port}/postgres"
    with psycopg.connect(url, autocommit=True) as quick:
        with dbdeadline.bounded(0.5), dbdeadline.deadline_on(quick):
            quick.execute("SELECT 1")
        time.sleep(0.8)  # past the bound: a disarmed wait is never cut afterwards
        assert quick.execute("SELECT 2").fetchone() == (2,)
    with psycopg.connect(url, autocommit=True) as hung:
        proxy.freeze()
        started = time.monotonic()
        with (
            pytest.raises(psycopg.OperationalError), dbdeadline.bounded(0.5),
            dbdeadline.deadline_on(hung),
        ):
            hung.execute("SELECT 1")
        assert time.monotonic() - started < 2


def get(url: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


@postgresql_only
def test_a_server_whose_database_freezes_answers_503_within_the_bounds(transactional_db, proxy):
    from tests.pg_support import free_port

    params = connection.settings_dict
    port = free_port()
    env = server_env(
        DATABASE_URL=f"postgres://{params['USER'] or 'postgres'}@127.0.0.1:{proxy.port}/{params['NAME']}",
        DATABASE_CONNECT_TIMEOUT="2", DATABASE_STATEMENT_TIMEOUT="2", DATABASE_CLIENT_DEADLINE="3",
        FACTCHECK_READYZ_DB_SECONDS="1", FACTCHECK_CACHE="locmem",
    )
    server = start_gunicorn(port, env)
    base = f"http://127.0.0.1:{port}"
    try:
        assert get(f"{base}/readyz")[0] == 200  # a warm connection through the proxy
        assert get(f"{base}/api/v1/claims/")[0] == 200
        proxy.freeze()

        ready, ready_seconds = get(f"{base}/readyz")
        proxy.thaw()
        assert get(f"{base}/api/v1/claims/")[0] == 200  # reconnected
        proxy.freeze()
        claims, claims_seconds = get(f"{base}/api/v1/claims/")
    finally:
        proxy.thaw()
        log = stop(server)

    assert (ready, claims) == (503, 503)
    assert ready_seconds < 4.5  # 1 s for the warm connection, then at most the 2 s connect timeout
    assert claims_seconds < 6.5  # 3 s for the warm connection, then at most the connect timeout
    assert "Traceback" not in log


@pytest.fixture
def web_statement_timeout(transactional_db):
    """Reconnect the test connection as a web process connects: with a 1 s statement_timeout."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = dict(options)
    connection.close()
    options["options"] = "-c statement_timeout=1000"
    yield
    connection.close()
    options.clear()
    options.update(before)


def statement_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@postgresql_only
def test_an_export_lifts_the_web_statement_timeout_while_it_streams(
    roles, web_statement_timeout, verified, settings
):
    import threading

    from annotations.exports import EXPORTERS
    from annotations.publishing.models import PublishedClaim

    settings.DATABASE_EXPORT_STATEMENT_TIMEOUT = 600
    assert statement_timeout() == "1s"
    params = connection.settings_dict
    locked = threading.Event()

    def hold_the_table_for_two_seconds():
        server = f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        url = f"postgres://{params['USER'] or 'postgres'}@{server}/{params['NAME']}"
        with psycopg.connect(url) as other, other.transaction():
            other.execute(f'LOCK TABLE "{PublishedClaim._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
            locked.set()
            time.sleep(2)

    holder = threading.Thread(target=hold_the_table_for_two_seconds)
    holder.start()
    assert locked.wait(10)
    started = time.monotonic()
    # The COPY waits 2 s for the lock: longer than the 1 s a web statement may take.
    body = b"".join(EXPORTERS["jsonl"].export(PublishedClaim.objects.all(), "http://testserver"))
    waited = time.monotonic() - started
    holder.join()

    assert b"Donbas" in body
    assert waited > 1.2
    assert statement_timeout() == "1s"  # the connection's own bound again
