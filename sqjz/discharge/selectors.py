"""Reads of discharge and termination for other areas (e.g. lost contact closing a case when the correction ends)."""

from dataclasses import dataclass
from datetime import date

from sqjz.discharge.models import Discharge, Termination


@dataclass(frozen=True)
class CorrectionEnd:
    """The day the person's correction ended and how, in the officer's words (e.g. "解除矫正（矫正期满）")."""

    ended_on: date
    label: str


def correction_ends(ids: list[int]) -> dict[int, CorrectionEnd]:
    """For each of the people whose discharge or termination is recorded: the day and the way it ended. People
    without such a record (e.g. closed before the system) are absent. Two queries, however many people."""
    ends = {
        d.supervisee_id: CorrectionEnd(d.discharged_on, f"解除矫正（{d.get_cause_display()}）")
        for d in Discharge.objects.filter(supervisee_id__in=ids).only("supervisee_id", "discharged_on", "cause")
    }
    for t in Termination.objects.filter(supervisee_id__in=ids).only("supervisee_id", "terminated_on", "cause"):
        ends[t.supervisee_id] = CorrectionEnd(t.terminated_on, f"终止矫正（{t.get_cause_display()}）")
    return ends


def discharges_between(start: date, end: date, county_ids: list[int]) -> list[tuple[int, int, date]]:
    """For the recidivism rates (OUT-1): the people of the counties discharged (解除矫正, not terminated) within
    [start, end], as (person's id, county id, discharge day). One query."""
    return list(
        Discharge.objects.filter(
            discharged_on__gte=start, discharged_on__lte=end, supervisee__county_id__in=county_ids
        ).values_list("supervisee_id", "supervisee__county_id", "discharged_on")
    )
