"""Settings, all from the environment.

The embedded default (no variables at all) is SQLite in the data folder, in-process tasks
and a local-memory cache, so `make run` needs nothing installed. `DATABASE_URL` switches
to PostgreSQL; `CELERY_BROKER_URL` or `REDIS_URL` switches to Redis as broker and cache,
with separate `celery worker` processes doing the work.
"""
import secrets
from datetime import timedelta
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
    "b2bwatch.admin_site.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",
    "django_celery_beat",
    "axes",
    "articles",
    "keywords",
]

MIDDLEWARE = [
    "b2bwatch.middleware.StripControlCharactersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "b2bwatch.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "b2bwatch.db_routing.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
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
    # Health checks: a connection kept across requests or tasks is tested before reuse, so a
    # PostgreSQL restart costs a reconnect, not an error in the next request or task.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "b2bwatch.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
# A read replica for the public pages (PostgreSQL streaming replication, or any copy that
# follows the primary): readers' GET requests read from it, everything else uses the primary
# (b2bwatch/db_routing.py). Unset, there is one database.
DATABASE_REPLICA_URL = envstr("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["b2bwatch.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Tasks and cache ------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = not envstr("CELERY_BROKER_URL", REDIS_URL)
# In-process tasks never touch a broker; "memory://" keeps kombu from looking for one.
# Celery still takes a producer from its pool for an eager task, and kombu warns "No
# hostname was supplied" for a URL without one: the in-memory transport is named a host.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", REDIS_URL) or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
# Without a worker, jobs (articles.jobs: re-tags, discoveries) run in one background thread
# of the web process, so an editor's save returns at once instead of waiting for them.
JOBS_IN_THREAD = envbool("JOBS_IN_THREAD", CELERY_TASK_ALWAYS_EAGER)
# A task's message is acknowledged when the task is done, and given back to the queue when
# its worker process dies under it (kill -9, out of memory): the work is redone, never lost.
# Tasks are idempotent, and attempts are counted (articles.recovery), so a poison input ends
# FAILED instead of killing workers forever. Time limits and the visibility timeout are in
# "Recovery" below.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One queue name per deployment (or per test run) so that workers never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "b2bwatch")

if REDIS_URL:
    # The cache only saves work: while Redis is down, pages are built from the database (see
    # b2bwatch/cache.py); short timeouts keep a hung Redis from stalling every request.
    CACHES = {
        "default": {
            "BACKEND": "b2bwatch.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
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
# Files browsers ask for at the site's root (/favicon.ico, /apple-touch-icon.png).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# The feed stylesheet under the type its <?xml-stylesheet?> instruction names.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json", ".xsl": "text/xsl"}

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

# --- Recovery: the database is the truth, the broker a messenger -------------------------
# A task running longer is stopped: a soft limit first (the task records why), then the
# process is killed. Parsing has its own, shorter limit: its reader's limit plus a margin.
TASK_TIME_LIMIT_SECONDS = envint("TASK_TIME_LIMIT_SECONDS", 300)
PARSE_TASK_TIME_LIMIT_SECONDS = envint("PARSE_TASK_TIME_LIMIT_SECONDS", PARSE_TIME_LIMIT_SECONDS + 60)
CELERY_TASK_TIME_LIMIT = TASK_TIME_LIMIT_SECONDS
CELERY_TASK_SOFT_TIME_LIMIT = max(1, TASK_TIME_LIMIT_SECONDS - 15)
# Redis gives a message taken by a worker that never acknowledged it (a worker killed as a
# whole) to another worker after this long. It must outlast the longest task, or a task
# still running would be handed out twice; kombu's default is one hour.
BROKER_VISIBILITY_TIMEOUT_SECONDS = envint(
    "BROKER_VISIBILITY_TIMEOUT_SECONDS", max(TASK_TIME_LIMIT_SECONDS, PARSE_TASK_TIME_LIMIT_SECONDS) + 60
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT_SECONDS,
    # Look for such messages every few seconds (kombu's default is every 100 s).
    "unacked_restore_interval": max(1, min(10, BROKER_VISIBILITY_TIMEOUT_SECONDS // 6)),
    "unacked_restore_throttle": 1,
    # An upload waits at most a few seconds for an unreachable broker (publishing retries thrice).
    "socket_connect_timeout": 2,
}
# The sweep (articles.recovery) queues again what the broker lost: documents received but
# not started after RECOVERY_RECEIVED_GRACE_SECONDS, documents still parsing past the parse
# task's time limit plus a margin, articles not analysed after RECOVERY_ANALYSIS_GRACE_SECONDS.
# After RECOVERY_MAX_ATTEMPTS starts that never finished, a document fails with a message.
RECOVERY_EVERY_SECONDS = envint("RECOVERY_EVERY_SECONDS", 60)
RECOVERY_RECEIVED_GRACE_SECONDS = envint("RECOVERY_RECEIVED_GRACE_SECONDS", 300)
RECOVERY_PARSING_GRACE_SECONDS = envint("RECOVERY_PARSING_GRACE_SECONDS", PARSE_TASK_TIME_LIMIT_SECONDS + 60)
RECOVERY_ANALYSIS_GRACE_SECONDS = envint("RECOVERY_ANALYSIS_GRACE_SECONDS", 600)
RECOVERY_MAX_ATTEMPTS = envint("RECOVERY_MAX_ATTEMPTS", 5)
# Chunks of a re-tag out at once: as many workers as this share one re-tag.
RETAG_PARALLEL_CHUNKS = envint("RETAG_PARALLEL_CHUNKS", 4)
# Export files (articles.exports) are deleted this many days after they were written.
EXPORT_KEEP_DAYS = envint("EXPORT_KEEP_DAYS", 7)
# A running job (articles.jobs) silent this long has lost its worker: no task outlives the
# hard time limit, and a job's step reports progress at least once per task.
RECOVERY_JOB_GRACE_SECONDS = envint("RECOVERY_JOB_GRACE_SECONDS", TASK_TIME_LIMIT_SECONDS + 60)
RECOVERY_BATCH = envint("RECOVERY_BATCH", 500)
# With this many tasks waiting, unanalysed articles are a backlog, not lost messages.
RECOVERY_BACKLOG = envint("RECOVERY_BACKLOG", 200)

# The one place the periodic schedule is defined; django-celery-beat copies it into the
# database, where superusers can change it in the admin without a deploy.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "poll-due-web-sources": {
        "task": "articles.tasks.channels_poll_due",
        "schedule": float(envint("POLL_DUE_EVERY_SECONDS", 60)),
    },
    "recover-lost-work": {
        "task": "articles.tasks.recovery_sweep",
        "schedule": float(RECOVERY_EVERY_SECONDS),
    },
    "expire-old-exports": {
        "task": "articles.tasks.exports_expire",
        "schedule": 3600.0,
    },
}

# --- Security -------------------------------------------------------------------------
# Declare HTTPS=1 when the site is served over HTTPS (SECURE_COOKIES=1, the older name,
# still works): cookies become Secure, plain HTTP is redirected, HSTS is sent, and
# `manage.py check --deploy` passes. Behind a TLS-terminating proxy, that proxy must set
# X-Forwarded-Proto (and drop any the client sent); PROXY_SSL_HEADER=0 turns trusting it off.
HTTPS = envbool("HTTPS", envbool("SECURE_COOKIES", False))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
if HTTPS and envbool("PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every response (b2bwatch.middleware.SecurityHeadersMiddleware). Scripts only from our
# own files: pages, the admin and /api/docs (Swagger UI served from static) have no inline
# script; chart data travel in <script type="application/json">, which never runs.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Admin logins are throttled (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair is locked for LOGIN_COOLOFF_MINUTES, even
# with the right password. Without a trusted proxy setting the address is REMOTE_ADDR.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/login_locked.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # In-process tasks log "Task … succeeded" at INFO for every article an import
        # analyses; failures (ERROR) still show. A worker logs through its own setup.
        **({"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {}),
    },
}
