"""When the facts open a lost-contact case by themselves (LOST_CONTACT_START), for the whole city in a few queries.

Each source yields a `Candidate` for every person whose facts ground lost contact today. The daily step
(lostcontact.daily) skips people with an open case and opens one case for each of the rest.

Sources today: missed app check-ins the office's follow-up did not reach (supervision's check-ins), and a person who
did not report in by the deadline and is being searched for (intake's no-show search). Electronic monitoring's
silence (a device that stops reporting) is the next source: when devices report positions, write a function like
`missed_checkins` over their last position days and add it to SOURCES.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from sqjz.intake.selectors import no_show_searches
from sqjz.lostcontact.models import Trigger
from sqjz.lostcontact.selectors import START_RULE
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.checkins.selectors import checkin_decisions, contact_facts


@dataclass(frozen=True)
class Candidate:
    supervisee_id: int
    trigger: str
    decision: Decision  # LOST_CONTACT_START; its outcome is the last day of contact


def missed_checkins(ctx: Context, today: date, exclude: set[int]) -> Iterator[Candidate]:
    """People whose missed check-ins the follow-up did not reach (or no follow-up reached within the follow-up days).
    Six queries, however many people."""
    decisions = checkin_decisions(ctx, Supervisee.objects.all(), today)
    missing = [(s, d) for s, d in decisions if d.outcome is not None and s.pk not in exclude]
    if not missing:
        return
    facts = contact_facts([s.pk for s, _ in missing], today)
    for s, checkin in missing:
        last_checkin, unreached = facts[s.pk]
        contact_days = [s.enrolled_on, s.settled_on, last_checkin]
        last_contact = min(max(d for d in contact_days if d is not None), today)
        decision = RULES[START_RULE](
            ctx,
            today=today,
            last_contact=last_contact,
            missed_periods=checkin.facts.get("missed", []),
            unreached_follow_ups=unreached,
        )
        if decision.outcome is not None:
            yield Candidate(s.pk, Trigger.CHECKINS, decision)


def no_shows(ctx: Context, today: date, exclude: set[int]) -> Iterator[Candidate]:
    """People who have not reported in and whose search the office started (intake's no-show search). One query."""
    for s in no_show_searches(exclude, today):
        due = RULES["REPORT_IN_DEADLINE"](
            ctx, correction_type=s.correction_type, effective_date=s.judgment_effective_date
        ).outcome.due
        decision = RULES[START_RULE](ctx, today=today, report_in_due=due)
        if decision.outcome is not None:
            yield Candidate(s.pk, Trigger.NO_SHOW, decision)


SOURCES: list[Callable[[Context, date, set[int]], Iterator[Candidate]]] = [missed_checkins, no_shows]
