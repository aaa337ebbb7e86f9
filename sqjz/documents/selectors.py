"""Reads of the case files' documents, under the jurisdiction of the record each belongs to."""

from django.db.models import QuerySet

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.documents.models import Document
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import investigation_q, jurisdiction_q
from sqjz.supervisees.selectors import search_q


def documents_for(user) -> QuerySet[Document]:
    visible = Document.objects.none()
    if has_capability(user, Capability.SUPERVISEE_VIEW):
        visible = Document.objects.filter(jurisdiction_q(user, prefix="supervisee__"), supervisee__isnull=False)
    if has_capability(user, Capability.INVESTIGATION_VIEW):
        visible = visible | Document.objects.filter(
            investigation_q(user, prefix="investigation__"), investigation__isnull=False
        )
    return visible


def document_ledger(user, *, kind: str = "", q: str = "") -> QuerySet[Document]:
    """The documents of people under correction the user may see, newest first: the procurator's copies (抄送)
    of every decision, proposal and notice. `kind` a Document.Kind value; `q` a name, initials or number."""
    documents = Document.objects.filter(jurisdiction_q(user, prefix="supervisee__"), supervisee__isnull=False)
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    if q.strip():
        documents = documents.filter(supervisee__in=Supervisee.objects.filter(search_q(q)).values("pk"))
    return documents.select_related("agency", "supervisee").order_by("-issued_at", "-id")
