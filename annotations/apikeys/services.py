"""Issue, revoke and look up API keys; the plain key exists only in what api_key_issue returns."""

import functools

from django.contrib.auth import get_user_model
from django.db import connections, router, transaction

from annotations import rules
from annotations.selectors import columns, from_rows

from . import core
from .models import ApiKey


@transaction.atomic
def api_key_issue(*, user) -> tuple[ApiKey, str]:
    """Give the user a new key, replacing any key they had; return it with the plain key."""
    ApiKey.objects.filter(user=user).delete()
    key = core.new_key()
    api_key = ApiKey.objects.create(user=user, prefix=core.key_prefix(key), digest=core.key_digest(key))
    return api_key, key


@transaction.atomic
def api_key_revoke(*, user) -> bool:
    """Delete the user's key; return whether there was one."""
    deleted, _ = ApiKey.objects.filter(user=user).delete()
    return bool(deleted)


def api_key_find(key: str) -> ApiKey | None:
    """Return the stored key (with its user) a presented key matches, or None.

    Every API request with a token reads this: one statement written once, as compiling
    the ORM's join costs more than running it. On PostgreSQL the same statement reads the
    user's permissions, which has_perm then finds in ModelBackend's cache on the user.
    """
    user_model = get_user_model()
    connection = connections[router.db_for_read(ApiKey)]
    digest = core.key_digest(key)
    found = from_rows(user_model, _find_sql(connection.vendor), [digest], extra=["api_key_id", "permissions"])
    if not found:
        return None
    user = found[0]
    api_key_id, permissions = user.__dict__.pop("api_key_id"), user.__dict__.pop("permissions")
    if permissions is not None and user.is_active and not user.is_superuser:
        user._perm_cache = set(permissions)
    # The issue date is left deferred: reading it costs a query, and nothing here needs it.
    api_key = ApiKey.from_db(
        user._state.db, ["id", "user_id", "prefix", "digest"],
        [api_key_id, user.pk, core.key_prefix(key), digest],
    )
    api_key.user = user
    return api_key


@functools.cache
def _find_sql(vendor: str) -> str:
    users = get_user_model()._meta
    permissions = (
        f"ARRAY({rules.permission_names_sql('u.' + users.pk.column)})" if vendor == "postgresql" else "NULL"
    )
    return (
        f"SELECT {columns(get_user_model(), 'u')}, k.id AS api_key_id, {permissions} AS permissions "
        f"FROM {users.db_table} u JOIN {ApiKey._meta.db_table} k ON k.user_id = u.{users.pk.column} "
        f"WHERE k.digest = %s"
    )
