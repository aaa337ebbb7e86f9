"""Settings of the worker test's subprocesses: the test settings on a file-based SQLite database (DATABASE_URL) that
gives up on a lock after half a second instead of twenty, so that a lock held for a few seconds makes the worker meet
"database is locked"."""

from sqjz.settings_test import *  # noqa: F403

DATABASES["default"]["OPTIONS"]["timeout"] = 0.5  # noqa: F405
DATABASES["default"]["OPTIONS"]["init_command"] = DATABASES["default"]["OPTIONS"]["init_command"].replace(  # noqa: F405
    "busy_timeout=20000", "busy_timeout=500"
)
