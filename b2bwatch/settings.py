"""Settings, all from the environment.

The embedded default (no variables at all) is SQLite in the data folder, in-process tasks
and a local-memory cache, so `make run` needs nothing installed. `DATABASE_URL` switches
to PostgreSQL; `CELERY_BROKER_URL` or `REDIS_URL` switches to Redis as broker and cache,
with separate `celery worker` processes doing the work.
"""
import secrets
from pathlib import Path

import dj_database_url

from .env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("DATA_DIR", str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise keep a random one in the data folder.

    A fixed fallback key would be a known secret on every install; a fresh one per
    process would log everybody out on each restart.
    """
    key = envstr("SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",
    "django_celery_beat",
    "articles",
    "keywords",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "b2bwatch.urls"
WSGI_APPLICATION = "b2bwatch.wsgi.application"

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
                "keywords.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "b2bwatch.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Tasks and cache ------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = not envstr("CELERY_BROKER_URL", REDIS_URL)
# In-process tasks never touch a broker; "memory://" keeps kombu from looking for one.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One queue name per deployment (or per test run) so that workers never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "b2bwatch")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request without it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- The site's own settings ----------------------------------------------------------
# Where `make run` and `manage.py import --samples` find the sample documents.
SEEDS_DIR = Path(envstr("SEEDS_DIR", str(BASE_DIR.parent / "shared" / "seeds")))
# Largest input file accepted by any door (upload, import, fetch).
MAX_DOCUMENT_BYTES = envint("MAX_DOCUMENT_BYTES", 50 * 1024 * 1024)
# A parse that runs longer is stopped (a runaway PDF or a pathological text).
PARSE_TIME_LIMIT_SECONDS = envint("PARSE_TIME_LIMIT_SECONDS", 60)
# What one parse (or one article's analysis) may add to the worker's memory; over it, the
# document fails with a message instead of the worker being killed.
PARSE_MEMORY_LIMIT_MB = envint("PARSE_MEMORY_LIMIT_MB", 2048)
# Longer articles are cut at a paragraph end (with a warning on the document): this bounds
# analysis and every page, feed and API answer that carries an article's text.
MAX_ARTICLE_CHARS = envint("MAX_ARTICLE_CHARS", 200_000)
ARTICLES_PER_PAGE = envint("ARTICLES_PER_PAGE", 20)
# Public pages and feeds are cached this long at most; any content change invalidates them.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)

# The jieba-compatible engine that cuts Chinese text: "rjieba" (jieba-rs) or "jieba". Both
# use the same dictionary; after changing it, re-tag the corpus (any topic edit does).
SEGMENTER_ENGINE = envstr("SEGMENTER_ENGINE", "rjieba")

# --- Polling web sources -------------------------------------------------------------
FETCH_TIMEOUT_SECONDS = envint("FETCH_TIMEOUT_SECONDS", 20)
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_HOST_DELAY_SECONDS = envint("FETCH_HOST_DELAY_SECONDS", 5)
# A listed page whose fetch failed is tried again after this, then twice as long each time,
# and given up after so many tries (polls skip it meanwhile).
FETCH_ENTRY_RETRY_MINUTES = envint("FETCH_ENTRY_RETRY_MINUTES", 60)
FETCH_ENTRY_MAX_ATTEMPTS = envint("FETCH_ENTRY_MAX_ATTEMPTS", 5)
# No channel is polled more often than this, whatever an editor sets.
FETCH_MIN_INTERVAL_MINUTES = envint("FETCH_MIN_INTERVAL_MINUTES", 5)
# Only the tests turn this on: their fixture server listens on 127.0.0.1.
FETCH_ALLOW_LOOPBACK = envbool("FETCH_ALLOW_LOOPBACK", False)

# The one place the periodic schedule is defined; django-celery-beat copies it into the
# database, where editors can change it in the admin without a deploy.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "poll-due-web-sources": {
        "task": "articles.tasks.channels_poll_due",
        "schedule": float(envint("POLL_DUE_EVERY_SECONDS", 60)),
    },
}

# --- Security defaults for production -------------------------------------------------
# Behind HTTPS in production, set SECURE_COOKIES=1.
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
