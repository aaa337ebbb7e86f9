"""Every list page answers a realistic page (a few dozen rows in the user's jurisdiction) in a fixed number of
queries, per role where the page differs by role (an office sees its list, a county or the city sees counts per
office first). The number is exact: a page that starts to query per row, or adds a query, fails here and the new
number is a decision to make, not a drift. The scaling tests beside each app's pages (the same count for few
rows and many) stay where they are; this file pins the number itself.

Each count is of the second request of a signed-in user (the first creates what a session creates once), with the
clock fixed on a working day. About three of each are the page's frame: the session read, the user and their unit,
and the inbox count in the menu (officers only); the session is not written again within SESSION_TOUCH_SECONDS.
The rest is the page's own.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.documents.models import Document
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.figures.services import figures_refresh
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import LevelDecision
from sqjz.oversight.models import CorrectionOpinion
from sqjz.safety.models import ScreeningCampaign
from sqjz.supervisees.models import Status
from sqjz.supervision.models import AppEnrolment, CheckIn, TravelLeave
from tests.factories import InvestigationFactory, SuperviseeFactory

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Wednesday
TODAY = NOW.date()
ROWS = 36  # more than a page of 20, less than two of 50 for the pages that show 50


def people(world, n: int = ROWS, **fields) -> list:
    """`n` people, alternately of 玉兴 and 凤凰 (both 红塔区), decided by the 红塔区 court."""
    offices = (world.units["yuxing"], world.units["fenghuang"])
    return [
        SuperviseeFactory(judicial_office=offices[i % 2], deciding_authority=world.units["hongta_court"], **fields)
        for i in range(n)
    ]


def enrolled(world, n: int = ROWS) -> None:
    """People checking in by phone: half checked in today, half did not."""
    officer = world.users["office_officer"]
    for i, person in enumerate(people(world, n, term_start=TODAY - timedelta(days=100))):
        LevelDecision.objects.create(
            supervisee=person,
            level="ordinary",
            effective_from=TODAY - timedelta(days=30),
            rule="SUPERVISION_LEVEL",
            articles="",
            reasons="",
            decided_by=officer,
        )
        AppEnrolment.objects.create(supervisee=person, enrolled_on=TODAY - timedelta(days=20), enrolled_by=officer)
        if i % 2:
            CheckIn.objects.create(
                supervisee=person,
                checked_at=NOW - timedelta(hours=2),
                checked_on=TODAY,
                latitude="24.35",
                longitude="102.54",
                photo="x.jpg",
                photo_sha256="0" * 64,
                idempotency_key=f"budget-{i:04d}",
            )
    figures_refresh()  # the offices' stored figures, as the daily job and the writes keep them


def leaves(world, n: int = ROWS) -> None:
    for i, person in enumerate(people(world, n)):
        TravelLeave.objects.create(
            supervisee=person,
            purpose="family",
            reason="探亲",
            destination="昆明市",
            start=TODAY + timedelta(days=3 + i % 5),
            days=3,
            applied_on=TODAY,
            evidence="证明",
            level="judicial_office",
            level_reasons="",
            lead_time_note="",
            recorded_by=world.users["office_officer"],
        )


def investigations(world, n: int = ROWS) -> None:
    for _ in range(n):
        InvestigationFactory(
            commissioning_body=world.units["hongta_court"],
            judicial_office=world.units["yuxing"],
            created_by=world.users["office_officer"],
        )


def campaigns(world, n: int = ROWS) -> None:
    for i in range(n):
        ScreeningCampaign.objects.create(
            name=f"排查{i}",
            kind="regular",
            area=world.units["hongta_agency"],
            starts_on=TODAY - timedelta(days=i),
            ends_on=TODAY + timedelta(days=30),
            created_by=world.users["county_officer"],
        )


def opinions(world, n: int = ROWS) -> None:
    for i, person in enumerate(people(world, n)):
        CorrectionOpinion.objects.create(
            procuratorate=world.units["hongta_procuratorate"],
            issued_by=world.users["procurator"],
            kind="written",
            addressed_to=person.judicial_office,
            supervisee=person,
            matter="leave",
            facts="事实",
            opinion="意见",
            issued_on=TODAY - timedelta(days=i),
            reply_by=TODAY + timedelta(days=15),
            reply_due=TODAY + timedelta(days=15),
            status="awaiting_reply",
        )


def access_log(world, n: int = ROWS * 2) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    targets = people(world, n // 2)
    for i in range(n):
        access_log_write(
            actor=world.users["office_officer" if i % 2 else "county_officer"],
            action=AccessLog.Action.VIEW,
            supervisee_ids=[targets[i % len(targets)].pk],
            request=request,
        )


def inbox(world, n: int = ROWS) -> None:
    """People who have not reported in: each an item on the workbench, some overdue."""
    for i, person in enumerate(
        people(world, n, status=Status.PENDING_REPORT, judgment_effective_date=TODAY - timedelta(days=5))
    ):
        if i % 3 == 0:
            type(person).objects.filter(pk=person.pk).update(judgment_effective_date=TODAY - timedelta(days=30))
    inbox_refresh()


def register(world, n: int = ROWS) -> None:
    people(world, n)


def intake(world, n: int = ROWS) -> None:
    people(world, n, status=Status.PENDING_REPORT)


def assessments(world, n: int = ROWS) -> None:
    start = TODAY - timedelta(days=200)
    people(world, n, term_start=start, judgment_effective_date=start)


def measures(world, n: int = ROWS) -> None:
    """A proposed admonition per person (the county's queue), with a level review and a meritorious act each."""
    officer = world.users["office_officer"]
    for person in people(world, n):
        fact = Fact.objects.create(
            supervisee=person,
            occurred_on=TODAY,
            kind="meritorious",
            merit="brave",
            source="report",
            description="救人",
            recorded_by=officer,
        )
        m = Measure.objects.create(supervisee=person, kind="admonition", proposal="建议", proposed_by=officer)
        m.facts.set([fact])
        LevelReview.objects.create(
            supervisee=person, current_level="strict", proposed_level="ordinary", proposed_by=officer
        )


def campaign(world, n: int = ROWS) -> dict:
    """A 红塔区 campaign over the people of two offices: the page counts per office and lists who is still to screen."""
    people(world, n)
    area = world.units["hongta_agency"]
    made = ScreeningCampaign.objects.create(
        name="第四季度排查",
        kind="regular",
        area=area,
        starts_on=TODAY,
        ends_on=TODAY,
        created_by=world.users["county_officer"],
    )
    return {"pk": made.pk}


def ledger(world, n: int = ROWS) -> None:
    """A document in each person's case file, copied to the procuratorate."""
    agency, officer = world.units["hongta_agency"], world.users["county_officer"]
    for i, person in enumerate(people(world, n), start=1):
        Document.objects.create(
            kind=Document.Kind.NO_SHOW_NOTICE,
            agency=agency,
            year=TODAY.year,
            serial=i,
            number=f"〔{TODAY.year}〕红司矫字第{i}号",
            title="社区矫正对象未按时报到情况通报",
            content={"copy_to": ["红塔区人民检察院"]},
            supervisee=person,
            issued_by=officer,
        )


def proposals(world, n: int = ROWS) -> None:
    """Revocation proposals sent to the 红塔区 court, waiting for its ruling (the clocks run)."""
    from sqjz.proposals.models import Proposal

    for i, person in enumerate(people(world, n)):
        Proposal.objects.create(
            supervisee=person,
            kind=Proposal.Kind.PROBATION_REVOCATION,
            status=Proposal.Status.SENT,
            addressee=world.units["hongta_court"],
            arrest_requested=bool(i % 2),
            statement="受到两次警告仍不改正",
            drafted_by=world.users["county_officer"],
            sent_by=world.users["county_head"],
            sent_at=NOW - timedelta(days=i),
            arrest_due=NOW + timedelta(hours=48 - 24 * i),
            deadline=TODAY + timedelta(days=30 - i),
        )


def matters(world, n: int = ROWS) -> None:
    """A 红塔区 committee with `n` matters about people of two offices, some on the agendas of two meetings."""
    from sqjz.committee.models import Committee, Matter, Meeting

    committee = Committee.objects.create(unit=world.units["hongta_agency"], level="county")
    officer = world.users["county_officer"]
    meetings = [
        Meeting.objects.create(
            committee=committee,
            year=2026,
            serial=i + 1,
            held_at=NOW + timedelta(days=i),
            place="会议室",
            scheduled_by=officer,
        )
        for i in range(2)
    ]
    Matter.objects.bulk_create(
        Matter(
            supervisee=p,
            kind="difficult_case",
            title=f"疑难案件{i}",
            summary="事实",
            committee=committee,
            submitting_unit=p.judicial_office,
            submitted_by=officer,
            status="on_agenda" if i % 3 == 0 else "pending",
            meeting=meetings[i % 2] if i % 3 == 0 else None,
        )
        for i, p in enumerate(people(world, n))
    )


def lost_contacts(world, n: int = ROWS) -> None:
    from sqjz.lostcontact.models import LostContact  # the area's records, for this fixture only

    for i, person in enumerate(people(world, n)):
        LostContact.objects.create(
            supervisee=person,
            since=TODAY - timedelta(days=3 + i),
            trigger="officer",
            trigger_reasons="电话关机",
            opened_on=TODAY - timedelta(days=2),
        )


def crisis_cases(world, n: int = ROWS) -> None:
    from sqjz.counselling.models import CrisisCase, Session  # the area's records, for this fixture only

    officer = world.users["office_officer"]
    for i, person in enumerate(people(world, n)):
        case = CrisisCase.objects.create(
            supervisee=person,
            opened_on=TODAY - timedelta(days=i % 9),
            source="observation",
            signs="情绪激动，言语消极",
            risk=("high", "medium")[i % 2],
            counsellor=officer,
            opened_by=officer,
        )
        Session.objects.create(
            supervisee=person, crisis=case, held_on=TODAY, manner="face", hours=1, notes="情绪疏导", counsellor=officer
        )


def activities_helped(world, n: int = ROWS) -> None:
    from sqjz.education.models import CommunityService, ServiceHelper  # the area's records, for this fixture only

    officer, volunteer = world.users["office_officer"], world.users["volunteer"]
    for i in range(n):
        activity = CommunityService.objects.create(
            title=f"社区服务{i}",
            held_on=TODAY + timedelta(days=i - 10),
            hours=2,
            place="社区",
            capacity=5,
            office=world.yuxing,
            recorded_by=officer,
        )
        ServiceHelper.objects.create(activity=activity, user=volunteer, added_by=officer)


# (URL name, query string, persona) → (what to make: it may return the URL's arguments, exact queries of the page).
# A city's pages ask once whether the database holds other cities (supervisees.permissions._holds_only).
BUDGETS = {
    ("supervisees:list", "", "office_officer"): (register, 7),
    ("supervisees:list", "", "county_officer"): (register, 8),  # + the county's offices for the filter
    ("supervisees:list", "", "city_officer"): (register, 9),  # + the city's counties (offices once one is picked)
    ("api:list_supervisees", "", "office_officer"): (register, 5),  # no menu, no unit
    ("api:list_supervisees", "", "county_officer"): (register, 5),
    ("investigation:list", "", "office_officer"): (investigations, 9),  # + the statute's parameters and holidays
    ("investigation:list", "", "county_officer"): (investigations, 10),
    ("investigation:list", "", "judge"): (investigations, 10),  # + the inbox count: courts decide proposals now
    ("intake:list", "", "office_officer"): (intake, 8),  # + the statute's parameters and holidays
    ("intake:list", "", "county_officer"): (intake, 8),
    ("supervision:checkin_list", "show=all", "office_officer"): (enrolled, 7),
    ("supervision:checkin_list", "", "county_officer"): (enrolled, 8),  # the offices' stored figures first
    ("supervision:checkin_list", "", "city_officer"): (enrolled, 9),  # the counties, their totals, no list
    ("supervision:checkin_list", "county=HONGTA&show=all", "city_officer"): (enrolled, 10),  # a county picked
    ("supervision:checkin_list", "office=YUXING&show=all", "county_officer"): (enrolled, 8),
    ("supervision:travel_list", "", "office_officer"): (leaves, 8),
    ("supervision:travel_list", "", "county_officer"): (leaves, 8),
    ("assessment:list", "", "office_officer"): (assessments, 8),
    ("assessment:list", "", "county_officer"): (assessments, 8),
    ("committee:index", "", "office_officer"): (matters, 8),  # the matters and the meetings
    ("committee:index", "", "county_officer"): (matters, 9),  # + whether the user runs the committee
    ("committee:index", "", "procurator"): (matters, 8),  # no inbox count: procurators act on none of it
    ("lostcontact:list", "", "office_officer"): (lost_contacts, 8),  # + the statute's parameters and holidays
    ("lostcontact:list", "", "county_officer"): (lost_contacts, 8),
    ("lostcontact:list", "", "procurator"): (lost_contacts, 8),
    ("safety:list", "", "county_officer"): (campaigns, 7),
    ("safety:list", "", "office_officer"): (campaigns, 7),
    ("safety:campaign", "", "county_officer"): (campaign, 9),
    ("safety:campaign", "", "office_officer"): (campaign, 9),
    ("oversight:list", "", "procurator"): (opinions, 5),
    ("oversight:list", "", "office_officer"): (opinions, 6),
    ("oversight:list", "", "county_officer"): (opinions, 6),
    ("oversight:ledger", "", "procurator"): (ledger, 6),
    ("oversight:ledger", "", "county_officer"): (ledger, 6),
    ("enforcement:list", "", "county_officer"): (measures, 8),  # + pending level reviews and meritorious acts
    ("enforcement:list", "show=all", "procurator"): (measures, 6),
    ("enforcement:list", "", "office_officer"): (measures, 8),
    ("audit:list", "", "auditor"): (access_log, 4),
    ("proposals:list", "", "county_officer"): (proposals, 6),  # sent, nearest deadline first
    ("proposals:list", "", "procurator"): (proposals, 6),
    ("proposals:received", "", "judge"): (proposals, 6),  # 待处理的建议 with their clocks
    # The workbench counts each of the four statuses in its own bounded query (COUNT_CAP), not the whole jurisdiction.
    ("counselling:list", "", "office_officer"): (crisis_cases, 10),  # + last contacts, parameters, holidays
    ("education:helping", "", "volunteer"): (activities_helped, 6),
    # The workbench: + 1 query for the notices' panel (publicity, decision 0046).
    ("workbench:home", "", "office_officer"): (inbox, 11),
    ("workbench:home", "", "county_officer"): (inbox, 8),  # the offices' stored figures first
    ("workbench:home", "", "city_officer"): (inbox, 9),
    ("workbench:home", "office=YUXING", "county_officer"): (inbox, 12),
}


def _is_a_realistic_page(response) -> bool:
    context = response.context
    if context is None:  # the API
        return len(response.json()["items"]) >= 10
    for summary in ("by_county", "by_office"):
        if context.get(summary):
            return len(context[summary]) >= 2
    pages = [context[key] for key in ("page", "watched", "mine") if key in context]  # the workbench has two lists
    return max(len(page.object_list) for page in pages) >= 10


@pytest.mark.parametrize(
    ("name", "query", "persona"), [pytest.param(*key, id="-".join(filter(None, key))) for key in BUDGETS]
)
def test_list_page_answers_a_realistic_page_in_its_fixed_number_of_queries(
    world, login, django_assert_num_queries, name, query, persona
):
    make, budget = BUDGETS[(name, query, persona)]
    with time_machine.travel(NOW, tick=False):
        url = (
            reverse(name, kwargs=make(world))
            + "?"
            + query.replace("YUXING", str(world.units["yuxing"].pk)).replace("HONGTA", str(world.hongta.pk))
        )
        client = login(world.users[persona])
        assert client.get(url).status_code == 200
        with django_assert_num_queries(budget):
            response = client.get(url)
    assert response.status_code == 200
    assert _is_a_realistic_page(response)
