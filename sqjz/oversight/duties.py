"""Oversight's to-do: the office or agency a correction opinion or recommendation is addressed to replies in
writing by OPINION_REPLY_DUE (the set date; seven days for an oral opinion)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.oversight.models import CorrectionOpinion
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.permissions import opinion_q

AREA = "oversight"


def reply_due(ctx: Context, *, kind: str, issued_on: date, reply_by: date | None) -> Decision:
    """When the written reply is due: on the opinion's page and in the inbox."""
    return RULES["OPINION_REPLY_DUE"](ctx, kind=kind, issued_on=issued_on, reply_by=reply_by)


def _awaiting_reply(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    opinions = CorrectionOpinion.objects.filter(status=CorrectionOpinion.Status.AWAITING_REPLY)
    opinions = opinions if ids is None else opinions.filter(pk__in=ids)
    for o in opinions.only("id", "kind", "matter", "issued_on", "reply_by", "addressed_to_id"):
        decision = reply_due(ctx, kind=o.kind, issued_on=o.issued_on, reply_by=o.reply_by)
        label = f"{o.get_kind_display()}：{o.get_matter_display()}"
        yield Due(o.id, label, decision, o.addressed_to_id, o.addressed_to_id)


register(
    Duty(
        kind="opinion_reply",
        label="回复检察监督意见",
        area=AREA,
        capability=Capability.OVERSIGHT_REPLY,
        scope=Scope.RECORDS,
        compute=_awaiting_reply,
        url=lambda pk: reverse("oversight:detail", args=[pk]),
        watch=lambda user: Q(subject_id__in=CorrectionOpinion.objects.filter(opinion_q(user)).values("pk")),
    )
)
