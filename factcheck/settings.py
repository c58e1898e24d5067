"""Settings for Factcheck, read from the environment.

DATABASE_URL   postgres://... for PostgreSQL; unset -> SQLite file db.sqlite3 here.
SECRET_KEY     required unless DEBUG is on.
DEBUG          "1"/"true"/"yes" turns it on; off otherwise.
ALLOWED_HOSTS  comma separated; defaults to localhost names when DEBUG is on.
CSRF_TRUSTED_ORIGINS  comma separated origins (https://factcheck.example).
HASHED_STATIC  serve collectstatic's hashed files (default: on unless DEBUG).
BEHIND_TLS_PROXY  trust X-Forwarded-Proto from the proxy in front (default: off).
TIME_ZONE      the newsroom's zone (IANA name, e.g. America/New_York): the display zone of
               anyone who has not chosen one (default: UTC). Times are stored in UTC.
"""

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First: its runserver serves ASGI, so `manage.py runserver` serves the live desk too.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "channels",
    "annotations",
]

MIDDLEWARE = [
    # Reliability: request id + JSON access log outermost, then early refusals (size, outage).
    "factcheck.requestlog.RequestLogMiddleware",
    "factcheck.limits.RequestSizeLimitMiddleware",
    "factcheck.outage.DatabaseUnavailableMiddleware",
    "factcheck.dbdeadline.DatabaseDeadlineMiddleware",
    "factcheck.db_router.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware with the signed-in person's choice first: after the
    # sessions (which carry that choice), before CommonMiddleware.
    "annotations.displayzone.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "annotations.displayzone.middleware.DisplayZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "annotations.live.middleware.LiveClientMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "factcheck.middleware.ContentSecurityPolicyMiddleware",
    "factcheck.loginguard.TrustedDeviceMiddleware",
    # Login throttling (django-axes) last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "annotations.inbox.context_processors.inbox",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


# Server-side bound on one statement of a web request (seconds; 0: none), longer for the
# streaming exports; each database wait of a request is also cut client-side a little later.
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30"))
DATABASE_EXPORT_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_EXPORT_STATEMENT_TIMEOUT", "600"))
FACTCHECK_DB_CLIENT_DEADLINE_SECONDS = float(
    os.environ.get("DATABASE_CLIENT_DEADLINE", str((DATABASE_STATEMENT_TIMEOUT or 30) + 5))
)
# The readiness probe gives each of its database waits this long.
FACTCHECK_READYZ_DB_SECONDS = float(os.environ.get("FACTCHECK_READYZ_DB_SECONDS", "2"))
# factcheck/wsgi.py and asgi.py mark the serving processes; manage.py commands are not.
WEB_PROCESS = env_bool("FACTCHECK_WEB_PROCESS")


def postgresql_options(database: dict, *, web: bool = WEB_PROCESS) -> None:
    """Connection options for a PostgreSQL database (left alone on other engines)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    options = database.setdefault("OPTIONS", {})
    # An unreachable database must fail fast (503) rather than hang a worker.
    options["connect_timeout"] = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    # A database that stops answering without a reset (host gone, network cut): keepalives
    # find an idle connection dead in about 25 s, tcp_user_timeout drops one whose sent data
    # stays unacknowledged for DATABASE_TCP_USER_TIMEOUT seconds. A frozen server that still
    # acknowledges is bounded by the client-side deadline (factcheck/dbdeadline.py).
    options.update(
        keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3,
        tcp_user_timeout=int(float(os.environ.get("DATABASE_TCP_USER_TIMEOUT", "10")) * 1000),
    )
    if web and DATABASE_STATEMENT_TIMEOUT:
        # Web requests only: migrations and other commands may rightly run long statements.
        options["options"] = f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
    # Parameters bound by the server, and a statement prepared the fifth time a connection
    # runs it, so that PostgreSQL stops planning it anew (planning the one-statement annotation
    # write alone took 1 ms of a create). A pooler in transaction mode that cannot keep
    # prepared statements (PgBouncer before 1.21) needs DATABASE_PREPARED_STATEMENTS=0.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        options.update(server_side_binding=True, prepare_threshold=5)


postgresql_options(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serializes writers; waiting beats failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages (articles and claims carry their own). A person's choice comes
# first, then the language cookie the switcher sets, then Accept-Language, then LANGUAGE_CODE.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("pt-br", "Português (Brasil)"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats of our own per language (English: "22 October 2025"); Django's for the rest.
FORMAT_MODULE_PATH = ["factcheck.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("TIME_ZONE", "").strip() or "UTC"
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(f"TIME_ZONE={TIME_ZONE!r} is not an IANA time zone (e.g. Europe/Paris).")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves hashed, compressed files made by collectstatic; development and the
# test suite serve the source files as they are.
HASHED_STATIC = env_bool("HASHED_STATIC", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if HASHED_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not HASHED_STATIC

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Security: strict by default, relaxed only for local development.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Trust X-Forwarded-Proto only behind a proxy that sets it (and strips the client's).
    if env_bool("BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Largest request body accepted (article bodies included), in bytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FACTCHECK_MAX_BODY_BYTES", str(2 * 1024 * 1024)))
FACTCHECK_MAX_BODY_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
# POST /api/v1/annotations/bulk/ takes up to 10,000 annotations in one body: 10,000 items
# like the demo's with every field filled are 11.4 MB of JSON (UTF-8); twice that, rounded.
FACTCHECK_MAX_BULK_BODY_BYTES = int(os.environ.get("FACTCHECK_MAX_BULK_BODY_BYTES", str(24 * 1024 * 1024)))

# The organization that publishes the fact checks (ClaimReview author).
FACTCHECK_ORGANIZATION_NAME = os.environ.get("FACTCHECK_ORGANIZATION_NAME", "Factcheck")
FACTCHECK_ORGANIZATION_URL = os.environ.get("FACTCHECK_ORGANIZATION_URL", "https://factcheck.example")
# Where to report a vulnerability (an email address or an https URL), published at
# /.well-known/security.txt; unset, that file is 404 and SECURITY.md is the only guide.
FACTCHECK_SECURITY_CONTACT = os.environ.get("FACTCHECK_SECURITY_CONTACT", "")
# Absolute base URL used in exports when no request is at hand.
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "http://127.0.0.1:8000")
# Whole article texts are often not ours to republish: anonymous visitors see claim excerpts only.
FACTCHECK_PUBLIC_ARTICLES = env_bool("FACTCHECK_PUBLIC_ARTICLES")
# Hosts or addresses the article fetcher may reach although they are not public (intranets, tests),
# comma-separated: "host" allows ports 80 and 443 only, "host:port" that port, "[::1]:8080".
FACTCHECK_FETCH_ALLOWED_HOSTS = os.environ.get("FACTCHECK_FETCH_ALLOWED_HOSTS", "")
# The whole of one fetch (DNS, every redirect, the body) ends after this many seconds (502).
FACTCHECK_FETCH_SECONDS = float(os.environ.get("FACTCHECK_FETCH_SECONDS", "10"))
# Pages fetched at once per process and per user (counted in the shared cache); a fetch
# over either cap is refused at once (429). Keep the first below gunicorn's --threads.
FACTCHECK_FETCH_MAX_CONCURRENT = int(os.environ.get("FACTCHECK_FETCH_MAX_CONCURRENT", "2"))
FACTCHECK_FETCH_MAX_PER_USER = int(os.environ.get("FACTCHECK_FETCH_MAX_PER_USER", "2"))
# Known claims: the largest ClaimReview import body, and how often each process checks
# the stored index for changes made by other processes.
FACTCHECK_MAX_IMPORT_BYTES = int(os.environ.get("FACTCHECK_MAX_IMPORT_BYTES", str(64 * 1024 * 1024)))
FACTCHECK_MATCHING_REFRESH_SECONDS = float(os.environ.get("FACTCHECK_MATCHING_REFRESH_SECONDS", "1"))

# Background jobs (annotations/jobs): Celery workers take them from the broker; beat, run once
# per installation, starts the scheduled ones. No broker: each job runs in the process that
# started it, right after the commit (make run, the tests).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_IGNORE_RESULT = True  # the Job rows are the results
CELERY_TASK_ACKS_LATE = True  # a job's message is removed only once it ran: a killed worker loses none
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "factcheck")
# A message taken by a worker that died comes back to the queue after this long (Redis).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("FACTCHECK_JOBS_VISIBILITY_SECONDS", "3600")),
}
FACTCHECK_JOBS_MAX_ATTEMPTS = int(os.environ.get("FACTCHECK_JOBS_MAX_ATTEMPTS", "5"))
FACTCHECK_JOBS_RETRY_BASE_SECONDS = float(os.environ.get("FACTCHECK_JOBS_RETRY_BASE_SECONDS", "30"))
FACTCHECK_JOBS_RETRY_MAX_SECONDS = float(os.environ.get("FACTCHECK_JOBS_RETRY_MAX_SECONDS", "3600"))
# A running job renews its lease as it reports progress; one whose worker stopped is run again.
FACTCHECK_JOBS_LEASE_SECONDS = int(os.environ.get("FACTCHECK_JOBS_LEASE_SECONDS", "300"))
FACTCHECK_JOBS_SWEEP_GRACE_SECONDS = int(os.environ.get("FACTCHECK_JOBS_SWEEP_GRACE_SECONDS", "120"))
# Watching checked articles: how often the scheduler looks for due checks, the interval by
# the article's age ("up to 2 days old: hourly; up to 14 days: daily; then weekly"), and the
# politeness towards each site (one request at a time, at least this many seconds apart).
FACTCHECK_WATCH_TICK_SECONDS = float(os.environ.get("FACTCHECK_WATCH_TICK_SECONDS", "60"))
FACTCHECK_WATCH_SCHEDULE = os.environ.get("FACTCHECK_WATCH_SCHEDULE", "2d=1h,14d=1d,*=7d")
FACTCHECK_WATCH_HOST_DELAY_SECONDS = float(os.environ.get("FACTCHECK_WATCH_HOST_DELAY_SECONDS", "2"))
# Sites are split into partitions, one job each at a time; a job serves its sites on a few threads.
# As many partitions as worker processes (Celery starts one per core: 2 here) keeps every worker busy.
FACTCHECK_WATCH_PARTITIONS = int(os.environ.get("FACTCHECK_WATCH_PARTITIONS", "2"))
FACTCHECK_WATCH_THREADS = int(os.environ.get("FACTCHECK_WATCH_THREADS", "8"))
FACTCHECK_WATCH_BATCH = int(os.environ.get("FACTCHECK_WATCH_BATCH", "5000"))
# A followed ClaimReview feed is one large document: its whole fetch may take this long.
FACTCHECK_FEED_FETCH_SECONDS = float(os.environ.get("FACTCHECK_FEED_FETCH_SECONDS", "120"))
CELERY_BEAT_SCHEDULE = {
    "watch-due": {"task": "factcheck.watch.due", "schedule": FACTCHECK_WATCH_TICK_SECONDS},
    "feeds-due": {"task": "factcheck.feeds.due", "schedule": FACTCHECK_WATCH_TICK_SECONDS},
    "jobs-sweep": {"task": "factcheck.jobs.sweep", "schedule": 60.0},
    "known-claims-embed": {"task": "factcheck.known_claims.embed_due", "schedule": 60.0},
}

REST_FRAMEWORK = {
    # Token first: an anonymous request is then challenged with 401 and WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's Token header, with keys stored as digests (annotations.apikeys).
        "annotations.apikeys.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "annotations.api.errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON only, everywhere: the browsable API would be a second, script-heavy HTML surface
    # that the CSP forbids; people read the API through /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["annotations.api.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Articles, claim annotations, sources, and the verified claims export.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Row ids in /api/v1 paths (annotations.api.base.IdConverter) are integers.
    "PATH_CONVERTER_OVERRIDES": {"id": int},
    # Three vocabularies share the field name "kind": Source.kind and the known claims' two.
    "ENUM_NAME_OVERRIDES": {
        "KnownClaimKindEnum": ["verified", "external"],
        "SimilarKindEnum": ["all", "verified", "external"],
        "SourceKindEnum": "annotations.models.Source.Kind",
    },
}


# ---------------------------------------------------------------------------------------
# Reliability: health, outages, caches and sessions across servers, throttles, replica,
# request logs, security headers. (Kept in one block; see README "Deploy".)
# ---------------------------------------------------------------------------------------
# Shared cache: Redis when REDIS_URL is set (several servers); otherwise the database
# cache table (shared by every process on the same database; created by migration), or
# per-process local memory when FACTCHECK_CACHE=locmem (the test suite).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "factcheck")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A Redis that stops answering must not hang a worker either.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif os.environ.get("FACTCHECK_CACHE", "db") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "factcheck_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Read-only public reads (verified claims list, exports, W3C container) may come from a
# replica; writes, sessions, auth and anyone who has just written read the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    postgresql_options(DATABASES["replica"])
DATABASE_ROUTERS = ["factcheck.db_router.ReplicaRouter"]
FACTCHECK_REPLICA_PATHS = ["/api/v1/claims/", "/api/v1/w3c/"]
# After a write, the writer reads the primary for this long (read your own writes).
FACTCHECK_REPLICA_PIN_SECONDS = int(os.environ.get("FACTCHECK_REPLICA_PIN_SECONDS", "30"))
# After the replica refused a connection, its reads go to the primary for this long.
FACTCHECK_REPLICA_RETRY_SECONDS = int(os.environ.get("FACTCHECK_REPLICA_RETRY_SECONDS", "10"))

# Database outage: seconds a client is asked to wait before retrying a 503.
FACTCHECK_RETRY_AFTER_SECONDS = int(os.environ.get("FACTCHECK_RETRY_AFTER_SECONDS", "5"))

# Login throttling (factcheck/loginguard.py), counted in the shared cache: a (username,
# address) pair is refused after FACTCHECK_LOGIN_FAILURE_LIMIT failures, an address after
# FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT failures on any accounts, and an account, after
# FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT failures from all addresses together, only for
# browsers that have never logged in to it (a signed trusted-device cookie), so nobody can
# lock the owner out. An admin unlocks an account with the "Unlock login" user action (or
# manage.py axes_reset_username), an address with manage.py axes_reset_ip.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "annotations.permissionbackend.PermissionsAtOnceBackend",
]
AXES_HANDLER = "factcheck.loginguard.LoginGuardHandler"
AXES_CACHE = "default"
# For axes' own helpers and checks; the handler counts exactly these two and the account.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("FACTCHECK_LOGIN_FAILURE_LIMIT", "5"))
FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
FACTCHECK_LOGIN_TRUSTED_DEVICE_DAYS = int(os.environ.get("FACTCHECK_LOGIN_TRUSTED_DEVICE_DAYS", "90"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("FACTCHECK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # the cache handler stores nothing in axes' tables
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "factcheck.clientip.client_ip"
AXES_VERBOSE = False

# API throttles (anonymous by address, session users and token clients by user); rates
# are generous so that normal work never meets them.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "factcheck.throttling.AnonThrottle",
    "factcheck.throttling.UserThrottle",
    "factcheck.throttling.TokenThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("FACTCHECK_THROTTLE_ANON", "600/minute"),
    "user": os.environ.get("FACTCHECK_THROTTLE_USER", "3000/minute"),
    "token": os.environ.get("FACTCHECK_THROTTLE_TOKEN", "6000/minute"),
}
REST_FRAMEWORK["NUM_PROXIES"] = 1 if env_bool("BEHIND_TLS_PROXY") else 0

# Request size limits everywhere (on top of DATA_UPLOAD_MAX_MEMORY_SIZE above).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Security headers on every response (CSP in factcheck/middleware.py).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# One JSON line per request and per error (with its traceback) on standard error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "factcheck.requestlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Lockouts are warnings; axes' routine resets on each login are noise.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Live desk (annotations/live): open pages receive others' changes over WebSockets. Across
# several server processes the channel layer, the per-article event sequences, presence and
# soft locks live in Redis (LIVE_REDIS_URL, default REDIS_URL); without it, in the memory of
# the one process (`make run`). Redis down: pages keep working and say live updates are paused.
# FACTCHECK_LIVE=0: pages open no socket (a deployment without an ASGI server for /ws/).
FACTCHECK_LIVE = env_bool("FACTCHECK_LIVE", True)
LIVE_REDIS_URL = os.environ.get("LIVE_REDIS_URL", REDIS_URL)
LIVE_KEY_PREFIX = f"{CACHE_KEY_PREFIX}:live"
if LIVE_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # Reads block up to 5 s (BZPOPMIN): the socket timeout must exceed that.
                "hosts": [{"address": LIVE_REDIS_URL, "socket_connect_timeout": 2, "socket_timeout": 10}],
                "prefix": f"{LIVE_KEY_PREFIX}:asgi",
                "capacity": 500,
                "expiry": 60,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Events kept per article and audience for clients that reconnect; more missed: reload the state.
FACTCHECK_LIVE_BACKLOG = int(os.environ.get("FACTCHECK_LIVE_BACKLOG", "200"))
# How often a socket checks again who its user is (logged out, role taken away).
FACTCHECK_LIVE_RECHECK_SECONDS = float(os.environ.get("FACTCHECK_LIVE_RECHECK_SECONDS", "60"))
