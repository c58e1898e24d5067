"""Helpers shared by the API tests."""

from rest_framework.test import APIClient

from annotations.apikeys import core
from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue

# Plain keys issued during the run, by user id: keys are stored as digests only, and
# issuing a new one would log out every client made earlier in the same test.
_issued: dict[int, str] = {}


def api_key_for(user) -> str:
    """Return a working API key of the user, issuing one if the user has none we know."""
    key = _issued.get(user.pk)
    if key is None or not ApiKey.objects.filter(user=user, digest=core.key_digest(key)).exists():
        _, key = api_key_issue(user=user)
        _issued[user.pk] = key
    return key


def client_for(user=None) -> APIClient:
    """Return an API client authenticated with the user's token (anonymous for None)."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
    return client


# Queries a token request spends on its user's permissions: own and group at once
# (annotations/permissionbackend.py), once per request.
PERMISSION_QUERIES = 1
