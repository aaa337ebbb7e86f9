"""A task for the worker test: it marks that it started, waits until the test lets it finish, and returns."""

import time
from pathlib import Path

from django_tasks import task


@task()
def wait_for_go(folder: str) -> str:
    Path(folder, "started").touch()
    deadline = time.monotonic() + 30
    while not Path(folder, "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return "done"
