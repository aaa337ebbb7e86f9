"""The committee's pages: the secretary's meeting page (attendance, votes, resolution), bad input answered with a
Chinese message naming the field, the minutes, the person's page and the difficult-case submission, the timeline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sqjz.committee import services
from sqjz.committee.models import Matter, Meeting
from sqjz.committee.tests.helpers import hongta_committee, past

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    committee, members = hongta_committee(world, timezone.localdate() - timedelta(days=60))
    matter = services.matter_submit(
        actor=world.users["office_officer"],
        supervisee=world.people["A"],
        kind="difficult_case",
        title="是否提请撤销缓刑",
        summary="多次违反报告规定。",
    )
    meeting = services.meeting_schedule(
        actor=world.users["county_officer"],
        committee_id=committee.pk,
        held_at=past(1),
        place="第一会议室",
        matter_ids=[matter.pk],
    )
    return world, committee, members, matter, meeting


def test_the_secretary_records_attendance_votes_and_the_resolution_on_the_meeting_page(setup, login):
    w, _, members, matter, meeting = setup
    client = login(w.users["county_officer"])
    page = client.get(reverse("committee:meeting", args=[meeting.pk]))
    assert page.status_code == 200 and "过半数同意方为通过" in page.content.decode()
    data = {f"present_{m.pk}": "on" for m in members if m.name != "赵委员"}
    data[f"reason_{members[3].pk}"] = "出差"
    response = client.post(reverse("committee:attendance", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == "held"
    url = reverse("committee:deliberate", args=[meeting.pk, matter.pk])
    voters = members[:3]
    bad = client.post(url, {f"choice_{m.pk}": "agree" for m in voters[:2]} | {"outcome": "passed", "text": "同意"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "请登记李委员的表决意见。" in text and "请填写决议日期。" in text
    good = {f"choice_{m.pk}": c for m, c in zip(voters, ("agree", "agree", "disagree"), strict=True)}
    good |= {f"opinion_{voters[2].pk}": "证据尚不充分", "outcome": "passed", "text": "同意提请。"}
    good["resolved_on"] = timezone.localdate().isoformat()
    assert client.post(url, good).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Matter.Status.RESOLVED and matter.resolution_document_id
    minutes = client.get(reverse("committee:minutes", args=[meeting.pk])).content.decode()
    assert "证据尚不充分" in minutes and "赵委员（出差）" in minutes and "通过" in minutes
    office = login(w.users["office_officer"])
    shown = office.get(reverse("committee:matter", args=[matter.pk])).content.decode()
    assert "同意提请。" in shown and "评议意见" in shown
    timeline = office.get(reverse("supervisees:detail", args=[w.people["A"].pk])).content.decode()
    assert "提请审核委员会审议" in timeline


def test_an_absence_without_reason_is_refused_naming_the_member(setup, login):
    w, _, members, _, meeting = setup
    client = login(w.users["county_officer"])
    data = {f"present_{m.pk}": "on" for m in members[1:]}
    response = client.post(reverse("committee:attendance", args=[meeting.pk]), data)
    assert response.status_code == 400
    assert f"{members[0].name}缺席，请填写缺席原因。" in response.content.decode()


def test_an_officer_submits_a_difficult_case_from_the_record(world, login):
    client = login(world.users["office_officer"])
    url = reverse("committee:case", args=[world.people["A"].pk])
    assert "提请审议疑难复杂案件" in client.get(url).content.decode()
    empty = client.post(reverse("committee:submit", args=[world.people["A"].pk]), {"title": "", "summary": ""})
    assert empty.status_code == 400 and "请填写事项名称。" in empty.content.decode()
    done = client.post(
        reverse("committee:submit", args=[world.people["A"].pk]), {"title": "是否调整管理等级", "summary": "情况复杂"}
    )
    assert done.status_code == 302
    assert Matter.objects.get(title="是否调整管理等级").committee.unit == world.units["hongta_agency"]


def test_the_county_head_adds_members_and_a_bad_date_is_refused(world, login):
    client = login(world.users["county_head"])
    url = reverse("committee:members")
    bad = client.post(url, {"name": "孙委员", "role": "member", "from_date": "2026-13-01"})
    assert bad.status_code == 400 and "请按 2026-11-28 的格式填写任职起始日。" in bad.content.decode()
    none = client.post(url, {"role": "member", "from_date": "2026-11-01"})
    assert none.status_code == 400 and "外单位委员的姓名" in none.content.decode()
    ok = client.post(url, {"user": world.users["county_officer"].pk, "role": "secretary", "from_date": "2026-11-01"})
    assert ok.status_code == 302
    assert world.users["county_officer"].username in client.get(url).content.decode()


def test_the_scheduling_page_lists_pending_matters_and_refuses_an_empty_agenda(setup, login):
    w, _, _, _, _ = setup
    services.matter_submit(
        actor=w.users["office_officer"], supervisee=w.people["A"], kind="difficult_case", title="新事项", summary="事实"
    )
    client = login(w.users["county_officer"])
    assert "新事项" in client.get(reverse("committee:meeting_new")).content.decode()
    response = client.post(reverse("committee:meeting_new"), {"held_at": "2026-12-01T09:30", "place": "会议室"})
    assert response.status_code == 400 and "请至少选择一项待审议事项列入议程。" in response.content.decode()
