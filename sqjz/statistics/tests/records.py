"""A small world of records for the statistics tests: people of three offices in two counties (one a minor), their
intake, discharge and termination, measures, proposals, lost-contact searches, education, assistance and mentoring,
in and around November 2026. EXPECTED holds what each line must count for November, per office key."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.discharge.models import Discharge, Termination
from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance
from sqjz.enforcement.models import Measure
from sqjz.intake.models import Handover
from sqjz.lostcontact.models import LostContact
from sqjz.mentoring.models import Visit
from sqjz.proposals.models import Proposal
from sqjz.supervisees.models import Status
from sqjz.supervision.monitoring.models import ElectronicMonitoring
from sqjz.supervision.travel.models import TravelLeave
from tests.factories import SuperviseeFactory

START, END = date(2026, 11, 1), date(2026, 11, 30)
TODAY = date(2026, 12, 1)
TZ = ZoneInfo("Asia/Shanghai")

# What each line counts for November 2026, per office key (absent: zero).
EXPECTED = {
    "population": {"yuxing": 2, "fenghuang": 1, "xingyun": 1},
    "population_control": {},
    "population_probation": {"yuxing": 1, "fenghuang": 1},
    "population_parole": {"yuxing": 1},
    "population_temporary_release": {"xingyun": 1},
    "population_minors": {"yuxing": 1},
    "intake": {"yuxing": 1, "fenghuang": 1},
    "intake_minors": {"yuxing": 1},
    "discharged": {"fenghuang": 1},
    "terminated": {"fenghuang": 1},
    "terminated_death": {},
    "terminated_probation_revoked": {"fenghuang": 1},
    "terminated_parole_revoked": {},
    "terminated_committal": {},
    "measure_commendation": {"xingyun": 1},
    "measure_admonition": {},
    "measure_warning": {"yuxing": 1},
    "revocation_sent": {"fenghuang": 1},
    "revocation_granted": {"fenghuang": 1},
    "committal_sent": {"xingyun": 1},
    "committal_granted": {},
    "police_penalty_granted": {},
    "lost_contact_opened": {"yuxing": 1},
    "lost_contact_open": {"xingyun": 1},
    "travel_leaves_approved": {"yuxing": 1, "xingyun": 1},
    "monitoring_started": {"fenghuang": 1},
    "education_group_sessions": {"yuxing": 1},
    "education_group_attendances": {"yuxing": 1, "fenghuang": 1},
    "education_individual_sessions": {"xingyun": 1},
    "community_services": {"fenghuang": 1},
    "community_service_attendances": {"fenghuang": 1},
    "assistance_opened": {"yuxing": 1},
    "assistance_completed": {"yuxing": 1},
    "mentor_visits": {"xingyun": 1},
}


def _aware(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=TZ)


def build(w) -> dict:
    u, officer = w.units, w.users["office_officer"]
    court = u["hongta_court"]

    def person(office, reported=None, **fields):
        p = SuperviseeFactory(judicial_office=u[office], deciding_authority=court, **fields)
        if reported:
            Handover.objects.create(supervisee=p, reported_on=reported)

        return p

    p = {}
    p[1] = person("yuxing", date(2026, 6, 3), term_start=date(2026, 6, 1), term_end=date(2028, 6, 1))
    p[2] = person(  # a minor at the offence, reported in November
        "yuxing",
        date(2026, 11, 10),
        correction_type="parole",
        birth_date=date(2010, 3, 1),
        offence_date=date(2026, 1, 5),
        judgment_effective_date=date(2026, 11, 1),
        term_start=date(2026, 11, 8),
        term_end=date(2027, 11, 8),
    )
    p[3] = person(
        "fenghuang",
        date(2026, 11, 5),
        correction_type="control",
        status=Status.DISCHARGED,
        term_start=date(2026, 5, 20),
        term_end=date(2026, 11, 20),
    )
    Discharge.objects.create(
        supervisee=p[3],
        discharged_on=date(2026, 11, 20),
        resettlement_body="凤凰街道安置帮教工作站",
        handed_over_on=date(2026, 11, 20),
        decided_by=officer,
    )
    p[4] = person("fenghuang", date(2026, 1, 10), status=Status.TERMINATED, term_start=date(2026, 1, 8))
    Termination.objects.create(
        supervisee=p[4],
        cause=Termination.Cause.PROBATION_REVOKED,
        terminated_on=date(2026, 11, 15),
        basis="（2026）云0402刑更1号",
        decided_by=officer,
    )
    # No hand-over record: counted from the term's start.
    p[5] = person(
        "xingyun",
        correction_type="temporary_release",
        temporary_release_ground="serious_illness",
        term_start=date(2026, 3, 1),
        term_end=date(2027, 3, 1),
    )
    p[6] = person("xingyun", status=Status.PENDING_REPORT, term_start=date(2026, 11, 20))
    p[7] = person("xingyun", date(2026, 12, 1), term_start=date(2026, 11, 28))  # reported after November
    # Discharged without a discharge record: ended on the term's end, before November's last day.
    p[8] = person("yuxing", status=Status.DISCHARGED, term_start=date(2025, 11, 10), term_end=date(2026, 11, 10))
    p[9] = person("fenghuang", status=Status.DISCHARGED, term_start=date(2025, 12, 1), term_end=date(2026, 12, 1))
    Discharge.objects.create(
        supervisee=p[9],
        discharged_on=date(2026, 12, 1),
        resettlement_body="凤凰街道安置帮教工作站",
        handed_over_on=date(2026, 12, 1),
        decided_by=officer,
    )

    def measure(s, kind, status, decided_on=None):
        Measure.objects.create(
            supervisee=s,
            kind=kind,
            status=status,
            proposal="提请",
            proposed_by=officer,
            decided_on=decided_on,
        )

    measure(p[1], "warning", Measure.Status.APPROVED, date(2026, 11, 10))
    measure(p[1], "warning", Measure.Status.PROPOSED)
    measure(p[1], "warning", Measure.Status.REFUSED, date(2026, 11, 12))
    measure(p[5], "admonition", Measure.Status.APPROVED, date(2026, 10, 31))
    measure(p[5], "commendation", Measure.Status.APPROVED, date(2026, 11, 30))

    def proposal(s, kind, status, sent=None, decided=None):
        Proposal.objects.create(
            supervisee=s,
            kind=kind,
            status=status,
            addressee=court,
            statement="理由",
            drafted_by=officer,
            sent_at=_aware(sent) if sent else None,
            decided_on=decided,
        )

    proposal(p[4], "probation_revocation", Proposal.Status.GRANTED, date(2026, 11, 2), date(2026, 11, 14))
    proposal(p[5], "committal", Proposal.Status.SENT, date(2026, 11, 20))
    proposal(p[5], "committal", Proposal.Status.DRAFT)
    proposal(p[1], "police_penalty", Proposal.Status.GRANTED, date(2026, 10, 2), date(2026, 10, 14))

    LostContact.objects.create(
        supervisee=p[1],
        since=date(2026, 11, 3),
        trigger="checkins",
        opened_on=date(2026, 11, 5),
        state=LostContact.State.CLOSED,
        outcome="found",
        restored_on=date(2026, 11, 8),
        closed_at=_aware(date(2026, 11, 8)),
    )
    LostContact.objects.create(
        supervisee=p[5], since=date(2026, 10, 18), trigger="officer", opened_on=date(2026, 10, 20)
    )
    LostContact.objects.create(  # opened after November
        supervisee=p[7], since=date(2026, 12, 1), trigger="officer", opened_on=date(2026, 12, 1)
    )

    def session(office, kind, day):
        return EducationSession.objects.create(
            kind=kind,
            theme="legal",
            topic="《社区矫正法》解读",
            held_on=day,
            hours=2,
            place="会议室",
            teacher="张老师",
            office=u[office],
            recorded_by=officer,
        )

    group = session("yuxing", "group", date(2026, 11, 12))
    Attendance.objects.create(session=group, supervisee=p[1], present=True)
    Attendance.objects.create(session=group, supervisee=p[2], present=None)
    Attendance.objects.create(session=group, supervisee=p[3], present=True)
    session("yuxing", "group", date(2026, 10, 12))
    session("xingyun", "individual", date(2026, 11, 3))
    service = CommunityService.objects.create(
        title="社区环境整治",
        held_on=date(2026, 11, 21),
        hours=2,
        place="凤凰社区",
        capacity=10,
        office=u["fenghuang"],
        recorded_by=officer,
    )
    ServiceAttendance.objects.create(activity=service, supervisee=p[9], present=True)
    ServiceAttendance.objects.create(activity=service, supervisee=p[1], present=False)

    needs = NeedsAssessment.objects.create(
        supervisee=p[1],
        assessed_on=date(2026, 11, 4),
        work="unemployed",
        rule="R",
        articles="",
        reasons="",
        recorded_by=officer,
    )
    AssistanceCase.objects.create(
        supervisee=p[1],
        assessment=needs,
        kind="job_referral",
        body="hrss",
        status="completed",
        opened_on=date(2026, 11, 4),
        outcome_on=date(2026, 11, 25),
        opened_by=officer,
        handler=officer,
    )
    AssistanceCase.objects.create(
        supervisee=p[1],
        assessment=needs,
        kind="vocational_training",
        body="hrss",
        opened_on=date(2026, 10, 4),
        opened_by=officer,
        handler=officer,
    )
    Visit.objects.create(
        supervisee=p[5], mentor=w.users["mentor"], visited_on=date(2026, 11, 18), manner="home_visit", findings="良好"
    )

    def leave(s, status, decided):
        TravelLeave.objects.create(
            supervisee=s,
            purpose="family",
            reason="探亲",
            destination="昆明市",
            start=decided,
            days=3,
            applied_on=decided,
            evidence="证明",
            level="judicial_office",
            status=status,
            decided_by=officer,
            decided_at=_aware(decided),
            recorded_by=officer,
        )

    leave(p[1], TravelLeave.Status.APPROVED, date(2026, 11, 3))
    leave(p[5], TravelLeave.Status.RETURNED, date(2026, 11, 30))
    leave(p[5], TravelLeave.Status.REFUSED, date(2026, 11, 20))
    leave(p[1], TravelLeave.Status.APPROVED, date(2026, 10, 30))

    def monitoring(s, status, start):
        ElectronicMonitoring.objects.create(
            supervisee=s,
            grounds=[],
            facts="违反禁止令",
            start=start,
            months=3,
            end=date(2027, 3, 1),
            status=status,
            proposed_by=officer,
        )

    monitoring(p[9], ElectronicMonitoring.Status.ENDED, date(2026, 11, 2))
    monitoring(p[1], ElectronicMonitoring.Status.PROPOSED, date(2026, 11, 2))

    return p
