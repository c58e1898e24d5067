"""Liveness and readiness probes for load balancers and orchestrators (JSON, no auth)."""

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from factcheck.db_router import replica_configured, replica_reachable
from factcheck.outage import CACHE_ERRORS

# Once every migration is applied it stays applied for the life of the process.
_migrated: set[str] = set()


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Return the names of the migrations not yet applied to the database, in plan order."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
def healthz(request):
    """Answer 200 while the process serves requests; never touch the database."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Answer 200 when the database (migrated) and the cache answer, 503 with the reason otherwise."""
    alias = DEFAULT_DB_ALIAS
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
        if alias not in _migrated:
            pending = pending_migrations(alias)
            if pending:
                return JsonResponse(
                    {"status": "unavailable", "reason": "unapplied migrations", "pending": pending},
                    status=503, headers={"Retry-After": "30"},
                )
            _migrated.add(alias)
    except DatabaseError as error:
        return JsonResponse(
            {"status": "unavailable", "reason": "database unreachable",
             "error": type(error).__name__},
            status=503, headers={"Retry-After": "5"},
        )
    try:
        cache.get("readyz")  # sessions, throttles and login counters live there
    except (DatabaseError, *CACHE_ERRORS) as error:
        return JsonResponse(
            {"status": "unavailable", "reason": "cache unreachable", "error": type(error).__name__},
            status=503, headers={"Retry-After": "5"},
        )
    ready = {"status": "ok", "database": "ok", "migrations": "applied"}
    if replica_configured():
        # Not a reason to take the server out: the primary serves the replica's reads meanwhile.
        ready["replica"] = "ok" if replica_reachable() else "unreachable"
    return JsonResponse(ready)


# A probe that waits on a frozen database must fail fast, not hang the load balancer's check:
# factcheck.dbdeadline gives each of its database waits this much (default 2 s).
readyz.db_deadline_setting = "FACTCHECK_READYZ_DB_SECONDS"
