"""lvzhi settings: every knob is read from the environment, with safe laptop defaults.

Documented in README.md ("Settings"). `*_FILE` variants read a secret from a file.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/K8s secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value not in (None, "") else default


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("LVZHI_TESTING"):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in (env("ALLOWED_HOSTS") or "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in (env("CSRF_TRUSTED_ORIGINS") or "").split(",") if o.strip()
]

DATA_DIR = Path(env("DATA_DIR") or PROJECT_DIR / "data")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "lvzhi.core",
    "lvzhi.text",
    "lvzhi.activities",
    "lvzhi.problems",
    "lvzhi.proposals",
    "lvzhi.investment",
    "lvzhi.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lvzhi.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the failed sign-in that the views below reported.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lvzhi.urls"
WSGI_APPLICATION = "lvzhi.wsgi.application"

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
                "django.template.context_processors.i18n",
                "lvzhi.core.context_processors.shell",
            ],
        },
    },
]

# Forms render with the project's templates (TemplatesSetting); selects are written in
# Python (core.renderers), not by a template include per option.
FORM_RENDERER = "lvzhi.core.renderers.FormRenderer"

if not env("DATABASE_URL"):
    # The embedded database lives in the data folder; a fresh checkout has none yet.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'lvzhi.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # a covering index's extra columns (PostgreSQL's INCLUDE, for the proposal league) are
    # left out on SQLite: the index still serves, so the warning at every migrate says nothing
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One app server keeps its cache in memory; several share Redis for the cache and sessions
# (sessions then live in Redis with the database behind it, so a restart loses none).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lvzhi",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# `lvzhi serve`: gunicorn's listening address and worker count (default: 2 × cores + 1).
SERVE_BIND = env("BIND") or f"127.0.0.1:{env('PORT') or '8000'}"
SERVE_WORKERS = env_int("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
SERVE_TIMEOUT = env_int("GUNICORN_TIMEOUT", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sign-in lockout (django-axes), on the login page, the admin and the API token endpoint:
# after AXES_FAILURE_LIMIT failures for one account, or from one address, further tries are
# refused for AXES_COOLOFF_MINUTES; a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lvzhi.core.views.lockout.locked_out"
# The client address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT trusted proxies in front (nginx)
# the address they put in X-Forwarded-For; a client cannot forge its way out of a lockout.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE") or "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT") or DATA_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or DATA_DIR / "media")
# Uploads are handed out by the app after its visibility check; behind nginx set this to
# nginx's internal location for MEDIA_ROOT (e.g. "/protected-media/", see docs/deploy.md)
# and nginx sends the bytes (X-Accel-Redirect).
MEDIA_ACCEL_REDIRECT = env("MEDIA_ACCEL_REDIRECT") or ""
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: Excel imports and attachments are refused above this size (bytes).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
# An .xlsx is a zip: what it may unpack to, how densely a large part may be compressed,
# and how wide its first sheet may be, checked before any cell is read.
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 100)
# Processes that segment the search index text of a bulk write (1 = in the writing process).
TEXT_INDEX_PROCESSES = env_int("TEXT_INDEX_PROCESSES", min(os.cpu_count() or 1, 4))
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# Background jobs (imports, large exports): django-tasks with its database backend, so the
# queue lives in the same database (SQLite or PostgreSQL) and needs no other service; the
# worker is `lvzhi db_worker`. Job files (uploads waiting for the worker, exported workbooks,
# error workbooks) live outside MEDIA_ROOT: they are handed out only after a visibility check.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
JOB_FILES_DIR = Path(env("JOB_FILES_DIR") or DATA_DIR / "jobs")
# A running job's worker records a heartbeat this often (seconds); a running job without
# one for JOB_STALE_SECONDS lost its worker and is marked failed. On SQLite no heartbeat
# gets through while an import holds the write lock: keep the staleness above the longest
# import's save phase.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 30)
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 600)
# A list export above this many rows runs as a job; below it the file streams at once.
EXPORT_ASYNC_ROWS = env_int("EXPORT_ASYNC_ROWS", 5000)

# Attachments of any record (photos, documents): the largest accepted file (bytes).
# ACTIVITY_ATTACHMENT_MAX_BYTES is the name this setting had when only activities took files.
ATTACHMENT_MAX_BYTES = env_int(
    "ATTACHMENT_MAX_BYTES", env_int("ACTIVITY_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
)

# Duty activities: how far ahead an activity may be dated.
ACTIVITY_FUTURE_DAYS = env_int("ACTIVITY_FUTURE_DAYS", 366)
# Enterprise problems, in working days: "due soon" window, escalation to a leader (领导督办)
# after the deadline, and how long a unit may contest an assignment.
PROBLEMS_DUE_SOON_WORKDAYS = env_int("PROBLEMS_DUE_SOON_WORKDAYS", 2)
#: 社情民意: the longest report, in characters (one matter per report)
OPINION_MAX_CHARS = env_int("OPINION_MAX_CHARS", 1500)
PROBLEMS_ESCALATE_AFTER_WORKDAYS = env_int("PROBLEMS_ESCALATE_AFTER_WORKDAYS", 3)
PROBLEMS_RETURN_WITHIN_WORKDAYS = env_int("PROBLEMS_RETURN_WITHIN_WORKDAYS", 3)
# 招商: an open project without progress for this many days is stalled (停滞)
INVESTMENT_STALLED_AFTER_DAYS = env_int("INVESTMENT_STALLED_AFTER_DAYS", 30)
# a new lead is assessed within this many working days (the longer one from 5亿元 on)
INVESTMENT_ASSESS_WITHIN_WORKDAYS = env_int("INVESTMENT_ASSESS_WITHIN_WORKDAYS", 3)
INVESTMENT_ASSESS_LARGE_WORKDAYS = env_int("INVESTMENT_ASSESS_LARGE_WORKDAYS", 5)
INVESTMENT_LARGE_PROJECT_WAN = env_int("INVESTMENT_LARGE_PROJECT_WAN", 50_000)
# a signed project is due to start construction this many days after signing, unless the
# contract names its own date (履约率)
INVESTMENT_START_WITHIN_DAYS = env_int("INVESTMENT_START_WITHIN_DAYS", 180)
# still without progress this many working days after it was due: the leaders are told
INVESTMENT_ESCALATE_AFTER_WORKDAYS = env_int("INVESTMENT_ESCALATE_AFTER_WORKDAYS", 5)
# Proposals (提案), after the 政协提案工作条例 and a typical city 提案办理办法: the length
# of a proposal's text, co-signers' days to sign, a unit's days to object to an assignment,
# the months a 会办 unit's opinion and the 主办 reply may take, the longest extension and the
# cap, the days to meet the proposer (面商) and to rate the reply, what an unrated reply counts
# as, the reply classes (A-C or A-D), escalation after the reply deadline.
PROPOSALS_TEXT_MAX_CHARS = env_int("PROPOSALS_TEXT_MAX_CHARS", 3000)
PROPOSALS_SIGN_WITHIN_WORKDAYS = env_int("PROPOSALS_SIGN_WITHIN_WORKDAYS", 5)
PROPOSALS_OBJECT_WITHIN_WORKDAYS = env_int("PROPOSALS_OBJECT_WITHIN_WORKDAYS", 5)
PROPOSALS_CO_OPINION_MONTHS = env_int("PROPOSALS_CO_OPINION_MONTHS", 1)
PROPOSALS_REPLY_MONTHS = env_int("PROPOSALS_REPLY_MONTHS", 3)
PROPOSALS_EXTENSION_MAX_MONTHS = env_int("PROPOSALS_EXTENSION_MAX_MONTHS", 1)
PROPOSALS_EXTENSIONS_MAX = env_int("PROPOSALS_EXTENSIONS_MAX", 1)
PROPOSALS_CAP_MONTHS = env_int("PROPOSALS_CAP_MONTHS", 6)
PROPOSALS_MEET_WITHIN_WORKDAYS = env_int("PROPOSALS_MEET_WITHIN_WORKDAYS", 15)
PROPOSALS_RATE_WITHIN_WORKDAYS = env_int("PROPOSALS_RATE_WITHIN_WORKDAYS", 15)
PROPOSALS_UNRATED_COUNTS_AS = env("PROPOSALS_UNRATED_COUNTS_AS", "satisfied")
PROPOSALS_REPLY_CLASSES = env_int("PROPOSALS_REPLY_CLASSES", 3)
PROPOSALS_ESCALATE_AFTER_WORKDAYS = env_int("PROPOSALS_ESCALATE_AFTER_WORKDAYS", 5)
PROPOSALS_PUBLISH_ON_ACCEPT = env_bool("PROPOSALS_PUBLISH_ON_ACCEPT", True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["lvzhi.core.api.permissions.RecordPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "lvzhi.core.api.pagination.RecordPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lvzhi.core.api.exceptions.exception_handler",
    # Requests per client: by address when signed out, by account when signed in.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON") or "60/minute",
        "user": env("API_THROTTLE_USER") or "1200/minute",
    },
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0) or None,
}
# The most rows one API list page returns, whatever `limit` asks for.
API_MAX_LIMIT = env_int("API_MAX_LIMIT", 500)
# /api/schema/ and /api/docs/ without signing in (with DEBUG off they need a login).
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", DEBUG)
SPECTACULAR_SETTINGS = {
    "TITLE": "lvzhi API",
    "DESCRIPTION": "履职 — 产业振兴 · 委员行动. Every endpoint applies the same visibility "
    "and validation as the web interface.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # choice sets that share a field name with another one get their own enum name
    "ENUM_NAME_OVERRIDES": {
        "UptakeLevelEnum": "lvzhi.proposals.models.opinion.UptakeLevel.choices",
        "ProposalRatingEnum": "lvzhi.proposals.choices.proposal.Rating",
        "ProposalConvertToEnum": "lvzhi.proposals.choices.proposal.ConvertTo",
        "ProposalReplyClassEnum": "lvzhi.proposals.choices.proposal.ReplyClass",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

EMAIL_BACKEND = env("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL") or "lvzhi@localhost"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    # Load balancers probe /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: scripts only from this site — no inline script, no eval. Styles
# allow inline attributes (Bootstrap utilities, htmx's indicator style, ECharts' tooltips).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL") or "WARNING"},
}

# Search synonyms: files of word groups (one group a line) added to the shipped
# src/lvzhi/text/data/synonyms.txt; comma-separated paths.
TEXT_SYNONYMS = env("TEXT_SYNONYMS") or ""
