"""Every URL that accepts POST, for every role (anonymous included), with a valid form: the data a user allowed to
make the change submits successfully. Allowed roles succeed and the record changes as the service says; every other
role is refused (403 without the capability, 404 outside the jurisdiction, the login page or 401 when signed out)
and nothing is written: no row in any table changes (the session table aside) and no file appears. A refusal of a
valid form with 400 (or a page shown again) counts only where the reason is an access rule, and the test names it:
the approval level of a leave, the offices and agencies a user may choose in a form.

The URLs that accept POST are found from the URL conf (a view restricted to POST, a class-based view with `post`,
an API operation for POST, or a view whose code reads the request's body), so that a new one without an entry in
WRITES fails the suite. Each (URL, role) case starts from the same world (tests/world.py with `add_records`), built
once for the module; a savepoint per case rolls back what the case did.
"""

import ast
import inspect
import os
import re
import sys
import textwrap
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import import_module
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pyotp
import pytest
import time_machine
from django import forms
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from sqjz.accounts.models import AccountUnlock, DeviceCredential, User
from sqjz.accounts.services import device_enrol
from sqjz.appraisal.models import IndicatorWeight as AppraisalWeight
from sqjz.appraisal.models import ProvincialFigure, ReOffence
from sqjz.assessment import services as assessment_services
from sqjz.assessment.models import CommunityRating, QuarterlyAssessment
from sqjz.assessment.selectors import period_to_assess
from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.committee import services as committee
from sqjz.committee.models import Attendance, CommitteeMember, Matter, Meeting
from sqjz.counselling.models import Assessment as PsychAssessment
from sqjz.counselling.models import CrisisCase
from sqjz.counselling.models import Session as CounsellingSession
from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.discharge.services import evaluation_save
from sqjz.documents.models import Document
from sqjz.documents.services import FORMATS
from sqjz.education.models import Attendance as EducationAttendance
from sqjz.education.models import (
    CommunityService,
    EducationSession,
    PersonalReport,
    ServiceAttendance,
    ServiceHelper,
)
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.exchange import services as exchange_services
from sqjz.exchange.models import DetentionNotice, PartnerCredential
from sqjz.funding.models import LedgerEntry
from sqjz.inbox import services as inbox
from sqjz.intake import services as intake
from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, TeamMember
from sqjz.investigation import services as investigation
from sqjz.investigation.models import Interview, Investigation
from sqjz.leadership.models import FollowUpTask
from sqjz.leadership.models import Meeting as LeadingMeeting
from sqjz.learning.models import Assignment as CourseAssignment
from sqjz.learning.models import CountyLearningRule, Course
from sqjz.lostcontact.models import LostContact, SearchAttempt
from sqjz.mentoring.models import ChangeReport
from sqjz.mentoring.models import Trigger as MentoringTrigger
from sqjz.mentoring.models import Visit as MentoringVisit
from sqjz.outbox.models import Delivery, PartnerEndpoint
from sqjz.oversight.models import CorrectionOpinion
from sqjz.placement.models import Enterprise, Offer, OfferMatch, Placement, PlacementBase
from sqjz.proposals.models import Proposal
from sqjz.publicity.models import Post
from sqjz.rulebook.selectors import statute_context
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.socialwork.models import ContractEvaluation, HelpRecord, PaymentMilestone, ServiceContract
from sqjz.staffing.models import VillageSpecialist
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS
from sqjz.supervisees.forms import SuperviseeForm
from sqjz.supervisees.models import (
    CaseAssignment,
    CorrectionType,
    ProhibitionOrder,
    RegistrationConflict,
    Status,
    Supervisee,
)
from sqjz.supervision.medical.models import HealthReport
from sqjz.supervision.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    CheckInReminder,
    ElectronicMonitoring,
    FrequentTravelPermit,
    FrequentTravelTrip,
    Geofence,
    MedicalExamination,
    MonitoringAlert,
    MonitoringDevice,
    MonitoringExtension,
    MonitoringGateway,
    ResidenceTransfer,
    SpecialPlaceEntry,
    SpotCheck,
    TravelLeave,
)
from sqjz.supervision.monitoring.services import device_assign, monitoring_decide
from sqjz.supervision.travel.services import permit_decide, travel_decide
from tests.factories import PASSWORD, InvestigationFactory, SuperviseeFactory, jpeg, resident_id
from tests.test_access_matrix import ADMINISTRATIVE, ANON, EVERYONE, PERSONAS, REGISTER_READERS, VISIBLE_A, _named_urls
from tests.world import World, add_records, add_transfer, build_world

# A Wednesday morning, no holiday near: every date below is relative to it.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
SESSIONS = "django_session"  # requests write the session back now and then (SESSION_TOUCH_SECONDS); not a record

EDITORS = {"office_officer", "other_office_officer", "county_officer", "county_head", "other_county_officer"}
EDIT_A = {"office_officer", "county_officer", "county_head"}  # the office of A and its county agency
CASE_CLOSERS = {"county_officer", "county_head", "other_county_officer"}
TRAVEL_DECIDERS = EDITORS | {"city_officer"}
COMMITTEE_KEEPERS = {"county_head", "city_officer"}
COMMITTEE_RUNNERS = {"county_officer", "county_head"}  # the 红塔区 committee's secretary and the agency's head
# Who may see the committee's pages but not the 红塔区 meeting: refused with 404 (the county's procurator sees it: 403).
COMMITTEE_VIEWERS = EDITORS | {"city_officer", "other_procurator"}
PROPOSERS, ALL_PROPOSERS = {"office_officer"}, {"office_officer", "other_office_officer"}  # enforcement
DECIDERS_A, DECIDERS = {"county_officer", "county_head"}, {"county_officer", "county_head", "other_county_officer"}
SCREENING_MANAGERS = {"county_officer", "county_head", "other_county_officer", "city_officer"}


# ------------------------------------------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class Outcome:
    """What a persona's valid POST gets. `writes`: the service made the change. Otherwise nothing is written, and
    `field` / `says` / `goes_to` show why: the form field refused, the text shown, the page redirected to. A refusal
    other than 401, 403, 404 or the login page names its rule in `because` (a valid form is refused only by one)."""

    status: int
    writes: bool = False
    field: str = ""
    says: str = ""
    goes_to: str = ""
    because: str = ""


FORBIDDEN = Outcome(403)
NOT_FOUND = Outcome(404)
LOGIN = Outcome(302, goes_to="accounts:login")
UNAUTHORISED = Outcome(401)
DONE = Outcome(302, writes=True)


def only(allowed: set[str], *, capable: set[str] = frozenset(), refused=None, done: Outcome = DONE, anon=LOGIN):
    """The common shape: allowed → done; an access rule refuses → as given; capable but outside → 404; else 403."""
    refused = refused or {}

    def outcome(persona: str) -> Outcome:
        if persona in allowed:
            return done
        if persona in refused:
            return refused[persona]
        if persona == ANON:
            return anon
        return NOT_FOUND if persona in capable else FORBIDDEN

    return outcome


# ------------------------------------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Write:
    url: Callable[[World], str]
    data: Callable[[World], dict]
    outcome: Callable[[str], Outcome]
    # What the service wrote, checked for a persona whose outcome writes: (world, persona's user or None, response).
    wrote: Callable[[World, User | None, object], None]
    prepare: Callable[[World], None] = lambda w: None  # the state the step needs (run before signing in)
    session: dict = field(default_factory=dict)  # session values the step needs (set after signing in)
    headers: dict = field(default_factory=dict)


def A(w: World) -> Supervisee:
    return Supervisee.objects.get(pk=w.people["A"].pk)


def I(w: World) -> Investigation:  # noqa: E743 - the world's investigation is called I
    return Investigation.objects.get(pk=w.investigation.pk)


def on(name: str, key: str = "A") -> Callable[[World], str]:
    kwargs = {
        "A": lambda w: {"pk": w.people["A"].pk},
        "I": lambda w: {"pk": w.investigation.pk},
        "leave": lambda w: {"leave_id": w.leave.pk},
        "monitoring": lambda w: {"monitoring_id": w.monitoring.pk},
        "device": lambda w: {"device_id": w.device.pk},
        "entry": lambda w: {"entry_id": w.entry.pk},
        "permit": lambda w: {"permit_id": w.permit.pk},
        "opinion": lambda w: {"pk": w.opinion.pk},
        "screening": lambda w: {"pk": w.campaign.pk, "supervisee_id": w.people["A"].pk},
        "team_member": lambda w: {"pk": w.people["A"].pk, "member_id": w.team_member.pk},
        "assignment": lambda w: {"pk": w.people["A"].pk, "assignment_id": w.assignment.pk},
        "conflict": lambda w: {"pk": w.conflict.pk},
        "matter": lambda w: {"pk": w.matter.pk},
        "meeting": lambda w: {"pk": w.meeting.pk},
        "member": lambda w: {"member_id": w.committee_members[2].pk},
        "deliberation": lambda w: {"pk": w.meeting.pk, "matter_id": w.agenda_matter.pk},
        "education": lambda w: {"pk": w.education.pk},
        "service": lambda w: {"pk": w.service.pk},
        "": lambda w: {},
    }[key]
    return lambda w: reverse(name, kwargs=kwargs(w))


def venue_checkin(w: World) -> None:
    """Today's session held at a known place, and A's phone check-in there."""
    EducationSession.objects.filter(pk=w.education.pk).update(venue_latitude="24.351200", venue_longitude="102.541700")
    CheckIn.objects.create(
        supervisee=A(w),
        checked_at=timezone.now(),
        checked_on=TODAY,
        latitude="24.351300",
        longitude="102.541700",
        accuracy=15,
        photo="venue.jpg",
        photo_sha256="0" * 64,
        idempotency_key="venue",
    )


def lost_contact_open(w: World) -> None:
    """A's lost-contact case, open since the day before yesterday (last contact three days ago)."""
    LostContact.objects.create(
        supervisee=A(w),
        since=TODAY - timedelta(days=3),
        trigger="officer",
        trigger_reasons="电话关机",
        opened_on=TODAY - timedelta(days=2),
    )


def lost_contact_of_a(w: World) -> LostContact:
    return LostContact.objects.get(supervisee=A(w))


def d(days: int = 0) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


FUNDERS = {"county_officer", "county_head", "other_county_officer", "city_officer"}  # FUNDING_MANAGE


def _ledger_entry(w: World) -> None:
    from sqjz.funding.services import entry_record

    entry_record(
        actor=w.users["county_officer"],
        agency=w.units["hongta_agency"],
        day=TODAY,
        direction="expense",
        source="provincial",
        use="wages",
        amount="30000",
        voucher="记-900",
        description="社工工资及五险",
    )


def upload(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg(), content_type="image/jpeg")


def documents_of(s_or_inv, kind: str) -> int:
    field_name = "investigation" if isinstance(s_or_inv, Investigation) else "supervisee"
    return Document.objects.filter(**{field_name: s_or_inv}, kind=kind).count()


def edit_form_data(w: World) -> dict:
    """A's record as the edit page shows it to A's office (every field as it is), with the occupation changed."""
    form = SuperviseeForm(instance=A(w), user=w.users["office_officer"])
    data = {}
    for name, form_field in form.fields.items():
        value = form[name].value()
        if isinstance(form_field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else value
    return data | management("contacts", 20) | management("orders", 10) | {"occupation": "保安"}


def management(prefix: str, most: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(most),
    }


def registration(w: World) -> dict:
    birth = TODAY.replace(year=TODAY.year - 30)
    return {
        "status": Status.PENDING_REPORT,
        "name": "陈新",
        "gender": "male",
        "ethnicity": "07",
        "nationality": "中国",
        "id_type": "resident",
        "id_number": resident_id("530402", birth, 77),
        "phone": "13812345678",
        "household_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "village": w.hehua.pk,
        "education": "senior",
        "correction_type": "probation",
        "crime": "危险驾驶罪",
        "crime_article": "刑法第一百三十三条之一",
        "offence_date": d(-200),
        "original_sentence": "拘役三个月，缓刑六个月",
        "judgment_effective_date": d(-3),
        "term_start": d(-3),
        "term_end": d(180),
        "deciding_authority": w.units["hongta_court"].pk,
        "judicial_office": w.yuxing.pk,
        **management("contacts", 20),
        **management("orders", 10),
    }


def commission(w: World) -> dict:
    return {
        "commissioning_body": w.units["hongta_court"].pk,
        "commission_number": "（2026）云0402刑初777号",
        "received_on": d(-1),
        "judicial_office": w.yuxing.pk,
        "procuratorate_notified_on": d(-1),
        "name": "钱调查",
        "gender": "male",
        "id_number": resident_id("530402", TODAY.replace(year=1992), 55),
        "residence_address": "云南省玉溪市红塔区玉兴街道2号",
        "village": w.hehua.pk,
        "crime": "危险驾驶罪",
        "offence_date": d(-120),
        "proposed_correction_type": "probation",
    }


FINDINGS = {name: f"{name}：已核实" for name in investigation.FINDINGS} | {
    "opinion": "suitable",
    "opinion_reasons": "有固定住所，家庭支持，适宜社区矫正",
    "proposed_prohibitions": "",
}


def _investigation_stages(w: World) -> dict[str, Investigation]:
    """Three more of 玉兴's investigations for the 红塔区 court, taken by the services to the later steps: one awaiting
    the county's approval, one approved (its opinion issued), one delivered to the court."""
    office, head = w.users["office_officer"], w.users["county_head"]
    stages = {}
    for stage in ("pending_approval", "approved", "delivered"):
        inv = InvestigationFactory(
            commissioning_body=w.units["hongta_court"], judicial_office=w.yuxing, created_by=office, village=w.hehua
        )
        for kind in investigation.REQUIRED_INTERVIEWS:
            investigation.interview_add(
                actor=office,
                investigation=inv,
                interview=Interview(
                    kind=kind, interviewee="王某", interviewed_on=TODAY, place="荷花社区", summary="了解"
                ),
            )
        for name, value in FINDINGS.items():
            setattr(inv, name, value)
        inv = investigation.findings_save(actor=office, investigation=inv, expected_version=inv.version)
        inv = investigation.investigation_submit(actor=office, investigation=inv)
        if stage != "pending_approval":
            inv = investigation.investigation_decide(actor=head, investigation=inv, approve=True)
        if stage == "delivered":
            inv = investigation.investigation_deliver(
                actor=office, investigation=inv, delivered_on=TODAY, copied_on=TODAY
            )
        assert inv.status == stage
        stages[stage] = inv
    return stages


def at_stage(name: str, stage: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"pk": w.stages[stage].pk})


def stage_now(w: World, stage: str) -> Investigation:
    return Investigation.objects.get(pk=w.stages[stage].pk)


def evaluated(w: World) -> None:
    evaluation_save(
        actor=w.users["office_officer"],
        supervisee=A(w),
        evaluation=DischargeEvaluation(
            performance="遵守规定",
            assessment_summary="历次考核合格",
            community_views="社区认可",
            resettlement_advice="继续帮教",
            evaluated_on=TODAY,
        ),
        expected_version=None,
    )


def documents_received(names: list[str]) -> Callable[[World], None]:
    def prepare(w: World) -> None:
        intake.documents_record(
            actor=w.users["office_officer"],
            supervisee=A(w),
            notified_on=TODAY - timedelta(days=5),
            documents_received_on=TODAY - timedelta(days=2),
            received_documents=names,
            other_documents="",
        )

    return prepare


def another_office_member(w: World) -> None:
    intake.team_member_add(
        actor=w.users["office_officer"],
        supervisee=A(w),
        member=TeamMember(
            kind="office", name="张丽", gender="female", organisation="玉兴街道司法所", duties="教育帮扶"
        ),
    )


def leave(w: World) -> TravelLeave:
    return TravelLeave.objects.get(pk=w.leave.pk)


def leave_begun_and_approved(w: World) -> None:
    travel_decide(actor=w.users["office_officer"], leave=leave(w), approve=True, reason="")
    TravelLeave.objects.filter(pk=w.leave.pk).update(start=TODAY - timedelta(days=2))


def permit_approved(w: World) -> None:
    permit_decide(
        actor=w.users["county_head"], permit=FrequentTravelPermit.objects.get(pk=w.permit.pk), approve=True, reason=""
    )


def monitoring(w: World) -> ElectronicMonitoring:
    return ElectronicMonitoring.objects.get(pk=w.monitoring.pk)


def monitoring_active(w: World) -> None:
    monitoring_decide(actor=w.users["county_head"], monitoring=monitoring(w), approve=True, reason="")


DEVICE_KEEPERS = {"county_officer", "county_head"}  # of 红塔区, whose agency keeps the world's device


def device_worn(w: World) -> None:
    monitoring_active(w)
    device_assign(actor=w.users["county_officer"], device=w.device, monitoring=monitoring(w))


def place_order(w: World) -> ProhibitionOrder:
    """A's prohibition order on a place (the world's), running today."""
    return w.prohibition


def a_zone(w: World) -> Geofence:
    return Geofence.objects.create(
        supervisee=A(w),
        order=place_order(w),
        name="玉溪第一小学",
        shape="circle",
        latitude=24.35,
        longitude=102.54,
        radius_m=300,
        created_by=w.users["office_officer"],
    )


def an_alert(status: str) -> Callable[[World], None]:
    def prepare(w: World) -> None:
        monitoring_active(w)
        MonitoringAlert.objects.create(
            monitoring=monitoring(w),
            supervisee=A(w),
            kind="no_signal",
            occurred_at=timezone.now(),
            raised_at=timezone.now(),
            evidence="4小时未收到定位",
            status=status,
        )

    return prepare


def alert_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"alert_id": MonitoringAlert.objects.get(supervisee=w.people["A"]).pk})


def graded(w: World) -> QuarterlyAssessment:
    """A's first period graded as the assessment form would have it."""
    data = assessment_form(w)
    dates = {
        "period_end": date.fromisoformat(data["period_end"]),
        "assessed_on": date.fromisoformat(data["assessed_on"]),
    }
    return QuarterlyAssessment(**(data | dates))


def assessment_form(w: World) -> dict:
    s = A(w)
    period = period_to_assess(statute_context(), s, [], TODAY)
    return {
        "period_end": period.end.isoformat(),
        "grade": "pass",
        "law_abiding": "遵纪守法",
        "compliance": "服从管理",
        "education": "按时学习",
        "community_service": "参加公益活动",
        "evaluator_views": "合格",
        "assessed_on": d(),
    }


def place_application(w: World) -> dict:
    """An application to enter a place A's prohibition order covers, the day after tomorrow 14:00–15:00."""
    return {
        "order": w.prohibition.pk,
        "kind": "place",
        "place": "某酒吧（取回遗留物品）",
        "reason": "取回个人证件",
        "window_from": f"{d(2)}T14:00",
        "window_to": f"{d(2)}T15:00",
    }


def a_bound_phone(w: World) -> None:
    w.phone, _ = device_enrol(user=w.users["supervisee"], user_agent="Android Chrome")


def signed_in_as(username: str):
    def check(w, user, response):
        assert int(response.wsgi_request.session["_auth_user_id"]) == w.users[username].pk

    return check


def totp_code(secret: str) -> str:
    return pyotp.TOTP(secret).at(timezone.now())


SETUP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
NEW_PASSWORD = "Nxw@pass2027!"


def said(response) -> str:
    """The page's text and the messages queued for the next page."""
    text = response.content.decode() if not getattr(response, "streaming", False) else ""
    messages = getattr(response.wsgi_request, "_messages", None)
    return text + "\n".join(str(m) for m in messages or [])


def refused_fields(response) -> set[str]:
    fields = set()
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm):
                fields |= set(value.errors)
    return fields


def measure_approved(w: World) -> None:
    Measure.objects.filter(pk=w.measure.pk).update(
        status="approved", decided_on=TODAY, decided_by=w.users["county_officer"]
    )


def one(queryset) -> None:
    """Exactly one row matches: the change the service makes."""
    found = queryset.count()
    assert found == 1, f"expected one {queryset.model.__name__} matching {queryset.query.where}, found {found}"


def check(condition: bool, message: str) -> None:
    assert condition, message


# A's transfer from 玉兴 (红塔区) to 星云 (江川区) at each step (tests/world.py add_transfer): the sending county
# agency consults and decides, the receiving one replies, the receiving office records the report-in.
def transfer_of_a(w: World) -> ResidenceTransfer:
    return ResidenceTransfer.objects.get(supervisee=w.people["A"])


def transfer_consulted(w: World) -> None:
    from sqjz.supervision.transfer import services as transfer

    transfer.transfer_consult(actor=w.users["county_officer"], transfer=add_transfer(w), opinion="")


def transfer_replied(agree: bool) -> Callable[[World], None]:
    def prepare(w: World) -> None:
        from sqjz.supervision.transfer import services as transfer

        transfer_consulted(w)
        reasons = "" if agree else "新住址核实不存在"
        transfer.transfer_reply(
            actor=w.users["other_county_officer"], transfer=transfer_of_a(w), agree=agree, reasons=reasons
        )

    return prepare


def transfer_decided(approve: bool) -> Callable[[World], None]:
    def prepare(w: World) -> None:
        from sqjz.supervision.transfer import services as transfer

        transfer_replied(approve)(w)
        reasons = "" if approve else "新执行地不同意接收"
        transfer.transfer_decide(
            actor=w.users["county_head"], transfer=transfer_of_a(w), approve=approve, reasons=reasons
        )

    return prepare


def transfer_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"transfer_id": transfer_of_a(w).pk})


def transfer_refused(says: str, because: str) -> Outcome:
    return Outcome(400, says=says, because=f"access: {because}")


SENDING_COUNTY = {"county_officer", "county_head"}
NOT_YOURS = "您无权办理该矫正对象的此项事务"


LEVEL_OF_THE_OFFICE = "本次外出由司法所（受委托）审批"  # TravelLeave.Level.JUDICIAL_OFFICE, decide_blocker's words
OTHERS = ("other_office_officer", "other_county_officer")
# Another office or county registers people and commissions too, but not into 玉兴: the office field offers only
# the user's own offices (register_offices), and the page is shown again with the refusal beside it.
OFFICE_NOT_THEIRS = Outcome(200, field="judicial_office", because="access: register_offices, the user's own offices")

PROPOSAL_AGENCY = {"county_officer", "county_head"}  # 红塔区's agency: A's county


def _proposal_url(name: str, attr: str = "proposal") -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"pk": getattr(w, attr).pk})


def _ready_penalty(w: World) -> None:
    """A police-penalty proposal about A ready to sign (no deliberation needed)."""
    w.ready = Proposal.objects.create(
        supervisee=w.people["A"],
        kind=Proposal.Kind.POLICE_PENALTY,
        status=Proposal.Status.READY,
        addressee=w.units["hongta_police"],
        findings={"conduct_on": (TODAY - timedelta(days=1)).isoformat(), "supervision_breach": "serious"},
        statement="再次未经批准离开玉溪市",
        grounds_rule="POLICE_PENALTY_PROPOSAL",
        drafted_by=w.users["office_officer"],
    )


def _draft_commutation(w: World) -> None:
    w.draft = Proposal.objects.create(
        supervisee=w.people["A"],
        kind=Proposal.Kind.COMMUTATION,
        addressee=w.units["city_court"],
        findings={"merit": "major_merit", "sentence": "fixed_term"},
        statement="抢险救灾，有重大立功表现",
        grounds_rule="COMMUTATION_GROUNDS",
        drafted_by=w.users["office_officer"],
    )


def _sent_revocation(w: World) -> None:
    """A probation-revocation proposal about A with an arrest request, sent to the 红塔区 court an hour ago."""
    w.revocation = Proposal.objects.create(
        supervisee=w.people["A"],
        kind=Proposal.Kind.PROBATION_REVOCATION,
        status=Proposal.Status.SENT,
        addressee=w.units["hongta_court"],
        arrest_requested=True,
        statement="受到两次警告仍不改正",
        grounds_rule="REVOCATION_PROPOSAL",
        drafted_by=w.users["county_officer"],
        sent_by=w.users["county_head"],
        sent_at=NOW - timedelta(hours=1),
        arrest_due=NOW + timedelta(hours=47),
        deadline=TODAY + timedelta(days=30),
    )


def _granted_penalty(w: World) -> None:
    Proposal.objects.filter(pk=w.proposal.pk).update(
        status=Proposal.Status.GRANTED, decided_on=TODAY, ruling_number="红公决字〔2026〕1号", imposed="警告"
    )


WRITES: dict[str, Write] = {
    # --- proposals to other bodies about A -------------------------------------------------------------------------
    "proposals:draft": Write(
        url=on("proposals:draft"),
        data=lambda w: {
            "kind": "commutation",
            "addressee_choice": "original",
            "merit": "major_merit",
            "sentence": "fixed_term",
            "statement": "抢险救灾，有重大立功表现",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(supervisee=w.people["A"], kind="commutation", drafted_by=user)
        ),
    ),
    "proposals:edit": Write(  # the draft of 玉兴's office: only its drafting unit corrects it
        url=_proposal_url("proposals:edit", "draft"),
        data=lambda w: {
            "merit": "major_merit",
            "sentence": "fixed_term",
            "statement": "抢险救灾，有重大立功表现（补充）",
        },
        prepare=_draft_commutation,
        outcome=only(
            {"office_officer"},
            capable={"other_office_officer", "other_county_officer"},
            refused=dict.fromkeys(
                ("county_officer", "county_head"),
                Outcome(
                    400, says="只有起草单位可以修改", because="access: only the unit that drafted it edits a draft"
                ),
            ),
        ),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.draft.pk, statement="抢险救灾，有重大立功表现（补充）")
        ),
    ),
    "proposals:withdraw": Write(  # the drafting office or the county agency
        url=_proposal_url("proposals:withdraw", "draft"),
        data=lambda w: {"reason": "经核实不符合减刑条件"},
        prepare=_draft_commutation,
        outcome=only(EDIT_A, capable={"other_office_officer", "other_county_officer"}),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.draft.pk, status="withdrawn", withdrawn_by=user)
        ),
    ),
    "proposals:submit": Write(
        url=_proposal_url("proposals:submit", "draft"),
        data=lambda w: {},
        prepare=_draft_commutation,
        outcome=only(PROPOSAL_AGENCY, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.draft.pk, status="deliberating", matter_id__isnull=False)
        ),
    ),
    "proposals:send": Write(
        url=_proposal_url("proposals:send", "ready"),
        data=lambda w: {},
        prepare=_ready_penalty,
        outcome=only({"county_head"}),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.ready.pk, status="sent", sent_by=user, document__isnull=False)
        ),
    ),
    "proposals:arrest": Write(
        url=_proposal_url("proposals:arrest", "revocation"),
        data=lambda w: {"decision": "arrested", "decided_on": d(), "note": ""},
        prepare=_sent_revocation,
        outcome=only(
            PROPOSAL_AGENCY | {"judge"}, capable={"other_county_officer", "police", "county_police", "prison_officer"}
        ),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.revocation.pk, arrest_decision="arrested", custody_until__isnull=False)
        ),
    ),
    "proposals:decide": Write(
        url=_proposal_url("proposals:decide"),
        data=lambda w: {
            "decision": "granted",
            "decided_on": d(),
            "ruling_number": "红公决字〔2026〕9号",
            "imposed": "罚款二百元",
        },
        outcome=only(
            PROPOSAL_AGENCY | {"county_police"}, capable={"other_county_officer", "police", "judge", "prison_officer"}
        ),
        wrote=lambda w, user, response: one(
            Proposal.objects.filter(pk=w.proposal.pk, status="granted", decided_by=user, imposed="罚款二百元")
        ),
    ),
    "proposals:correct": Write(
        url=_proposal_url("proposals:correct"),
        data=lambda w: {"corrected_on": d()},
        prepare=_granted_penalty,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Proposal.objects.filter(pk=w.proposal.pk, corrected_on=TODAY)),
    ),
    # --- own account: everyone acts on their own account ----------------------------------------------------------
    "accounts:login": Write(  # valid credentials (the judge's) sign this browser in as their owner, whoever held it
        url=on("accounts:login", ""),
        data=lambda w: {"username": "judge", "password": PASSWORD},
        outcome=lambda p: DONE,
        wrote=signed_in_as("judge"),
    ),
    "accounts:login_code": Write(  # the administrator's right code alone signs nobody in
        url=on("accounts:login_code", ""),
        data=lambda w: {"code": totp_code(w.users["admin"].totp_secret)},
        outcome=lambda p: Outcome(302, goes_to="accounts:login", because="state: no sign-in begun in this browser"),
        wrote=lambda w, user, response: None,
    ),
    "accounts:logout": Write(
        url=on("accounts:logout", ""),
        data=lambda w: {},
        outcome=lambda p: Outcome(302, writes=True, goes_to="accounts:login"),
        wrote=lambda w, user, response: check("_auth_user_id" not in response.wsgi_request.session, "still signed in"),
    ),
    "accounts:totp_setup": Write(
        url=on("accounts:totp_setup", ""),
        data=lambda w: {"code": totp_code(SETUP_SECRET)},
        session={"totp_setup_secret": SETUP_SECRET},
        outcome=only(
            EVERYONE - ADMINISTRATIVE,
            refused=dict.fromkeys(
                ADMINISTRATIVE, Outcome(302, goes_to="accounts:security", because="state: theirs is on (required)")
            ),
        ),
        wrote=lambda w, user, response: check(
            User.objects.get(pk=user.pk).totp_secret == SETUP_SECRET and User.objects.get(pk=user.pk).totp_enabled,
            "two-factor login not on",
        ),
    ),
    "accounts:totp_disable": Write(
        url=on("accounts:totp_disable", ""),
        data=lambda w: {"password": PASSWORD, "code": totp_code(SETUP_SECRET)},  # the password and a code: 0012
        prepare=lambda w: User.objects.exclude(role__in=ADMINISTRATIVE).update(
            totp_secret=SETUP_SECRET, totp_enabled_at=NOW, totp_last_step=0
        ),
        outcome=only(
            EVERYONE - ADMINISTRATIVE,
            refused=dict.fromkeys(
                ADMINISTRATIVE,
                Outcome(
                    302, says="必须使用动态口令", because="access: totp_required, the administrative roles keep it"
                ),
            ),
        ),
        wrote=lambda w, user, response: one(User.objects.filter(pk=user.pk, totp_secret="", totp_enabled_at=None)),
    ),
    "accounts:password_change": Write(
        url=on("accounts:password_change", ""),
        data=lambda w: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        outcome=only(EVERYONE),
        wrote=lambda w, user, response: check(
            User.objects.get(pk=user.pk).check_password(NEW_PASSWORD), "password unchanged"
        ),
    ),
    # --- the register -----------------------------------------------------------------------------------------------
    "supervisees:create": Write(
        url=on("supervisees:create", ""),
        data=registration,
        outcome=only(EDIT_A, refused=dict.fromkeys(OTHERS, OFFICE_NOT_THEIRS)),
        wrote=lambda w, user, response: one(
            Supervisee.objects.filter(name="陈新", judicial_office=w.yuxing, status=Status.PENDING_REPORT)
        ),
    ),
    "supervisees:edit": Write(
        url=on("supervisees:edit"),
        data=edit_form_data,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Supervisee.objects.filter(pk=w.people["A"].pk, occupation="保安", version=2)
        ),
    ),
    "supervisees:assignments": Write(  # give 红塔区's procurator A's case
        url=on("supervisees:assignments"),
        data=lambda w: {"person": f"procurator:{w.users['procurator'].pk}"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            CaseAssignment.objects.filter(
                supervisee=w.people["A"], user=w.users["procurator"], is_active=True, assigned_by=user
            )
        ),
    ),
    "supervisees:assignment_end": Write(  # the social worker's assignment to A ends
        url=on("supervisees:assignment_end", "assignment"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            CaseAssignment.objects.filter(pk=w.assignment.pk, is_active=False, ended_by=user)
        ),
    ),
    "supervisees:conflict_resolve": Write(  # the city agency checks the identity number 玉兴 tried
        url=on("supervisees:conflict_resolve", "conflict"),
        data=lambda w: {"resolution": "系录入错误，已告知玉兴街道司法所"},
        outcome=only({"city_officer"}),
        wrote=lambda w, user, response: one(
            RegistrationConflict.objects.filter(pk=w.conflict.pk, status="resolved", resolved_by=user)
        ),
    ),
    # --- investigation I (玉兴, investigating) ----------------------------------------------------------------------
    "investigation:create": Write(
        url=on("investigation:create", ""),
        data=commission,
        outcome=only(EDIT_A, refused=dict.fromkeys(OTHERS, OFFICE_NOT_THEIRS)),
        wrote=lambda w, user, response: one(
            Investigation.objects.filter(
                commission_number="（2026）云0402刑初777号", judicial_office=w.yuxing, created_by=user
            )
        ),
    ),
    "investigation:interview_add": Write(
        url=on("investigation:interview_add", "I"),
        data=lambda w: {
            "kind": "family",
            "interviewee": "刘母（母亲）",
            "interviewed_on": d(),
            "place": "荷花社区",
            "summary": "家庭支持",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Interview.objects.filter(investigation=w.investigation, recorded_by=user)),
    ),
    "investigation:findings": Write(
        url=on("investigation:findings", "I"),
        data=lambda w: FINDINGS | {"version": I(w).version},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Investigation.objects.filter(
                pk=w.investigation.pk, opinion="suitable", version=w.investigation.version + 1, status="investigating"
            )
        ),
    ),
    "investigation:decide": Write(
        url=at_stage("investigation:decide", "pending_approval"),
        data=lambda w: {"decision": "approve", "reason": ""},
        outcome=only({"county_head"}),  # the only role that approves; 红塔区's head for 玉兴's investigation
        wrote=lambda w, user, response: check(
            stage_now(w, "pending_approval").status == "approved"
            and documents_of(stage_now(w, "pending_approval"), Document.Kind.INVESTIGATION_OPINION) == 1,
            "not approved with its opinion document",
        ),
    ),
    "investigation:deliver": Write(
        url=at_stage("investigation:deliver", "approved"),
        data=lambda w: {"delivered_on": d(), "copied_on": d()},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(stage_now(w, "approved").status == "delivered", "not delivered"),
    ),
    "investigation:adoption": Write(
        url=at_stage("investigation:adoption", "delivered"),
        data=lambda w: {"adoption": "adopted", "note": "（2026）云0402刑初9号判决书"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(stage_now(w, "delivered").adoption == "adopted", "adoption not recorded"),
    ),
    # --- discharge and termination of A -------------------------------------------------------------------------------
    "discharge:evaluation": Write(
        url=on("discharge:evaluation"),
        data=lambda w: {
            "performance": "遵守规定",
            "assessment_summary": "历次考核合格",
            "community_views": "社区认可",
            "resettlement_advice": "继续帮教",
            "evaluated_on": d(),
            "version": "",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            DischargeEvaluation.objects.filter(supervisee=w.people["A"], evaluated_by=user)
        ),
    ),
    "discharge:discharge": Write(  # an amnesty: the term has not ended
        url=on("discharge:discharge"),
        data=lambda w: {
            "cause": "amnesty",
            "amnesty_basis": "中华人民共和国主席特赦令",
            "discharged_on": d(),
            "resettlement_body": "玉兴街道安置帮教工作站",
            "handed_over_on": d(),
            "password": PASSWORD,
        },
        prepare=evaluated,
        outcome=only({"county_officer", "county_head"}, capable=CASE_CLOSERS),
        wrote=lambda w, user, response: check(
            A(w).status == Status.DISCHARGED
            and Discharge.objects.filter(supervisee=w.people["A"], decided_by=user).exists()
            and documents_of(A(w), Document.Kind.DISCHARGE_CERTIFICATE) == 1,
            "not discharged with its certificate",
        ),
    ),
    "discharge:terminate": Write(
        url=on("discharge:terminate"),
        data=lambda w: {"cause": "death", "terminated_on": d(), "basis": "死亡医学证明书第12号", "password": PASSWORD},
        outcome=only({"county_officer", "county_head"}, capable=CASE_CLOSERS),
        wrote=lambda w, user, response: check(
            A(w).status == Status.TERMINATED
            and Termination.objects.filter(supervisee=w.people["A"], decided_by=user).exists()
            and documents_of(A(w), Document.Kind.TERMINATION_NOTICE) == 1,
            "not terminated with its notice",
        ),
    ),
    # --- hand-over, report-in and intake of A -----------------------------------------------------------------------
    "intake:documents": Write(
        url=on("intake:documents"),
        data=lambda w: {
            "notified_on": d(-5),
            "documents_received_on": d(-2),
            "received_documents": ["刑事判决书", "执行通知书"],
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Handover.objects.filter(supervisee=w.people["A"], documents_received_on=TODAY - timedelta(days=2))
        ),
    ),
    "intake:receipt": Write(
        url=on("intake:receipt"),
        data=lambda w: {},
        prepare=documents_received(["起诉书副本", "刑事判决书", "执行通知书", "结案登记表"]),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            Handover.objects.get(supervisee=w.people["A"]).receipt_issued_on == TODAY
            and documents_of(A(w), Document.Kind.RECEIPT) == 1,
            "no receipt",
        ),
    ),
    "intake:completion": Write(
        url=on("intake:completion"),
        data=lambda w: {},
        prepare=documents_received(["刑事判决书"]),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            Handover.objects.get(supervisee=w.people["A"]).completion_requested_on == TODAY
            and documents_of(A(w), Document.Kind.DOCUMENT_REQUEST) == 1,
            "no request to complete the documents",
        ),
    ),
    "intake:report_in": Write(
        url=on("intake:report_in"),
        data=lambda w: {"reported_on": d(-1), "identity_verified": "on", "photo": upload()},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Handover.objects.filter(
                supervisee=w.people["A"], reported_on=TODAY - timedelta(days=1), report_recorded_by=user
            ).exclude(photo="")
        ),
    ),
    "intake:no_show": Write(
        url=on("intake:no_show"),
        data=lambda w: {"note": "电话关机，走访住所无人"},
        prepare=lambda w: Supervisee.objects.filter(pk=w.people["A"].pk).update(status=Status.PENDING_REPORT),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            Handover.objects.get(supervisee=w.people["A"]).search_started_on == TODAY
            and documents_of(A(w), Document.Kind.NO_SHOW_NOTICE) == 1,
            "no search started",
        ),
    ),
    "intake:first_interview": Write(
        url=on("intake:first_interview"),
        data=lambda w: {
            "held_on": d(),
            "place": "玉兴街道司法所",
            "interviewer": "李娜",
            "recorder": "张丽",
            "content": "告知报到、外出等规定。",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            FirstInterview.objects.filter(supervisee=w.people["A"], recorded_by=user).exists()
            and documents_of(A(w), Document.Kind.FIRST_INTERVIEW) == 1,
            "no first interview",
        ),
    ),
    "intake:team_add": Write(
        url=on("intake:team_add"),
        data=lambda w: {
            "kind": "village",
            "name": "王伟",
            "gender": "male",
            "organisation": "荷花社区居民委员会",
            "duties": "协助监督管理",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(A(w).team.filter(name="王伟", is_active=True)),
    ),
    "intake:team_remove": Write(
        url=on("intake:team_remove", "team_member"),
        data=lambda w: {},
        prepare=another_office_member,  # the team keeps an office member (TEAM_COMPOSITION)
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(A(w).team.filter(pk=w.team_member.pk, is_active=False)),
    ),
    "intake:letter": Write(
        url=on("intake:letter"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            documents_of(A(w), Document.Kind.RESPONSIBILITY_LETTER) == 1, "no responsibility letter"
        ),
    ),
    "intake:announcement": Write(
        url=on("intake:announcement"),
        data=lambda w: {
            "held_on": d(),
            "place": "玉兴街道司法所",
            "host": "李娜",
            "participants": "李强（司法所工作人员）",
            "items": list(ANNOUNCEMENT_ITEMS),
            "signed": "on",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: check(
            IntakeAnnouncement.objects.filter(supervisee=w.people["A"], recorded_by=user).exists()
            and documents_of(A(w), Document.Kind.INTAKE_ANNOUNCEMENT) == 1,
            "no announcement",
        ),
    ),
    "intake:plan": Write(
        url=on("intake:plan"),
        data=lambda w: {
            "situation": "初犯",
            "risks": "低",
            "needs": "就业",
            "goals": "遵纪守法",
            "supervision_measures": "每周报到",
            "education_measures": "每月学习",
            "assistance_measures": "",
            "review_on": d(90),
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(CorrectionPlan.objects.filter(supervisee=w.people["A"], created_by=user)),
    ),
    # --- supervision of A ---------------------------------------------------------------------------------------------
    "supervision:medical": Write(  # A on medical parole; the page is A's readers', the form A's editors'
        url=on("supervision:medical"),
        data=lambda w: {
            "examined_on": d(),
            "hospital": "玉溪市人民医院",
            "findings": "病情未见好转",
            "conditions_persist": "on",
        },
        prepare=lambda w: Supervisee.objects.filter(pk=w.people["A"].pk).update(
            correction_type=CorrectionType.TEMPORARY_RELEASE, temporary_release_ground="serious_illness"
        ),
        outcome=lambda p: (
            DONE
            if p in EDIT_A
            else LOGIN
            if p == ANON
            else FORBIDDEN
            if p in VISIBLE_A
            else NOT_FOUND
            if p in REGISTER_READERS
            else FORBIDDEN
        ),
        wrote=lambda w, user, response: one(
            MedicalExamination.objects.filter(supervisee=w.people["A"], recorded_by=user)
        ),
    ),
    "supervision:travel_apply": Write(
        url=on("supervision:travel_apply"),
        data=lambda w: {
            "purpose": "family",
            "reason": "处理房屋过户",
            "destination": "昆明市",
            "start": d(5),
            "days": 3,
            "applied_on": d(),
            "evidence": "房屋买卖合同",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            TravelLeave.objects.filter(
                supervisee=w.people["A"], recorded_by=user, status="pending", destination="昆明市"
            )
        ),
    ),
    "supervision:travel_decide": Write(  # six days: the office decides (红塔区 delegated it); the level is the rule
        url=on("supervision:travel_decide", "leave"),
        data=lambda w: {"decision": "approve", "reason": ""},
        outcome=only(
            {"office_officer"},
            capable=TRAVEL_DECIDERS,
            refused={
                p: Outcome(400, says=LEVEL_OF_THE_OFFICE, because="access: TRAVEL_LEAVE_APPROVER names who decides")
                for p in ("county_officer", "county_head", "city_officer")
            },
        ),
        wrote=lambda w, user, response: one(
            TravelLeave.objects.filter(pk=w.leave.pk, status="approved", decided_by=user)
        ),
    ),
    "supervision:travel_permit_apply": Write(
        url=on("supervision:travel_permit_apply"),
        data=lambda w: {
            "destinations": "昆明市、曲靖市",
            "frequency": "每周往返",
            "reason": "在昆明务工",
            "evidence": "劳动合同",
            "starts_on": d(3),
            "applied_on": d(),
        },
        prepare=lambda w: FrequentTravelPermit.objects.filter(pk=w.permit.pk).update(status="withdrawn"),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            FrequentTravelPermit.objects.filter(
                supervisee=w.people["A"], recorded_by=user, status="pending", destinations=["昆明市", "曲靖市"]
            )
        ),
    ),
    "supervision:travel_permit_decide": Write(  # the county agency decides (实施办法第二十九条)
        url=on("supervision:travel_permit_decide", "permit"),
        data=lambda w: {"decision": "approve", "reason": "务工需要"},
        outcome=only(
            DECIDERS_A,
            capable=TRAVEL_DECIDERS,
            refused={
                "office_officer": Outcome(
                    400, says="由执行地县级社区矫正机构批准", because="access: the county agency approves a permit"
                ),
                "city_officer": Outcome(
                    400, says="由执行地县级社区矫正机构批准", because="access: the county agency approves a permit"
                ),
            },
        ),
        wrote=lambda w, user, response: one(
            FrequentTravelPermit.objects.filter(pk=w.permit.pk, status="approved", decided_by=user)
        ),
    ),
    "supervision:travel_trip_report": Write(
        url=on("supervision:travel_trip_report", "permit"),
        data=lambda w: {"destination": "昆明市", "start": d(1), "days": 2, "note": "电话报告"},
        prepare=permit_approved,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            FrequentTravelTrip.objects.filter(permit_id=w.permit.pk, destination="昆明市", reported_by=user)
        ),
    ),
    "supervision:place_apply": Write(
        url=on("supervision:place_apply"),
        data=lambda w: place_application(w) | {"applied_on": d()},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            SpecialPlaceEntry.objects.filter(supervisee=w.people["A"], recorded_by=user, place="某酒吧（取回遗留物品）")
        ),
    ),
    "supervision:place_decide": Write(  # the county agency decides, and the procuratorate is told
        url=on("supervision:place_decide", "entry"),
        data=lambda w: {"decision": "approve", "reason": "确有必要"},
        outcome=only(
            DECIDERS_A,
            capable=TRAVEL_DECIDERS,
            refused={
                p: Outcome(
                    400,
                    says="由执行地县级社区矫正机构审批",
                    because="access: SPECIAL_PLACE_ENTRY_APPROVER names who decides",
                )
                for p in ("office_officer", "city_officer")
            },
        ),
        wrote=lambda w, user, response: one(
            SpecialPlaceEntry.objects.filter(
                pk=w.entry.pk, status="approved", decided_by=user, notice__kind="special_place_entry_notice"
            )
        ),
    ),
    "supervision:place_withdraw": Write(
        url=on("supervision:place_withdraw", "entry"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(SpecialPlaceEntry.objects.filter(pk=w.entry.pk, status="withdrawn")),
    ),
    "supervision:travel_return": Write(
        url=on("supervision:travel_return", "leave"),
        data=lambda w: {"returned_on": d(), "note": "按期返回"},
        prepare=leave_begun_and_approved,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            TravelLeave.objects.filter(pk=w.leave.pk, status="returned", returned_on=TODAY)
        ),
    ),
    "supervision:travel_withdraw": Write(
        url=on("supervision:travel_withdraw", "leave"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(TravelLeave.objects.filter(pk=w.leave.pk, status="withdrawn")),
    ),
    "supervision:checkin_enrol": Write(  # the one-time password is on the answer itself
        url=on("supervision:checkin_enrol"),
        data=lambda w: {},
        prepare=lambda w: AppEnrolment.objects.filter(supervisee=w.people["A"]).delete(),
        outcome=only(EDIT_A, capable=EDITORS, done=Outcome(200, writes=True, says="initial-password")),
        wrote=lambda w, user, response: one(AppEnrolment.objects.filter(supervisee=w.people["A"], enrolled_by=user)),
    ),
    "supervision:checkin_password": Write(
        url=on("supervision:checkin_password"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS, done=Outcome(200, writes=True, says="initial-password")),
        wrote=lambda w, user, response: check(
            not User.objects.get(supervisee=w.people["A"]).check_password(PASSWORD), "the old password still works"
        ),
    ),
    "supervision:checkin_unlock": Write(  # the office ends its supervisee's sign-in lock, recorded (decision 0012)
        url=on("supervision:checkin_unlock"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            AccountUnlock.objects.filter(user__supervisee=w.people["A"], unlocked_by=user)
        ),
    ),
    "supervision:checkin_device_revoke": Write(  # the office unbinds A's phone, with the reason (decision 0022)
        url=lambda w: reverse(
            "supervision:checkin_device_revoke", kwargs={"pk": w.people["A"].pk, "device_id": w.phone.pk}
        ),
        data=lambda w: {"reason": "手机丢失"},
        prepare=a_bound_phone,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            DeviceCredential.objects.filter(pk=w.phone.pk, revoked_by=user, revoke_reason="手机丢失")
        ),
    ),
    "supervision:spot_check": Write(
        url=on("supervision:spot_check"),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(SpotCheck.objects.filter(supervisee=w.people["A"], requested_by=user)),
    ),
    "supervision:checkin_follow_up": Write(
        url=on("supervision:checkin_follow_up"),
        data=lambda w: {"followed_up_on": d(), "method": "phone", "reached": "on", "finding": "手机没电，已补签"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(CheckInFollowUp.objects.filter(supervisee=w.people["A"], recorded_by=user)),
    ),
    "supervision:checkin_review": Write(  # the office finds a check-in whose face did not match was a stand-in's
        url=lambda w: reverse(
            "supervision:checkin_review", kwargs={"pk": w.people["A"].pk, "checkin_id": w.checkin.pk}
        ),
        data=lambda w: {"review": "rejected", "review_note": "视频核实，非本人签到"},
        prepare=lambda w: CheckIn.objects.filter(pk=w.checkin.pk).update(
            doubtful=True, concerns=["签到照片中未检出人脸"]
        ),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            CheckIn.objects.filter(pk=w.checkin.pk, review="rejected", reviewed_by=user)
        ),
    ),
    "supervision:monitoring_propose": Write(
        url=on("supervision:monitoring_propose"),
        data=lambda w: {
            "grounds": ["left_without_approval"],
            "facts": "未经批准离开玉溪市三日",
            "start": d(),
            "months": 3,
            "device_number": "YX-0001",
        },
        prepare=lambda w: ElectronicMonitoring.objects.filter(pk=w.monitoring.pk).update(status="refused"),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            ElectronicMonitoring.objects.filter(supervisee=w.people["A"], proposed_by=user, status="proposed")
        ),
    ),
    "supervision:monitoring_decide": Write(
        url=on("supervision:monitoring_decide", "monitoring"),
        data=lambda w: {"decision": "approve", "reason": ""},
        outcome=only({"county_head"}),  # the bureau head of A's county, the only role that approves
        wrote=lambda w, user, response: one(
            ElectronicMonitoring.objects.filter(pk=w.monitoring.pk, status="active", decided_by=user)
        ),
    ),
    "supervision:monitoring_extend": Write(
        url=on("supervision:monitoring_extend", "monitoring"),
        data=lambda w: {"months": 1, "reason": "仍有脱管风险"},
        prepare=monitoring_active,
        outcome=only({"county_head"}),
        wrote=lambda w, user, response: one(
            MonitoringExtension.objects.filter(monitoring=w.monitoring, approved_by=user)
        ),
    ),
    "supervision:monitoring_end": Write(
        url=on("supervision:monitoring_end", "monitoring"),
        data=lambda w: {"ended_on": d(), "reason": "无需继续使用"},
        prepare=monitoring_active,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(ElectronicMonitoring.objects.filter(pk=w.monitoring.pk, status="ended")),
    ),
    # --- the device registry and the gateways --------------------------------------------------------------------
    "supervision:device_register": Write(
        url=on("supervision:device_register", ""),
        data=lambda w: {
            "serial": "YXW-MATRIX",
            "kind": "anklet",
            "model_name": "YX-A1",
            "properties": ["satellite_positioning", "tamper_resistant", "blast_resistant", "water_resistant"],
        },
        outcome=only(DEVICE_KEEPERS | {"other_county_officer"}),  # each county agency registers its own
        wrote=lambda w, user, response: one(
            MonitoringDevice.objects.filter(serial="YXW-MATRIX", registered_by=user, agency=user.unit)
        ),
    ),
    "supervision:device_status": Write(
        url=on("supervision:device_status", "device"),
        data=lambda w: {"status": "repair", "note": "表带断裂"},
        outcome=only(DEVICE_KEEPERS, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(MonitoringDevice.objects.filter(pk=w.device.pk, status="repair")),
    ),
    "supervision:device_return": Write(
        url=on("supervision:device_return", "device"),
        data=lambda w: {"note": "更换设备"},
        prepare=device_worn,
        outcome=only(DEVICE_KEEPERS, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            MonitoringDevice.objects.filter(pk=w.device.pk, status="in_stock", monitoring=None)
        ),
    ),
    "supervision:monitoring_device_assign": Write(
        url=on("supervision:monitoring_device_assign", "monitoring"),
        data=lambda w: {"device": w.device.pk},
        prepare=monitoring_active,
        outcome=only(DEVICE_KEEPERS, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            MonitoringDevice.objects.filter(pk=w.device.pk, status="assigned", monitoring=w.monitoring)
        ),
    ),
    "supervision:gateway_create": Write(  # the token is shown on the answer itself (200), never redirected
        url=on("supervision:gateway_create", ""),
        data=lambda w: {"name": "矩阵网关"},
        outcome=only({"county_head", "city_officer"}, done=Outcome(200, writes=True)),
        wrote=lambda w, user, response: one(
            MonitoringGateway.objects.filter(name="矩阵网关", agency=user.unit, created_by=user)
        ),
    ),
    "supervision:gateway_deactivate": Write(
        url=lambda w: reverse("supervision:gateway_deactivate", kwargs={"gateway_id": w.gateway.pk}),
        data=lambda w: {},
        outcome=only({"county_head", "city_officer"}),  # the 红塔区 agency's head, and the city
        wrote=lambda w, user, response: one(MonitoringGateway.objects.filter(pk=w.gateway.pk, active=False)),
    ),
    # --- partner agencies (decision 0041) -----------------------------------------------------------------------
    "exchange:credential_create": Write(  # the token is shown on the answer itself (200), never redirected
        url=on("exchange:credential_create", ""),
        data=lambda w: {"agency": w.units["hongta_court"].pk, "name": "矩阵凭据"},
        outcome=only({"admin"}, done=Outcome(200, writes=True)),
        wrote=lambda w, user, response: one(PartnerCredential.objects.filter(name="矩阵凭据", created_by=user)),
    ),
    "outbox:endpoint": Write(  # the system administrator sets the 红塔区 court's interface
        url=lambda w: reverse("outbox:endpoint", args=[w.units["hongta_court"].pk]),
        data=lambda w: {"url": "https://court.example.cn/sqjz", "token": "matrix-token", "active": "on"},
        outcome=only({"admin"}),
        wrote=lambda w, user, response: one(
            PartnerEndpoint.objects.filter(agency=w.units["hongta_court"], url="https://court.example.cn/sqjz")
        ),
    ),
    "outbox:retry": Write(  # a failed notice about A to the 红塔区 court, pushed again (重新推送)
        url=lambda w: reverse("outbox:retry", args=[Delivery.objects.get(last_error="矩阵推送失败").pk]),
        data=lambda w: {},
        prepare=lambda w: _failed_delivery(w),
        outcome=only({"county_officer", "county_head", "city_officer"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(Delivery.objects.filter(state="pending", requeued_by=user)),
    ),
    "exchange:judgment_new": Write(  # a court's clerk delivers a probation judgment (the partner API's message)
        url=on("exchange:judgment_new", ""),
        data=lambda w: _judgment_form(w),
        outcome=only(
            {"judge"},
            refused={
                # A prison sends parole and temporary release only, the police temporary release only (决定0041).
                "prison_officer": Outcome(400, field="correction_type", because="scope: registry.JUDGMENT_SCOPE"),
                "county_police": Outcome(400, field="correction_type", because="scope: registry.JUDGMENT_SCOPE"),
            },
        ),
        wrote=lambda w, user, response: one(
            Supervisee.objects.filter(name="矩阵交付", status="pending_report", deciding_authority=user.unit)
        ),
    ),
    "exchange:commission_new": Write(  # a court's clerk commissions an investigation (the partner API's message)
        url=on("exchange:commission_new", ""),
        data=lambda w: {
            "message_id": "page-" + "8" * 32,
            "commission_number": "（2026）云0402刑初302号",
            "crime": "危险驾驶罪",
            "offence_date": (timezone.localdate() - timedelta(days=60)).isoformat(),
            "proposed_correction_type": "probation",
            "name": "矩阵委托",
            "id_number": "530402199109030174",
            "gender": "male",
            "village": w.hehua.pk,
            "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        },
        outcome=only({"judge", "prison_officer", "county_police"}),
        wrote=lambda w, user, response: one(
            Investigation.objects.filter(name="矩阵委托", commissioning_body=user.unit, judicial_office=w.yuxing)
        ),
    ),
    "exchange:detention_new": Write(  # the police notify A's detention (社区矫正法第三十二条)
        url=on("exchange:detention_new", ""),
        data=lambda w: {
            "message_id": "page-" + "9" * 32,
            "name": w.people["A"].name,
            "id_number": w.people["A"].id_number,
            "measure": "administrative_detention",
            "decided_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "document_number": "矩阵行罚决字〔2026〕1号",
            "reason": "殴打他人",
        },
        outcome=only({"police", "county_police"}),
        wrote=lambda w, user, response: one(DetentionNotice.objects.filter(supervisee=w.people["A"], agency=user.unit)),
    ),
    "exchange:credential_deactivate": Write(
        url=lambda w: reverse(
            "exchange:credential_deactivate", args=[PartnerCredential.objects.get(name="矩阵停用凭据").pk]
        ),
        data=lambda w: {},
        prepare=lambda w: exchange_services.credential_create(
            actor=w.users["admin"], agency=w.units["hongta_court"], name="矩阵停用凭据"
        ),
        outcome=only({"admin"}),
        wrote=lambda w, user, response: one(PartnerCredential.objects.filter(name="矩阵停用凭据", active=False)),
    ),
    "api:partner_message_post": Write(  # a credential's bearer token, never a session (sqjz/exchange/tests)
        url=on("api:partner_message_post", ""),
        data=lambda w: {"message_id": "matrix", "type": "judgment"},
        outcome=lambda persona: UNAUTHORISED,
        wrote=lambda w, user, response: None,
    ),
    "api:fixes_post": Write(  # a gateway's bearer token, never a session (test_monitoring_ingest)
        url=on("api:fixes_post", ""),
        data=lambda w: {"batch_id": "matrix", "fixes": "[]"},
        outcome=lambda persona: UNAUTHORISED,
        wrote=lambda w, user, response: None,
    ),
    "supervision:monitoring_zone_add": Write(
        url=on("supervision:monitoring_zone_add"),
        data=lambda w: {
            "order": w.prohibition.pk,
            "name": "玉溪第一小学",
            "shape": "circle",
            "latitude": "24.35",
            "longitude": "102.54",
            "radius_m": "300",
        },
        prepare=place_order,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Geofence.objects.filter(supervisee=w.people["A"], created_by=user)),
    ),
    "supervision:monitoring_zone_remove": Write(
        url=lambda w: reverse(
            "supervision:monitoring_zone_remove", kwargs={"zone_id": Geofence.objects.get(supervisee=w.people["A"]).pk}
        ),
        data=lambda w: {},
        prepare=a_zone,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Geofence.objects.filter(supervisee=w.people["A"], removed_by=user)),
    ),
    "supervision:monitoring_alert_acknowledge": Write(
        url=alert_url("supervision:monitoring_alert_acknowledge"),
        data=lambda w: {},
        prepare=an_alert("open"),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            MonitoringAlert.objects.filter(status="acknowledged", acknowledged_by=user)
        ),
    ),
    "supervision:monitoring_alert_verify": Write(
        url=alert_url("supervision:monitoring_alert_verify"),
        data=lambda w: {"finding": "电话联系本人，设备没电，已充电"},
        prepare=an_alert("acknowledged"),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(MonitoringAlert.objects.filter(status="verified", verified_by=user)),
    ),
    "supervision:monitoring_alert_close": Write(
        url=alert_url("supervision:monitoring_alert_close"),
        data=lambda w: {"outcome": "device_fault", "reason": "设备没电"},
        prepare=an_alert("verified"),
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(MonitoringAlert.objects.filter(status="closed", closed_by=user)),
    ),
    # --- the supervisee's phone (A's own account) -------------------------------------------------------------------
    "mobile:checkin": Write(
        url=on("mobile:checkin", ""),
        data=lambda w: {
            "idempotency_key": "matrix-checkin-0001",
            "latitude": "24.352",
            "longitude": "102.541",
            "accuracy": "10",
            "photo": upload(),
        },
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            CheckIn.objects.filter(supervisee=w.people["A"], idempotency_key="matrix-checkin-0001")
        ),
    ),
    "mobile:travel": Write(
        url=on("mobile:travel", ""),
        data=lambda w: {
            "purpose": "study",
            "destination": "昆明市",
            "start": d(10),
            "days": 2,
            "reason": "参加职业资格考试",
            "evidence": "准考证",
            "evidence_photo": upload(),
        },
        prepare=lambda w: TravelLeave.objects.filter(pk=w.leave.pk).update(status="withdrawn"),  # one at a time
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            TravelLeave.objects.filter(supervisee=w.people["A"], purpose="study", status="pending").exclude(
                evidence_photo=""
            )
        ),
    ),
    "supervision:transfer_apply": Write(
        url=on("supervision:transfer_apply"),
        data=lambda w: {
            "to_office": w.units["xingyun"].pk,
            "new_address": "江川区星云街道上营社区12号",
            "move_on": d(40),
            "reason": "在江川区找到稳定工作",
            "evidence": "劳动合同",
            "applied_on": d(),
            "proof_1": upload(),
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            ResidenceTransfer.objects.filter(supervisee=w.people["A"], recorded_by=user, status="applied").exclude(
                proofs=[]
            )
        ),
    ),
    "supervision:transfer_consult": Write(
        url=transfer_url("supervision:transfer_consult"),
        data=lambda w: {"opinion": "同意上报"},
        prepare=add_transfer,
        outcome=only(
            SENDING_COUNTY,
            capable=EDITORS,
            refused={
                p: transfer_refused("由原执行地县级社区矫正机构征求新执行地意见", "the sending county agency consults")
                for p in ("office_officer", "other_county_officer")
            },
        ),
        wrote=lambda w, user, response: one(ResidenceTransfer.objects.filter(status="consulting", consulted_by=user)),
    ),
    "supervision:transfer_reply": Write(
        url=transfer_url("supervision:transfer_reply"),
        data=lambda w: {"reply": "agree_to_receive", "reasons": "经核实，居所属实"},
        prepare=transfer_consulted,
        outcome=only(
            {"other_county_officer"},
            capable=EDITORS,
            refused={
                p: transfer_refused("由新执行地县级社区矫正机构回复", "the receiving county agency replies")
                for p in ("office_officer", "county_officer", "county_head")
            },
        ),
        wrote=lambda w, user, response: one(ResidenceTransfer.objects.filter(status="replied", replied_by=user)),
    ),
    "supervision:transfer_decide": Write(
        url=transfer_url("supervision:transfer_decide"),
        data=lambda w: {"decision": "approve", "reasons": ""},
        prepare=transfer_replied(True),
        outcome=only(
            SENDING_COUNTY,
            capable=EDITORS,
            refused={
                p: transfer_refused("由原执行地县级社区矫正机构作出决定", "the sending county agency decides")
                for p in ("office_officer", "other_county_officer")
            },
        ),
        wrote=lambda w, user, response: (
            one(ResidenceTransfer.objects.filter(status="approved", decided_by=user).exclude(notice=None)),
            check(A(w).judicial_office == w.units["xingyun"], "the record passed to 星云"),
        ),
    ),
    "supervision:transfer_notify": Write(
        url=transfer_url("supervision:transfer_notify"),
        data=lambda w: {"on": d()},
        prepare=transfer_decided(False),
        outcome=only(
            EDIT_A,
            capable=EDITORS,
            refused={"other_county_officer": transfer_refused(NOT_YOURS, "the person's office tells the person")},
        ),
        wrote=lambda w, user, response: one(ResidenceTransfer.objects.filter(notified_by=user, notified_on=TODAY)),
    ),
    "supervision:transfer_complete": Write(
        url=transfer_url("supervision:transfer_complete"),
        data=lambda w: {"on": d(), "note": "本人到所报到"},
        prepare=transfer_decided(True),
        outcome=only(
            {"other_county_officer"},
            capable=EDITORS,
            refused={
                p: transfer_refused("由新执行地司法所或县级社区矫正机构登记报到", "the new place records the report-in")
                for p in SENDING_COUNTY
            },
        ),
        wrote=lambda w, user, response: one(ResidenceTransfer.objects.filter(status="completed", completed_by=user)),
    ),
    "supervision:transfer_withdraw": Write(
        url=transfer_url("supervision:transfer_withdraw"),
        data=lambda w: {},
        prepare=add_transfer,
        outcome=only(
            EDIT_A,
            capable=EDITORS,
            refused={"other_county_officer": Outcome(302, says="", because="access: the person's office withdraws")},
        ),
        wrote=lambda w, user, response: one(ResidenceTransfer.objects.filter(status="withdrawn")),
    ),
    "mobile:places": Write(  # the person's own application under a prohibition order
        url=on("mobile:places", ""),
        data=place_application,
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            SpecialPlaceEntry.objects.filter(supervisee=w.people["A"], recorded_by=user, place="某酒吧（取回遗留物品）")
        ),
    ),
    "mobile:trips": Write(  # a trip under the person's approved frequent-travel permit
        url=on("mobile:trips", ""),
        data=lambda w: {"permit": w.permit.pk, "destination": "昆明市", "start": d(1), "days": 2, "note": ""},
        prepare=permit_approved,
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            FrequentTravelTrip.objects.filter(permit_id=w.permit.pk, reported_by=user, channel="phone")
        ),
    ),
    "mobile:education": Write(  # the person signs up on the phone for an activity of their office next week
        url=on("mobile:education", ""),
        prepare=lambda w: setattr(
            w,
            "upcoming",
            CommunityService.objects.create(
                title="敬老院志愿服务",
                held_on=TODAY + timedelta(days=7),
                hours=2,
                place="玉兴街道敬老院",
                capacity=5,
                office=w.yuxing,
                recorded_by=w.users["office_officer"],
            ),
        ),
        data=lambda w: {"kind": "service", "pk": w.upcoming.pk},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(ServiceAttendance.objects.filter(activity=w.upcoming, supervisee=A(w))),
    ),
    "mobile:reports": Write(  # the person's written report (思想汇报)
        url=on("mobile:reports", ""),
        data=lambda w: {"content": "近期在物流公司上班，按时签到，参加了社区环境整治，思想稳定。"},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            PersonalReport.objects.filter(supervisee=A(w), content__startswith="近期在物流")
        ),
    ),
    "mobile:transfer": Write(
        url=on("mobile:transfer", ""),
        data=lambda w: {
            "to_office": w.units["xingyun"].pk,
            "new_address": "江川区星云街道上营社区12号",
            "move_on": d(40),
            "reason": "购房迁居",
            "evidence": "购房合同",
            "proof_1": upload(),
        },
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            ResidenceTransfer.objects.filter(supervisee=w.people["A"], recorded_by=user, status="applied")
        ),
    ),
    "mobile:password_change": Write(
        url=on("mobile:password_change", ""),
        data=lambda w: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: check(
            User.objects.get(pk=user.pk).check_password(NEW_PASSWORD), "password unchanged"
        ),
    ),
    "mobile:device_bind": Write(  # 在本手机上保持登录
        url=on("mobile:device_bind", ""),
        data=lambda w: {},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(DeviceCredential.objects.filter(user=user, revoked_at__isnull=True)),
    ),
    "mobile:device_unbind": Write(
        url=lambda w: reverse("mobile:device_unbind", kwargs={"device_id": w.phone.pk}),
        data=lambda w: {},
        prepare=a_bound_phone,
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(DeviceCredential.objects.filter(pk=w.phone.pk, revoked_by=user)),
    ),
    "api:checkin_create": Write(
        url=on("api:checkin_create", ""),
        data=lambda w: {"latitude": "24.352", "longitude": "102.541", "accuracy": "10", "photo": upload()},
        headers={"Idempotency-Key": "matrix-api-0001"},
        outcome=only({"supervisee"}, done=Outcome(201, writes=True), anon=UNAUTHORISED),
        wrote=lambda w, user, response: one(
            CheckIn.objects.filter(supervisee=w.people["A"], idempotency_key="matrix-api-0001")
        ),
    ),
    "api:reminder_shown": Write(  # the phone showed the reminder of a spot check waiting for its answer
        url=on("api:reminder_shown", ""),
        data=lambda w: {
            "kind": "spot_check",
            "due_by": SpotCheck.objects.get(supervisee=w.people["A"]).answer_by.isoformat(),
        },
        prepare=lambda w: SpotCheck.objects.create(
            supervisee=w.people["A"],
            requested_at=timezone.now(),
            answer_by=timezone.now() + timedelta(minutes=30),
            requested_by=w.users["office_officer"],
        ),
        outcome=only({"supervisee"}, done=Outcome(201, writes=True), anon=UNAUTHORISED),
        wrote=lambda w, user, response: one(
            CheckInReminder.objects.filter(supervisee=w.people["A"], kind="spot_check")
        ),
    ),
    # --- the review committee ----------------------------------------------------------------------------------------
    "committee:members": Write(  # each agency keeps its own committee (the city's is set up on first use)
        url=on("committee:members", ""),
        data=lambda w: {
            "name": "孙委员",
            "organisation": "玉溪市律师协会",
            "role": "member",
            "voting": "on",
            "from_date": d(),
        },
        outcome=only(COMMITTEE_KEEPERS),
        wrote=lambda w, user, response: one(CommitteeMember.objects.filter(name="孙委员", committee__unit=user.unit)),
    ),
    "committee:member_end": Write(
        url=on("committee:member_end", "member"),
        data=lambda w: {"to_date": d()},
        outcome=only({"county_head"}, capable={"city_officer"}),  # the city's committee has no such member
        wrote=lambda w, user, response: one(
            CommitteeMember.objects.filter(pk=w.committee_members[2].pk, to_date=TODAY)
        ),
    ),
    "committee:submit": Write(
        url=on("committee:submit"),
        data=lambda w: {"title": "是否提请训诫", "summary": "未按时报告"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Matter.objects.filter(title="是否提请训诫", submitted_by=user)),
    ),
    "committee:withdraw": Write(  # only the submitting office withdraws
        url=on("committee:withdraw", "matter"),
        data=lambda w: {"reason": "情况已变化"},
        outcome=only({"office_officer"}, capable={"other_office_officer", "other_county_officer"}),
        wrote=lambda w, user, response: one(Matter.objects.filter(pk=w.matter.pk, status="withdrawn")),
    ),
    "committee:meeting_new": Write(
        url=on("committee:meeting_new", ""),
        data=lambda w: {"held_at": f"{d(3)}T09:30", "place": "第二会议室", "matters": [w.matter.pk]},
        outcome=only(COMMITTEE_RUNNERS),
        wrote=lambda w, user, response: one(
            Meeting.objects.filter(scheduled_by=user, place="第二会议室", matters=w.matter, matters__status="on_agenda")
        ),
    ),
    "committee:attendance": Write(
        url=on("committee:attendance", "meeting"),
        data=lambda w: {f"present_{m.pk}": "on" for m in w.committee_members},
        outcome=only(COMMITTEE_RUNNERS, capable=COMMITTEE_VIEWERS),
        wrote=lambda w, user, response: check(
            Attendance.objects.filter(meeting=w.meeting, present=True).count() == len(w.committee_members)
            and Meeting.objects.get(pk=w.meeting.pk).status == "held",
            "attendance recorded",
        ),
    ),
    "committee:deliberate": Write(
        url=on("committee:deliberate", "deliberation"),
        prepare=lambda w: committee.attendance_record(
            actor=w.users["county_officer"],
            meeting_id=w.meeting.pk,
            rows={m.pk: (True, "") for m in w.committee_members},
        ),
        data=lambda w: (
            {f"choice_{m.pk}": "agree" for m in w.committee_members[:4]}
            | {"outcome": "passed", "text": "同意提请。", "resolved_on": d()}
        ),
        outcome=only(COMMITTEE_RUNNERS, capable=COMMITTEE_VIEWERS),
        wrote=lambda w, user, response: one(
            Matter.objects.filter(pk=w.agenda_matter.pk, status="resolved", resolution_document__isnull=False)
        ),
    ),
    # --- assessment, safety, oversight --------------------------------------------------------------------------------
    "assessment:record": Write(
        url=on("assessment:record"),
        data=assessment_form,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            QuarterlyAssessment.objects.filter(supervisee=w.people["A"], assessed_by=user, period_number=1)
        ),
    ),
    "assessment:contest": Write(  # a contested grade goes to the 红塔区 review committee
        url=on("assessment:contest"),
        prepare=lambda w: assessment_services.assessment_record(
            actor=w.users["office_officer"], supervisee=A(w), assessment=graded(w)
        ),
        data=lambda w: {"summary": "本人对考核等次有异议"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Matter.objects.filter(kind="contested_grade", supervisee=w.people["A"], submitted_by=user)
        ),
    ),
    # --- enforcement: the office records and proposes, the county agency of A decides ----------------------------
    "enforcement:fact": Write(
        url=on("enforcement:fact"),
        data=lambda w: {
            "occurred_on": d(),
            "kind": "refused_education",
            "source": "observation",
            "description": "经教育仍不参加集中教育",
        },
        outcome=only(PROPOSERS, capable=ALL_PROPOSERS),
        wrote=lambda w, user, response: one(
            Fact.objects.filter(supervisee=w.people["A"], kind="refused_education", recorded_by=user)
        ),
    ),
    "enforcement:propose": Write(
        url=on("enforcement:propose"),
        data=lambda w: {"kind": "admonition", "facts": [w.enforcement_fact.pk], "proposal": "建议训诫"},
        prepare=lambda w: Measure.objects.filter(pk=w.measure.pk).update(status="refused"),  # one at a time
        outcome=only(PROPOSERS, capable=ALL_PROPOSERS),
        wrote=lambda w, user, response: one(
            Measure.objects.filter(supervisee=w.people["A"], proposed_by=user, status="proposed")
        ),
    ),
    "enforcement:level_propose": Write(
        url=on("enforcement:level_propose"),
        data=lambda w: {},
        prepare=lambda w: LevelReview.objects.filter(pk=w.level_review.pk).update(status="refused"),
        outcome=only(PROPOSERS, capable=ALL_PROPOSERS),
        wrote=lambda w, user, response: one(
            LevelReview.objects.filter(supervisee=w.people["A"], proposed_by=user, status="proposed")
        ),
    ),
    "enforcement:merit_confirm": Write(
        url=lambda w: reverse("enforcement:merit_confirm", args=[w.merit.pk]),
        data=lambda w: {},
        outcome=only(DECIDERS_A, capable=DECIDERS),
        wrote=lambda w, user, response: one(Fact.objects.filter(pk=w.merit.pk, confirmed_by=user)),
    ),
    "enforcement:decide": Write(
        url=lambda w: reverse("enforcement:decide", args=[w.measure.pk]),
        data=lambda w: {"decision": "approve", "reason": ""},
        outcome=only(DECIDERS_A, capable=DECIDERS),
        wrote=lambda w, user, response: one(
            Measure.objects.filter(pk=w.measure.pk, status="approved", decided_by=user, document__isnull=False)
        ),
    ),
    "enforcement:serve": Write(
        url=lambda w: reverse("enforcement:serve", args=[w.measure.pk]),
        data=lambda w: {"served_on": d()},
        prepare=measure_approved,
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(Measure.objects.filter(pk=w.measure.pk, served_on=TODAY)),
    ),
    "enforcement:correct": Write(
        url=lambda w: reverse("enforcement:correct", args=[w.measure.pk]),
        data=lambda w: {"corrected_on": d(), "finding": "已按时报告"},
        prepare=measure_approved,
        outcome=only(PROPOSERS, capable=ALL_PROPOSERS),
        wrote=lambda w, user, response: one(
            Measure.objects.filter(pk=w.measure.pk, corrected_on=TODAY, corrected_by=user)
        ),
    ),
    "enforcement:level_decide": Write(
        url=lambda w: reverse("enforcement:level_decide", args=[w.level_review.pk]),
        data=lambda w: {"decision": "approve", "reason": ""},
        outcome=only(DECIDERS_A, capable=DECIDERS),
        wrote=lambda w, user, response: one(
            LevelReview.objects.filter(pk=w.level_review.pk, status="approved", decided_by=user)
        ),
    ),
    "assessment:rating": Write(  # the evaluator of A's village rates A for the period the office assesses next
        url=on("assessment:rating"),
        data=lambda w: {
            "law_abiding": "good",
            "compliance": "fair",
            "education": "good",
            "community_service": "average",
        },
        outcome=only({"evaluator"}),
        wrote=lambda w, user, response: one(CommunityRating.objects.filter(supervisee=A(w), evaluator=user)),
    ),
    "education:new": Write(  # each office's officer for their own office; a county agency for its county's offices
        url=on("education:new", ""),
        data=lambda w: {
            "office": w.yuxing.pk,
            "theme": "moral",
            "topic": "德治教化讲座",
            "held_on": d(3),
            "hours": "1.5",
            "place": "玉兴街道文化站",
            "teacher": "王老师",
        },
        # The office field is offered only where the jurisdiction holds several offices (红塔区 here); an office's
        # officer, or 江川区's agency with its one office, organises for that office whatever the data says.
        outcome=only(EDITORS),
        wrote=lambda w, user, response: one(EducationSession.objects.filter(topic="德治教化讲座", recorded_by=user)),
    ),
    "education:enrol": Write(
        url=on("education:enrol", "education"),
        data=lambda w: {"people": [w.people["D"].pk]},
        prepare=lambda w: w.people.update(  # an adult of 玉兴 not yet enrolled (A is, M is a minor)
            D=SuperviseeFactory(name="孙七", judicial_office=w.yuxing, deciding_authority=w.units["hongta_court"])
        ),
        outcome=only({"office_officer", "county_officer", "county_head"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            EducationAttendance.objects.filter(session=w.education, supervisee=w.people["D"])
        ),
    ),
    "education:roll_call": Write(
        url=on("education:roll_call", "education"),
        data=lambda w: {f"present_{w.people['A'].pk}": "on", f"note_{w.people['A'].pk}": ""},
        outcome=only({"office_officer", "county_officer", "county_head"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            EducationAttendance.objects.filter(session=w.education, supervisee=A(w), present=True)
        ),
    ),
    "education:service_new": Write(  # as education:new: 红塔区's agency chooses the office, the others have one
        url=on("education:service_new", ""),
        data=lambda w: {
            "office": w.yuxing.pk,
            "title": "敬老院志愿服务",
            "held_on": d(3),
            "hours": "2",
            "place": "玉兴街道敬老院",
            "demand": "light",
            "capacity": "8",
        },
        outcome=only(EDITORS),
        wrote=lambda w, user, response: one(CommunityService.objects.filter(title="敬老院志愿服务", recorded_by=user)),
    ),
    "education:service_enrol": Write(
        url=on("education:service_enrol", "service"),
        data=lambda w: {"people": [w.people["D"].pk]},
        prepare=lambda w: w.people.update(  # an adult of 玉兴 not yet signed up (A is, M is a minor)
            D=SuperviseeFactory(name="孙七", judicial_office=w.yuxing, deciding_authority=w.units["hongta_court"])
        ),
        outcome=only({"office_officer", "county_officer", "county_head"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            ServiceAttendance.objects.filter(activity=w.service, supervisee=w.people["D"])
        ),
    ),
    "education:service_roll_call": Write(
        url=on("education:service_roll_call", "service"),
        data=lambda w: {f"present_{w.people['A'].pk}": "on", f"note_{w.people['A'].pk}": ""},
        outcome=only({"office_officer", "county_officer", "county_head"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            ServiceAttendance.objects.filter(activity=w.service, supervisee=A(w), present=True)
        ),
    ),
    "education:checkin_attendance": Write(  # A checked in at the venue of today's session
        url=on("education:checkin_attendance", "education"),
        prepare=venue_checkin,
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            EducationAttendance.objects.filter(session=w.education, supervisee=A(w), present=True)
        ),
    ),
    "education:service_helpers": Write(  # 玉兴's volunteer helps run today's activity
        url=on("education:service_helpers", "service"),
        data=lambda w: {"users": [w.users["volunteer"].pk]},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            ServiceHelper.objects.filter(activity=w.service, user=w.users["volunteer"], added_by=user)
        ),
    ),
    "education:individual": Write(
        url=on("education:individual"),
        data=lambda w: {
            "theme": "thought",
            "topic": "近期思想动态谈话",
            "held_on": d(),
            "hours": "1",
            "place": "玉兴街道司法所",
            "teacher": "李强",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            EducationSession.objects.filter(kind="individual", recorded_by=user, attendances__supervisee=A(w))
        ),
    ),
    "counselling:assessment": Write(
        url=on("counselling:assessment"),
        data=lambda w: {
            "assessed_on": d(0),
            "instrument": "SCL-90",
            "result": "mild",
            "summary": "睡眠较差，焦虑因子略高",
        },
        outcome=only({"office_officer", "social_worker"}, capable={"other_office_officer"}),
        wrote=lambda w, user, response: one(PsychAssessment.objects.filter(supervisee=A(w), assessed_by=user)),
    ),
    "counselling:crisis_open": Write(  # after A's earlier case was closed
        url=on("counselling:crisis_open"),
        prepare=lambda w: CrisisCase.objects.filter(pk=w.crisis.pk).update(closed_on=TODAY, outcome="危机解除"),
        data=lambda w: {
            "opened_on": d(0),
            "source": "screening",
            "risk": "high",
            "signs": "排查发现其多次扬言报复社会",
            "counsellor": w.users["social_worker"].pk,
        },
        outcome=only({"office_officer", "social_worker"}, capable={"other_office_officer"}),
        wrote=lambda w, user, response: one(CrisisCase.objects.filter(supervisee=A(w), opened_by=user, risk="high")),
    ),
    "counselling:session": Write(  # a follow-up of A's open case
        url=on("counselling:session"),
        data=lambda w: {
            "crisis": w.crisis.pk,
            "held_on": d(0),
            "manner": "face",
            "hours": "1",
            "notes": "情绪疏导，约定下次辅导",
        },
        outcome=only({"office_officer", "social_worker"}, capable={"other_office_officer"}),
        wrote=lambda w, user, response: one(CounsellingSession.objects.filter(crisis=w.crisis, counsellor=user)),
    ),
    "counselling:case_close": Write(
        url=lambda w: reverse("counselling:case_close", args=[w.crisis.pk]),
        data=lambda w: {"closed_on": d(0), "outcome": "情绪稳定，消极念头消除，转入日常关注"},
        outcome=only({"office_officer", "social_worker"}, capable={"other_office_officer"}),
        wrote=lambda w, user, response: one(CrisisCase.objects.filter(pk=w.crisis.pk, closed_by=user)),
    ),
    "mentoring:trigger_new": Write(  # the office records an occasion for the mentor's visit (五必访)
        url=on("mentoring:trigger_new"),
        data=lambda w: {
            "occasion": "hardship",
            "source": "screening",
            "known_on": d(-1),
            "detail": "排查发现失业后房租拖欠",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            MentoringTrigger.objects.filter(supervisee=A(w), recorded_by=user, occasion="hardship")
        ),
    ),
    "mentoring:visit": Write(  # A's mentor visits on the job change A reported
        url=on("mentoring:visit"),
        data=lambda w: {
            "trigger": w.trigger.pk,
            "visited_on": d(0),
            "manner": "talk",
            "findings": "新工作稳定，情绪良好",
        },
        outcome=only({"mentor"}),
        wrote=lambda w, user, response: one(MentoringVisit.objects.filter(trigger=w.trigger, mentor=user)),
    ),
    "mentoring:change_read": Write(
        url=lambda w: reverse("mentoring:change_read", args=[w.people["A"].pk, w.change.pk]),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(ChangeReport.objects.filter(pk=w.change.pk, read_by=user)),
    ),
    "mobile:health": Write(  # A, serving a sentence outside prison on medical grounds, reports this month's health
        url=on("mobile:health", ""),
        prepare=lambda w: Supervisee.objects.filter(pk=A(w).pk).update(
            correction_type="temporary_release", temporary_release_ground="serious_illness"
        ),
        data=lambda w: {"month": TODAY.replace(day=1).isoformat(), "condition": "病情稳定，按时服药，生活能够自理"},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(HealthReport.objects.filter(supervisee=A(w), month=TODAY.replace(day=1))),
    ),
    "supervision:health_read": Write(
        url=lambda w: reverse("supervision:health_read", args=[A(w).pk, w.health_report.pk]),
        prepare=lambda w: setattr(
            w,
            "health_report",
            HealthReport.objects.create(supervisee=A(w), month=TODAY.replace(day=1), condition="病情稳定，按时服药"),
        ),
        data=lambda w: {},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(HealthReport.objects.filter(pk=w.health_report.pk, read_by=user)),
    ),
    "mobile:changes": Write(  # the person reports a major family event from the phone
        url=on("mobile:changes", ""),
        data=lambda w: {"change": "family_event", "happened_on": d(-1), "content": "母亲突发疾病住院，需要照顾"},
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(ChangeReport.objects.filter(supervisee=A(w), change="family_event")),
    ),
    "education:report_read": Write(
        url=lambda w: reverse("education:report_read", args=[w.people["A"].pk, w.report.pk]),
        data=lambda w: {"reply": "已阅，继续保持"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(PersonalReport.objects.filter(pk=w.report.pk, read_by=user)),
    ),
    # 帮扶: A's office and county agency, and A's social worker; the other offices and counties do not see A.
    "assistance:assess": Write(
        url=on("assistance:assess"),
        data=lambda w: {"assessed_on": d(), "work": "unemployed", "needs_legal_aid": "on", "insured": "on"},
        outcome=only(EDIT_A | {"social_worker"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            NeedsAssessment.objects.filter(supervisee=A(w), recorded_by=user, current=True, needs_legal_aid=True)
        ),
    ),
    "assistance:open": Write(  # job referral: A is unemployed by the world's assessment
        url=on("assistance:open"),
        data=lambda w: {"kind": "job_referral", "opened_on": d()},
        outcome=only(EDIT_A | {"social_worker"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            AssistanceCase.objects.filter(supervisee=A(w), kind="job_referral", opened_by=user, handler=user)
        ),
    ),
    "assistance:step": Write(  # the world's training case referred to 人社
        url=lambda w: reverse("assistance:step", args=[w.assistance_case.pk]),
        data=lambda w: {"action": "refer", "day": d(), "note": "送转介函"},
        outcome=only(EDIT_A | {"social_worker"}, capable=EDITORS),
        wrote=lambda w, user, response: one(
            AssistanceCase.objects.filter(pk=w.assistance_case.pk, status="referred", referred_on=TODAY)
        ),
    ),
    "lostcontact:open": Write(
        url=on("lostcontact:open"),
        data=lambda w: {"since": d(-2), "trigger_reasons": "电话关机，家属不知去向"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(LostContact.objects.filter(supervisee=A(w), opened_by=user, state="open")),
    ),
    "lostcontact:attempt": Write(
        url=on("lostcontact:attempt"),
        prepare=lost_contact_open,
        data=lambda w: {
            "attempted_at": f"{d(-1)}T09:30",
            "method": "family",
            "contacted": "母亲",
            "result": "不知去向",
        },
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(SearchAttempt.objects.filter(case__supervisee=A(w), recorded_by=user)),
    ),
    "lostcontact:notify": Write(
        url=on("lostcontact:notify"),
        prepare=lost_contact_open,
        data=lambda w: {"note": ""},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: (
            one(Document.objects.filter(supervisee=A(w), kind="lost_contact_notice", issued_by=user)),
            one(LostContact.objects.filter(supervisee=A(w), police_notified_on=TODAY)),
        ),
    ),
    "lostcontact:refusal": Write(  # the county agency's finding, for a temporary-release person
        url=on("lostcontact:refusal"),
        prepare=lambda w: (
            Supervisee.objects.filter(pk=w.people["A"].pk).update(
                correction_type=CorrectionType.TEMPORARY_RELEASE, temporary_release_ground="serious_illness"
            ),
            lost_contact_open(w),
        ),
        data=lambda w: {"refused_found_on": d(), "refused_reasons": "经调查，本人拒不报告行踪"},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            LostContact.objects.filter(supervisee=A(w), refused_to_report=True, refused_found_by=user)
        ),
    ),
    "lostcontact:close": Write(
        url=on("lostcontact:close"),
        prepare=lost_contact_open,
        data=lambda w: {"outcome": "found", "restored_on": d(), "outcome_note": "在外地务工，已返回"},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            LostContact.objects.filter(supervisee=A(w), state="closed", closed_by=user, measure="admonition")
        ),
    ),
    "safety:create": Write(  # each agency organises for its own area
        url=on("safety:create", ""),
        data=lambda w: {"name": "元旦期间专项排查", "kind": "holiday", "starts_on": d(), "ends_on": d(20)},
        outcome=only(SCREENING_MANAGERS),
        wrote=lambda w, user, response: one(
            ScreeningCampaign.objects.filter(name="元旦期间专项排查", area=user.unit, created_by=user)
        ),
    ),
    "safety:screening": Write(
        url=on("safety:screening", "screening"),
        data=lambda w: {"screened_on": d(), "method": "visit", "outcome": "stable", "note": ""},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            Screening.objects.filter(campaign=w.campaign, supervisee=w.people["A"], screened_by=user)
        ),
    ),
    "oversight:create": Write(
        url=on("oversight:create", ""),
        data=lambda w: {
            "kind": "written",
            "addressed_to": w.yuxing.pk,
            "matter": "handover",
            "facts": "未按期出具送达回执",
            "opinion": "依法出具",
            "issued_on": d(),
            "reply_by": d(15),
        },
        outcome=only(
            {"procurator"},
            refused={
                "other_procurator": Outcome(
                    400, field="addressed_to", because="access: a procuratorate addresses only its county's units"
                )
            },
        ),
        wrote=lambda w, user, response: one(
            CorrectionOpinion.objects.filter(issued_by=user, addressed_to=w.yuxing, matter="handover")
        ),
    ),
    "oversight:reply": Write(
        url=on("oversight:reply", "opinion"),
        data=lambda w: {"adopted": "yes", "reply": "已整改", "replied_on": d()},
        outcome=only(EDIT_A, capable=EDITORS),
        wrote=lambda w, user, response: one(
            CorrectionOpinion.objects.filter(pk=w.opinion.pk, status="replied", replied_by=user)
        ),
    ),
    "socialwork:record": Write(  # A's social worker and volunteer record help for A
        url=on("socialwork:record", ""),
        data=lambda w: {
            "supervisee": w.people["A"].pk,
            "day": d(),
            "kind": "counselling",
            "hours": "1",
            "content": "谈心",
        },
        outcome=only({"social_worker", "volunteer"}),
        wrote=lambda w, user, response: one(
            HelpRecord.objects.filter(supervisee=A(w), helper=user, kind="counselling")
        ),
    ),
    "socialwork:contract_new": Write(  # a county agency's contract lists its own county's social workers
        url=on("socialwork:contract_new", ""),
        data=lambda w: {
            "title": "红塔区社工服务二期",
            "provider": "红塔区启航社会工作服务中心",
            "selection": "competitive_consultation",
            "selected_on": d(-10),
            "selection_reference": "HTCG-2026-009",
            "starts_on": d(),
            "ends_on": d(365),
            "q_visit": "100",
            "hours": "200",
            "budget": "50000",
            "quality_standards": "每次服务有记录",
            "workers": [w.users["social_worker"].pk],
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-MIN_NUM_FORMS": "0",
            "milestones-MAX_NUM_FORMS": "4",
            "milestones-0-due_on": d(10),
            "milestones-0-amount": "20000",
            "milestones-0-condition": "首款",
        },
        outcome=only(
            {"county_officer", "county_head"},
            refused={
                "other_county_officer": Outcome(
                    400, field="workers", because="access: a contract lists its own county's social workers"
                )
            },
        ),
        wrote=lambda w, user, response: one(
            ServiceContract.objects.filter(title="红塔区社工服务二期", created_by=user, agency=user.unit)
        ),
    ),
    "socialwork:evaluate": Write(
        url=lambda w: reverse("socialwork:evaluate", args=[w.contract.pk]),
        data=lambda w: {
            "period_start": w.contract.starts_on.isoformat(),
            "period_end": d(),
            "quality_score": "90",
            "quality_notes": "抽查记录完整",
            "conclusion": "passed",
            "milestone": w.contract.milestones.get(needs_evaluation=True).pk,
        },
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            ContractEvaluation.objects.filter(contract=w.contract, evaluated_by=user, delivered__visit=1)
        ),
    ),
    "socialwork:pay": Write(  # the first milestone, which needs no evaluation
        url=lambda w: reverse(
            "socialwork:pay", args=[w.contract.pk, w.contract.milestones.get(needs_evaluation=False).pk]
        ),
        data=lambda w: {"paid_on": d(), "paid_amount": "60000"},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            PaymentMilestone.objects.filter(contract=w.contract, paid_by=user, paid_on=TODAY)
        ),
    ),
    "staffing:register": Write(  # the 红塔区 agency, for a village of 玉兴 (a county's own offices only)
        url=lambda w: reverse("staffing:register", args=[w.yuxing.pk]),
        data=lambda w: {"village": w.hehua.pk, "name": "李建华", "kind": "part_time", "since": d(-3)},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            VillageSpecialist.objects.filter(village=w.hehua, name="李建华", registered_by=user, until=None)
        ),
    ),
    "staffing:end": Write(
        url=lambda w: reverse("staffing:end", args=[w.yuxing.pk, w.staffing.pk]),
        data=lambda w: {"until": d()},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            VillageSpecialist.objects.filter(pk=w.staffing.pk, until=TODAY, ended_by=user)
        ),
    ),
    # Appraisal: the city sets the weights and the provincial figure; A's office and county agency record a re-offence.
    "appraisal:settings": Write(
        url=on("appraisal:settings", ""),
        data=lambda w: {
            "follow_up": "1,3",
            **{f"weight_{c}": "10" for c in ("deadlines", "screening", "assessments", "lost_contact", "recidivism")},
        },
        outcome=only({"city_officer"}),
        wrote=lambda w, user, response: one(
            AppraisalWeight.objects.filter(code="deadlines", weight=10, updated_by=user)
        ),
    ),
    "appraisal:figure": Write(
        url=on("appraisal:figure", ""),
        data=lambda w: {"year": "2025", "rate": "0.21", "source": "省司法厅通报"},
        outcome=only({"city_officer"}),
        wrote=lambda w, user, response: one(ProvincialFigure.objects.filter(year=2025, entered_by=user)),
    ),
    "appraisal:reoffence": Write(
        url=on("appraisal:reoffence"),
        data=lambda w: {"offence_date": d(-2), "source": "police", "crime": "盗窃罪"},
        outcome=only(EDIT_A, capable={"other_office_officer", "other_county_officer"}),
        wrote=lambda w, user, response: one(
            ReOffence.objects.filter(supervisee=A(w), recorded_by=user, during_correction=True)
        ),
    ),
    # Placement (红塔区's base and enterprise): the offices' officers and the agency of 红塔区 keep them; a person is
    # placed, and an offer matched to a case, by those who see the person.
    "placement:base_new": Write(
        url=on("placement:base_new", ""),
        data=lambda w: BASE_FORM | {"name": "新建安置基地"},
        outcome=only(EDITORS),
        wrote=lambda w, user, response: one(
            PlacementBase.objects.filter(name="新建安置基地", created_by=user, county_id=user.unit.county_id)
        ),
    ),
    "placement:base_edit": Write(
        url=lambda w: reverse("placement:base_edit", args=[w.placement_base.pk]),
        data=lambda w: BASE_FORM | {"capacity": "12", "active": "on"},
        outcome=only(EDITORS - {"other_county_officer"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(PlacementBase.objects.filter(pk=w.placement_base.pk, capacity=12)),
    ),
    "placement:place": Write(  # A, found without home or work by a new needs assessment
        url=lambda w: reverse("placement:place", args=[w.placement_base.pk]),
        data=lambda w: {
            "person": w.people["A"].pk,
            "family_to_turn_to": "no",
            "started_on": d(),
            "planned_end": d(90),
            "reason": "无处居住，安排在基地帮工",
        },
        prepare=lambda w: _three_no(w),
        outcome=only(
            EDIT_A,
            capable={"other_county_officer"},
            refused={"other_office_officer": Outcome(400, field="person", because="access: an office places its own")},
        ),
        wrote=lambda w, user, response: one(Placement.objects.filter(supervisee=A(w), placed_by=user, ended_on=None)),
    ),
    "placement:end": Write(
        url=lambda w: reverse("placement:end", args=[Placement.objects.get(supervisee=A(w), ended_on=None).pk]),
        data=lambda w: {"ended_on": d(), "end_note": "投靠亲属"},
        prepare=lambda w: _placed(w),
        outcome=only(EDIT_A, capable={"other_office_officer", "other_county_officer"}),
        wrote=lambda w, user, response: one(Placement.objects.filter(supervisee=A(w), ended_on=TODAY, ended_by=user)),
    ),
    "placement:enterprise_new": Write(
        url=on("placement:enterprise_new", ""),
        data=lambda w: {"name": "玉溪新兴建材厂", "contact": "赵厂长", "phone": "0877-2012345"},
        outcome=only(EDITORS),
        wrote=lambda w, user, response: one(Enterprise.objects.filter(name="玉溪新兴建材厂", created_by=user)),
    ),
    "placement:offer_new": Write(
        url=lambda w: reverse("placement:offer_new", args=[w.enterprise.pk]),
        data=lambda w: {"kind": "job", "title": "装卸工", "places": "2", "valid_from": d(), "valid_to": d(60)},
        outcome=only(EDITORS - {"other_county_officer"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            Offer.objects.filter(title="装卸工", created_by=user, enterprise=w.enterprise)
        ),
    ),
    "placement:match": Write(  # the world's training offer, to A's training case
        url=lambda w: reverse("placement:match", args=[w.offer.pk]),
        data=lambda w: {"case": w.assistance_case.pk, "day": d()},
        outcome=only(
            EDIT_A,
            capable={"other_county_officer"},
            refused={"other_office_officer": Outcome(400, field="case", because="access: an office matches its own")},
        ),
        wrote=lambda w, user, response: one(
            OfferMatch.objects.filter(offer=w.offer, case_id=w.assistance_case.pk, proposed_by=user)
        ),
    ),
    "placement:decide": Write(
        url=lambda w: reverse("placement:decide", args=[OfferMatch.objects.get(offer=w.offer).pk]),
        data=lambda w: {"status": "accepted", "day": d(), "note": "已报名参加"},
        prepare=lambda w: _matched(w),
        outcome=only(EDIT_A, capable={"other_office_officer", "other_county_officer"}),
        wrote=lambda w, user, response: one(
            OfferMatch.objects.filter(offer=w.offer, status="accepted", decided_by=user)
        ),
    ),
    # Funding (decision 0045): 红塔区's ledger is kept by its agency and by the city agency; a correction is a
    # reversing entry.
    "funding:entry_new": Write(
        url=lambda w: reverse("funding:entry_new", args=[w.units["hongta_agency"].pk]),
        data=lambda w: {
            "day": d(),
            "direction": "income",
            "source": "provincial",
            "use": "",
            "amount": "120000",
            "voucher": "玉财行〔2026〕12号",
            "description": "省级社区矫正经费补助",
        },
        outcome=only(FUNDERS - {"other_county_officer"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            LedgerEntry.objects.filter(agency=w.units["hongta_agency"], voucher="玉财行〔2026〕12号", recorded_by=user)
        ),
    ),
    "funding:reverse": Write(
        url=lambda w: reverse("funding:reverse", args=[LedgerEntry.objects.get(voucher="记-900").pk]),
        data=lambda w: {"day": d(), "voucher": "记-901", "reason": "金额误记"},
        prepare=lambda w: _ledger_entry(w),
        outcome=only(FUNDERS - {"other_county_officer"}, capable={"other_county_officer"}),
        wrote=lambda w, user, response: one(
            LedgerEntry.objects.filter(reverses__voucher="记-900", voucher="记-901", recorded_by=user)
        ),
    ),
    "learning:new": Write(  # a text course of the user's office or county agency
        url=on("learning:new", ""),
        data=lambda w: {"title": "禁毒知识", "kind": "text", "hours": "1", "body": "毒品的危害与预防。"},
        outcome=only(EDITORS),
        wrote=lambda w, user, response: one(Course.objects.filter(title="禁毒知识", published_by=user, unit=user.unit)),
    ),
    "learning:rule": Write(  # the county agency counts finished courses as study hours
        url=on("learning:rule", ""),
        data=lambda w: {"counts_as_hours": "on"},
        outcome=only({"county_officer", "county_head", "other_county_officer"}),
        wrote=lambda w, user, response: one(
            CountyLearningRule.objects.filter(county_id=user.unit.county_id, counts_as_hours=True, set_by=user)
        ),
    ),
    "learning:assign": Write(  # 红塔区's course, to an adult of 玉兴 who does not have it yet
        url=lambda w: reverse("learning:assign", args=[w.learning.pk]),
        data=lambda w: {"people": [w.people["D"].pk]},
        prepare=lambda w: w.people.update(
            D=SuperviseeFactory(name="孙七", judicial_office=w.yuxing, deciding_authority=w.units["hongta_court"])
        ),
        outcome=only(
            EDIT_A,
            capable={"other_county_officer"},
            refused={
                "other_office_officer": Outcome(400, field="people", because="access: an office assigns its own people")
            },
        ),
        wrote=lambda w, user, response: one(
            CourseAssignment.objects.filter(course=w.learning, supervisee=w.people["D"], assigned_by=user)
        ),
    ),
    "mobile:learning_course": Write(  # A finishes the course opened an hour ago (half its hour has passed)
        url=lambda w: reverse("mobile:learning_course", args=[w.learning_assignment.pk]),
        data=lambda w: {},
        prepare=lambda w: CourseAssignment.objects.filter(pk=w.learning_assignment.pk).update(
            started_at=NOW - timedelta(hours=1)
        ),
        outcome=only({"supervisee"}),
        wrote=lambda w, user, response: one(
            CourseAssignment.objects.filter(pk=w.learning_assignment.pk, completed_at__isnull=False)
        ),
    ),
    # Publicity (decision 0046): the county and city agencies publish for their own area; the 红塔区 notice is changed
    # (before its day) and withdrawn by the 红塔区 agency only.
    "publicity:new": Write(
        url=on("publicity:new", ""),
        data=lambda w: {"kind": "case", "title": "典型案例：按时报到", "body": "案情。\n\n评析。", "publish_on": d()},
        outcome=only({"county_officer", "county_head", "other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(
            Post.objects.filter(title="典型案例：按时报到", published_by=user, county_id=user.unit.county_id)
        ),
    ),
    "publicity:edit": Write(  # the notice, moved to tomorrow first (a published one is not changed)
        url=lambda w: reverse("publicity:edit", args=[w.publicity_post.pk]),
        data=lambda w: {"kind": "notice", "title": "修改后的通知", "body": "正文", "publish_on": d(1)},
        prepare=lambda w: Post.objects.filter(pk=w.publicity_post.pk).update(publish_on=TODAY + timedelta(days=1)),
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(Post.objects.filter(pk=w.publicity_post.pk, title="修改后的通知")),
    ),
    "publicity:withdraw": Write(
        url=lambda w: reverse("publicity:withdraw", args=[w.publicity_post.pk]),
        data=lambda w: {"reason": "内容有误，将重新发布"},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(
            Post.objects.filter(pk=w.publicity_post.pk, withdrawn_on=TODAY, withdrawn_by=user)
        ),
    ),
    # Leading groups' and liaison meetings (decision 0047): each agency records its own; the 红塔区 liaison meeting's
    # tasks are added and closed by the 红塔区 agency only.
    "leadership:new": Write(
        url=on("leadership:new", ""),
        data=lambda w: {
            "kind": "committee",
            "held_on": d(),
            "place": "第一会议室",
            "chaired_by": "李明 副区长",
            "topics": "年度工作",
            "attendance": "李明 区政府 副区长\n赵刚 区财政局 局长",
            "decisions": "增加专项经费",
        },
        outcome=only({"county_officer", "county_head", "other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(
            LeadingMeeting.objects.filter(place="第一会议室", recorded_by=user, county_id=user.unit.county_id)
        ),
    ),
    "leadership:task_add": Write(
        url=lambda w: reverse("leadership:task_add", args=[w.leading_meeting.pk]),
        data=lambda w: {
            "decision": w.leading_meeting.decisions.get().pk,
            "task": "通报名单",
            "department": "红塔区公安局",
            "due_on": d(10),
        },
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(FollowUpTask.objects.filter(task="通报名单", created_by=user)),
    ),
    "leadership:task_done": Write(
        url=lambda w: reverse(
            "leadership:task_done", args=[FollowUpTask.objects.get(decision__meeting=w.leading_meeting).pk]
        ),
        data=lambda w: {"done_on": d(), "outcome": "已印发"},
        outcome=only({"county_officer", "county_head"}, capable={"other_county_officer", "city_officer"}),
        wrote=lambda w, user, response: one(
            FollowUpTask.objects.filter(decision__meeting=w.leading_meeting, done_on=TODAY, done_by=user)
        ),
    ),
}

BASE_FORM = {
    "name": "红塔区阳光安置基地",
    "kind": "housing",
    "operator": "玉溪阳光物业公司",
    "capacity": "10",
    "address": "红塔区玉兴路8号",
    "contact": "王经理",
    "active": "on",
}


def _judgment_form(w) -> dict:
    """A valid judgment form of the 红塔区 court (the message id as the form's GET makes it)."""
    return {
        "message_id": "page-" + "7" * 32,
        "document_number": "（2026）云0402刑初301号",
        "correction_type": "probation",
        "effective_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "term_start": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "term_end": (timezone.localdate() + timedelta(days=700)).isoformat(),
        "original_sentence": "有期徒刑一年，缓刑二年",
        "crime": "盗窃罪",
        "crime_article": "刑法第二百六十四条",
        "offence_date": (timezone.localdate() - timedelta(days=200)).isoformat(),
        "name": "矩阵交付",
        "id_number": "530402199109030174",
        "gender": "male",
        "education": "junior",
        "household_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "village": w.hehua.pk,
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
    }


def _failed_delivery(w: World) -> None:
    """A notice about A to the 红塔区 court, which has an interface, given up after its retries (decision 0042)."""
    from sqjz.outbox import services as outbox

    outbox.endpoint_save(
        actor=w.users["admin"], agency=w.units["hongta_court"], url="https://court.example.cn/in", token="", active=True
    )
    payload = {
        "commission_number": "（2026）云0402刑初1号",
        "name": A(w).name,
        "id_number": "530402199001011234",
        "opinion": "suitable",
        "opinion_label": "适宜社区矫正",
        "reasons": "有固定住所。",
        "document_number": "玉红司矫评〔2026〕1号",
        "delivered_on": "2026-11-25",
        "issued_by": "红塔区社区矫正管理局",
    }
    delivery = outbox.notify(
        agency=w.units["hongta_court"], kind="investigation_opinion", payload=payload, supervisee=A(w)
    )
    Delivery.objects.filter(pk=delivery.pk).update(state="failed", next_attempt_at=None, last_error="矩阵推送失败")


def _three_no(w: World) -> None:
    """A's needs assessment today finds no stable housing and no work (THREE_NO_PERSON's facts)."""
    from sqjz.assistance.services import assessment_record

    assessment_record(
        actor=w.users["office_officer"],
        supervisee=A(w),
        assessment=NeedsAssessment(
            assessed_on=TODAY, work="unemployed", stable_housing=False, wants_training=True, insured=True
        ),
    )


def _placed(w: World) -> None:
    from sqjz.placement.services import placement_create

    _three_no(w)
    placement_create(
        actor=w.users["county_officer"],
        base=w.placement_base,
        supervisee=A(w),
        started_on=TODAY,
        planned_end=TODAY + timedelta(days=90),
        reason="安置",
        family_to_turn_to=False,
    )


def _matched(w: World) -> None:
    from sqjz.placement.services import match_propose

    match_propose(actor=w.users["county_officer"], offer=w.offer, case_id=w.assistance_case.pk, day=TODAY, note="")


# ------------------------------------------------------------------------------------- which URLs accept POST

READS_BODY = re.compile(r"\brequest\.(POST|FILES|body|method)\b")


def _allowed_methods(view) -> set[str] | None:
    """The methods a view's decorators allow (require_POST, require_GET, require_http_methods), None if any."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            return set(view.__closure__[code.co_freevars.index("request_method_list")].cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


def _reads_body(function, seen: set) -> bool:
    """The function, or a function of the project it calls, reads the request's body or method."""
    function = inspect.unwrap(function)
    if function in seen or not getattr(function, "__module__", "").startswith("sqjz."):
        return False
    seen.add(function)
    source = textwrap.dedent(inspect.getsource(function))
    if READS_BODY.search(source):
        return True
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called = function.__globals__.get(node.func.id)
            if inspect.isfunction(called) and _reads_body(called, seen):
                return True
    return False


def _accepts_post(pattern: URLPattern) -> bool:
    view = pattern.callback
    closure = (
        dict(zip(view.__code__.co_freevars, view.__closure__ or (), strict=True)) if hasattr(view, "__code__") else {}
    )
    if "self" in closure and hasattr(closure["self"].cell_contents, "operations"):  # a django-ninja path
        operations = closure["self"].cell_contents.operations
        return any("POST" in op.methods and op.view_func.__name__ == pattern.name for op in operations)
    if hasattr(view, "view_class"):
        return hasattr(view.view_class, "post") and "post" in view.view_class.http_method_names
    methods = _allowed_methods(view)
    if methods is not None:
        return "POST" in methods
    return inspect.isfunction(inspect.unwrap(view)) and _reads_body(view, set())


def _post_urls(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # the administrators' site; tests/test_access_matrix.py keeps everyone else out of it
            yield from _post_urls(p.url_patterns, ":".join(filter(None, [namespace, p.namespace])) or None)
        elif isinstance(p, URLPattern) and p.name and _accepts_post(p):
            yield f"{namespace}:{p.name}" if namespace else p.name


def test_every_url_that_accepts_post_has_a_write_entry():
    found = set(_post_urls(get_resolver().url_patterns))
    assert found <= set(_named_urls(get_resolver().url_patterns))
    assert found == set(WRITES)


def test_pages_that_only_show_are_not_taken_for_writes():
    """The finder is not "everything": list and detail pages, files and the API's reads accept no POST."""
    found = set(_post_urls(get_resolver().url_patterns))
    for name in (
        "supervisees:list",
        "supervisees:detail",
        "intake:photo",
        "supervision:travel_evidence",
        "api:checkin_list",
    ):
        assert name not in found


# ------------------------------------------------------------------------------------------------ the matrix


def _fingerprint() -> dict[str, list]:
    """Every row of every table but the sessions, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - the database's own table names
            rows[table] = cursor.fetchall()
    return rows


@cache
def _tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t != SESSIONS]


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def _files(root: Path) -> set[Path]:
    return {Path(folder, name) for folder, _, names in os.walk(root) for name in names}


def _fake_render(doc) -> bytes:
    return f"{doc.title} {doc.number}".encode()


@cache
def _inbox_refreshers() -> list[tuple[object, str]]:
    """(module, name) of every project module's reference to the inbox's recomputation."""
    refreshers = {inbox.inbox_refresh, inbox.inbox_refresh_people}
    return [
        (module, name)
        for module in list(sys.modules.values())
        if getattr(module, "__name__", "").startswith("sqjz.") and module is not inbox
        for name in ("inbox_refresh", "inbox_refresh_people")
        if getattr(module, name, None) in refreshers
    ]


@contextmanager
def _without_inbox():
    """Steps that set up a case's state skip recomputing the inbox (it is not what this test is about, and the
    state before the request is what the request is compared with)."""
    with ExitStack() as stack:
        for module, name in _inbox_refreshers():
            stack.enter_context(mock.patch.object(module, name, lambda *args, **kwargs: None))
        yield


def _signed_in_sessions(world: World) -> dict[str, str]:
    """A session per persona, as signing in leaves it (the cases reuse them; each case's changes roll back)."""
    engine = import_module(settings.SESSION_ENGINE)
    keys = {}
    for persona, user in world.users.items():
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        keys[persona] = session.session_key
    return keys


@dataclass(frozen=True)
class Shared:
    world: World
    sessions: dict[str, str]
    data_dir: Path


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world with its records and a signed-in session per persona, built once in a transaction that is rolled
    back after the module. Documents are numbered and stored as in use, with a stand-in for the DOCX and PDF
    rendering (tests/documents checks the rendering)."""
    data_dir = tmp_path_factory.mktemp("data")
    with (
        time_machine.travel(NOW, tick=False),
        override_settings(DATA_DIR=data_dir),
        mock.patch.dict(FORMATS, {"docx": _fake_render, "pdf": _fake_render}),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = add_records(build_world())
        world.stages = _investigation_stages(world)
        yield Shared(world, _signed_in_sessions(world), data_dir)
        transaction.set_rollback(True)


CASES = [pytest.param(name, persona, id=f"{name}-{persona}") for name in WRITES for persona in PERSONAS]


@pytest.mark.django_db  # a savepoint per case, inside the module's transaction: each case starts from the same world
@pytest.mark.parametrize(("name", "persona"), CASES)
def test_a_valid_post_writes_only_for_the_roles_and_jurisdiction_allowed(shared, client, name, persona):
    world, write, expected = shared.world, WRITES[name], WRITES[name].outcome(persona)
    assert expected.writes or expected.because or expected in (FORBIDDEN, NOT_FOUND, LOGIN, UNAUTHORISED)
    with _without_inbox():
        write.prepare(world)
    user = world.users.get(persona)
    if user is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = shared.sessions[persona]
        if write.session:
            session = client.session
            session.update(write.session)
            session.save()
    url, data = write.url(world), write.data(world)
    before, files = _fingerprint(), _files(shared.data_dir)
    try:
        response = client.post(url, data, headers=write.headers)

        assert response.status_code == expected.status, said(response)[:2000]
        if expected.goes_to:
            assert response["Location"].split("?")[0] == reverse(expected.goes_to)
        if expected.field:
            assert expected.field in refused_fields(response)
        if expected.says:
            assert expected.says in said(response)
        if expected.writes:
            write.wrote(world, user, response)
        else:
            assert _changed(before, _fingerprint()) == [], "a refused POST wrote to the database"
            assert _files(shared.data_dir) == files, "a refused POST stored a file"
    finally:  # the files of a case go with its rows
        for path in _files(shared.data_dir) - files:
            path.unlink()


# --------------------------------------------------------------------------------------------------- the admin

ADMIN_WRITES = [  # (keeper, URL name, its arguments, a valid form): unlock an account, add a holiday, add a village
    (
        "security_admin",
        "admin:accounts_user_changelist",
        {},
        lambda w: {"action": "unlock", "_selected_action": [w.users["judge"].pk]},
    ),
    (
        "admin",
        "admin:rulebook_holidaydate_add",
        {},
        lambda w: {
            "date": "2027-01-01",
            "kind": "holiday",
            "name": "元旦",
            "source": "国务院办公厅关于2027年部分节假日安排的通知",
        },
    ),
    (
        "admin",
        "admin:organisation_division_add",
        {},
        lambda w: {
            "code": "530402001002",
            "name": "新村社区居民委员会",
            "level": "village",
            "parent": w.hehua.parent_id,
        },
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_site_takes_writes_from_their_keepers_only(shared, client, persona):
    """The admin's URLs accept POST too: each keeper's valid form is saved (the security administrator's unlocking,
    the system administrator's holiday and village); anyone else is refused before the form is read (sent to the
    admin's sign-in, which refuses a signed-in user, or 403 for the other administrator) and nothing is written."""
    world = shared.world
    User.objects.filter(pk=world.users["judge"].pk).update(locked_until=NOW + timedelta(minutes=30))
    if persona != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = shared.sessions[persona]
    before = _fingerprint()
    for keeper, name, kwargs, data in ADMIN_WRITES:
        response = client.post(reverse(name, kwargs=kwargs), data(world))
        if persona == keeper:
            assert response.status_code == 302
        elif persona in ("admin", "security_admin"):
            assert response.status_code == 403, name
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
    changed = set(_changed(before, _fingerprint()))
    written = {
        "admin": {"rulebook_holidaydate", "organisation_division"},
        "security_admin": {"accounts_user", "accounts_accountunlock"},
    }.get(persona, set())
    assert written <= changed
    assert not (changed - written - {"django_admin_log"}), "a refused POST wrote to the database"
    unlocked = User.objects.get(pk=world.users["judge"].pk).locked_until is None
    assert unlocked == (persona == "security_admin")
