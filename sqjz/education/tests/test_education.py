"""Education: a group session organised, people enrolled (minors apart from adults, 社区矫正法第五十二条), the roll
call, individual education, and a person's month against the level's requirement (EDUCATION_MONTH_PROGRESS)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sqjz.education import services
from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance
from sqjz.education.selectors import month_progress
from sqjz.intake.models import LevelDecision
from sqjz.timeline.registry import timeline_for
from tests.factories import SuperviseeFactory, resident_id

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def group(w, *, held_on=TODAY, for_minors=False, hours=2, topic="禁毒警示教育"):
    return services.session_create(
        actor=w.users["office_officer"],
        session=EducationSession(
            theme="legal",
            topic=topic,
            held_on=held_on,
            hours=hours,
            place="玉兴街道司法所",
            teacher="李强",
            for_minors=for_minors,
        ),
    )


def level(person, value="ordinary", since=date(2026, 1, 1), by=None):
    LevelDecision.objects.create(
        supervisee=person,
        level=value,
        effective_from=since,
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=by,
    )


@time_machine.travel(TODAY)
def test_a_minor_is_refused_an_adult_session_and_an_adult_a_minors_one(world, login):
    a, m = world.people["A"], world.people["M"]
    assert m.is_minor and not a.is_minor
    adults, minors = group(world), group(world, for_minors=True, topic="未成年人法治教育")
    client = login(world.users["office_officer"])
    page = client.get(reverse("education:session", args=[adults.pk])).content.decode()
    assert a.name in page and m.name not in page  # only the adults are offered
    response = client.post(reverse("education:enrol", args=[adults.pk]), {"people": [a.pk, m.pk]})
    assert response.status_code == 400
    text = response.content.decode()
    assert f"{m.name}：未成年人与成年人应当分别进行教育，不能参加（社区矫正法第五十二条）" in text
    assert not Attendance.objects.exists()  # the lot is refused, A included
    response = client.post(reverse("education:enrol", args=[minors.pk]), {"people": [a.pk]})
    assert (
        response.status_code == 400 and "成年社区矫正对象参加为未成年人组织的集中教育" not in response.content.decode()
    )
    assert "不能参加" in response.content.decode()
    assert client.post(reverse("education:enrol", args=[minors.pk]), {"people": [m.pk]}).status_code == 302
    assert client.post(reverse("education:enrol", args=[adults.pk]), {"people": [a.pk]}).status_code == 302
    assert Attendance.objects.filter(session=minors, supervisee=m).exists()
    assert Attendance.objects.filter(session=adults, supervisee=a).exists()


@time_machine.travel(TODAY)
def test_the_roll_call_counts_hours_and_individual_education_against_the_level(world, login):
    a = world.people["A"]
    level(a, "ordinary", by=world.users["county_head"])
    session = group(world, hours=Decimal("2.5"))
    services.session_enrol(actor=world.users["office_officer"], session=session, people=[a])
    progress = month_progress(a, TODAY)
    assert progress.study_hours == 0 and not progress.met  # enrolled is not attended
    client = login(world.users["office_officer"])
    roll = {f"present_{a.pk}": "on", f"note_{a.pk}": ""}
    assert client.post(reverse("education:roll_call", args=[session.pk]), roll).status_code == 302
    progress = month_progress(a, TODAY)
    assert progress.study_hours == Decimal("2.5") and progress.individual_sessions == 0
    assert progress.decision.outcome["hours_short"] == Decimal("5.5")
    assert progress.decision.reasons[-1] == "尚差教育学习5.5小时、个别教育1次、公益活动8小时"
    individual = {
        "theme": "thought",
        "topic": "谈工作变动后的想法",
        "held_on": TODAY.isoformat(),
        "hours": "1",
        "place": "司法所",
        "teacher": "李强",
    }
    assert client.post(reverse("education:individual", args=[a.pk]), individual).status_code == 302
    assert month_progress(a, TODAY).decision.outcome["individual_short"] == 0
    page = client.get(reverse("education:person", args=[a.pk])).content.decode()
    assert "2.5 / 8" in page and "尚差教育学习5.5小时" in page and "谈工作变动后的想法" in page
    assert "每月教育学习、个别教育和公益活动的完成情况" in page and "社区矫正法第三十六条" in page
    assessment = client.get(reverse("assessment:case", args=[a.pk])).content.decode()
    assert 'data-testid="assessment-education"' in assessment and "2.5/8" in assessment
    titles = [e.title for e in timeline_for(a)]
    assert any("参加集中教育（法治警示，2.5小时）" in t for t in titles)
    assert any("个别教育（思想疏导）：谈工作变动后的想法" in t for t in titles)
    # Marked absent with a note: no hours, the reason kept.
    roll = {f"note_{a.pk}": "请假（就医）"}
    assert client.post(reverse("education:roll_call", args=[session.pk]), roll).status_code == 302
    assert Attendance.objects.get(session=session, supervisee=a).note == "请假（就医）"
    assert month_progress(a, TODAY).study_hours == 0


@time_machine.travel(TODAY)
def test_bad_input_is_refused_with_the_field_named(world, login):
    client = login(world.users["office_officer"])
    bad = {"theme": "legal", "topic": "", "held_on": "2026-13-01", "hours": "1.3", "place": "所", "teacher": "李"}
    response = client.post(reverse("education:new"), bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写教育内容。" in text and "请按 2026-11-28 的格式填写日期。" in text and "时长按半小时计" in text
    far = bad | {"topic": "讲座", "held_on": (TODAY + timedelta(days=200)).isoformat(), "hours": "1"}
    assert "日期不能晚于今天起90日" in client.post(reverse("education:new"), far).content.decode()
    # A county agency chooses among its own offices only.
    county = login(world.users["county_officer"])
    outside = far | {"held_on": TODAY.isoformat(), "office": world.units["xingyun"].pk}
    response = county.post(reverse("education:new"), outside)
    assert response.status_code == 400 and "请选择本辖区的司法所。" in response.content.decode()
    # No roll call before the day; no individual education in the future.
    later = group(world, held_on=TODAY + timedelta(days=3))
    services.session_enrol(actor=world.users["office_officer"], session=later, people=[world.people["A"]])
    client = login(world.users["office_officer"])
    response = client.post(reverse("education:roll_call", args=[later.pk]), {})
    assert response.status_code == 400 and "举行当日起方可点名" in response.content.decode()
    future = {
        "theme": "thought",
        "topic": "谈话",
        "held_on": "2026-11-26",
        "hours": "1",
        "place": "所",
        "teacher": "李",
    }
    response = client.post(reverse("education:individual", args=[world.people["A"].pk]), future)
    assert response.status_code == 400 and "个别教育的日期不能晚于今天" in response.content.decode()
    assert EducationSession.objects.filter(kind="individual").count() == 0


@time_machine.travel(TODAY)
def test_a_minors_session_names_its_people_only_to_those_who_may_see_them(world, login):
    m = world.people["M"]
    minors = group(world, for_minors=True, topic="未成年人法治教育")
    services.session_enrol(actor=world.users["office_officer"], session=minors, people=[m])
    office = login(world.users["office_officer"]).get(reverse("education:session", args=[minors.pk]))
    assert m.name in office.content.decode()
    city = login(world.users["city_officer"]).get(reverse("education:session", args=[minors.pk]))
    assert city.status_code == 200
    assert m.name not in city.content.decode() and "未成年人（档案保密）" in city.content.decode()


@time_machine.travel(TODAY)
def test_the_list_searches_and_stays_within_its_query_budget(world, login, django_assert_max_num_queries):
    for i in range(30):
        group(world, topic=f"第{i}次法治讲座", held_on=TODAY - timedelta(days=i))
    client = login(world.users["county_officer"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("education:list"))
    text = page.content.decode()
    assert page.status_code == 200 and "共 30 次" in text and "1/2" in text
    found = client.get(reverse("education:list"), {"q": "第7次"}).content.decode()
    assert "第7次法治讲座" in found and "第8次法治讲座" not in found
    assert "共 0 次" not in client.get(reverse("education:list"), {"kind": "group"}).content.decode()
    # An individual session names its person, unless the record is sealed from the user (a minor, for the city).
    for person in (world.people["A"], world.people["M"]):
        services.individual_record(
            actor=world.users["office_officer"],
            supervisee=person,
            session=EducationSession(
                theme="thought", topic=f"谈话{person.pk}", held_on=TODAY, hours=1, place="所", teacher="李强"
            ),
        )
    city = login(world.users["city_officer"]).get(reverse("education:list"), {"kind": "individual"}).content.decode()
    assert world.people["A"].name in city and world.people["M"].name not in city and "未成年人（档案保密）" in city


def activity(w, *, demand="light", capacity=10, held_on=TODAY, hours=3):
    return services.service_create(
        actor=w.users["office_officer"],
        activity=CommunityService(
            title="敬老院志愿服务",
            held_on=held_on,
            hours=hours,
            place="玉兴街道敬老院",
            demand=demand,
            capacity=capacity,
        ),
    )


@time_machine.travel(TODAY)
def test_community_service_fits_age_and_health_and_counts_its_hours(world, login):
    a = world.people["A"]
    level(a, "ordinary", by=world.users["county_head"])
    born = date(1960, 1, 1)  # 66: too old for heavy work
    old = SuperviseeFactory(
        name="钱老汉",
        judicial_office=world.units["yuxing"],
        deciding_authority=world.units["hongta_court"],
        birth_date=born,
        id_number=resident_id("530402", born, 11),
    )
    heavy = activity(world, demand="heavy")
    client = login(world.users["office_officer"])
    page = client.get(reverse("education:service", args=[heavy.pk])).content.decode()
    assert a.name in page.split("报名</h2>")[1] and "钱老汉" not in page.split("报名</h2>")[1]
    response = client.post(reverse("education:service_enrol", args=[heavy.pk]), {"people": [a.pk, old.pk]})
    assert response.status_code == 400
    text = response.content.decode()
    assert "钱老汉：活动当日66周岁，重体力活动限18至55周岁" in text and "人民检察院刑事诉讼规则第六百四十三条" in text
    assert not ServiceAttendance.objects.exists()
    light = activity(world, capacity=1)
    response = client.post(reverse("education:service_enrol", args=[light.pk]), {"people": [a.pk, old.pk]})
    assert response.status_code == 400 and "本次活动人数上限1人" in response.content.decode()
    assert client.post(reverse("education:service_enrol", args=[light.pk]), {"people": [a.pk]}).status_code == 302
    roll = {f"present_{a.pk}": "on"}
    assert client.post(reverse("education:service_roll_call", args=[light.pk]), roll).status_code == 302
    progress = month_progress(a, TODAY)
    assert progress.service_hours == 3 and progress.decision.outcome["service_short"] == 5
    page = client.get(reverse("education:person", args=[a.pk])).content.decode()
    assert (
        "尚差教育学习8小时、个别教育1次、公益活动5小时" in page
        and "敬老院志愿服务" in page
        and "公益活动与年龄、身体状况相适应" in page
    )


@time_machine.travel(TODAY)
def test_a_person_unable_to_work_owes_no_public_benefit_hours_and_does_only_light_work(world):
    a = world.people["A"]
    type(a).objects.filter(pk=a.pk).update(
        correction_type="temporary_release", temporary_release_ground="serious_illness"
    )
    a.refresh_from_db()
    level(a, "strict", by=world.users["county_head"])
    progress = month_progress(a, TODAY)
    assert progress.decision.outcome["service_due"] == 0
    assert "无劳动能力，不要求公益活动" in progress.decision.reasons[0]
    with pytest.raises(services.EducationError, match="只参加轻体力活动"):
        services.service_enrol(
            actor=world.users["office_officer"], activity=activity(world, demand="moderate"), people=[a]
        )


@time_machine.travel(TODAY)
def test_the_person_sees_the_month_and_signs_up_on_the_phone(world, login):
    a = world.people["A"]
    level(a, "ordinary", by=world.users["county_head"])
    coming = group(world, held_on=TODAY + timedelta(days=3), topic="法治讲座")
    group(world, held_on=TODAY + timedelta(days=3), topic="未成年人专场", for_minors=True)
    heavy = activity(world, demand="heavy", held_on=TODAY + timedelta(days=2))
    full = activity(world, capacity=1, held_on=TODAY + timedelta(days=2))
    phone = login(world.users["supervisee"])
    page = phone.get(reverse("mobile:education")).content.decode()
    assert "法治讲座" in page and "未成年人专场" not in page  # minors apart
    assert f'data-testid="upcoming-service-{heavy.pk}"' in page  # A is 40-odd: heavy work fits
    assert "应完成8小时" in page and "尚差教育学习8小时" in page
    assert phone.post(reverse("mobile:education"), {"kind": "session", "pk": coming.pk}).status_code == 302
    assert Attendance.objects.filter(session=coming, supervisee=a).exists()
    assert "已报名，请按时参加" in phone.get(reverse("mobile:education")).content.decode()
    # Twice, or a past one, or another office's: refused with the reason, nothing written.
    again = phone.post(reverse("mobile:education"), {"kind": "session", "pk": coming.pk}, follow=True)
    assert "您不能参加本次教育" in again.content.decode() and Attendance.objects.filter(supervisee=a).count() == 1
    past = group(world, held_on=TODAY - timedelta(days=1), topic="昨天的讲座")
    refused = phone.post(reverse("mobile:education"), {"kind": "session", "pk": past.pk}, follow=True)
    assert "已经举行，不能报名" in refused.content.decode()
    assert "没有找到" in phone.post(reverse("mobile:education"), {"kind": "x", "pk": "1"}, follow=True).content.decode()
    assert phone.post(reverse("mobile:education"), {"kind": "service", "pk": full.pk}).status_code == 302
    assert ServiceAttendance.objects.filter(activity=full, supervisee=a).exists()


@time_machine.travel(TODAY)
def test_the_person_writes_a_report_on_the_phone_and_the_office_reads_it(world, login):
    a = world.people["A"]
    level(a, "ordinary", by=world.users["county_head"])
    phone = login(world.users["supervisee"])
    short = phone.post(reverse("mobile:reports"), {"content": "一切正常"})
    assert short.status_code == 400 and "汇报内容至少20个字" in short.content.decode()
    text = "本月在物流公司上班，按时签到，参加了社区环境整治和法治讲座，思想稳定，家庭和睦。"
    assert phone.post(reverse("mobile:reports"), {"content": text}).status_code == 302
    page = phone.get(reverse("mobile:reports")).content.decode()
    assert "本季度已提交1份，应提交3份，尚差2份" in page and "待司法所阅示" in page
    office = login(world.users["office_officer"])
    person = office.get(reverse("education:person", args=[a.pk])).content.decode()
    assert text in person and "未阅" in person and "尚差2份" in person
    report = a.personal_reports.get()
    url = reverse("education:report_read", args=[a.pk, report.pk])
    assert office.post(url, {"reply": "已阅，继续保持"}).status_code == 302
    report.refresh_from_db()
    assert report.read_by == world.users["office_officer"] and report.reply == "已阅，继续保持"
    phone = login(world.users["supervisee"])
    assert "司法所已阅：已阅，继续保持" in phone.get(reverse("mobile:reports")).content.decode()
    # Another office's officer cannot read A's reports.
    other = login(world.users["other_office_officer"])
    assert other.post(url, {"reply": ""}).status_code == 404


@time_machine.travel(TODAY)
def test_a_volunteer_helps_run_an_activity_and_finds_it_on_his_home_page(world, login):
    from sqjz.education.models import ServiceHelper
    from sqjz.inbox.models import InboxItem

    office, volunteer = world.users["office_officer"], world.users["volunteer"]
    activity = services.service_create(
        actor=office,
        activity=CommunityService(
            title="敬老院志愿服务", held_on=TODAY + timedelta(days=3), hours=2, place="敬老院", capacity=5
        ),
    )
    client = login(office)
    page = client.get(reverse("education:service", args=[activity.pk])).content.decode()
    assert 'data-testid="helpers-form"' in page and volunteer.full_name in page
    response = client.post(
        reverse("education:service_helpers", args=[activity.pk]), {"users": [world.users["mentor"].pk]}
    )
    assert response.status_code == 400 and "只能安排本所的志愿者和社会工作者协助" in response.content.decode()
    response = client.post(reverse("education:service_helpers", args=[activity.pk]), {"users": [volunteer.pk]})
    assert response.status_code == 302
    item = InboxItem.objects.get(kind="service_help", state="open")
    assert item.actor_user == volunteer and item.due == TODAY + timedelta(days=3)
    helper = login(volunteer)
    assert "协助公益活动" in helper.get(reverse("workbench:home")).content.decode()
    assert "敬老院志愿服务" in helper.get(reverse("education:helping")).content.decode()
    assert helper.get(reverse("education:service", args=[activity.pk])).status_code == 403
    # Taken off the list, the item closes.
    assert login(office).post(reverse("education:service_helpers", args=[activity.pk]), {}).status_code == 302
    assert not ServiceHelper.objects.exists()
    assert not InboxItem.objects.filter(kind="service_help", state="open").exists()


@time_machine.travel(TODAY)
def test_people_who_checked_in_at_the_venue_are_marked_present_the_rest_wait_for_the_roll_call(world, login):
    from django.utils import timezone

    from sqjz.supervision.checkins.models import CheckIn

    a, b = (
        world.people["A"],
        SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"]),
    )
    client = login(world.users["office_officer"])
    data = {
        "theme": "legal",
        "topic": "禁毒警示教育",
        "held_on": TODAY.isoformat(),
        "hours": "2",
        "place": "司法所",
        "teacher": "李强",
        "venue_latitude": "24.351200",
    }
    response = client.post(reverse("education:new"), data)
    assert response.status_code == 400 and "纬度和经度应当同时填写" in response.content.decode()
    assert client.post(reverse("education:new"), data | {"venue_longitude": "102.541700"}).status_code == 302
    session = EducationSession.objects.get(topic="禁毒警示教育")
    services.session_enrol(actor=world.users["office_officer"], session=session, people=[a, b])
    now = timezone.now()
    near = {"latitude": "24.351900", "longitude": "102.541700", "accuracy": 30}  # about 78 m north
    far = {"latitude": "24.400000", "longitude": "102.541700", "accuracy": 20}  # about 5.4 km
    for person, where, key in ((a, near, "k-a"), (b, far, "k-b")):
        CheckIn.objects.create(
            supervisee=person,
            checked_at=now,
            checked_on=TODAY,
            photo="x.jpg",
            photo_sha256="0" * 64,
            idempotency_key=key,
            **where,
        )
    page = client.get(reverse("education:session", args=[session.pk])).content.decode()
    assert 'data-testid="venue-checkin"' in page
    assert client.post(reverse("education:checkin_attendance", args=[session.pk])).status_code == 302
    present = dict(Attendance.objects.filter(session=session).values_list("supervisee_id", "present"))
    assert present == {a.pk: True, b.pk: None}
    assert "现场签到" in Attendance.objects.get(session=session, supervisee=a).note
