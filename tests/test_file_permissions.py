"""The files the system writes hold personal data (the database, report-in and check-in photos, issued documents):
they are readable by the service's own account only (0600, folders 0700), whatever the umask of the shell or
service manager that started the process."""

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from sqjz.core.photos import photo_store
from sqjz.documents.models import Document
from sqjz.documents.services import FORMATS, document_issue, document_path
from sqjz.intake import paperwork as intake
from tests.factories import jpeg
from tests.world import build_world

ROOT = Path(settings.BASE_DIR)


def _private(path: Path, *, below: Path) -> list[str]:
    """What group or others may do to `path` and the folders between `below` and it (empty when nothing)."""
    found = []
    while path != below:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(below)} {mode:o}")
        path = path.parent
    return found


def test_a_stored_photo_and_its_folders_are_the_owners_only(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    photo_store("photos/checkins/2026/11/1.jpg", jpeg())
    assert _private(tmp_path / "photos/checkins/2026/11/1.jpg", below=tmp_path) == []


@pytest.mark.django_db(transaction=True)
def test_an_issued_document_and_its_folders_are_the_owners_only(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    world = build_world()
    agency = world.units["hongta_agency"]
    doc = intake.receipt(world.people["A"], date(2026, 11, 27), ["刑事判决书"], agency.name, date(2026, 11, 27))
    with transaction.atomic():
        document = document_issue(
            actor=world.users["county_officer"],
            kind=Document.Kind.RECEIPT,
            agency=agency,
            doc=doc,
            supervisee=world.people["A"],
        )
    for fmt in FORMATS:
        assert document_path(document, fmt).exists()
        assert _private(document_path(document, fmt), below=tmp_path) == []


# Each opens the database as the system does, writes, and stops without closing it, so the WAL files stay.
WRITE = "from django.db import connection as c; c.cursor().execute('CREATE TABLE t (x int)'); import os; os._exit(0)"
ENTRY_POINTS = {
    "manage.py": [sys.executable, "manage.py", "shell", "-c", WRITE],
    "wsgi": [sys.executable, "-c", f"import sqjz.wsgi; {WRITE}"],
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_new_sqlite_database_and_the_data_folder_are_the_owners_only(tmp_path, entry):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sqjz.settings_test",
        "SQJZ_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'sqjz.sqlite3'}",
    }
    subprocess.run(  # noqa: S603 (this interpreter, the test's own arguments)
        ENTRY_POINTS[entry],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        preexec_fn=lambda: os.umask(0o022),  # a usual shell's umask
    )
    files = sorted(data.glob("sqjz.sqlite3*"))
    assert [file.name for file in files] == ["sqjz.sqlite3", "sqjz.sqlite3-shm", "sqjz.sqlite3-wal"]
    assert [problem for file in files for problem in _private(file, below=tmp_path)] == []
