"""Issue, revoke and look up API keys; the plain key exists only in what api_key_issue returns."""

from django.db import transaction

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
    """Return the stored key (with its user) a presented key matches, or None."""
    return ApiKey.objects.select_related("user").filter(digest=core.key_digest(key)).first()
