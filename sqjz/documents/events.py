"""Official documents on the timeline: each one issued for the person, with its number."""

from django.urls import reverse

from sqjz.documents.models import Document
from sqjz.timeline.registry import Event, at, kind, name, source

DOCUMENT = kind("document", "文书", 900)


@source
def document_events(s):
    for d in Document.objects.filter(supervisee=s).select_related("issued_by"):
        url = reverse("documents:download", args=[d.pk, "pdf"])
        yield Event(at(d.issued_at), DOCUMENT, f"制作{d.title}（{d.number}）", name(d.issued_by), url)
