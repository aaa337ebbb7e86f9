"""Settings for sqjz. Everything that differs between machines comes from the environment.

Required: SQJZ_SECRET_KEY, SQJZ_FIELD_KEYS, SQJZ_INDEX_KEY (scripts/demo.sh generates them for the demo).
Required too: SQJZ_AUDIT_KEY. Optional: SQJZ_AUDIT_ANCHOR_DIR (default: SQJZ_DATA_DIR/audit).
Optional: DATABASE_URL (default: SQLite under SQJZ_DATA_DIR), SQJZ_DEBUG, SQJZ_ALLOWED_HOSTS,
SQJZ_SESSION_MINUTES, SQJZ_LOGIN_FAILURE_LIMIT, SQJZ_LOCKOUT_MINUTES, SQJZ_ADDRESS_FAILURE_LIMIT,
SQJZ_SESSION_ABSOLUTE_HOURS, SQJZ_PHONE_SESSION_ABSOLUTE_HOURS, SQJZ_DEVICE_DAYS (decision 0022);
SQJZ_SECURE_COOKIES, SQJZ_SSL_REDIRECT, SQJZ_HSTS_SECONDS, SQJZ_HSTS_INCLUDE_SUBDOMAINS, SQJZ_HSTS_PRELOAD,
SQJZ_PROXY_SSL_HEADER (HTTPS; decision 0015); SQJZ_MONITORING_CONFIRM_FIXES, SQJZ_MONITORING_CONFIRM_MINUTES,
SQJZ_MONITORING_LOW_BATTERY, SQJZ_MONITORING_SILENCE_HOURS (electronic monitoring's alerts; decision 0028).
"""

import os
from pathlib import Path

import dj_database_url
from csp import constants as csp

from sqjz.core.env import env_bool, env_header, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# Files hold personal data (the SQLite database, photos, documents, backups): whatever the umask of the shell or
# service manager, every process of the system (manage.py, wsgi, asgi, the worker) creates them 0600, folders 0700.
os.umask(0o077)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_DIR = Path(env_str("SQJZ_DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = env_str("SQJZ_SECRET_KEY")
DEBUG = env_bool("SQJZ_DEBUG", False)
ALLOWED_HOSTS = env_list("SQJZ_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("SQJZ_CSRF_TRUSTED_ORIGINS")

# Field encryption (SM4-GCM) and blind index (HMAC-SM3): see docs/decisions/0004-encryption.md.
# SQJZ_FIELD_KEYS is "id:hex,id:hex" with 128-bit keys; the highest id encrypts, every id decrypts.
FIELD_KEYS = env_str("SQJZ_FIELD_KEYS")
INDEX_KEY = env_str("SQJZ_INDEX_KEY")
# The access log's keyed hash chain (HMAC-SM3, 256-bit hex key) and its signed checkpoints (decision 0013). The
# checkpoint directory belongs on another disk or host than the database (an append-only mount in production).
AUDIT_KEY = env_str("SQJZ_AUDIT_KEY")
AUDIT_ANCHOR_DIR = Path(env_str("SQJZ_AUDIT_ANCHOR_DIR", str(DATA_DIR / "audit")))

INSTALLED_APPS = [
    "sqjz.accounts.apps.SqjzAdminConfig",  # django.contrib.admin, checked by capability (decision 0012)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "ninja",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "sqjz.core",
    "sqjz.organisation",
    "sqjz.accounts",
    "sqjz.supervisees",
    "sqjz.audit",
    "sqjz.rulebook",
    "sqjz.figures",
    "sqjz.inbox",
    "sqjz.timeline",
    "sqjz.workbench",
    "sqjz.investigation",
    "sqjz.intake",
    "sqjz.documents",
    "sqjz.discharge",
    "sqjz.supervision",
    "sqjz.mobile",
    "sqjz.oversight",
    "sqjz.assessment",
    "sqjz.enforcement",
    "sqjz.lostcontact",
    "sqjz.safety",
    "sqjz.committee",
    "sqjz.proposals",
    "sqjz.education",
    "sqjz.assistance",
    "sqjz.mentoring",
    "sqjz.counselling",
    "sqjz.socialwork",
    "sqjz.staffing",
    "sqjz.placement",
    "sqjz.learning",
    "sqjz.command",
    "sqjz.exchange",
    "sqjz.outbox",
    "sqjz.statistics",
    "sqjz.appraisal",
    "sqjz.funding",
    "sqjz.publicity",
    "sqjz.leadership",
    "sqjz.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sqjz.core.outage.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sqjz.core.middleware.InputBoundaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sqjz.core.middleware.NoStoreMiddleware",
    "sqjz.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sqjz.accounts.middleware.SessionLifetimeMiddleware",
    "sqjz.mobile.middleware.DeviceSignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

FORM_RENDERER = "sqjz.core.forms.FormRenderer"
ROOT_URLCONF = "sqjz.urls"
WSGI_APPLICATION = "sqjz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sqjz" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sqjz.workbench.context_processors.shell",
                "sqjz.core.context_processors.cleared_drafts",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    # Seconds a request waits for SQLite's write lock before it answers 503 (sqjz/core/outage.py).
    busy = env_int("SQJZ_DB_BUSY_TIMEOUT", 20)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so two
            # writers queue instead of failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": busy,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                f"PRAGMA busy_timeout={busy * 1000};"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # A server that does not answer (restarting, unreachable) is given up on quickly: the request gets 503.
        config.setdefault("OPTIONS", {})["connect_timeout"] = env_int("SQJZ_DB_CONNECT_TIMEOUT", 3)
    return config


DATABASES = {"default": _database(env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sqjz.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {"NAME": "sqjz.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "sqjz.accounts.validators.CharacterClassValidator"},
]
LOGIN_FAILURE_LIMIT = env_int("SQJZ_LOGIN_FAILURE_LIMIT", 5)
LOCKOUT_MINUTES = env_int("SQJZ_LOCKOUT_MINUTES", 30)
# Wrong passwords from one client address, whatever the usernames, before it is refused for LOCKOUT_MINUTES (0012).
ADDRESS_FAILURE_LIMIT = env_int("SQJZ_ADDRESS_FAILURE_LIMIT", 20)

# Sessions end after this many idle minutes (sliding: activity renews the expiry). A session is written back at
# most once in SESSION_TOUCH_SECONDS (accounts.middleware.SessionLifetimeMiddleware), not on every request: a phone
# check-in or a page view does not pay for a session write, and the idle limit is exact to within those seconds.
SESSION_COOKIE_AGE = env_int("SQJZ_SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 300
# However active, a session ends this long after signing in (accounts.middleware.SessionLifetimeMiddleware, 0012).
SESSION_ABSOLUTE_HOURS = env_int("SQJZ_SESSION_ABSOLUTE_HOURS", 12)
PHONE_SESSION_ABSOLUTE_HOURS = env_int("SQJZ_PHONE_SESSION_ABSOLUTE_HOURS", 2)
# A supervisee's phone bound with "在本手机上保持登录" signs in by its device credential for this many days after
# binding, unless revoked first (accounts.models.DeviceCredential, decision 0022).
DEVICE_DAYS = env_int("SQJZ_DEVICE_DAYS", 180)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# HTTPS only outside the demo (decision 0015): `manage.py check --deploy --fail-level WARNING` passes with these
# defaults (tests/test_production_settings.py). scripts/demo.sh, plain http on 127.0.0.1, turns the first two off.
SESSION_COOKIE_SECURE = env_bool("SQJZ_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SQJZ_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe speaks plain http
SECURE_HSTS_SECONDS = env_int("SQJZ_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SQJZ_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SQJZ_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a request to browser makers to hard-code the domain, which an intranet host cannot make; the
    # operator of a public domain who has made it sets SQJZ_HSTS_PRELOAD=true.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Set only when the reverse proxy in front (and nothing else) sets this header, e.g. X-Forwarded-Proto: https.
if proxy_ssl_header := env_header("SQJZ_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header, "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp; decision 0015): scripts and styles only from our own static files, or inline
# with the response's nonce (`nonce="{{ request.csp_nonce }}"`; none is needed today). Images also as data: URLs
# (Bootstrap's icons) and blob: URLs (the phone's photo preview before upload).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:", "blob:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "form-action": [csp.SELF],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Dates on pages read 2026年11月28日 (sqjz/formats/zh_Hans/formats.py; decision 0011).
FORMAT_MODULE_PATH = ["sqjz.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
# The county boundaries (public data) are served as static files for the maps: {% static 'geo/yuxi_counties.geojson' %}.
STATICFILES_DIRS = [BASE_DIR / "sqjz" / "static", ("geo", BASE_DIR / "sqjz" / "organisation" / "data")]
# Files browsers ask for at the site root (favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "sqjz" / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # WeasyPrint narrates every rendering step at INFO; its warnings (e.g. a glyph no font has) still show.
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint": {"level": "WARNING"}},
}

# Background work: Django's task interface (the django-tasks backport) with its database backend; the worker is
# `manage.py task_worker` (started by `make demo`; a systemd service in production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Request size (decision 0016): a photo is at most 5 MB (sqjz/core/photos.py); a larger body is refused with 413
# before it is read (sqjz/core/middleware.py). The front web server should refuse earlier still (nginx
# `client_max_body_size 8m;`, README). Form fields beyond 2.5 MB are Django's RequestDataTooBig (400); an uploaded
# file beyond 2.5 MB is streamed to a temporary file rather than kept in memory.
MAX_REQUEST_BYTES = env_int("SQJZ_MAX_REQUEST_MB", 8) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Electronic monitoring's alerts (issue 13, decision 0028): how the devices' noise is told from a real event. Working
# thresholds of the devices and the offices, not legal figures (so not statute parameters). An exit from the home area
# or an entry into an exclusion zone is confirmed after MONITORING_CONFIRM_FIXES consecutive qualifying fixes or
# when qualifying fixes have run for MONITORING_CONFIRM_MINUTES; a battery below MONITORING_LOW_BATTERY percent is
# an alert; a device silent for MONITORING_SILENCE_HOURS hours is one.
MONITORING_CONFIRM_FIXES = env_int("SQJZ_MONITORING_CONFIRM_FIXES", 3)
MONITORING_CONFIRM_MINUTES = env_int("SQJZ_MONITORING_CONFIRM_MINUTES", 10)
MONITORING_LOW_BATTERY = env_int("SQJZ_MONITORING_LOW_BATTERY", 20)
MONITORING_SILENCE_HOURS = env_int("SQJZ_MONITORING_SILENCE_HOURS", 4)
