"""Lost-contact to-dos, all about the person (Scope.PEOPLE, subject = the supervisee):

- 失联查找（第N日）: the office searches while the case is open (社区矫正法第三十条 立即组织查找);
- 失联通报公安机关: the office notifies the police if it has not (LOST_CONTACT_POLICE_NOTICE_DUE);
- 失联对象已恢复联系，待结案: the office, once supervision or intake records contact after the case's last day of
  contact (a check-in, a follow-up that reached the person, the report-in); the search and the police notice are no
  longer asked for then. The officer closes the case with the outcome (the law needs their account of it);
- 失联：已达警告情形 and 失联：已达提请撤销或收监执行情形: the county agency, once the days (or its finding that a
  temporary-release person refuses to report) ground the measure (LOST_CONTACT_LEVEL), due the day the ground was
  reached; the labels name no figure (the figures are the statute's and may change). The measures app decides;
  these only tell the county agency that the ground exists.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register, shared
from sqjz.lostcontact.models import LostContact
from sqjz.lostcontact.selectors import (
    ground_reached_on,
    level_decision,
    police_notice_due,
    restored_contacts,
    with_outcome,
)
from sqjz.statute.registry import Context
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import ACTIVE_STATUSES

AREA = "lostcontact"
SEARCH, POLICE, WARNING, REVOCATION, RESTORED = (
    "lost_contact_search",
    "lost_contact_police",
    "lost_contact_warning",
    "lost_contact_revocation",
    "lost_contact_restored",
)


def _open_cases(ids: list[int] | None):
    cases = LostContact.objects.filter(
        people_q(ids, "supervisee_id"), state=LostContact.State.OPEN, supervisee__status__in=ACTIVE_STATUSES
    )
    return cases.select_related("supervisee__judicial_office").only(
        "id",
        "state",
        "since",
        "opened_on",
        "police_notified_on",
        "refused_to_report",
        "refused_found_on",
        "supervisee__id",
        "supervisee__name",
        "supervisee__correction_type",
        "supervisee__judicial_office__id",
        "supervisee__judicial_office__parent_id",
    )


def _cases_and_contacts(ids: list[int] | None):
    """The open cases and the contact restored since (read once per batch of the daily refresh: five duties)."""
    cases = list(_open_cases(ids))
    return cases, restored_contacts(cases)


def _due(kind: str):
    def compute(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
        cases, restored = shared(ids, "lostcontact.open_cases", lambda: _cases_and_contacts(ids))
        for case in cases:
            s, office = case.supervisee, case.supervisee.judicial_office
            contact = restored.get(s.pk)
            until = contact.day if contact is not None else today  # the days stop counting at the contact
            level = level_decision(ctx, case, s.correction_type, until)
            days = max(0, (until - case.since).days)
            if kind == RESTORED and contact is not None:
                label = f"{s.name}（{cn_date(contact.day)}{contact.label}）"
                yield Due(s.pk, label, with_outcome(level, contact.day), office.pk, office.pk, s.pk)
            elif kind in (SEARCH, POLICE) and contact is not None:
                continue  # contact restored: the office closes the case instead
            elif kind == SEARCH:
                yield Due(s.pk, f"{s.name}（第{days}日）", with_outcome(level, today), office.pk, office.pk, s.pk)
            elif kind == POLICE and case.police_notified_on is None:
                yield Due(s.pk, s.name, police_notice_due(ctx, case), office.pk, office.pk, s.pk)
            elif kind == WARNING and office.parent_id:
                reached = ground_reached_on(ctx, case, s.correction_type, "warning")
                if reached is not None and reached <= until:
                    due = with_outcome(level, reached)
                    yield Due(s.pk, f"{s.name}（第{days}日）", due, office.pk, office.parent_id, s.pk)
            elif kind == REVOCATION and office.parent_id and level.outcome in ("revocation", "committal"):
                reached = ground_reached_on(ctx, case, s.correction_type, level.outcome) or until
                due = with_outcome(level, min(reached, until))
                yield Due(s.pk, f"{s.name}（第{days}日）", due, office.pk, office.parent_id, s.pk)

    return compute


def _url(pk: int) -> str:
    return reverse("lostcontact:person", args=[pk])


register(Duty(SEARCH, "失联查找", AREA, Capability.SUPERVISEE_EDIT, Scope.PEOPLE, _due(SEARCH), _url))
register(Duty(POLICE, "失联通报公安机关", AREA, Capability.SUPERVISEE_EDIT, Scope.PEOPLE, _due(POLICE), _url))
register(
    Duty(
        RESTORED,
        "失联对象已恢复联系，待结案",
        AREA,
        Capability.SUPERVISEE_EDIT,
        Scope.PEOPLE,
        _due(RESTORED),
        _url,
    )
)
register(
    Duty(
        WARNING,
        "失联：已达警告情形",
        AREA,
        Capability.SUPERVISEE_EDIT,
        Scope.PEOPLE,
        _due(WARNING),
        _url,
    )
)
register(
    Duty(
        REVOCATION,
        "失联：已达提请撤销或收监执行情形",
        AREA,
        Capability.SUPERVISEE_EDIT,
        Scope.PEOPLE,
        _due(REVOCATION),
        _url,
    )
)
