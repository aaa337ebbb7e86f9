"""People for the browser journeys, made through the services as the earlier paperwork would have made them."""

from datetime import timedelta

from django.utils import timezone

from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import assessment_periods
from sqjz.assessment.services import assessment_record
from sqjz.intake.models import LevelDecision
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import add_months
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.models import AppEnrolment
from tests.factories import SuperviseeFactory


def graded_probationer(world, name: str, grades: tuple[str, ...]) -> Supervisee:
    """A probationer of 玉兴 sentenced by the 红塔区 court, 300 days into a two-year term, on 普管 since the intake
    period ended, checking in by phone, with one quarterly assessment per grade in `grades` (oldest first, one for
    every quarter that has ended)."""
    today = timezone.localdate()
    start = today - timedelta(days=300)
    s = SuperviseeFactory(
        name=name,
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        judgment_effective_date=start,
        term_start=start,
        term_end=start + timedelta(days=729),
    )
    office = world.users["office_officer"]
    for day, level in ((start, "strict"), (add_months(start, 2), "ordinary")):
        LevelDecision.objects.create(
            supervisee=s,
            level=level,
            effective_from=day,
            rule="SUPERVISION_LEVEL",
            articles="",
            reasons="",
            decided_by=office,
        )
    AppEnrolment.objects.create(supervisee=s, enrolled_on=today - timedelta(days=5), enrolled_by=office)
    periods = assessment_periods(statute_context(), term_start=start, term_end=s.term_end, until=today)
    for period, grade in zip(periods, grades, strict=True):
        assessment_record(
            actor=office,
            supervisee=s,
            assessment=QuarterlyAssessment(
                period_end=period.end,
                grade=grade,
                law_abiding="守法。" if grade != "fail" else "多次违反报告规定。",
                compliance="服从。" if grade != "fail" else "不服从管理。",
                education="参加。",
                community_service="参加。",
                assessed_on=period.end,
            ),
        )
    return s
