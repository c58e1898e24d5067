"""gunicorn settings: an access log that redacts secrets as the JSON request log does.

Use with ``gunicorn factcheck.wsgi -c python:factcheck.gunicorn_conf ...``. gunicorn's own
access log writes the raw request line, so ``?token=...`` or ``?password=...`` would land in
the log in clear; this logger class writes the same line with those values redacted (by
factcheck.requestlog.redacted_query), and never writes credentials carried in headers.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from gunicorn.glogging import Logger

from factcheck.requestlog import redacted_query

# gunicorn settings (any module-level name gunicorn knows is applied).
accesslog = "-"
logger_class = "factcheck.gunicorn_conf.RedactingAccessLogger"

REDACTED = "[redacted]"
# Header and environ atoms ("%({name}i)s", "%({name}o)s", "%({name}e)s") that carry
# credentials or the raw query string.
SECRET_ATOM = re.compile(
    r"^\{(.*(authorization|cookie|token|key|secret|pass|session|csrf|signature).*"
    r"|query_string|raw_uri|request_uri)\}[ioe]$",
    re.I,
)


def redacted_target(target: str) -> str:
    """Return a request target or URL with the secret-looking query values redacted."""
    parts = urlsplit(target)
    if not parts.query:
        return target
    return urlunsplit(parts._replace(query=redacted_query(parts.query)))


class RedactingAccessLogger(Logger):
    """gunicorn's logger, whose access-log atoms never hold a secret of the request."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        query = environ.get("QUERY_STRING") or ""
        atoms["q"] = redacted_query(query) if query else ""
        atoms["r"] = "{} {} {}".format(
            environ.get("REQUEST_METHOD"), redacted_target(environ.get("RAW_URI") or ""),
            environ.get("SERVER_PROTOCOL"),
        )
        # A referring page's own address may carry a token in its query too.
        atoms["f"] = redacted_target(environ.get("HTTP_REFERER") or "-")
        for name in atoms:
            if SECRET_ATOM.match(name):
                atoms[name] = REDACTED
        return atoms
