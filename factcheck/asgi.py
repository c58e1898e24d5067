"""The ASGI application: Django's HTTP, and the live desk's WebSockets (annotations/live).

`manage.py runserver` (daphne) serves both; in production gunicorn keeps serving HTTP
(factcheck.wsgi) and an ASGI server serves /ws/ (README "Deploy").
"""

import os

from django.core.asgi import get_asgi_application

from factcheck.collector import pace_for_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# Serving requests: settings bound each statement (DATABASE_STATEMENT_TIMEOUT), unlike commands.
os.environ.setdefault("FACTCHECK_WEB_PROCESS", "1")
pace_for_serving()

# Django first: the routes below import models.
django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from annotations.live.routing import websocket_application  # noqa: E402
from factcheck.charset_guard import guard_charset_asgi  # noqa: E402

application = ProtocolTypeRouter({
    "http": guard_charset_asgi(django_application),
    "websocket": websocket_application(),
})
