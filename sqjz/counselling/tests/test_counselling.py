"""Counselling and crisis intervention (issue 14 §1): an assessment says what follows, a crisis case with its
counsellor is followed up at its risk's interval (CRISIS_FOLLOW_UP_DUE) until closed, and the records are restricted
to the person's office and the counsellor, every view logged (decision 0038)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.counselling import services
from sqjz.counselling.models import CrisisCase, Session
from sqjz.inbox.models import InboxItem
from sqjz.timeline.registry import timeline_for
from sqjz.workbench.selectors import my_items, watched_items

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def _open(world, **data):
    form = {
        "opened_on": "2026-11-24",
        "source": "mentoring",
        "risk": "high",
        "signs": "结对干警走访发现其反复说活着没意思，夜不能寐",
        "counsellor": world.users["social_worker"].pk,
    }
    return form | data


@time_machine.travel(TODAY)
def test_a_crisis_case_is_followed_up_by_its_counsellor_until_closed(world, login):
    a, worker = world.people["A"], world.users["social_worker"]
    office = login(world.users["office_officer"])
    response = office.post(
        reverse("counselling:assessment", args=[a.pk]),
        {
            "assessed_on": "2026-11-24",
            "instrument": "SCL-90",
            "result": "crisis",
            "summary": "抑郁、焦虑因子显著偏高，有消极念头",
        },
    )
    assert response.status_code == 302
    page = office.get(reverse("counselling:person", args=[a.pk])).content.decode()
    assert "应当立即启动心理危机干预" in page
    assert office.post(reverse("counselling:crisis_open", args=[a.pk]), _open(world)).status_code == 302
    case = CrisisCase.objects.get()
    item = InboxItem.objects.get(kind="crisis_follow_up", state="open")
    assert item.actor_user == worker and item.due == date(2026, 11, 27) and item.supervisee_id is None
    page = office.get(reverse("counselling:person", args=[a.pk])).content.decode()
    assert 'data-testid="crisis-form"' not in page and 'data-testid="open-crisis"' in page
    with pytest.raises(services.CounsellingError, match="已有未结案的心理危机个案"):
        services.crisis_open(
            actor=world.users["office_officer"],
            supervisee=a,
            case=CrisisCase(
                opened_on=TODAY,
                source="observation",
                risk="medium",
                signs="再次发现情绪异常，言语消极",
                counsellor=worker,
            ),
        )

    # The counsellor follows up; the next follow-up is due three days after.
    helper = login(worker)
    assert "心理危机干预跟进" in helper.get(reverse("workbench:home")).content.decode()
    response = helper.post(
        reverse("counselling:session", args=[a.pk]),
        {
            "crisis": case.pk,
            "held_on": "2026-11-25",
            "manner": "face",
            "hours": "1.5",
            "notes": "情绪疏导，制定安全计划，家属陪护",
        },
    )
    assert response.status_code == 302
    assert InboxItem.objects.get(kind="crisis_follow_up", state="open").due == date(2026, 11, 28)
    response = helper.post(
        reverse("counselling:case_close", args=[case.pk]), {"closed_on": "2026-11-24", "outcome": "x" * 12}
    )
    assert response.status_code == 400 and "结案日期不能早于2026-11-25" in response.content.decode()
    response = helper.post(
        reverse("counselling:case_close", args=[case.pk]),
        {"closed_on": "2026-11-25", "outcome": "情绪平稳，消极念头消除，转入日常心理辅导"},
    )
    assert response.status_code == 302
    assert not InboxItem.objects.filter(kind="crisis_follow_up", state="open").exists()
    assert not any("心理" in e.title for e in timeline_for(a))  # restricted: not on the timeline


@time_machine.travel(TODAY)
def test_only_the_office_and_the_counsellor_see_the_records_and_each_view_is_logged(world, login):
    a = world.people["A"]
    case = services.crisis_open(
        actor=world.users["office_officer"],
        supervisee=a,
        case=CrisisCase(
            opened_on=TODAY,
            source="observation",
            risk="medium",
            signs="连续三次签到时情绪激动、言语异常",
            counsellor=world.users["office_officer"],
        ),
    )
    for persona in ("office_officer", "social_worker"):
        client = login(world.users[persona])
        before = AccessLog.objects.filter(actor=world.users[persona], supervisee=a).count()
        assert client.get(reverse("counselling:case", args=[case.pk])).status_code == 200
        assert client.get(reverse("counselling:person", args=[a.pk])).status_code == 200
        assert AccessLog.objects.filter(actor=world.users[persona], supervisee=a).count() == before + 2
    for persona in ("county_officer", "county_head", "city_officer", "procurator", "volunteer", "mentor", "judge"):
        client = login(world.users[persona])
        assert client.get(reverse("counselling:case", args=[case.pk])).status_code == 403, persona
        assert client.get(reverse("counselling:person", args=[a.pk])).status_code == 403, persona
        user = world.users[persona]
        assert not watched_items(user).filter(kind="crisis_follow_up").exists(), persona
        assert not my_items(user).filter(kind="crisis_follow_up").exists(), persona
    other = login(world.users["other_office_officer"])
    assert other.get(reverse("counselling:case", args=[case.pk])).status_code == 404
    assert other.get(reverse("counselling:person", args=[a.pk])).status_code == 404
    assert 'data-testid="empty-crisis"' in other.get(reverse("counselling:list")).content.decode()


@time_machine.travel(TODAY)
def test_the_counsellor_is_of_the_office_or_assigned_and_bad_input_is_named(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    response = office.post(
        reverse("counselling:crisis_open", args=[a.pk]), _open(world, counsellor=world.users["volunteer"].pk)
    )
    assert response.status_code == 400 and "请选择本所工作人员或分派的社会工作者" in response.content.decode()
    response = office.post(reverse("counselling:crisis_open", args=[a.pk]), _open(world, opened_on="2026-11-26"))
    assert response.status_code == 400 and "立案日期不能晚于今天" in response.content.decode()
    response = office.post(
        reverse("counselling:session", args=[a.pk]),
        {"held_on": "2026-11-25", "manner": "face", "hours": "1.2", "notes": "一般性心理疏导谈话"},
    )
    assert response.status_code == 400 and "时长按半小时计" in response.content.decode()
    assert not CrisisCase.objects.exists() and not Session.objects.exists()
    with pytest.raises(services.CounsellingError, match="只能为本辖区"):
        services.session_record(
            actor=world.users["office_officer"],
            supervisee=world.people["B"],
            session=Session(held_on=TODAY, manner="face", hours=1, notes="一般性心理疏导谈话"),
        )


def test_a_high_risk_case_not_followed_up_falls_overdue(world):
    with time_machine.travel(TODAY):
        services.crisis_open(
            actor=world.users["office_officer"],
            supervisee=world.people["A"],
            case=CrisisCase(
                opened_on=TODAY - timedelta(days=1),
                source="family",
                risk="high",
                signs="家属反映其多次扬言轻生，情绪失控",
                counsellor=world.users["office_officer"],
            ),
        )
    item = InboxItem.objects.get(kind="crisis_follow_up", state="open")
    assert item.due == date(2026, 11, 27) and item.actor_user == world.users["office_officer"]
