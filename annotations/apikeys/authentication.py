"""`Authorization: Token <key>`, checked against the stored digests."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .services import api_key_find


class ApiKeyAuthentication(TokenAuthentication):
    """DRF's token scheme (same header, same 401 challenge), looking keys up by digest."""

    def authenticate_credentials(self, key):
        api_key = api_key_find(key)
        if api_key is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not api_key.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return api_key.user, api_key
