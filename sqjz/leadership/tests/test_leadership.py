"""Leading groups' and liaison meetings (GOV-2, decision 0047): an agency records a meeting held, with attendance
lines, decisions and follow-up tasks; overdue tasks stand out on the list; the city reads the counties' meetings."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sqjz.leadership import selectors, services
from sqjz.leadership.models import FollowUpTask, Meeting
from sqjz.leadership.services import LeadershipError, parse_attendance

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def form(**changes) -> dict:
    return {
        "kind": "liaison",
        "held_on": TODAY.isoformat(),
        "place": "区司法局三楼会议室",
        "chaired_by": "张华 区司法局局长",
        "topics": "社区矫正衔接\n信息共享",
        "attendance": "张华 红塔区司法局 局长\n李强 红塔区人民法院 副院长\n王军 红塔区公安局 副局长 缺席 出差",
        "decisions": "建立每月信息通报机制\n联合开展排查",
        "minutes": "会议通报了前三季度工作。",
    } | changes


def record(w, actor="county_officer", **changes) -> Meeting:
    data = form(**changes)
    return services.meeting_create(
        actor=w.users[actor],
        meeting=Meeting(
            kind=data["kind"],
            held_on=date.fromisoformat(data["held_on"]),
            place=data["place"],
            chaired_by=data["chaired_by"],
            topics=data["topics"],
        ),
        attendance=data["attendance"],
        decisions=data["decisions"],
    )


def test_attendance_lines_are_parsed_and_bad_lines_named():
    people = parse_attendance("张华 司法局 局长\n\n王军　公安局 副局长 缺席：出差")
    assert [(p.name, p.present, p.absence_reason) for p in people] == [("张华", True, ""), ("王军", False, "出差")]
    for text, says in (
        ("张华 司法局 局长\n李强 法院", "第2行"),
        ("张华 司法局 局长 迟到", "第1行"),
        ("张华 司法局 局长 缺席", "缺席原因"),
        ("张华 司法局 局长 缺席 出差", "至少应有一人出席"),
        ("", "请填写参会人员"),
    ):
        with pytest.raises(LeadershipError, match=says):
            parse_attendance(text)


@time_machine.travel(TODAY)
def test_recording_a_meeting_on_the_page(world):
    client = client_for(world.users["county_head"])
    response = client.post(reverse("leadership:new"), form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("leadership:meeting", args=[meeting.pk])
    assert meeting.county_id == world.hongta.pk and meeting.unit_id == world.units["hongta_agency"].pk
    assert meeting.attendance.filter(present=True).count() == 2
    assert list(meeting.decisions.values_list("number", "text")) == [(1, "建立每月信息通报机制"), (2, "联合开展排查")]
    html = client.get(response["Location"]).content.decode()
    assert "王军" in html and "出差" in html and "联合开展排查" in html


@time_machine.travel(TODAY)
def test_bad_input_is_refused_naming_the_field(world):
    client = client_for(world.users["county_officer"])
    for data, says in (
        (form(held_on=(TODAY + timedelta(days=1)).isoformat()), "会议日期不能晚于今天"),
        (form(held_on="2026-02-30"), "2026-11-28"),
        (form(place=""), "请填写地点"),
        (form(kind="x"), "请选择会议类型"),
        (form(attendance="张华 司法局"), "参会人员第1行"),
        (form(decisions=" \n "), "请填写会议议定事项"),
    ):
        response = client.post(reverse("leadership:new"), data)
        assert response.status_code == 400 and says in response.content.decode(), says
    assert not Meeting.objects.exists()


@time_machine.travel(TODAY)
def test_tasks_are_added_marked_done_and_overdue_ones_stand_out(world):
    meeting = record(world, held_on=(TODAY - timedelta(days=40)).isoformat())
    first = meeting.decisions.get(number=1)
    client = client_for(world.users["county_officer"])
    url = reverse("leadership:task_add", args=[meeting.pk])
    data = {
        "decision": first.pk,
        "task": "制定通报办法",
        "department": "区司法局",
        "due_on": (TODAY - timedelta(days=5)),
    }
    assert client.post(url, data).status_code == 302
    early = data | {"due_on": (TODAY - timedelta(days=50)).isoformat()}
    response = client.post(url, early)
    assert response.status_code == 400 and "完成时限不能早于会议日期" in response.content.decode()
    task = FollowUpTask.objects.get()
    assert list(selectors.overdue_tasks(world.users["county_head"], TODAY)) == [task]
    assert list(selectors.overdue_tasks(world.users["city_officer"], TODAY)) == [task]  # the city follows counties
    assert not selectors.overdue_tasks(world.users["other_county_officer"], TODAY).exists()
    html = client.get(reverse("leadership:list")).content.decode()
    assert 'data-testid="overdue-tasks"' in html and "制定通报办法" in html
    done = reverse("leadership:task_done", args=[task.pk])
    response = client.post(done, {"done_on": TODAY.isoformat(), "outcome": ""})
    assert response.status_code == 400 and "请填写落实情况" in response.content.decode()
    assert client.post(done, {"done_on": TODAY.isoformat(), "outcome": "已印发"}).status_code == 302
    task.refresh_from_db()
    assert task.done_on == TODAY and task.outcome == "已印发"
    assert not selectors.overdue_tasks(world.users["county_head"], TODAY).exists()
    with pytest.raises(LeadershipError, match="已办结"):
        services.task_done(actor=world.users["county_officer"], task=task, done_on=TODAY, outcome="再次")


@time_machine.travel(TODAY)
def test_each_agency_keeps_its_own_and_the_city_reads_all(world):
    hongta = record(world)
    city = record(world, actor="city_officer", kind="committee")
    assert set(selectors.meetings_for(world.users["county_head"])) == {hongta}
    assert set(selectors.meetings_for(world.users["city_officer"])) == {hongta, city}
    assert not selectors.meetings_for(world.users["other_county_officer"]).exists()
    assert not selectors.meetings_for(world.users["office_officer"]).exists()
    with pytest.raises(LeadershipError, match="只能处理本单位"):
        services.task_add(
            actor=world.users["city_officer"], decision=hongta.decisions.first(), task="x", department="y", due_on=TODAY
        )
    client = client_for(world.users["city_officer"])
    assert client.get(reverse("leadership:meeting", args=[hongta.pk])).status_code == 200
    assert (
        client_for(world.users["other_county_officer"]).get(reverse("leadership:print", args=[hongta.pk])).status_code
        == 404
    )


@time_machine.travel(TODAY)
def test_the_list_filters_by_year_and_kind_and_the_summary_prints(world):
    record(world, held_on="2026-01-10", kind="committee")
    record(world)
    client = client_for(world.users["county_officer"])
    html = client.get(reverse("leadership:list") + "?year=2026&kind=committee").content.decode()
    assert "2026年1月10日" in html and "2026年11月25日" not in html
    assert client.get(reverse("leadership:list") + "?year=abc&kind=zzz&page=9").status_code == 200
    meeting = Meeting.objects.get(kind="liaison")
    html = client.get(reverse("leadership:print", args=[meeting.pk])).content.decode()
    assert "联席会议纪要" in html and "建立每月信息通报机制" in html and "no-print" in html


@time_machine.travel(TODAY)
def test_an_open_task_is_the_keeping_agencys_to_do_until_done(world):
    from sqjz.inbox.models import InboxItem
    from sqjz.workbench.selectors import my_items, watched_items

    meeting = record(world)
    later = services.task_add(
        actor=world.users["county_officer"],
        decision=meeting.decisions.first(),
        task="半年后的任务",
        department="区财政局",
        due_on=TODAY + timedelta(days=180),
    )
    task = services.task_add(
        actor=world.users["county_officer"],
        decision=meeting.decisions.first(),
        task="制定通报办法",
        department="区司法局",
        due_on=TODAY + timedelta(days=3),
    )
    item = InboxItem.objects.get(kind="leadership_task", state="open")
    assert item.subject_id == task.pk and item.due == TODAY + timedelta(days=3)
    assert not InboxItem.objects.filter(kind="leadership_task", subject_id=later.pk).exists()  # not yet
    for persona in ("county_officer", "county_head"):
        assert my_items(world.users[persona]).filter(pk=item.pk).exists(), persona
    for persona in ("office_officer", "other_county_officer"):
        assert not my_items(world.users[persona]).filter(pk=item.pk).exists(), persona
        assert not watched_items(world.users[persona]).filter(pk=item.pk).exists(), persona
    html = client_for(world.users["county_officer"]).get(reverse("workbench:home")).content.decode()
    assert "落实领导小组和联席会议督办任务" in html or "制定通报办法" in html
    services.task_done(actor=world.users["county_officer"], task=task, done_on=TODAY, outcome="已印发")
    assert not InboxItem.objects.filter(kind="leadership_task", state="open").exists()
