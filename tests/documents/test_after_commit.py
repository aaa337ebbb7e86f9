"""Documents are numbered in the caller's transaction and rendered after it commits: no write lock is held while
WeasyPrint works, a rolled-back issue leaves no file, and a document whose rendering never happened (the process
died after the commit) is rendered, and its hashes recorded, on first download."""

import hashlib
import threading
from datetime import date
from unittest import mock

import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from sqjz.documents.models import Document, DocumentSequence
from sqjz.documents.services import FORMATS, document_file, document_issue, document_path
from sqjz.intake import paperwork as intake
from tests.world import build_world

DAY = date(2026, 11, 27)


def _write_from_another_connection(agency, year) -> str:
    """Write the issuing agency's number sequence from another thread's own connection, waiting at most 0.2 s for a
    lock; returns "" if the write went through, else the database's error."""
    outcome = []

    def write():
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 200")
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL lock_timeout = '200ms'")
                DocumentSequence.objects.filter(agency=agency, year=year).update(last=F("last"))
            outcome.append("")
        except Exception as error:
            outcome.append(str(error) or type(error).__name__)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(timeout=10)
    return outcome[0] if outcome else "timed out"


def _issue(world, **kwargs):
    agency = world.units["hongta_agency"]
    doc = intake.receipt(world.people["A"], DAY, ["刑事判决书"], agency.name, DAY)
    return document_issue(
        actor=world.users["county_officer"],
        kind=Document.Kind.RECEIPT,
        agency=agency,
        doc=doc,
        supervisee=world.people["A"],
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_no_write_lock_is_held_while_a_document_renders(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    world = build_world()
    agency = world.units["hongta_agency"]
    DocumentSequence.objects.create(agency=agency, year=DAY.year, last=7)  # a row the issue locks (PostgreSQL)
    seen = []

    def observed(render):
        def wrapper(doc):
            seen.append((connection.in_atomic_block, _write_from_another_connection(agency, DAY.year)))
            return render(doc)

        return wrapper

    with mock.patch.dict(FORMATS, {fmt: observed(render) for fmt, render in FORMATS.items()}):
        with transaction.atomic():  # as the areas' services call it: inside their own transaction
            document = _issue(world)
        document.refresh_from_db()
    assert seen == [(False, ""), (False, "")]  # both formats rendered, outside any transaction, others could write
    for fmt in FORMATS:
        data = document_path(document, fmt).read_bytes()
        assert hashlib.sha256(data).hexdigest() == getattr(document, f"{fmt}_sha256") != ""


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_issue_leaves_no_file(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    world = build_world()
    with pytest.raises(RuntimeError), transaction.atomic():
        document = _issue(world)
        raise RuntimeError("the caller's later step fails")
    assert not Document.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert not document_path(document, "pdf").exists()


@pytest.mark.django_db(transaction=True)
def test_a_document_never_rendered_is_rendered_and_its_hashes_recorded_on_first_download(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    world = build_world()
    with mock.patch("sqjz.documents.services.transaction.on_commit"):  # the process dies before rendering
        document = _issue(world)
    document.refresh_from_db()
    assert (document.docx_sha256, document.pdf_sha256) == ("", "")
    assert not document_path(document, "pdf").exists()
    pdf = document_file(document, "pdf")
    document.refresh_from_db()
    assert hashlib.sha256(pdf).hexdigest() == document.pdf_sha256
    assert document_path(document, "pdf").read_bytes() == pdf
    assert document_file(Document.objects.get(pk=document.pk), "pdf") == pdf  # served from the file, hash checked
    document_path(document, "pdf").write_bytes(b"tampered")
    assert document_file(Document.objects.get(pk=document.pk), "pdf") == pdf
