"""One settings module, driven by the environment (see README "Configuration")."""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from chumchon.env import env_bool, env_int, env_str, read_or_create_secret
from chumchon.sqlite_library import MMAP_BYTES, use_bundled_sqlite

use_bundled_sqlite()

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CHUMCHON_DATA_DIR", str(BASE_DIR / "var"))).resolve()
TESTING = "pytest" in sys.modules or env_bool("CHUMCHON_TESTING")

DEBUG = env_bool("CHUMCHON_DEBUG", False)
DATA_DIR.mkdir(parents=True, exist_ok=True)
SECRET_KEY = env_str("CHUMCHON_SECRET_KEY") or read_or_create_secret(DATA_DIR / "secret_key")
BASE_URL = env_str("CHUMCHON_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h for h in env_str("CHUMCHON_ALLOWED_HOSTS").split(",") if h
]
_base_host = BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
if _base_host and _base_host not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_base_host)
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "chumchon.core",
    "chumchon.accounts",
    "chumchon.blogs",
    "chumchon.comments",
    "chumchon.follows",
    "chumchon.communities",
    "chumchon.search",
    "chumchon.experts",
    "chumchon.health",
    "chumchon.interop",
    "chumchon.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "chumchon.core.middleware.ThaiFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chumchon.urls"
WSGI_APPLICATION = "chumchon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chumchon.core.context_processors.site",
            ],
            "builtins": ["chumchon.core.templatetags.thai"],
        },
    }
]

# ---- database -------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "chumchon.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; FULL syncs every commit;
                # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of
                # failing half-way with "database is locked". Reads through a memory map
                # skip a system call and a copy per page (about 10 % less CPU a search
                # at 1M posts); the map covers up to 64 GB, or what the library allows
                # (2 GB for Debian's, see chumchon/sqlite_library.py).
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;"
                    f"PRAGMA mmap_size={MMAP_BYTES};"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Kept open between requests: a new connection starts with an empty page
            # cache, which costs searches of a large index about 15 %.
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- cache ----------------------------------------------------------------
_redis_url = env_str("REDIS_URL")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ---- background tasks ------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str(
            "CHUMCHON_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# ---- auth -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Member"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# ---- e-mail ---------------------------------------------------------------
EMAIL_BACKEND = env_str("CHUMCHON_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("CHUMCHON_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CHUMCHON_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("CHUMCHON_FROM_EMAIL", "chumchon <noreply@localhost>")

# ---- language and time ------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# ---- static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# ---- security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---- chumchon -----------------------------------------------------------------
CHUMCHON_PAGE_SIZE = env_int("CHUMCHON_PAGE_SIZE", 20)
# Decoded word bitmaps each server process keeps between searches (search/bits.py, Cache);
# 0 keeps none.
CHUMCHON_SEARCH_CACHE_MB = env_int("CHUMCHON_SEARCH_CACHE_MB", 128)
# Threads each server process keeps to run half of a search's long id-list statements on
# a second connection (search/beside.py); 0 runs every statement on the search's own.
CHUMCHON_SEARCH_THREADS = env_int("CHUMCHON_SEARCH_THREADS", 2)
SITE_NAME = "chumchon ชุมชน"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
