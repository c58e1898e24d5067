"""Article addresses compared as one: a pure function, shared by the models, forms, API and ingest."""

from urllib.parse import urlsplit, urlunsplit


def normalize_url(url: str) -> str:
    """Return url with lower-case scheme and host, no fragment and no trailing slash on the path."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
