"""Fetch a web page safely: http(s) only, every address vetted, bounded in hops, time and size.

urllib3 rather than httpx: trafilatura already depends on it (one HTTP stack, not two), and its
connection pools take the address to connect to apart from the name used for TLS
(``server_hostname``/``assert_hostname``), so the connection goes to exactly the address the
guard vetted and a DNS answer that changes between check and connect (rebinding) cannot
slip through. Streaming reads (``read1``) let the size and total-time limits bite while
the body arrives, after decompression.

The SSRF guard is the pure function ``check_addresses``; the resolver is injectable, so
tests decide what a name resolves to without any connection.
"""

import codecs
import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from .charsets import codec_for
from .deadline import Deadline, HTTPPool, HTTPSPool, resolve_before

MAX_REDIRECTS = 5
TOTAL_SECONDS = 10.0
MAX_BYTES = 5 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
JSON_TYPES = ("application/json", "application/ld+json", "application/x-ndjson", "application/jsonl")
JSON_ACCEPT = "application/ld+json,application/json;q=0.9,application/x-ndjson;q=0.8"
REDIRECT_CODES = (301, 302, 303, 307, 308)
USER_AGENT = "Factcheck/1.0 (article import; +https://factcheck.example)"
CHUNK = 64 * 1024
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """The page could not be fetched; the message says why (shown to the user, 502)."""


class AddressNotAllowed(FetchError):
    """The host resolves to an address the guard refuses (400)."""

    def __init__(self, host: str = ""):
        super().__init__(
            _("this address is not allowed: %(host)s") % {"host": host} if host
            else _("this address is not allowed")
        )


class BadURL(FetchError):
    """Not an http(s) URL with a host (400)."""


class FetchBusy(FetchError):
    """Too many pages are being fetched at once, by this user or this process (429)."""


class UnsupportedContentType(FetchError):
    """The page is not HTML (415), or not what was asked for; content_type names what it is."""

    def __init__(self, content_type: str, expected: str = "HTML"):
        super().__init__(
            _("content type %(type)s is not %(expected)s")
            % {"type": content_type or _("(none)"), "expected": expected}
        )
        self.content_type = content_type


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    status: int  # 304: not modified since the validators sent (no text)
    content_type: str
    charset: str
    text: str
    etag: str = ""  # the validators to send next time (conditional GET)
    last_modified: str = ""


@dataclass(frozen=True)
class Validators:
    """What a page answered last time, sent back so that an unchanged page answers 304."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        sent = {}
        if self.etag:
            sent["If-None-Match"] = self.etag
        if self.last_modified:
            sent["If-Modified-Since"] = self.last_modified
        return sent


def is_public_address(address: str) -> bool:
    """Return whether an IP address may be fetched from: global unicast only.

    Refuses loopback, private, link-local, multicast, reserved, unspecified and shared
    (CGNAT) ranges, and an IPv4 address hidden in IPv6 (mapped, 6to4, NAT64, Teredo)
    is judged as the IPv4 address it carries.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in ipaddress.ip_network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(str(embedded))
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


DEFAULT_PORTS = (80, 443)
Allowed = frozenset[tuple[str, int]]


def _canonical(host: str) -> str:
    """Return an IP address in its one written form (``0::1`` is ``::1``); a name unchanged."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


def _allowed_entry(entry: str) -> list[tuple[str, int]]:
    """Return the (host, port) pairs one allow-list entry stands for."""
    host, port = entry, None
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise ValueError(f"FACTCHECK_FETCH_ALLOWED_HOSTS: cannot read {entry!r}")
        port = rest[1:] if rest else None
    elif entry.count(":") == 1:
        host, port = entry.split(":")
    host = _canonical(host)
    if port is None:
        return [(host, default) for default in DEFAULT_PORTS]
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"FACTCHECK_FETCH_ALLOWED_HOSTS: {entry!r} has no valid port")
    return [(host, int(port))]


def parse_allowed(value: str | Iterable[str | tuple[str, int]] | None) -> Allowed:
    """Return the (host, port) pairs FACTCHECK_FETCH_ALLOWED_HOSTS lets through, lower-cased.

    ``host`` stands for ports 80 and 443 only, ``host:port`` for that port, an IPv6 address
    takes brackets with a port (``[::1]:8080``); pairs already parsed pass through.
    """
    items = value.split(",") if isinstance(value, str) else (value or ())
    pairs = set()
    for item in items:
        if isinstance(item, tuple):
            pairs.add(item)
        elif item.strip():
            pairs.update(_allowed_entry(item.strip().lower()))
    return frozenset(pairs)


def check_addresses(
    host: str, addresses: list[str], allowed: Allowed = frozenset(), *, port: int | None = None,
) -> list[str]:
    """Return the addresses to connect to, or raise AddressNotAllowed.

    A host named in ``allowed`` with this port passes whatever it resolves to; otherwise
    every address must be public or itself allowed with this port (a name that resolves
    to one public and one private address is refused, so the connection cannot be steered
    to the private one). Without a port, only public addresses pass.
    """
    host = host.lower().strip("[]")
    host = _canonical(host)
    if not addresses:
        raise FetchError(f"DNS: {host} has no address")
    if (host, port) in allowed:
        return addresses
    if all((address, port) in allowed or is_public_address(address) for address in addresses):
        return addresses
    raise AddressNotAllowed(host)


def resolve(host: str, port: int) -> list[str]:
    """Return the IP addresses of host (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"DNS: cannot resolve {host} ({error})") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def _target(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BadURL(_("not a valid URL: %(error)s") % {"error": error}) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BadURL(
            _("only http and https URLs can be fetched, not %(scheme)s") % {"scheme": scheme} if scheme
            else _("only http and https URLs can be fetched, not a relative URL")
        )
    if not parts.hostname:
        raise BadURL(_("the URL has no host"))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), path


def media_type(content_type: str) -> tuple[str, str]:
    """Split a Content-Type header into (media type, charset parameter)."""
    kind, _, params = content_type.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def _detected(body: bytes) -> str:
    best = from_bytes(body).best()
    try:
        # The detector names Python codecs; only a text encoding may decode the page.
        return codecs.lookup(best.encoding).name if best and best.encoding else "cp1252"
    except LookupError:
        return "cp1252"


def decode(body: bytes, declared: str = "") -> tuple[str, str]:
    """Return (text, charset): byte-order mark, then the header, the meta tag, then detection.

    Only WHATWG charset labels are read (see charsets.py); any other label, such as
    ``base64`` or ``undefined``, is ignored as if none had been given.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):].decode(name, "replace"), name
    charset = codec_for(declared) if declared else None
    if not charset and (match := META_CHARSET.search(body[:4096])):
        charset = codec_for(match[1].decode("ascii"))
        # A meta tag readable as ASCII cannot be in UTF-16 (WHATWG: read it as UTF-8).
        charset = "utf-8" if charset in ("utf-16-le", "utf-16-be") else charset
    if not charset:
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            charset = _detected(body)
    return body.decode(charset, "replace"), charset


def _pool(scheme: str, host: str, address: str, port: int, deadline: Deadline):
    timeout = max(deadline.remaining(), 0.001)
    options = {
        "timeout": urllib3.Timeout(connect=timeout, read=timeout), "retries": False, "maxsize": 1,
        "deadline": deadline,
    }
    if scheme == "https":
        # Connect to the vetted address; verify the certificate for the name.
        return HTTPSPool(
            address, port, server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED",
            **options,
        )
    return HTTPPool(address, port, **options)


def _host_header(scheme: str, host: str, port: int) -> str:
    name = f"[{host}]" if ":" in host else host
    return name if port == (443 if scheme == "https" else 80) else f"{name}:{port}"


def _read(response, deadline: Deadline, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large: {int(declared)} bytes (the limit is {max_bytes})")
    chunks, size = [], 0
    while not deadline.passed():
        sock = getattr(response.connection, "sock", None)
        if sock is not None:
            sock.settimeout(max(deadline.remaining(), 0.001))
        chunk = response.read1(CHUNK)
        if not chunk:
            # The end of the body, unless the watchdog cut the connection short.
            if deadline.passed():
                break
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"too large: more than {max_bytes} bytes")
        chunks.append(chunk)
    raise TimeoutError


def fetch(
    url: str, *, allowed: Allowed | str | Iterable[str] = frozenset(), resolver: Resolver | None = None,
    max_redirects: int = MAX_REDIRECTS, total_seconds: float = TOTAL_SECONDS,
    max_bytes: int = MAX_BYTES, validators: Validators | None = None, json: bool = False,
) -> FetchedPage:
    """Fetch an HTML page, following redirects; every hop is vetted by the guard.

    The whole fetch, name resolution and every hop included, ends after total_seconds
    however slowly the server answers (see deadline.py). With `validators` the request is
    conditional: a page unchanged since answers 304, returned with status 304 and no text.
    `json` asks for a JSON document (a ClaimReview feed) instead of an HTML page.
    """
    allowed = parse_allowed(allowed)
    deadline = Deadline(total_seconds)
    conditional = validators.headers() if validators else {}
    try:
        wanted = (JSON_TYPES, JSON_ACCEPT, "JSON") if json else (HTML_TYPES, HTML_ACCEPT, "HTML")
        return _fetch(url, allowed, resolver or resolve, max_redirects, deadline, max_bytes, conditional,
                      wanted)
    except TimeoutError:
        raise FetchError(f"timeout: the page took more than {total_seconds:g} s") from None
    finally:
        deadline.close()


def _fetch(url: str, allowed: Allowed, resolver: Resolver, max_redirects: int, deadline: Deadline,
           max_bytes: int, conditional: dict[str, str],
           wanted: tuple[tuple[str, ...], str, str] = (HTML_TYPES, HTML_ACCEPT, "HTML")) -> FetchedPage:
    types, accept, expected = wanted
    seen = set()
    for _hop in range(max_redirects + 1):
        scheme, host, port, path = _target(url)
        seen.add(url)
        address = check_addresses(host, resolve_before(resolver, host, port, deadline), allowed,
                                  port=port)[0]
        if deadline.passed():
            raise TimeoutError
        pool = _pool(scheme, host, address, port, deadline)
        try:
            response = pool.urlopen(
                "GET", path, redirect=False, preload_content=False, retries=False,
                headers={
                    "Host": _host_header(scheme, host, port), "User-Agent": USER_AGENT,
                    "Accept": accept,
                    "Accept-Encoding": "gzip, deflate", **conditional,
                },
            )
            try:
                if deadline.passed():  # the watchdog ended the headers early
                    raise TimeoutError
                if response.status == 304 and conditional:
                    return FetchedPage(
                        url=url, status=304, content_type="", charset="", text="",
                        etag=response.headers.get("ETag", "") or conditional.get("If-None-Match", ""),
                        last_modified=response.headers.get("Last-Modified", "")
                        or conditional.get("If-Modified-Since", ""),
                    )
                if 300 <= response.status < 400:
                    location = response.headers.get("Location", "").strip()
                    if response.status not in REDIRECT_CODES or not location:
                        # A redirect with nowhere to go is no page (its body is a stub).
                        raise FetchError(f"HTTP status {response.status} without a Location to follow")
                    url = urljoin(url, location)
                    if url in seen:
                        raise FetchError("redirect loop")
                    continue
                if response.status >= 400:
                    raise FetchError(f"HTTP status {response.status}")
                kind, charset = media_type(response.headers.get("Content-Type", ""))
                if kind not in types:
                    raise UnsupportedContentType(kind, expected)
                body = _read(response, deadline, max_bytes)
            finally:
                response.release_conn()
                response.close()
        except (urllib3.exceptions.HTTPError, OSError) as error:
            # Whatever a connection cut by the watchdog looks like to the layer it was in.
            if deadline.passed() or isinstance(error, (urllib3.exceptions.TimeoutError, TimeoutError)):
                raise TimeoutError from None
            if isinstance(error, urllib3.exceptions.SSLError):
                raise FetchError(f"TLS: {error}") from None
            raise FetchError(f"connection failed: {error}") from None
        finally:
            pool.close()
        text, charset = decode(body, charset)
        return FetchedPage(
            url=url, status=response.status, content_type=kind, charset=charset, text=text,
            etag=response.headers.get("ETag", ""), last_modified=response.headers.get("Last-Modified", ""),
        )
    raise FetchError(f"too many redirects (more than {max_redirects})")
