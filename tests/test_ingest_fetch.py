"""Safe fetching against a local server on 127.0.0.1; the guard's refusals decided without connecting."""

import gzip
import threading
import time

import pytest

from annotations.ingest import fetch
from tests.ingest_support import (
    NEWS_PAGE,
    PageServer,
    drip,
    fixed_resolver,
    loopback_resolver,
    slow,
)


@pytest.fixture
def server():
    with PageServer() as running:
        yield running


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.1",
    "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "::ffff:169.254.169.254", "2002:7f00:1::", "64:ff9b::a00:1", "2001:db8::1", "fe80::1%eth0",
    "not-an-address",
])
def test_the_guard_refuses_addresses_that_are_not_public(address):
    assert not fetch.is_public_address(address)
    with pytest.raises(fetch.AddressNotAllowed, match="this address is not allowed"):
        fetch.check_addresses("news.example", [address])


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111",
                                     "::ffff:93.184.216.34"])
def test_the_guard_lets_public_addresses_through(address):
    assert fetch.is_public_address(address)
    assert fetch.check_addresses("news.example", [address]) == [address]


def test_one_private_answer_among_public_ones_refuses_the_name():
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.check_addresses("news.example", ["93.184.216.34", "10.0.0.7"])


def test_allowed_hosts_let_named_hosts_and_addresses_through_on_their_ports():
    allowed = fetch.parse_allowed(" intranet.local , 10.0.0.7:8080,[::1]:8443, [0::2]")
    assert allowed == {("intranet.local", 80), ("intranet.local", 443), ("10.0.0.7", 8080),
                       ("::1", 8443), ("::2", 80), ("::2", 443)}
    assert fetch.check_addresses("Intranet.local", ["10.1.1.1"], allowed, port=443) == ["10.1.1.1"]
    assert fetch.check_addresses("wiki.example", ["10.0.0.7"], allowed, port=8080) == ["10.0.0.7"]
    assert fetch.check_addresses("[0:0::1]", ["::1"], allowed, port=8443) == ["::1"]


@pytest.mark.parametrize(("host", "address", "port"), [
    ("127.0.0.1", "127.0.0.1", 6379), ("127.0.0.1", "127.0.0.1", 5432),
    ("intranet.local", "10.1.1.1", 8080), ("wiki.example", "10.0.0.7", 80),
    ("wiki.example", "10.0.0.7", 22), ("::1", "::1", 6379),
])
def test_an_allowed_host_opens_only_the_ports_it_names(host, address, port):
    allowed = fetch.parse_allowed("127.0.0.1,intranet.local,10.0.0.7:8080,[::1]:8443")
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.check_addresses(host, [address], allowed, port=port)


@pytest.mark.parametrize("entry", ["10.0.0.7:", "10.0.0.7:http", "[::1]:70000", "[::1]x"])
def test_an_unreadable_allow_list_entry_is_refused(entry):
    with pytest.raises(ValueError, match="FACTCHECK_FETCH_ALLOWED_HOSTS"):
        fetch.parse_allowed(entry)


def test_an_allowed_address_without_the_servers_port_is_not_fetched(server):
    server.html("/story", NEWS_PAGE)
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.fetch(server.url("/story"), allowed="127.0.0.1")
    assert server.hits == []


def test_a_name_resolving_to_a_private_address_is_refused_before_any_connection():
    resolver = fixed_resolver({"internal.example": ["10.0.0.7"]})
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.fetch("http://internal.example/", resolver=resolver)


def test_fetches_a_page_with_its_charset(server):
    server.html("/story", NEWS_PAGE)

    page = fetch.fetch(server.url("/story"), allowed=server.allowed)

    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert "Financial Times" in page.text


def test_loopback_is_refused_unless_allowed(server):
    server.html("/story", NEWS_PAGE)
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.fetch(server.url("/story"))
    assert server.hits == []


def test_a_redirect_into_a_refused_address_is_not_followed(server):
    server.redirect("/go", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(fetch.AddressNotAllowed):
        fetch.fetch(server.url("/go"), allowed=server.allowed)
    assert server.hits == ["/go"]


def test_a_redirect_chain_is_followed_up_to_five_hops(server):
    for hop in range(5):
        server.redirect(f"/r{hop}", f"/r{hop + 1}")
    server.html("/r5", NEWS_PAGE)
    assert fetch.fetch(server.url("/r0"), allowed=server.allowed).url == server.url("/r5")

    server.redirect("/r5", "/r6")
    server.html("/r6", NEWS_PAGE)
    with pytest.raises(fetch.FetchError, match="too many redirects"):
        fetch.fetch(server.url("/r0"), allowed=server.allowed)


def test_a_redirect_loop_is_reported(server):
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(fetch.FetchError, match="redirect loop"):
        fetch.fetch(server.url("/a"), allowed=server.allowed)


@pytest.mark.parametrize("status", [300, 301, 302, 303, 304, 307, 308])
def test_a_redirect_without_a_location_is_an_error_not_the_page(server, status):
    server.routes["/moved"] = (status, {"Content-Type": "text/html"}, NEWS_PAGE.encode())
    with pytest.raises(fetch.FetchError, match=f"HTTP status {status} without a Location"):
        fetch.fetch(server.url("/moved"), allowed=server.allowed)


@pytest.mark.parametrize("status", [404, 500])
def test_an_error_status_is_reported(server, status):
    server.html("/broken", "<p>no</p>", status=status)
    with pytest.raises(fetch.FetchError, match=f"HTTP status {status}"):
        fetch.fetch(server.url("/broken"), allowed=server.allowed)


def test_a_slow_page_times_out(server):
    server.routes["/slow"] = slow(3)
    with pytest.raises(fetch.FetchError, match="timeout"):
        fetch.fetch(server.url("/slow"), allowed=server.allowed, total_seconds=0.5)


def test_an_oversized_page_is_refused(server):
    server.html("/big", "<p>" + "x" * 2000 + "</p>")
    with pytest.raises(fetch.FetchError, match="too large"):
        fetch.fetch(server.url("/big"), allowed=server.allowed, max_bytes=1000)


def test_a_compressed_page_is_limited_by_its_unpacked_size(server):
    body = gzip.compress(b"<p>" + b"x" * 50_000 + b"</p>")
    server.routes["/bomb"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body)
    with pytest.raises(fetch.FetchError, match="too large"):
        fetch.fetch(server.url("/bomb"), allowed=server.allowed, max_bytes=10_000)


def test_a_pdf_is_refused_naming_its_type(server):
    server.routes["/doc.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7")
    with pytest.raises(fetch.UnsupportedContentType, match="application/pdf"):
        fetch.fetch(server.url("/doc.pdf"), allowed=server.allowed)


def test_a_windows_1252_page_without_a_charset_header_is_decoded(server):
    text = "<html><body><p>Le café de l’Élysée « fermé » — €5 pour Zoë.</p></body></html>"
    server.routes["/cp"] = (200, {"Content-Type": "text/html"}, text.encode("cp1252"))

    page = fetch.fetch(server.url("/cp"), allowed=server.allowed)

    assert "Le café de l’Élysée « fermé » — €5 pour Zoë." in page.text


def test_the_meta_charset_is_read_when_the_header_has_none():
    body = '<meta charset="windows-1252"><p>Zoë</p>'.encode("cp1252")
    assert fetch.decode(body) == ('<meta charset="windows-1252"><p>Zoë</p>', "cp1252")


def test_only_http_and_https_are_fetched():
    for url in ("file:///etc/passwd", "ftp://news.example/", "gopher://x/", "/relative"):
        with pytest.raises(fetch.BadURL):
            fetch.fetch(url)


HOSTILE_CHARSETS = ["base64", "rot13", "rot-13", "undefined", "idna", "hex", "zlib", "bz2",
                    "uu", "quopri", "punycode", "unicode_escape", "raw_unicode_escape", "mbcs",
                    "bogus"]


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
def test_a_charset_that_is_no_text_encoding_falls_back_to_detection(label):
    body = f'<meta charset="{label}"><p>Le café de l’Élysée</p>'.encode()

    assert fetch.decode(body, label) == (body.decode(), "utf-8")
    assert fetch.decode(body) == (body.decode(), "utf-8")


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
def test_a_page_declaring_a_hostile_charset_is_fetched_as_detected(server, label):
    text = "<html><body><p>Le café de l’Élysée « fermé » — €5 pour Zoë.</p></body></html>"
    server.routes["/cp"] = (200, {"Content-Type": f"text/html; charset={label}"}, text.encode("cp1252"))

    page = fetch.fetch(server.url("/cp"), allowed=server.allowed)

    assert "Le café de l’Élysée « fermé » — €5 pour Zoë." in page.text


@pytest.mark.parametrize(("label", "codec"), [
    (" Latin1 ", "cp1252"), ("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"), ("sjis", "cp932"),
    ("gbk", "gb18030"), ("koi8-r", "koi8-r"), ("UTF8", "utf-8"), ("iso-8859-8-i", "iso8859-8"),
])
def test_whatwg_labels_name_the_encoding_browsers_use(label, codec):
    assert fetch.decode(b"<p>news</p>", label) == ("<p>news</p>", codec)


def test_a_meta_tag_declaring_utf_16_is_read_as_utf_8():
    body = '<meta charset="utf-16"><p>Zoë</p>'.encode()
    assert fetch.decode(body) == (body.decode(), "utf-8")


HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
# gzip magic, deflate, FNAME set: the name that follows never ends, so no byte decodes.
GZIP_HEADER = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03"
DRIPS = {
    "status line": drip(b"", b"HTTP/1.1 200 OK" * 100),
    "headers": drip(b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"a" * 1000),
    "chunk-size line": drip(HEADERS + b"Transfer-Encoding: chunked\r\n\r\n", b"0" * 1000),
    "chunk body": drip(HEADERS + b"Transfer-Encoding: chunked\r\n\r\n100000\r\n", b"<p>.</p>"),
    "gzip header": drip(HEADERS + b"Content-Encoding: gzip\r\nContent-Length: 100000\r\n\r\n",
                        GZIP_HEADER + b"n" * 1000),
    "gzip header, chunked": drip(
        HEADERS + b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n10000\r\n",
        GZIP_HEADER + b"n" * 1000,
    ),
}


@pytest.mark.parametrize("where", list(DRIPS))
def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(server, where):
    server.routes["/drip"] = DRIPS[where]
    started = time.monotonic()

    with pytest.raises(fetch.FetchError, match=r"timeout: the page took more than 0\.6 s"):
        fetch.fetch(server.url("/drip"), allowed=server.allowed, total_seconds=0.6)

    assert time.monotonic() - started < 0.6 + 0.4


def test_the_deadline_covers_every_redirect_hop(server):
    for hop in range(4):
        server.routes[f"/r{hop}"] = drip(b"HTTP/1.1 302 Found\r\nLocation: /r%d\r\n" % (hop + 1),
                                         b"X: 1\r\n", seconds=0.3)
    started = time.monotonic()

    with pytest.raises(fetch.FetchError, match="timeout"):
        fetch.fetch(server.url("/r0"), allowed=server.allowed, total_seconds=0.6)

    assert time.monotonic() - started < 0.6 + 0.4


def test_name_resolution_past_the_deadline_fails_at_the_deadline():
    release = threading.Event()

    def slow_resolver(host, port):
        release.wait(5)
        return ["93.184.216.34"]

    started = time.monotonic()
    try:
        with pytest.raises(fetch.FetchError, match=r"timeout: the page took more than 0\.5 s"):
            fetch.fetch("http://slow-dns.example/", resolver=slow_resolver, total_seconds=0.5)
        assert time.monotonic() - started < 0.5 + 0.3
    finally:
        release.set()


def test_a_resolver_failure_within_the_deadline_is_reported_as_it_was():
    with pytest.raises(fetch.FetchError, match="DNS: cannot resolve"):
        fetch.fetch("http://news.example/", resolver=loopback_resolver, total_seconds=0.5)
