"""Test settings: fixed throwaway keys and fast password hashing; everything else as in production."""

import os

os.environ.setdefault("SQJZ_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SQJZ_FIELD_KEYS", "1:000102030405060708090a0b0c0d0e0f")
os.environ.setdefault("SQJZ_INDEX_KEY", "101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f")
os.environ.setdefault("SQJZ_AUDIT_KEY", "303132333435363738393a3b3c3d3e3f303132333435363738393a3b3c3d3e3f")
# Each pytest-xdist worker has its own test database, so its own files too (documents and photos are named by id).
# The controller imports these settings first and its environment, SQJZ_DATA_DIR included, passes to the workers:
# a worker replaces the controller's folder with its own (two workers sharing one folder deleted each other's
# quarantined check-in uploads, whose names are the check-ins' ids). A folder set from outside is kept.
_TEST_DATA = os.path.join(os.path.dirname(__file__), "..", "data", "test")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER and os.environ.get("SQJZ_DATA_DIR", os.path.join(_TEST_DATA, "main")) == os.path.join(_TEST_DATA, "main"):
    os.environ["SQJZ_DATA_DIR"] = os.path.join(_TEST_DATA, _WORKER)
else:
    os.environ.setdefault("SQJZ_DATA_DIR", os.path.join(_TEST_DATA, "main"))
# The test client and the live server speak plain http (production's HTTPS settings: tests/test_production_settings.py).
os.environ.setdefault("SQJZ_SECURE_COOKIES", "false")
os.environ.setdefault("SQJZ_SSL_REDIRECT", "false")

from sqjz.settings import *  # noqa: E402, F403  (after the environment above)

os.makedirs(DATA_DIR, exist_ok=True)  # noqa: F405
# Live-server threads must not keep connections open, or the test database cannot be dropped afterwards.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Static files straight from the source folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
