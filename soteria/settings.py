"""Django settings for Soteria.

Everything a deployment changes comes from environment variables:

- ``SOTERIA_DATA_DIR``: folder for the embedded databases (default ``./var``).
- ``SOTERIA_DATABASE_URL``: ``postgresql://user:pass@host:port/name`` to use PostgreSQL
  instead of the embedded SQLite file ``$SOTERIA_DATA_DIR/soteria.sqlite3``.
- ``SOTERIA_SECRET_KEY``, ``SOTERIA_DEBUG``, ``SOTERIA_ALLOWED_HOSTS``.
- ``SOTERIA_CACHE_DIR`` (a page cache shared by the worker processes of one machine) and
  ``SOTERIA_CACHE_ENTRIES``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SOTERIA_DATA_DIR", BASE_DIR / "var")).resolve()


def _secret_key() -> str:
    """Use the configured key, else one kept in the data folder (created once, mode 0600)."""
    configured = os.environ.get("SOTERIA_SECRET_KEY")
    if configured:
        return configured
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def _database(url: str | None) -> dict[str, object]:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "soteria.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"Unsupported SOTERIA_DATABASE_URL scheme: {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
    }


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SOTERIA_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("SOTERIA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "soteria.core",
    "soteria.audit",
    "soteria.organisations",
    "soteria.strategy",
    "soteria.web",
    "soteria.api",
    "soteria.warehouse",
    "soteria.indicators",
    "soteria.scorecards",
    "soteria.rounds",
    "soteria.interchange",
    "soteria.reviews",
    "soteria.experience",
    "soteria.practices",
    "soteria.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "soteria.web.middleware.GenerationScopeMiddleware",
    "soteria.web.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "soteria.web.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "soteria.urls"
WSGI_APPLICATION = "soteria.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "soteria.rounds.context.reminders",
            ],
        },
    },
    {
        # Row-heavy page fragments (scorecard tables): see soteria/web/jinja.py.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "soteria.web.jinja.environment"},
    },
]

DATABASES = {"default": _database(os.environ.get("SOTERIA_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("vi", _("Vietnamese")),
    ("fi", _("Finnish")),
    ("da", _("Danish")),
]
LOCALE_PATHS = [BASE_DIR / "soteria" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# The analytical warehouse (embedded DuckDB) and the pseudonymisation key. The key lives
# outside every database, in a file readable only by its owner; losing it means new
# imports can no longer be linked to earlier ones.
WAREHOUSE_PATH = Path(os.environ.get("SOTERIA_WAREHOUSE_PATH", DATA_DIR / "warehouse.duckdb"))
PSEUDONYM_KEY_PATH = Path(
    os.environ.get("SOTERIA_PSEUDONYM_KEY_PATH", DATA_DIR / "keys" / "pseudonym.key")
)
WAREHOUSE_MEMORY_LIMIT = os.environ.get("SOTERIA_WAREHOUSE_MEMORY_LIMIT", "512MB")
# Where indicators are computed: "duckdb" (embedded, reads the warehouse file) or "spark"
# (pyspark in local mode, reads a Parquet export of the warehouse).
INDICATOR_BACKEND = os.environ.get("SOTERIA_INDICATOR_BACKEND", "duckdb")
SPARK_MASTER = os.environ.get("SOTERIA_SPARK_MASTER", "local[2]")
QUARANTINE_DIR = Path(os.environ.get("SOTERIA_QUARANTINE_DIR", DATA_DIR / "quarantine"))
UPLOAD_DIR = Path(os.environ.get("SOTERIA_UPLOAD_DIR", DATA_DIR / "uploads"))

# Background work (imports, recomputation) goes through Django's tasks framework with a
# database-backed queue; `manage.py db_worker` runs it (scripts/demo starts one).
# Cache of the scorecard pages (keyed by the data generation: see docs/scorecards.md). By
# default a memory cache per process: a page body is 70–170 kB, 1,000 entries bound it to
# ~170 MB a process. With SOTERIA_CACHE_DIR, a folder on this machine that all worker
# processes share (Django's file-based cache): a page one worker rendered is found by the
# others, and the cache outlives restarts (stale entries are never read: see freshness.py).
_CACHE_ENTRIES = int(os.environ.get("SOTERIA_CACHE_ENTRIES", "1000"))
_CACHE_DIR = os.environ.get("SOTERIA_CACHE_DIR")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(_CACHE_DIR).resolve()),
            "OPTIONS": {"MAX_ENTRIES": _CACHE_ENTRIES},
        }
        if _CACHE_DIR
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": _CACHE_ENTRIES},
        }
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SOTERIA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads stream to a temporary file

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "soteria.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Soteria API",
    "DESCRIPTION": "Org units, memberships and strategies. Every call is checked against "
    "the caller's roles in the org-unit tree.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "VersionStatusEnum": "soteria.strategy.models.VersionStatus",
        "InitiativeStatusEnum": "soteria.strategy.models.InitiativeStatus",
        "MilestoneStatusEnum": "soteria.strategy.models.MilestoneStatus",
        "DeliverableStatusEnum": "soteria.strategy.models.DeliverableStatus",
        "RoleEnum": "soteria.organisations.models.Role",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
