"""手机APP签到: the officer opens the app for a person, the person checks in with a photo and the phone's position
(a retried upload is not recorded twice), a missed day opens an inbox item with the CHECKIN_MISSED rule, and a
follow-up that reaches the person closes it."""

import hashlib
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from sqjz.audit.models import AccessLog
from sqjz.core.photos import photo_accept, photo_path
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import LevelDecision
from sqjz.supervision.checkins import services
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.models import AppEnrolment, CheckIn, CheckInFollowUp
from tests.factories import SuperviseeFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ENROLLED = date(2026, 11, 20)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 64), (200, 160, 120)).save(out, "JPEG")
    return out.getvalue()


def with_level(person, officer, level="strict", on=date(2026, 10, 1)):
    LevelDecision.objects.create(
        supervisee=person,
        level=level,
        effective_from=on,
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="测试",
        decided_by=officer,
    )


def enrol(world, person=None, on=ENROLLED):
    person = person or world.people["A"]
    officer = world.users["office_officer"]
    with_level(person, officer)
    with time_machine.travel(at(on)):
        _, password = services.app_enrol(actor=officer, supervisee=person)
    world.users["supervisee"].refresh_from_db()  # a new password: sessions signed in before end
    return person, password


def check_in(user, day: date, key: str, hour: int = 9):
    with time_machine.travel(at(day, hour)):
        return services.checkin_record(
            user=user, idempotency_key=key, latitude="24.351234", longitude="102.541234", accuracy="15", photo=jpeg()
        )


def photos_processed() -> None:
    """What the task worker does after the check-ins were recorded: each queued photo checked and re-encoded."""
    for pk in CheckIn.objects.filter(photo_state=CheckIn.PhotoState.PENDING).values_list("pk", flat=True):
        checkin_photo_task.call(pk)


def test_enrolment_makes_an_account_the_person_can_sign_in_with(world):
    person, password = enrol(world)
    user = world.users["supervisee"]  # the world already gave A an account: it is reused, not duplicated
    user.refresh_from_db()
    assert authenticate(username=user.username, password=password) == user
    assert AppEnrolment.objects.get(supervisee=person).enrolled_on == ENROLLED
    with pytest.raises(services.SupervisionError, match="已开通"):
        services.app_enrol(actor=world.users["office_officer"], supervisee=person)
    _, new = services.app_password_reset(actor=world.users["office_officer"], supervisee=person)
    assert authenticate(username=user.username, password=password) is None
    assert authenticate(username=user.username, password=new) == user


def test_enrolment_needs_a_supervision_level_and_the_office(world):
    person = world.people["A"]
    with pytest.raises(services.SupervisionError, match="监管等级"):
        services.app_enrol(actor=world.users["office_officer"], supervisee=person)
    with_level(person, world.users["office_officer"])
    with pytest.raises(services.SupervisionError, match="无权"):
        services.app_enrol(actor=world.users["other_office_officer"], supervisee=person)


def test_a_retried_check_in_is_recorded_once(world):
    enrol(world)
    user = world.users["supervisee"]
    first, created = check_in(user, date(2026, 11, 21), "key-0001-abcd")
    again, created_again = check_in(user, date(2026, 11, 21), "key-0001-abcd", hour=10)
    assert created and not created_again and again.pk == first.pk
    assert CheckIn.objects.count() == 1
    photos_processed()
    first.refresh_from_db()
    stored = photo_path(first.photo).read_bytes()
    assert stored == photo_accept(jpeg())[0] and first.photo_sha256 == hashlib.sha256(stored).hexdigest()
    assert first.checked_on == date(2026, 11, 21) and first.accuracy == 15


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"photo": b"not an image"}, "photo", "无法识别"),
        ({"photo": b""}, "photo", "请拍摄"),
        ({"latitude": None}, "location", "未获取到手机位置"),
        ({"latitude": "91"}, "location", "位置无效"),
        ({"longitude": "NaN"}, "location", "位置无效"),
        ({"idempotency_key": "x"}, "idempotency_key", "刷新页面"),
    ],
)
def test_bad_check_ins_are_refused_with_the_field_named(world, change, field, message):
    enrol(world)
    facts = {"idempotency_key": "key-0002-abcd", "latitude": "24.35", "longitude": "102.54", "accuracy": None}
    facts["photo"] = jpeg()
    with pytest.raises(services.SupervisionError, match=message) as refused:
        services.checkin_record(user=world.users["supervisee"], **(facts | change))
    assert refused.value.field == field
    assert not CheckIn.objects.exists()


def test_only_an_enrolled_person_under_correction_checks_in(world):
    with pytest.raises(services.SupervisionError, match="无需手机签到"):
        check_in(world.users["supervisee"], date(2026, 11, 21), "key-0003-abcd")
    with pytest.raises(services.SupervisionError, match="本人"):
        check_in(world.users["office_officer"], date(2026, 11, 21), "key-0003-abcd")


def test_a_missed_day_opens_an_inbox_item_and_a_follow_up_that_reaches_the_person_closes_it(world, login):
    person, _ = enrol(world)
    user = world.users["supervisee"]
    for day in (21, 22, 23, 24, 25, 27):  # 11-26 (Thursday) missed
        check_in(user, date(2026, 11, day), f"key-day-{day:04d}")
    with time_machine.travel(at(date(2026, 11, 28), 8)):
        inbox_refresh()
        item = InboxItem.objects.get(supervisee=person, kind="checkin", state="open")
        assert item.rule == "CHECKIN_MISSED" and item.due == date(2026, 11, 27)
        assert "社区矫正法第三十条" in item.articles and "11月26日" in item.reasons
        assert item.get_absolute_url() == reverse("supervision:checkins", args=[person.pk])
        client = login(world.users["office_officer"])
        home = client.get(reverse("workbench:home")).content.decode()
        assert "未签到核实" in home and person.name in home
        page = client.get(item.get_absolute_url()).content.decode()
        assert "未按要求签到的核实" in page and "已逾期 1 天" in page and "共6次" in page

        not_reached = {"followed_up_on": "2026-11-28", "method": "phone", "finding": "电话关机"}
        assert client.post(reverse("supervision:checkin_follow_up", args=[person.pk]), not_reached).status_code == 302
        item.refresh_from_db()
        assert item.state == "open"  # not reached: still to be found

        future = {"followed_up_on": "2026-11-29", "method": "visit", "reached": "on", "finding": "住院"}
        refused = client.post(reverse("supervision:checkin_follow_up", args=[person.pk]), future)
        assert refused.status_code == 400 and "核实日期不能晚于今天" in refused.content.decode()
        assert "住院" in refused.content.decode()  # what was typed is kept

        reached = {
            "followed_up_on": "2026-11-28",
            "method": "visit",
            "reached": "on",
            "finding": "在医院住院，手机没电",
        }
        assert client.post(reverse("supervision:checkin_follow_up", args=[person.pk]), reached).status_code == 302
        item.refresh_from_db()
        assert item.state == "closed"
        assert "按要求签到，无需核实" in client.get(item.get_absolute_url()).content.decode()


def test_a_missed_day_after_the_follow_up_opens_a_new_item(world):
    person, _ = enrol(world)
    officer = world.users["office_officer"]
    with time_machine.travel(at(date(2026, 11, 23), 8)):
        services.checkin_follow_up_record(
            actor=officer,
            supervisee=person,
            follow_up=CheckInFollowUp(followed_up_on=date(2026, 11, 23), method="phone", reached=True, finding="忘记"),
        )
        assert not InboxItem.objects.filter(kind="checkin", state="open").exists()
    with time_machine.travel(at(date(2026, 11, 25), 8)):
        inbox_refresh()
        assert InboxItem.objects.get(kind="checkin", state="open").due == date(2026, 11, 24)


def test_people_not_enrolled_or_not_under_correction_miss_nothing(world):
    person, _ = enrol(world)
    with_level(world.people["B"], world.users["office_officer"])  # B has a level but no app
    with time_machine.travel(at(date(2026, 11, 28), 8)):
        inbox_refresh()
        assert list(InboxItem.objects.filter(kind="checkin").values_list("supervisee", flat=True)) == [person.pk]
        type(person).objects.filter(pk=person.pk).update(status="discharged")
        inbox_refresh()
        assert not InboxItem.objects.filter(kind="checkin", state="open").exists()


def test_the_inbox_computes_check_ins_with_a_constant_number_of_queries(world):
    officer = world.users["office_officer"]

    def queries(people: int) -> int:
        for _ in range(people):
            person = SuperviseeFactory(
                judicial_office=world.yuxing, deciding_authority=world.units["prison"], status="under_correction"
            )
            with_level(person, officer)
            AppEnrolment.objects.create(supervisee=person, enrolled_on=ENROLLED, enrolled_by=officer)
        with time_machine.travel(at(date(2026, 11, 28), 8)), CaptureQueriesContext(connection) as ctx:
            from sqjz.inbox.registry import duty
            from sqjz.rulebook.selectors import statute_context

            found = list(duty("checkin").compute(statute_context(), date(2026, 11, 28), None))
        assert found
        return len(ctx)

    assert queries(3) == queries(30)


def test_the_officer_page_opens_the_app_and_shows_the_password_once(world, login):
    person = world.people["A"]
    with_level(person, world.users["office_officer"])
    client = login(world.users["office_officer"])
    url = reverse("supervision:checkins", args=[person.pk])
    assert "开通手机签到" in client.get(url).content.decode()
    with time_machine.travel(at(ENROLLED)):
        opened = client.post(reverse("supervision:checkin_enrol", args=[person.pk]))
    body = opened.content.decode()
    assert opened.status_code == 200 and 'data-testid="initial-password"' in body
    assert "no-store" in opened["Cache-Control"]
    assert 'data-testid="initial-password"' not in client.get(url).content.decode()
    again = client.post(reverse("supervision:checkin_enrol", args=[person.pk]))
    assert again.status_code == 302  # already open: a message, no new password
    city = login(world.users["city_officer"])
    assert city.get(url).status_code == 200
    assert city.post(reverse("supervision:checkin_password", args=[person.pk])).status_code == 403


def test_check_in_photos_are_shown_only_within_jurisdiction_and_logged(world, login):
    enrol(world)
    checkin, _ = check_in(world.users["supervisee"], date(2026, 11, 21), "key-0004-abcd")
    photos_processed()
    url = reverse("supervision:checkin_photo", args=[checkin.pk])
    before = AccessLog.objects.count()
    response = login(world.users["office_officer"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == photo_accept(jpeg())[0]  # stored re-encoded, without metadata
    assert AccessLog.objects.count() == before + 1
    assert login(world.users["other_office_officer"]).get(url).status_code == 404


def test_the_officer_list_of_check_ins_pages_with_constant_queries(world, login):
    person, _ = enrol(world)
    client = login(world.users["office_officer"])
    url = reverse("supervision:checkins", args=[person.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    check_in(world.users["supervisee"], date(2026, 11, 21), "key-0005-abcd")
    queries()  # warm the caches
    few = queries()
    CheckIn.objects.bulk_create(
        CheckIn(
            supervisee=person,
            checked_at=at(date(2026, 11, 22)),
            checked_on=date(2026, 11, 22),
            latitude="24.35",
            longitude="102.54",
            photo="x.jpg",
            photo_sha256="0" * 64,
            idempotency_key=f"bulk-{i:06d}",
        )
        for i in range(40)
    )
    assert queries() == few
    assert "第1/2页" in client.get(url).content.decode()


def test_no_check_in_is_due_after_the_last_day_of_the_term(world):
    person, _ = enrol(world)
    type(person).objects.filter(pk=person.pk).update(term_end=date(2026, 11, 25))
    for day in (21, 22, 23, 24):
        check_in(world.users["supervisee"], date(2026, 11, day), f"key-end-{day:04d}")
    with time_machine.travel(at(date(2026, 11, 28), 8)):
        inbox_refresh()
        item = InboxItem.objects.get(kind="checkin", state="open")
    assert "有1个签到周期未签到：11月25日；" in item.reasons  # the last day counts, the days after do not


def test_the_office_list_shows_who_checked_in_today_with_counts_and_search(world, login):
    person, _ = enrol(world)
    officer = world.users["office_officer"]
    absent = SuperviseeFactory(
        name="缺签者", judicial_office=world.yuxing, deciding_authority=world.units["prison"], status="under_correction"
    )
    with_level(absent, officer)
    AppEnrolment.objects.create(supervisee=absent, enrolled_on=ENROLLED, enrolled_by=officer)
    check_in(world.users["supervisee"], date(2026, 11, 28), "key-list-0001")
    client = login(officer)
    url = reverse("supervision:checkin_list")
    with time_machine.travel(at(date(2026, 11, 28), 12)):
        inbox_refresh()
        missing = client.get(url).content.decode()
        assert "缺签者" in missing and f">{person.name}<" not in missing
        assert 'data-testid="count-done">1<' in missing and 'data-testid="count-missing">1<' in missing
        done = client.get(url, {"show": "done"}).content.decode()
        assert person.name in done and "缺签者" not in done
        assert "缺签者" in client.get(url, {"show": "follow_up"}).content.decode()
        assert "缺签者" not in client.get(url, {"show": "all", "q": person.name}).content.decode()
        assert client.get(url, {"show": "nonsense", "page": "x"}).status_code == 200
        other = login(world.users["other_office_officer"]).get(url, {"show": "all"}).content.decode()
        assert "缺签者" not in other and person.name not in other


def test_the_office_list_has_a_constant_number_of_queries(world, login):
    officer = world.users["office_officer"]
    client = login(officer)

    def queries(people: int) -> int:
        for _ in range(people):
            s = SuperviseeFactory(
                judicial_office=world.yuxing, deciding_authority=world.units["prison"], status="under_correction"
            )
            AppEnrolment.objects.create(supervisee=s, enrolled_on=ENROLLED, enrolled_by=officer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("supervision:checkin_list"), {"show": "all"}).status_code == 200
        return len(ctx)

    queries(0)
    assert queries(2) == queries(40)


def test_check_ins_per_day_are_capped(world):
    enrol(world)
    user = world.users["supervisee"]
    for i in range(services.MAX_CHECKINS_PER_DAY):
        check_in(user, date(2026, 11, 21), f"key-cap-{i:04d}")
    with pytest.raises(services.SupervisionError, match="上限"):
        check_in(user, date(2026, 11, 21), "key-cap-over")
    assert check_in(user, date(2026, 11, 21), "key-cap-0003")[1] is False  # a retry of an earlier one still answers
    assert check_in(user, date(2026, 11, 22), "key-cap-next")[1] is True


def test_a_spot_check_answered_in_time_is_not_missed_and_one_unanswered_is(world, login):
    person, _ = enrol(world)
    officer, user = world.users["office_officer"], world.users["supervisee"]
    client = login(officer)
    with time_machine.travel(at(date(2026, 11, 21), 15, 10), tick=False):
        assert client.post(reverse("supervision:spot_check", args=[person.pk])).status_code == 302
        with pytest.raises(services.SupervisionError, match="15:40"):
            services.spot_check_request(actor=officer, supervisee=person)
    checkin, _ = check_in(user, date(2026, 11, 21), "key-spot-0001", hour=15)  # 15:00 < 15:10: before it was asked
    assert not hasattr(checkin, "spot_check")
    with time_machine.travel(at(date(2026, 11, 21), 15, 30)):
        answer, _ = services.checkin_record(
            user=user,
            idempotency_key="key-spot-0002",
            latitude="24.35",
            longitude="102.54",
            accuracy=None,
            photo=jpeg(),
        )
    assert answer.spot_check.requested_at == at(date(2026, 11, 21), 15, 10)
    with time_machine.travel(at(date(2026, 11, 22), 9, 0), tick=False):
        check_in(user, date(2026, 11, 22), "key-spot-0003")
        services.spot_check_request(actor=officer, supervisee=person)
    for day in (23, 24):
        check_in(user, date(2026, 11, day), f"key-spot-{day:04d}")
    with time_machine.travel(at(date(2026, 11, 24), 12)):
        inbox_refresh()
        item = InboxItem.objects.get(kind="checkin", state="open")
        page = login(officer).get(reverse("supervision:checkins", args=[person.pk])).content.decode()
    assert item.due == date(2026, 11, 23) and "随机抽查未在时限内应答1次：11月22日" in item.reasons
    assert "已应答 15:30" in page and "未应答" in page


def test_the_phone_shows_a_waiting_spot_check(world, login):
    person, _ = enrol(world)
    with time_machine.travel(at(date(2026, 11, 21), 15, 10), tick=False):
        services.spot_check_request(actor=world.users["office_officer"], supervisee=person)
        body = login(world.users["supervisee"]).get(reverse("mobile:home")).content.decode()
    assert 'data-testid="spot-check"' in body and "15:40" in body


def test_county_users_see_counts_per_office_and_drill_down(world, login):
    person, _ = enrol(world)
    check_in(world.users["supervisee"], date(2026, 11, 28), "key-county-0001")
    client = login(world.users["county_officer"])
    url = reverse("supervision:checkin_list")
    with time_machine.travel(at(date(2026, 11, 28), 12)):
        summary = client.get(url).content.decode()
        assert 'data-testid="checkin-by-office"' in summary and world.yuxing.name in summary
        drill = client.get(url, {"office": world.yuxing.pk, "show": "done"}).content.decode()
        assert person.name in drill and 'data-testid="checkin-by-office"' not in drill
        elsewhere = client.get(url, {"office": world.units["fenghuang"].pk, "show": "done"}).content.decode()
        assert person.name not in elsewhere
        office = login(world.users["office_officer"]).get(url).content.decode()
        assert 'data-testid="checkin-by-office"' not in office  # one office: the list itself


def test_the_county_summary_has_a_constant_number_of_queries(world, login):
    officer = world.users["office_officer"]
    client = login(world.users["county_officer"])

    def queries(people: int) -> int:
        for i in range(people):
            office = world.yuxing if i % 2 else world.units["fenghuang"]
            s = SuperviseeFactory(
                judicial_office=office, deciding_authority=world.units["prison"], status="under_correction"
            )
            AppEnrolment.objects.create(supervisee=s, enrolled_on=ENROLLED, enrolled_by=officer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("supervision:checkin_list")).status_code == 200
        return len(ctx)

    queries(0)
    assert queries(2) == queries(30)


def other_jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 64), (20, 60, 220)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    "change",
    [{"photo": "other"}, {"latitude": "25.000001"}, {"longitude": "103.000001"}, {"accuracy": "900"}],
)
def test_a_key_reused_with_a_different_check_in_is_refused_not_answered_with_the_first(world, change):
    """Issue 10: the same Idempotency-Key with another photo or position silently returned the first check-in."""
    enrol(world)
    user = world.users["supervisee"]
    first, _ = check_in(user, date(2026, 11, 21), "key-0009-abcd")
    facts = {"latitude": "24.351234", "longitude": "102.541234", "accuracy": "15", "photo": jpeg()}
    facts |= {k: (other_jpeg() if v == "other" else v) for k, v in change.items()}
    with time_machine.travel(at(date(2026, 11, 21), 10)), pytest.raises(services.IdempotencyConflict) as refused:
        services.checkin_record(user=user, idempotency_key="key-0009-abcd", **facts)
    assert "请求标识已用于另一次签到" in refused.value.message and refused.value.field == "idempotency_key"
    assert list(CheckIn.objects.values_list("pk", flat=True)) == [first.pk]


def test_the_same_check_in_written_differently_is_still_the_same(world):
    enrol(world)
    user = world.users["supervisee"]
    first, _ = check_in(user, date(2026, 11, 21), "key-0010-abcd")
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        again, created = services.checkin_record(
            user=user,
            idempotency_key="key-0010-abcd",
            latitude="24.3512340",
            longitude=" 102.541234",
            accuracy="15.0",
            photo=jpeg(),
        )
    assert not created and again.pk == first.pk


# ------------------------------------------------------------------------ the phone account's name and its unlocking


def test_phone_usernames_are_random_easy_to_type_and_not_the_record_id(world):
    import re

    from sqjz.accounts.models import User

    court = world.units["hongta_court"]
    people = [SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=court) for _ in range(3)]
    names = []
    for person in people:
        with_level(person, world.users["office_officer"])
        services.app_enrol(actor=world.users["office_officer"], supervisee=person)
        names.append(User.objects.get(supervisee=person).username)
    assert len(set(names)) == 3
    for person, name in zip(people, names, strict=True):
        assert re.fullmatch(r"jz[a-km-np-z2-9]{8}", name), name  # lower case and digits, no 0/o, 1/l/i
        assert name != f"jz{person.pk:06d}"


def test_a_reset_gives_an_old_sequential_username_a_random_one(world):
    from sqjz.accounts.models import User

    person, _ = enrol(world)
    User.objects.filter(supervisee=person).update(username=f"jz{person.pk:06d}")
    account, _ = services.app_password_reset(actor=world.users["office_officer"], supervisee=person)
    assert account.username != f"jz{person.pk:06d}"
    assert User.objects.get(supervisee=person).username == account.username


def test_the_office_unlocks_its_supervisees_phone_account_and_the_timeline_says_who(world, login, client):
    from sqjz.accounts.models import AccountUnlock
    from sqjz.accounts.tests.helpers import sign_in_from
    from sqjz.timeline.registry import timeline_for

    person, password = enrol(world)
    account = world.users["supervisee"]
    for _ in range(5):
        sign_in_from(client, "10.9.8.7", account.username, "Wrong#pass2026")
    assert "已锁定" in sign_in_from(client, "10.9.8.7", account.username, password).content.decode()

    unlock = reverse("supervision:checkin_unlock", args=[person.pk])
    page = reverse("supervision:checkins", args=[person.pk])
    assert unlock in login(world.users["office_officer"]).get(page).content.decode()  # the button is there
    assert login(world.users["city_officer"]).post(unlock).status_code == 403  # may look, may not edit
    assert login(world.users["other_office_officer"]).post(unlock).status_code == 404  # not theirs
    assert not AccountUnlock.objects.exists()
    response = login(world.users["office_officer"]).post(unlock, follow=True)
    assert "已解除手机账户的登录锁定" in response.content.decode()
    one = AccountUnlock.objects.get()
    assert (one.user, one.unlocked_by) == (account, world.users["office_officer"])
    events = [e for e in timeline_for(person) if "解除手机账户登录锁定" in e.title]
    assert len(events) == 1 and "office_officer用户" in events[0].who
    client.logout()
    assert sign_in_from(client, "10.9.8.7", account.username, password).status_code == 302


def test_the_city_reads_its_counties_and_offices_from_the_stored_figures_kept_by_the_check_ins(world, login):
    person, _ = enrol(world)
    minor = world.people["M"]
    minor.status = "under_correction"
    minor.save()
    enrol(world, minor)
    client = login(world.users["city_officer"])
    url = reverse("supervision:checkin_list")
    hongta = {"county": world.yuxing.county_id}

    def yuxing_row(response) -> dict:
        return next(r for r in response.context["by_office"] if r.office_id == world.yuxing.pk).values

    check_in(world.users["supervisee"], date(2026, 11, 28), "key-city-0001")
    with time_machine.travel(at(date(2026, 11, 28), 12)):
        before = client.get(url, hongta)
        assert yuxing_row(before)["done"] == 0 and yuxing_row(before)["enrolled"] == 2  # the photo is still queued
        photos_processed()  # the worker's task keeps the office's figure
        city = client.get(url)
        by_county = {r.office.county.name: r.values for r in city.context["by_county"]}  # the county agencies' rows
        assert (by_county["红塔区"]["done"], by_county["红塔区"]["missing"]) == (1, 1)
        assert by_county.get("江川区", {"all": 0})["all"] == 0
        html = city.content.decode()
        assert 'data-testid="count-done">1<' in html and 'data-testid="checkins-pick-office"' in html
        assert minor.name not in html and person.name not in html  # counted, never named (a minor's sealed)
        county = client.get(url, hongta | {"show": "all"})
        assert (yuxing_row(county)["done"], yuxing_row(county)["missing"]) == (1, 1)
        listed = [s.name for s in county.context["page"].object_list]
        assert person.name in listed and minor.name not in listed  # the people, as the city may see them
        drill = client.get(url, hongta | {"office": world.yuxing.pk, "show": "all"}).content.decode()
        assert person.name in drill and minor.name not in drill
        found = client.get(url, {"q": person.name[0], "show": "done"}).content.decode()
        assert person.name in found
        assert client.get(url, {"county": "999999"}).context["county"] is None  # not the city's: the city's totals
    with time_machine.travel(at(date(2026, 11, 29), 1)):
        inbox_refresh()  # the daily job: a new day's figures
        client = login(world.users["city_officer"])  # the evening's session has expired
        row = yuxing_row(client.get(url, hongta))
        assert (row["done"], row["missing"]) == (0, 2)


def test_the_lists_page_count_is_its_view_count(world, login):
    enrol(world)
    with time_machine.travel(at(date(2026, 11, 28), 12)):
        response = login(world.users["office_officer"]).get(reverse("supervision:checkin_list"), {"show": "all"})
        counts = {key: n for key, _, n in response.context["views"]}
        page = response.context["page"]
        assert page.paginator.count == counts["all"] == len(page.object_list) >= 1
