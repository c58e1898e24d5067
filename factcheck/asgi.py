import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# Serving requests: settings bound each statement (DATABASE_STATEMENT_TIMEOUT), unlike commands.
os.environ.setdefault("FACTCHECK_WEB_PROCESS", "1")

application = get_asgi_application()
