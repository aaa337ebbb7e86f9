"""Issuing official documents: a gapless number, the rendered DOCX and PDF on disk, the content kept.

Callers build an `OfficialDocument` without a number; `document_issue` takes the next number of the
issuing agency for the year and stores the content in the caller's transaction. The files are rendered after
that transaction commits, so no write lock is held while WeasyPrint works and a rolled-back issue writes no
file; each file's SHA-256 is fixed when it is first rendered (docs/decisions/0014-documents-outside-the-lock.md).
"""

import dataclasses
import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sqjz.documents import rendering
from sqjz.documents.models import Document, DocumentSequence
from sqjz.organisation.models import Unit

BLOCK_TYPES = {
    cls.__name__: cls for cls in (rendering.Paragraph, rendering.Heading, rendering.Table, rendering.Signatures)
}
FORMATS = {"docx": rendering.render_docx, "pdf": rendering.render_pdf}


def document_code(agency: Unit) -> str:
    """The agency's part of a document number: 玉红司矫 for 红塔区 in 玉溪市, 玉司矫 for the city."""
    if agency.document_code:
        return agency.document_code
    city = agency.county.parent if agency.county_id else agency.division
    county = agency.county.name[0] if agency.county_id else ""
    return f"{city.name[0]}{county}司矫"


def document_number(agency: Unit, year: int, serial: int) -> str:
    return f"〔{year}〕{document_code(agency)}字第{serial}号"


def content_from(doc: rendering.OfficialDocument) -> dict:
    data = dataclasses.asdict(doc)
    data["issue_date"] = doc.issue_date.isoformat()
    data["blocks"] = [{"type": type(b).__name__, **dataclasses.asdict(b)} for b in doc.blocks]
    return data


def document_from(content: dict) -> rendering.OfficialDocument:
    blocks = []
    for block in content["blocks"]:
        fields = {k: v for k, v in block.items() if k != "type"}
        if block["type"] == "Table":
            fields["rows"] = tuple(tuple(row) for row in fields["rows"])
        if block["type"] == "Signatures":
            fields["lines"] = tuple(fields["lines"])
        blocks.append(BLOCK_TYPES[block["type"]](**fields))
    return rendering.OfficialDocument(
        **{
            **content,
            "blocks": tuple(blocks),
            "issue_date": date.fromisoformat(content["issue_date"]),
            "copy_to": tuple(content["copy_to"]),
        }
    )


def document_path(document: Document, fmt: str) -> Path:
    return (
        Path(settings.DATA_DIR)
        / "documents"
        / str(document.agency_id)
        / str(document.year)
        / f"{document.serial}.{fmt}"
    )


def _next_serial(agency: Unit, year: int) -> int:
    sequence, _ = DocumentSequence.objects.select_for_update().get_or_create(agency=agency, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


@transaction.atomic
def document_issue(
    *, actor, kind: str, agency: Unit, doc: rendering.OfficialDocument, supervisee=None, investigation=None
) -> Document:
    """Number and store a document of `agency`; the number is only used if the transaction commits. The DOCX and
    PDF are rendered after the commit (or, if that never happens, on first download)."""
    year = doc.issue_date.year
    serial = _next_serial(agency, year)
    doc = dataclasses.replace(doc, number=document_number(agency, year, serial))
    document = Document.objects.create(
        kind=kind,
        agency=agency,
        year=year,
        serial=serial,
        number=doc.number,
        title=doc.title,
        content=content_from(doc),
        supervisee=supervisee,
        investigation=investigation,
        issued_by=actor,
    )
    # robust: the issue has committed; a rendering failure is logged and retried on download, not shown as a 500.
    transaction.on_commit(lambda: document_render(document), robust=True)
    return document


def document_render(document: Document) -> None:
    """Render and store both files of an issued document and record their hashes (outside any transaction)."""
    for fmt in FORMATS:
        document_file(document, fmt)


class DocumentIntegrityError(Exception):
    pass


def document_file(document: Document, fmt: str) -> bytes:
    """The stored file, served only if its hash is the one recorded. A missing or damaged file is regenerated from
    the kept content and must give the recorded hash; a document never rendered (the process stopped between the
    commit and the rendering) is rendered now and its hash recorded, so what is served is what was issued."""
    field = f"{fmt}_sha256"
    expected = getattr(document, field)
    path = document_path(document, fmt)
    if expected and path.exists():
        data = path.read_bytes()
        if _sha256(data) == expected:
            return data
    data = FORMATS[fmt](document_from(document.content))
    if not expected:
        expected = _hash_record(document, field, _sha256(data))
    if _sha256(data) != expected:
        raise DocumentIntegrityError(f"{document.number} 的{fmt.upper()}文件与制作时的记录不一致")
    _write(path, data)
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hash_record(document: Document, field: str, digest: str) -> str:
    """Fix a file's hash when it is first rendered: a one-statement write that only fills an empty hash, so the
    first rendering wins and a later one (another download at the same moment) is checked against it."""
    Document.objects.filter(pk=document.pk, **{field: ""}).update(**{field: digest})
    recorded = Document.objects.values_list(field, flat=True).get(pk=document.pk)
    setattr(document, field, recorded)
    return recorded


def _write(path: Path, data: bytes) -> None:
    """Write the file whole or not at all (a temporary file renamed into place), readable by the owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # created 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
