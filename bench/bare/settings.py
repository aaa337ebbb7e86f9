"""The bare baseline of bench/checkin_load.py: the smallest Django project that does a phone check-in's work
(session user, two numbers validated, photo file written, one row with an idempotency key inserted in one
transaction), with none of sqjz's code. The database is configured as sqjz configures it (sqjz/settings.py:
persistent connections; on SQLite WAL, IMMEDIATE transactions, synchronous=NORMAL), so that the two differ only
in the application. Environment: BARE_DATABASE_URL, BARE_DATA_DIR."""

import os
from pathlib import Path

import dj_database_url

DATA_DIR = Path(os.environ["BARE_DATA_DIR"])
SECRET_KEY = "bare-benchmark-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions", "bare"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "bare.urls"
WSGI_APPLICATION = "bare.wsgi.application"
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_AGE = 30 * 60

DATABASES = {
    "default": dj_database_url.parse(os.environ["BARE_DATABASE_URL"], conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
