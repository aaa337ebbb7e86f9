"""Settings of the servers the crash drills start: the test settings (throwaway keys, data under SQJZ_DATA_DIR), but
with persistent connections and health checks as in production, so that the drills also prove the reconnection."""

from sqjz.settings_test import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
