"""Login throttling that stops password guessing without letting anyone lock an account.

django-axes calls this handler (AXES_HANDLER) on every login attempt; failures are counted in
the shared cache, for the cool-off time (AXES_COOLOFF_TIME) after the last one:

* per (username, address) pair: at AXES_FAILURE_LIMIT failures that username is refused from
  that address. A stranger's failures never lock the owner out from the owner's address.
* per address, whatever the usernames: at FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT (higher, as an
  office behind one address shares it) the address is refused, which bounds spraying one
  password over many accounts.
* per username across all addresses: at FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT (higher) the
  account is paused for browsers it has never logged in from, which bounds guessing spread
  over many addresses. A browser that logged in to that account before carries a signed
  trusted-device cookie and is exempt from this pause (it still meets the pair and address
  limits), so the owner keeps working while someone guesses at the account.

An administrator's "Unlock login" (axes.utils.reset(username=...)) forgets the account's count
and every pair of that username at once: the pairs are keyed by a per-username epoch, which the
unlock advances, because a cache cannot list keys by prefix.
"""

import hashlib
import json
import logging

from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.helpers import get_cache, get_cache_timeout, get_client_username, get_failure_limit
from axes.signals import user_locked_out
from django.conf import settings
from django.core import signing

log = logging.getLogger(__name__)

TRUSTED_DEVICE_COOKIE = "factcheck_login_device"
TRUSTED_DEVICE_SALT = "factcheck.loginguard.trusted-device"
# A shared browser remembers a few accounts, not an unbounded list in one cookie.
TRUSTED_DEVICE_MAX_ACCOUNTS = 5


def _key(kind: str, *parts: object) -> str:
    # JSON keeps the parts apart: "ab" + "c" and "a" + "bc" never share a key.
    digest = hashlib.sha256(json.dumps([kind, *parts]).encode()).hexdigest()
    return f"login-guard:{kind}:{digest}"


def trusted_usernames(request) -> list[str]:
    """Return the accounts this browser has logged in to before (from its signed cookie)."""
    value = request.COOKIES.get(TRUSTED_DEVICE_COOKIE)
    if not value:
        return []
    try:
        names = signing.loads(
            value, salt=TRUSTED_DEVICE_SALT,
            max_age=settings.FACTCHECK_LOGIN_TRUSTED_DEVICE_DAYS * 86400,
        )
    except signing.BadSignature:  # tampered with, or expired
        return []
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


class LoginGuardHandler(AbstractAxesHandler, AxesBaseHandler):
    """Count failed logins per pair, per address and per account; see the module docstring."""

    def __init__(self):
        self.cache = get_cache()

    def _keys(self, request, credentials) -> tuple[str, dict[str, str]]:
        username = get_client_username(request, credentials) or ""
        address = request.axes_ip_address or ""
        epoch = self.cache.get(_key("epoch", username), 0)
        return username, {
            "pair": _key("pair", epoch, username, address),
            "address": _key("address", address),
            "account": _key("account", username),
        }

    def _locked(self, request, credentials, username: str, counts: dict[str, int]) -> bool:
        if counts.get("pair", 0) >= get_failure_limit(request, credentials):
            return True
        if counts.get("address", 0) >= settings.FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT:
            return True
        return (
            counts.get("account", 0) >= settings.FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT
            and username not in trusted_usernames(request)
        )

    def _counts(self, keys: dict[str, str]) -> dict[str, int]:
        stored = self.cache.get_many(list(keys.values()))
        return {name: stored.get(key, 0) for name, key in keys.items()}

    def is_locked(self, request, credentials=None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        username, keys = self._keys(request, credentials)
        return self._locked(request, credentials, username, self._counts(keys))

    def get_failures(self, request, credentials=None) -> int:
        _username, keys = self._keys(request, credentials)
        counts = self._counts(keys)
        return max(counts["pair"], counts["address"])

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return  # authenticate() outside a request (a shell): nothing to throttle
        if self.is_whitelisted(request, credentials):
            return
        username, keys = self._keys(request, credentials)
        timeout = get_cache_timeout(request)
        counts = {}
        for name, key in keys.items():
            if self.cache.add(key, 1, timeout=timeout):
                counts[name] = 1
            else:
                try:
                    counts[name] = self.cache.incr(key)
                except ValueError:  # expired between add() and incr()
                    self.cache.set(key, 1, timeout=timeout)
                    counts[name] = 1
                self.cache.touch(key, timeout=timeout)
        if settings.AXES_LOCK_OUT_AT_FAILURE and self._locked(request, credentials, username, counts):
            log.warning(
                "Login refused for %r from %s after repeated failures (pair %d, address %d, account %d).",
                username, request.axes_ip_address, counts["pair"], counts["address"], counts["account"],
            )
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=username, ip_address=request.axes_ip_address
            )

    def user_logged_in(self, sender, request, user, **kwargs):
        username = user.get_username()
        if settings.AXES_RESET_ON_SUCCESS:
            # The account-wide count stays: a login by the owner must not hand whoever is
            # guessing from elsewhere a fresh allowance.
            _username, keys = self._keys(request, {settings.AXES_USERNAME_FORM_FIELD: username})
            self.cache.delete_many([keys["pair"], keys["address"]])
        # TrustedDeviceMiddleware remembers this browser for this account on the response.
        request.factcheck_logged_in_username = username

    def user_logged_out(self, sender, request, user, **kwargs):
        """Nothing to count: signing out neither guesses nor proves a password."""

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        if ip_address is None and username is None:
            raise NotImplementedError("Cannot clear all login failures from the cache")
        count = 0
        if username is not None:
            epoch = _key("epoch", username)
            # No expiry: pairs of older epochs expire on their own; the epoch must outlive them.
            if not self.cache.add(epoch, 1, timeout=None):
                self.cache.incr(epoch)
            self.cache.delete(_key("account", username))
            count += 1
        if ip_address is not None:
            self.cache.delete(_key("address", ip_address))
            count += 1
        return count


class TrustedDeviceMiddleware:
    """After a successful login, remember in a signed cookie that this browser uses the account."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "factcheck_logged_in_username", None)
        if username is not None:
            names = [username] + [name for name in trusted_usernames(request) if name != username]
            response.set_cookie(
                TRUSTED_DEVICE_COOKIE,
                signing.dumps(names[:TRUSTED_DEVICE_MAX_ACCOUNTS], salt=TRUSTED_DEVICE_SALT),
                max_age=settings.FACTCHECK_LOGIN_TRUSTED_DEVICE_DAYS * 86400,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
