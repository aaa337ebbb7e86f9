"""The demo's proposals (issue 11, Demo): 红塔区's revocation of probation, passed by its committee and sent, waits
for the original trial court, 江川区's (鲁峰); 江川区's, with an arrest request, waits for 红塔区's (孙磊), which
sentenced that person; 江川区's police bureau (施涛) imposed a warning on a police-penalty proposal; 玉兴's office
(李娜) withdrew a police-penalty draft, kept as 已撤回. Built on the test world with the demo's names mapped to its
users."""

from datetime import timedelta

from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.committee.tests.helpers import hongta_committee
from sqjz.demo.committee import _members
from sqjz.demo.proposals import seed_proposals
from sqjz.organisation.models import Unit
from sqjz.proposals.models import Proposal
from sqjz.proposals.selectors import received_list
from tests.factories import SuperviseeFactory, UnitFactory, UserFactory


def test_revocations_wait_for_the_two_courts_and_the_police_imposed_a_warning(world):
    today = timezone.localdate()
    hongta_committee(world, today - timedelta(days=90))
    xingyun = world.units["xingyun"]
    UnitFactory(name="江川区公安局", kind=Unit.Kind.PUBLIC_SECURITY, division=world.jiangchuan, county=world.jiangchuan)
    users = {
        "lina": world.users["office_officer"],
        "zhangli": world.users["county_officer"],
        "wangqiang": world.users["county_head"],
        "zhouli": UserFactory(username="zhouli", role=Role.OFFICE_OFFICER, unit=xingyun),
        "luoming": world.users["other_county_officer"],
        "puhua": UserFactory(username="puhua", role=Role.COUNTY_HEAD, unit=world.units["jiangchuan_agency"]),
        "shitao": UserFactory(username="shitao", role=Role.POLICE, unit=Unit.objects.get(name="江川区公安局")),
        "sunlei": world.users["judge"],
        "lufeng": UserFactory(username="lufeng", role=Role.JUDGE, unit=world.units["jiangchuan_court"]),
    }
    _members("530403", users["puhua"], users["luoming"], today - timedelta(days=90))
    sentenced_in_jiangchuan = SuperviseeFactory(
        name="孙七", judicial_office=world.yuxing, deciding_authority=world.units["jiangchuan_court"]
    )
    SuperviseeFactory(name="钱八", judicial_office=xingyun, deciding_authority=world.units["jiangchuan_court"])
    sentenced_in_hongta = SuperviseeFactory(
        name="吴九", judicial_office=xingyun, deciding_authority=world.units["hongta_court"]
    )
    seed_proposals(today=today, users=users)

    (hongta,) = received_list(users["lufeng"])
    assert hongta.supervisee == sentenced_in_jiangchuan and not hongta.arrest_requested
    assert hongta.resolution.startswith("通过") and hongta.document and hongta.deadline
    (jiangchuan,) = received_list(users["sunlei"])
    assert jiangchuan.supervisee == sentenced_in_hongta
    assert jiangchuan.arrest_requested and jiangchuan.arrest_due and jiangchuan.arrest_document
    penalty = Proposal.objects.get(kind="police_penalty", status="granted")
    assert (penalty.status, penalty.decided_by, penalty.imposed) == ("granted", users["shitao"], "警告")
    withdrawn = Proposal.objects.get(status="withdrawn")
    assert withdrawn.kind == "police_penalty" and withdrawn.drafted_by == users["lina"] and withdrawn.withdrawn_reason
    assert withdrawn.supervisee == world.people["A"]  # the next probationer in 玉兴
