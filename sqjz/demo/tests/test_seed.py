"""The demo data seeded once for this module (read-only tests): every account and a consistent register."""

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction

from sqjz.accounts.models import ROLE_UNIT_KINDS, Role, User
from sqjz.core.identity import parse_resident_id
from sqjz.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from sqjz.demo.generator import seed_demo
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import ACTIVE_STATUSES, Gender, IdType, Status, Supervisee

# The module's tests read the data seeded once below; the mark makes pytest-django set up the test database
# even when this module runs alone.
pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)
SUPERVISEES, DISCHARGED = 60, 30


def quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back at its end; tests only read."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False),
        transaction.atomic(),
    ):
        yield seed_demo(supervisees=SUPERVISEES, discharged=DISCHARGED, seed=7, today=TODAY, progress=quiet)
        transaction.set_rollback(True)
    with django_db_blocker.unblock():
        connection.close()  # do not leave this module's connection open for the database teardown


def test_every_demo_account_exists_with_its_role_and_a_unit_it_may_belong_to(seeded):
    users = {u.username: u for u in User.objects.select_related("unit__division")}
    for account in DEMO_ACCOUNTS:
        user = users[account.username]
        assert (user.full_name, user.role) == (account.full_name, account.role)
        assert user.check_password(DEMO_PASSWORD)
        if account.role in ROLE_UNIT_KINDS:
            assert user.unit.kind in ROLE_UNIT_KINDS[account.role], account.username
            assert (user.unit.kind, user.unit.division.code) == (account.unit_kind, account.division_code)
        else:
            assert user.unit is None, account.username
    assert seeded.accounts == len(DEMO_ACCOUNTS)


def test_every_role_that_works_in_a_county_has_demo_accounts_in_two_counties(seeded):
    counties: dict[str, set[str]] = {}
    for user in User.objects.select_related("unit__county").exclude(unit__county=None):
        counties.setdefault(user.role, set()).add(user.unit.county.name)
    city_or_personal = {
        Role.CITY_OFFICER,
        Role.PRISON_OFFICER,
        Role.SUPERVISEE,
        Role.ADMIN,
        Role.SECURITY_ADMIN,
        Role.AUDITOR,
    }
    for role in set(Role.values) - city_or_personal:
        assert counties.get(role, set()) >= {"红塔区", "江川区"}, role
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_chen_gang_has_an_account_linked_to_his_own_active_record(seeded):
    chen = User.objects.select_related("supervisee__judicial_office").get(username="chengang")
    assert chen.role == Role.SUPERVISEE
    record = chen.supervisee
    assert record.name == "陈刚"
    assert record.status == Status.UNDER_CORRECTION
    assert record.judicial_office.name == "玉兴街道司法所"
    assert record.term_start <= TODAY < record.term_end
    assert parse_resident_id(record.id_number, today=TODAY).birth_date == record.birth_date


def test_the_requested_numbers_of_active_and_former_supervisees_are_created(seeded):
    statuses = Counter(Supervisee.objects.values_list("status", flat=True))
    active = sum(statuses[s] for s in ACTIVE_STATUSES)
    former = statuses[Status.DISCHARGED] + statuses[Status.TERMINATED]
    assert active == SUPERVISEES + 2  # and 陈刚 of the journeys, and the judgment a court sent (decision 0041)
    assert former == DISCHARGED
    assert statuses[Status.PENDING_REPORT] >= 1
    assert seeded.supervisees == SUPERVISEES + DISCHARGED + 1


def test_active_terms_run_past_today_and_former_terms_ended_before(seeded):
    awaiting_discharge = []
    for s in Supervisee.objects.all():
        assert s.term_start < s.term_end, s.name
        assert s.offence_date <= s.judgment_effective_date <= s.term_start, s.name
        if s.status in ACTIVE_STATUSES:
            assert s.term_start <= TODAY, s.name
            if s.term_end < TODAY:
                awaiting_discharge.append(s)
        else:
            assert s.term_end < TODAY, s.name
    assert len(awaiting_discharge) == 1  # the one whose discharge the demo leaves to be done


def test_identity_numbers_are_well_formed_unique_and_agree_with_birth_date_and_sex(seeded):
    people = list(Supervisee.objects.all())
    assert len({s.id_number for s in people}) == len(people)
    for s in people:
        if s.id_type == IdType.RESIDENT:
            parsed = parse_resident_id(s.id_number, today=TODAY)
            assert parsed.birth_date == s.birth_date, s.name
            assert parsed.is_male == (s.gender == Gender.MALE), s.name
            assert parsed.region == s.judicial_office.county.code, s.name


def test_every_supervisee_belongs_to_a_judicial_office_in_yuxi(seeded):
    for s in Supervisee.objects.select_related("judicial_office__county__parent", "village__parent"):
        office = s.judicial_office
        assert office.kind == Unit.Kind.JUDICIAL_OFFICE
        assert office.county.parent.code == "530400"
        assert s.county_id == office.county_id
        if s.village is not None:
            assert s.village.parent_id == office.division_id  # a village of the office's township


def test_every_supervisee_has_a_creation_entry_in_the_history(seeded):
    assert Supervisee.history.filter(history_type="+").count() == Supervisee.objects.count()
    assert not Supervisee.history.filter(history_user__isnull=True).exists()


def test_the_course_around_the_people_is_seeded(seeded):
    from sqjz.documents.models import Document
    from sqjz.intake.models import Handover, LevelDecision
    from sqjz.investigation.models import Investigation

    active = Supervisee.objects.filter(status=Status.UNDER_CORRECTION)
    assert Handover.objects.filter(supervisee__in=active, reported_on__isnull=False).count() == active.count()
    # everyone has a level; a person stepped down by the county after review has a second one (sqjz/demo/enforcement)
    assert LevelDecision.objects.filter(supervisee__in=active).values("supervisee").distinct().count() == active.count()
    yuxing = Investigation.objects.filter(judicial_office__division__code="530402001")
    assert set(yuxing.values_list("status", flat=True)) == {"investigating", "pending_approval", "delivered"}
    assert Document.objects.filter(investigation__status="delivered", kind="investigation_opinion").count() == 1
    assert active.filter(term_end__lt=TODAY).count() == 1  # a discharge waiting for the officers
    from sqjz.supervision.models import TravelLeave

    assert set(TravelLeave.objects.filter(status="pending").values_list("days", "level")) <= {
        (6, "judicial_office"),
        (18, "county_agency"),
    }
    assert TravelLeave.objects.filter(supervisee__name="陈刚", status="approved").exists()


def test_yuxing_checks_in_by_phone_and_two_missed_yesterday(seeded):
    from sqjz.rulebook.selectors import statute_context
    from sqjz.supervision.checkins.selectors import checkin_decisions
    from sqjz.supervision.models import AppEnrolment, CheckIn

    chen = Supervisee.objects.get(account__username="chengang")
    assert AppEnrolment.objects.filter(supervisee=chen).exists()
    assert CheckIn.objects.filter(supervisee=chen, checked_on=date(2026, 11, 27)).exists()
    yuxing = Supervisee.objects.filter(judicial_office__division__code="530402001")
    with time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        missed = [s.name for s, d in checkin_decisions(statute_context(), yuxing, TODAY) if d.outcome is not None]
    enrolled = AppEnrolment.objects.filter(supervisee__in=yuxing).count()
    lost = set(yuxing.filter(lost_contacts__state="open").values_list("name", flat=True))
    assert len([m for m in missed if m not in lost]) == min(2, enrolled - 1) and "陈刚" not in missed


def test_the_review_committees_of_hongta_and_jiangchuan_are_seeded(seeded):
    from sqjz.committee.models import Committee, Matter, Meeting

    hongta = Committee.objects.get(unit__kind="county_agency", unit__division__code="530402")
    roles = {(m.user.username if m.user else m.name): m.role for m in hongta.members.select_related("user")}
    assert roles["wangqiang"] == "chair" and roles["zhangli"] == "secretary" and "派员列席" in roles
    assert hongta.matters.filter(status=Matter.Status.RESOLVED, outcome="passed").count() == 1
    upcoming = Meeting.objects.get(committee=hongta, status="scheduled")
    assert upcoming.matters.count() == 1 and upcoming.held_at.date() > TODAY
    jiangchuan = Committee.objects.get(unit__kind="county_agency", unit__division__code="530403")
    assert {m.user.username for m in jiangchuan.members.filter(user__isnull=False)} == {"puhua", "luoming"}


def test_enforcement_is_seeded_in_yuxing_and_xingyun(seeded):
    """陈刚 (two good quarters) commended and stepped down to 宽管 by 王强 from the next day; in each office with enough
    people an admonition and a warning issued with their documents and served, and in 玉兴 one admonition waiting
    for 张丽 and 王强 (the full demo has a dozen people per office; this seeding has only a few)."""
    from sqjz.demo.enforcement import OFFICES, eligible
    from sqjz.enforcement.models import LevelReview, Measure

    chen = Supervisee.objects.get(name="陈刚")
    commendation = Measure.objects.get(supervisee=chen)
    assert commendation.kind == "commendation" and commendation.status == "approved" and commendation.document
    review = LevelReview.objects.get(supervisee=chen)
    assert (review.status, review.proposed_level) == ("approved", "lenient"), review.reasons
    assert (
        chen.levels.first().level == "lenient"
        and chen.levels.first().effective_from == review.decided_on + timedelta(days=1)
    )
    people = list(Supervisee.objects.select_related("judicial_office__division"))
    for code, (*_, pending) in OFFICES.items():
        others = [s for s in eligible(people, code, TODAY) if s != chen]
        here = Measure.objects.filter(supervisee__judicial_office__division__code=code)
        issued = here.filter(kind__in=("admonition", "warning"), status="approved", document__isnull=False)
        assert issued.filter(served_on__isnull=False).count() == (2 if len(others) >= 2 else 0), code
        assert here.filter(status="proposed").count() == (1 if pending and len(others) >= 3 else 0), code


def test_lost_contact_cases_are_seeded_where_the_offices_have_people_for_them(seeded):
    """(The full demo has a dozen people in 玉兴 and 星云; this small one may have none to spare: see
    test_lost_contact_demo.py for the cases themselves.)"""
    from sqjz.demo.course import LOST_CONTACT_DAYS, RETURNED_AWAY_DAYS
    from sqjz.lostcontact.models import LostContact

    for case in LostContact.objects.filter(state="open"):
        assert case.supervisee.judicial_office.division.code == "530402001"
        assert (TODAY - case.since).days in (LOST_CONTACT_DAYS, RETURNED_AWAY_DAYS + 1)
    for case in LostContact.objects.filter(state="closed"):
        assert case.supervisee.judicial_office.division.code == "530403001" and case.outcome == "found"


def test_hongta_keeps_devices_two_people_wear_one_and_a_gateway_posts_their_positions(seeded):
    from sqjz.supervision.models import ElectronicMonitoring, MonitoringDevice, MonitoringGateway

    worn = MonitoringDevice.objects.filter(status="assigned").select_related("monitoring")
    assert sorted(worn.values_list("serial", flat=True)) == ["YX-HT-0007", "YX-HT-0008"]
    assert all(d.monitoring.status == "active" and d.monitoring.device_number == d.serial for d in worn)
    assert ElectronicMonitoring.objects.filter(status="active").count() == 2
    assert MonitoringDevice.objects.filter(status="in_stock").count() == 3
    assert MonitoringDevice.objects.filter(status="repair").count() == 1
    assert MonitoringGateway.objects.filter(active=True, agency__county__code="530402").count() == 1


def test_an_approved_visit_and_a_frequent_travel_permit_are_seeded_for_lina_and_the_county(seeded, client):
    """Issue 13 §4: an approved visit to a place a prohibition order covers, told to the procuratorate, another
    application waiting for the county; a frequent-travel permit with one reported trip (the person is away now)."""
    from django.urls import reverse

    from sqjz.supervision.models import FrequentTravelTrip, SpecialPlaceEntry
    from sqjz.supervision.travel.selectors import away_on_leave

    approved = SpecialPlaceEntry.objects.get(status="approved")
    assert approved.order.kind == "place" and approved.notice.kind == "special_place_entry_notice"
    assert approved.window_from < approved.window_to
    assert approved.supervisee.judicial_office.county.code == "530402"  # 玉兴 in the full demo; a small one: 红塔区
    assert SpecialPlaceEntry.objects.filter(status="pending", supervisee=approved.supervisee).exists()
    trip = FrequentTravelTrip.objects.get()
    assert trip.permit.status == "approved" and trip.permit.valid_until > TODAY
    assert trip.destination in trip.permit.destinations
    with time_machine.travel(datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert away_on_leave(trip.supervisee, TODAY)
        in_yuxing = approved.supervisee.judicial_office.division.code == "530402001"
        for username in ("lina", "wangqiang") if in_yuxing else ("wangqiang", "zhangli"):
            client.force_login(User.objects.get(username=username))
            page = client.get(reverse("supervision:places", args=[approved.supervisee_id])).content.decode()
            assert approved.place in page and "已告知人民检察院" in page
            travel = client.get(reverse("supervision:travel", args=[trip.supervisee_id])).content.decode()
            assert "经常性跨市、县活动批准的有效期" in travel and trip.note in travel
        client.force_login(User.objects.get(username="wangqiang"))
        listed = client.get(reverse("supervision:place_list")).content.decode()
        assert approved.supervisee.name in listed
