"""The test settings: every pytest-xdist worker writes its files (photos, documents, quarantined uploads) to a
folder of its own, as it has a database of its own. Shared, two workers' check-ins with the same id deleted each
other's quarantined uploads (a flaky test_checkin_photos until 2026-12-01)."""

import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.mark.skipif("PYTEST_XDIST_WORKER" not in os.environ, reason="only under pytest-xdist (the suite's default)")
def test_each_worker_has_its_own_data_folder():
    assert Path(settings.DATA_DIR).name == os.environ["PYTEST_XDIST_WORKER"]
    assert Path(os.environ["SQJZ_DATA_DIR"]).name == os.environ["PYTEST_XDIST_WORKER"]
