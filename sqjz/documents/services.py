"""Issuing official documents: a gapless number, the rendered DOCX and PDF on disk, the content kept.

Callers build an `OfficialDocument` without a number; `document_issue` takes the next number of the
issuing agency for the year in the caller's transaction, renders both formats and stores them.
"""

import dataclasses
import hashlib
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
    """Number, render and store a document of `agency`; the number is only used if the transaction commits."""
    year = doc.issue_date.year
    serial = _next_serial(agency, year)
    doc = dataclasses.replace(doc, number=document_number(agency, year, serial))
    files = {fmt: render(doc) for fmt, render in FORMATS.items()}
    document = Document.objects.create(
        kind=kind,
        agency=agency,
        year=year,
        serial=serial,
        number=doc.number,
        title=doc.title,
        content=content_from(doc),
        docx_sha256=hashlib.sha256(files["docx"]).hexdigest(),
        pdf_sha256=hashlib.sha256(files["pdf"]).hexdigest(),
        supervisee=supervisee,
        investigation=investigation,
        issued_by=actor,
    )
    for fmt, data in files.items():
        path = document_path(document, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return document


class DocumentIntegrityError(Exception):
    pass


def document_file(document: Document, fmt: str) -> bytes:
    """The stored file; regenerated from the kept content if the file is missing. Either way its hash must
    match the one recorded at issue, so what is served is what was issued."""
    expected = document.docx_sha256 if fmt == "docx" else document.pdf_sha256
    path = document_path(document, fmt)
    data = path.read_bytes() if path.exists() else b""
    if hashlib.sha256(data).hexdigest() != expected:
        data = FORMATS[fmt](document_from(document.content))
        if hashlib.sha256(data).hexdigest() != expected:
            raise DocumentIntegrityError(f"{document.number} 的{fmt.upper()}文件与制作时的记录不一致")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data
