import os

from django.core.wsgi import get_wsgi_application

from factcheck.collector import pace_for_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# Serving requests: settings bound each statement (DATABASE_STATEMENT_TIMEOUT), unlike commands.
os.environ.setdefault("FACTCHECK_WEB_PROCESS", "1")
pace_for_serving()

application = get_wsgi_application()

from factcheck.charset_guard import guard_charset  # noqa: E402  (needs the settings)

application = guard_charset(application)
