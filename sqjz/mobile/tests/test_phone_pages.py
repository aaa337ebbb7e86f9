"""The phone pages as the person meets them: a menu of their own things only, their judicial office named where
they are sent to it, the leave under way and its 销假 on the home page, a receipt after every submission, their
password on 我的账户, and nothing kept by the browser."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from sqjz.accounts.tests.helpers import sign_in
from sqjz.intake.models import TeamMember
from sqjz.mobile.tests.test_mobile import photo, travel_fields
from sqjz.supervision.models import TravelLeave
from sqjz.supervision.tests.test_checkins import at, enrol, with_level
from tests.factories import PASSWORD

TODAY = date(2026, 11, 24)
PHONE_PAGES = ["mobile:home", "mobile:checkin", "mobile:travel", "mobile:return_report", "mobile:account"]
PHONE_PAGES += ["mobile:password_change", "mobile:transfer", "mobile:places", "mobile:trips", "mobile:education"]
PHONE_PAGES += ["mobile:reports"]
GOOD = "Yuxi#Corr2026x"


def body(response) -> str:
    return response.content.decode()


def menu(page: str) -> list[tuple[str, str]]:
    """The menu's entries: (label, address)."""
    nav = re.search(r'<nav class="phone-menu-panel"[^>]*>(.*?)</nav>', page, re.S)
    assert nav, "no phone menu"
    return [(label, href) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1))]


def leave(person, *, start: date, days: int = 5, status: str = "approved", **fields) -> TravelLeave:
    return TravelLeave.objects.create(
        supervisee=person,
        purpose="medical",
        reason="母亲住院，前往陪护",
        destination=fields.pop("destination", "昆明市"),
        start=start,
        days=days,
        applied_on=start - timedelta(days=3),
        evidence="医院住院通知书",
        level="judicial_office",
        level_reasons="-",
        lead_time_note="-",
        status=status,
        recorded_by=fields.pop("recorded_by"),
        **fields,
    )


def home(client) -> str:
    with time_machine.travel(at(TODAY, 10)):
        return body(client.get(reverse("mobile:home")))


# ---------------------------------------------------------------------------------------------------- the menu


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_the_menu_has_exactly_the_supervisees_four_entries(world, login, name):
    enrol(world)
    page = body(login(world.users["supervisee"]).get(reverse(name)))
    assert menu(page) == [
        ("签到", reverse("mobile:checkin")),
        ("外出申请", reverse("mobile:travel")),
        ("销假", reverse("mobile:return_report")),
        ("我的账户", reverse("mobile:account")),
    ]
    assert 'id="sidenav"' not in page and "工作台" not in page  # no officer navigation
    assert "data-bs-toggle" not in page  # and no menu that needs Bootstrap's script, which the phone does not load
    assert "玉溪市社区矫正</a>" in page  # the short name, linking home


def test_the_menu_marks_the_page_the_person_is_on(world, login):
    page = body(login(world.users["supervisee"]).get(reverse("mobile:travel")))
    assert f'<a href="{reverse("mobile:travel")}" aria-current="page">外出申请</a>' in page
    assert page.count('aria-current="page"') == 1


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_phone_pages_are_kept_by_no_browser_or_proxy(world, login, name):
    response = login(world.users["supervisee"]).get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_apps_list_of_check_ins_is_not_cached(world, login):
    enrol(world)
    response = login(world.users["supervisee"]).get(reverse("api:checkin_list"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_the_phone_pages_load_no_officer_script(world, login):
    """On 4G every kilobyte counts: Bootstrap's JavaScript (menus of the officer pages) is not loaded, htmx only on
    the home page, which polls for spot checks."""
    client = login(world.users["supervisee"])
    for name in PHONE_PAGES:
        page = body(client.get(reverse(name)))
        assert "bootstrap.bundle" not in page
        assert ("htmx.min.js" in page) == (name == "mobile:home")


# ---------------------------------------------------------------------------------------- the office, by name


def test_the_login_page_tells_a_supervisee_to_contact_their_office(client, db):
    page = body(client.get(reverse("accounts:login")))
    assert "社区矫正对象忘记密码或无法登录，请联系您所在的司法所。" in page


def test_a_locked_supervisee_and_a_locked_officer_are_told_the_same_ways_out(world, client):
    """The refusal cannot depend on whose the username is (it would tell which usernames exist, and whose, decision
    0012): it names both the office, for supervisees, and the security administrator, for staff."""
    for _ in range(5):
        locked_phone = sign_in(client, world.users["supervisee"].username, "Wrong#pass2026")
    for _ in range(5):
        locked_staff = sign_in(client, "office_officer", "Wrong#pass2026")
    assert locked_phone.context["error"] == locked_staff.context["error"]
    assert "已锁定" in body(locked_phone) and "社区矫正对象可请所在司法所解锁" in body(locked_phone)
    assert "工作人员可请安全管理员解锁" in body(locked_staff)


def test_pages_that_send_the_person_to_the_office_name_it(world, login):
    client = login(world.users["supervisee"])  # A, of 玉兴街道司法所, not enrolled in the app
    assert "请联系玉兴街道司法所" in body(client.get(reverse("mobile:home")))
    checkin = body(client.get(reverse("mobile:checkin")))
    assert "请联系玉兴街道司法所" in checkin and "data-checkin" not in checkin  # no form that cannot succeed
    account = body(client.get(reverse("mobile:account")))
    assert 'data-testid="account-office">玉兴街道司法所<' in account and "张三" in account


def test_missed_check_ins_and_spot_checks_name_the_office(world, login):
    from sqjz.supervision.checkins.services import spot_check_request

    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(TODAY, 10)):
        spot_check_request(actor=world.users["office_officer"], supervisee=world.people["A"])
        page = body(client.get(reverse("mobile:home")))
    assert "请主动联系玉兴街道司法所说明情况" in page
    assert "玉兴街道司法所抽查" in page
    assert "未按要求签到的，玉兴街道司法所会电话或上门核实情况" in page


def test_the_account_shows_the_offices_team_member_with_a_phone_only(world, login):
    person = world.people["A"]
    common = {"supervisee": person, "gender": "female", "duties": "日常监管"}
    TeamMember.objects.create(kind="office", name="李娜", organisation="玉兴街道司法所", phone="13887700001", **common)
    TeamMember.objects.create(kind="family", name="张父", organisation="父亲", phone="13887700002", **common)
    TeamMember.objects.create(kind="office", name="王伟", organisation="玉兴街道司法所", **common)  # no phone
    page = body(login(world.users["supervisee"]).get(reverse("mobile:account")))
    assert page.count('data-testid="account-contact"') == 1
    assert "李娜" in page and 'href="tel:13887700001"' in page
    assert "13887700002" not in page and "王伟" not in page


# -------------------------------------------------------------------------------------- the leave on the home page


def test_an_approved_leave_that_has_begun_shows_on_home_with_its_return(world, login):
    person, _ = enrol(world)
    away = leave(person, start=TODAY - timedelta(days=1), recorded_by=world.users["office_officer"])
    page = home(login(world.users["supervisee"]))
    assert 'data-testid="leave-status">外出中<' in page
    assert "外出昆明市" in page and "2026年11月23日起5天，最后一天2026年11月27日" in page
    assert "请在2026年11月27日当天或之前回到居住地并销假" in page
    assert f'href="{reverse("mobile:checkin")}?leave={away.pk}" data-testid="return-button">返回销假<' in page


def test_a_leave_starting_today_can_be_reported_back(world, login):
    person, _ = enrol(world)
    leave(person, start=TODAY, days=1, recorded_by=world.users["office_officer"])
    page = home(login(world.users["supervisee"]))
    assert 'data-testid="return-button"' in page and "最后一天2026年11月24日" in page


def test_an_approved_leave_not_yet_begun_shows_the_decision_without_return(world, login):
    person, _ = enrol(world)
    leave(person, start=TODAY + timedelta(days=2), recorded_by=world.users["office_officer"])
    page = home(login(world.users["supervisee"]))
    assert (
        'data-testid="leave-status">已批准<' in page
        and "2026年11月26日可以出发，最晚2026年11月30日回到居住地并销假" in page
    )
    assert 'data-testid="return-button"' not in page


def test_a_pending_application_shows_as_awaiting_its_decision_with_its_dates(world, login):
    person, _ = enrol(world)
    leave(person, start=TODAY + timedelta(days=3), status="pending", recorded_by=world.users["supervisee"])
    page = home(login(world.users["supervisee"]))
    assert 'data-testid="leave-status">待审批<' in page and "2026年11月27日起5天，最后一天2026年12月1日" in page
    assert "等待司法所（受委托）审批" in page and 'data-testid="return-button"' not in page


def test_a_refusal_shows_with_its_reason_for_a_week(world, login):
    person, _ = enrol(world)
    officer = world.users["office_officer"]
    recent = at(TODAY - timedelta(days=2))
    leave(
        person,
        start=TODAY + timedelta(days=5),
        status="refused",
        decided_at=recent,
        decision_reason="证明材料不足",
        recorded_by=officer,
    )
    old = at(TODAY - timedelta(days=10))
    leave(
        person,
        start=TODAY - timedelta(days=3),
        status="refused",
        decided_at=old,
        destination="上海市",
        decision_reason="-",
        recorded_by=officer,
    )
    page = home(login(world.users["supervisee"]))
    assert 'data-testid="leave-status">不予批准<' in page and "不予批准：证明材料不足" in page
    assert "上海市" not in page


def test_a_leave_reported_back_shows_as_returned_then_drops_off(world, login):
    person, _ = enrol(world)
    officer = world.users["office_officer"]
    leave(
        person,
        start=TODAY - timedelta(days=5),
        days=3,
        status="returned",
        returned_on=TODAY - timedelta(days=3),
        recorded_by=officer,
    )
    assert "2026年11月21日已销假" in home(login(world.users["supervisee"]))
    with time_machine.travel(at(TODAY + timedelta(days=6), 10)):
        client = login(world.users["supervisee"])  # signed in on that day: sessions last half an hour
        assert 'data-testid="leave"' not in body(client.get(reverse("mobile:home")))


def test_an_overdue_leave_says_so_and_names_the_office(world, login):
    person, _ = enrol(world)
    leave(person, start=TODAY - timedelta(days=6), days=3, recorded_by=world.users["office_officer"])
    page = home(login(world.users["supervisee"]))
    assert "已超过返回日期" in page and "请马上联系玉兴街道司法所" in page and 'data-testid="return-button"' in page


def test_someone_elses_leave_is_never_shown(world, login):
    enrol(world)
    leave(world.people["B"], start=TODAY - timedelta(days=1), recorded_by=world.users["other_office_officer"])
    client = login(world.users["supervisee"])
    assert 'data-testid="leave"' not in home(client)
    with time_machine.travel(at(TODAY, 10)):
        assert 'data-testid="leave"' not in body(client.get(reverse("mobile:return_report")))


def test_without_the_app_the_person_reports_back_at_the_office(world, login):
    """Reporting back from the phone is a check-in: a person not enrolled in the app is sent to the office."""
    with_level(world.people["A"], world.users["office_officer"])
    leave(world.people["A"], start=TODAY - timedelta(days=1), recorded_by=world.users["office_officer"])
    page = home(login(world.users["supervisee"]))
    assert 'data-testid="leave-status">外出中<' in page and "回来后请到玉兴街道司法所销假" in page
    assert 'data-testid="return-button"' not in page


def test_the_return_page_leads_to_the_return_check_in_or_says_there_is_nothing_to_do(world, login):
    person, _ = enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(TODAY, 10)):
        empty = body(client.get(reverse("mobile:return_report")))
    assert 'data-testid="nothing-to-return"' in empty and 'data-testid="return-button"' not in empty
    away = leave(person, start=TODAY - timedelta(days=1), recorded_by=world.users["office_officer"])
    with time_machine.travel(at(TODAY, 10)):
        page = body(client.get(reverse("mobile:return_report")))
    assert f"?leave={away.pk}" in page and 'data-testid="nothing-to-return"' not in page


def test_home_reads_in_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    person, _ = enrol(world)
    officer = world.users["office_officer"]
    for offset in range(4):
        leave(person, start=TODAY + timedelta(days=offset), status="approved", recorded_by=officer)
    client = login(world.users["supervisee"])
    # 22: the notices published for the phones (decision 0046) are one more query.
    with time_machine.travel(at(TODAY, 10)), django_assert_max_num_queries(22):
        client.get(reverse("mobile:home"))


# ------------------------------------------------------------------------------------------------------ receipts


def test_a_check_in_gives_a_receipt_with_time_and_reference(world, login):
    from sqjz.supervision.models import CheckIn

    enrol(world)
    client = login(world.users["supervisee"])
    fields = {"idempotency_key": "receipt-key-01", "latitude": "24.35", "longitude": "102.54"}
    with time_machine.travel(at(TODAY, 9, 5)):
        page = body(client.post(reverse("mobile:checkin"), fields | {"photo": photo()}, follow=True))
    checkin = CheckIn.objects.get()
    assert "签到成功" in page and "时间：2026年11月24日 09:05" in page and f"签到编号：{checkin.pk}" in page


def test_reporting_back_gives_a_receipt_naming_the_leave(world, login):
    person, _ = enrol(world)
    away = leave(person, start=TODAY - timedelta(days=2), recorded_by=world.users["office_officer"])
    client = login(world.users["supervisee"])
    fields = {"idempotency_key": "receipt-key-02", "latitude": "24.35", "longitude": "102.54", "leave": away.pk}
    with time_machine.travel(at(TODAY, 18, 30)):
        page = body(client.post(reverse("mobile:checkin"), fields | {"photo": photo()}, follow=True))
    assert "销假成功：外出昆明市已结束" in page and "时间：2026年11月24日 18:30" in page
    assert f"外出申请编号：{away.pk}" in page and 'data-testid="leave-status">已销假<' in page


def test_an_application_gives_a_receipt_and_no_second_form_while_it_awaits_its_decision(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21), 10, 12)):
        page = body(client.post(reverse("mobile:travel"), travel_fields() | {"evidence_photo": photo()}, follow=True))
    pending = TravelLeave.objects.get()
    assert "已提交外出申请" in page and "时间：2026年11月21日 10:12" in page and f"申请编号：{pending.pk}" in page
    assert 'data-testid="pending-note"' in page and "请联系玉兴街道司法所" in page
    assert 'name="destination"' not in page


def test_a_refused_application_offers_the_form_again(world, login):
    person, _ = enrol(world)
    leave(
        person,
        start=date(2026, 11, 25),
        status="refused",
        decision_reason="-",
        recorded_by=world.users["office_officer"],
    )
    with time_machine.travel(at(TODAY, 10)):
        page = body(login(world.users["supervisee"]).get(reverse("mobile:travel")))
    assert 'name="destination"' in page and 'data-shrink="1600"' in page  # the photo is made smaller on the phone


# --------------------------------------------------------------------------------------------------- the password


def change(client, new, *, old=PASSWORD, repeat=None):
    data = {"old_password": old, "new_password1": new, "new_password2": repeat or new}
    return client.post(reverse("mobile:password_change"), data)


def test_the_person_changes_their_password_and_stays_signed_in(world, login, client):
    user = world.users["supervisee"]
    login(user)
    with time_machine.travel(at(TODAY, 20, 15)):
        done = change(client, GOOD)
        assert done.status_code == 302 and done.url == reverse("mobile:account")
        page = body(client.get(done.url))  # still signed in
    assert "密码已修改" in page and "时间：2026年11月24日 20:15" in page and f"登录账户：{user.username}" in page
    user.refresh_from_db()
    assert user.check_password(GOOD)
    client.post(reverse("accounts:logout"))
    assert sign_in(client, user.username, GOOD).url == reverse("workbench:home")


@pytest.mark.parametrize(
    ("new", "repeat", "field", "message"),
    [
        pytest.param("Yx#2026ab", None, "new_password1", "新密码：密码长度太短，至少需要10个字符。", id="too-short"),
        pytest.param(
            "abcdefghijk1",
            None,
            "new_password1",
            "新密码：密码须包含小写字母、大写字母、数字、符号中的至少三类。",
            id="classes",
        ),
        pytest.param(GOOD, GOOD + "y", "new_password2", "再次输入新密码：输入的两个密码不一致。", id="mismatch"),
    ],
)
def test_a_bad_new_password_is_refused_naming_the_field(world, login, client, new, repeat, field, message):
    user = world.users["supervisee"]
    login(user)
    response = change(client, new, repeat=repeat)
    page = body(response)
    assert response.status_code == 400
    assert message in page  # the summary at the top names the field
    assert f'id="own_password_{field}_error"' in page  # and the message stands under it
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_wrong_old_passwords_count_toward_the_lockout(world, login, client):
    user = world.users["supervisee"]
    login(user)
    wrong = change(client, GOOD, old="Not#theold2026")
    assert "原密码：原密码不正确" in body(wrong)
    for _ in range(4):
        wrong = change(client, GOOD, old="Not#theold2026")
    user.refresh_from_db()
    assert user.is_locked()
    # The lockout signs the phone out (decision 0012) and the login page says why and whom to ask.
    assert wrong.status_code == 302 and wrong.url == reverse("accounts:login")
    told = body(client.get(wrong.url))
    assert "账户已锁定" in told and "联系玉兴街道司法所" in told
    # Signed out: even the right old password changes nothing.
    assert change(client, GOOD).status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("latitude", "longitude", "accuracy", "returned"),
    [
        ("25.040000", "102.710000", "30", False),  # still in 昆明: refused
        ("24.290000", "102.750000", "30", True),  # 江川区: a district of the same city, home (实施办法第二十六条)
        ("25.040000", "102.710000", "", False),  # no accuracy: taken as vague, but 昆明 is far outside
    ],
    ids=["kunming", "jiangchuan", "kunming-no-accuracy"],
)
def test_reporting_back_is_refused_outside_the_home_area(world, login, latitude, longitude, accuracy, returned):
    person, _ = enrol(world)
    away = leave(person, start=TODAY - timedelta(days=2), recorded_by=world.users["office_officer"])
    client = login(world.users["supervisee"])
    fields = {"idempotency_key": "return-key-03", "latitude": latitude, "longitude": longitude, "leave": away.pk}
    fields |= {"accuracy": accuracy} if accuracy else {}
    with time_machine.travel(at(TODAY, 18, 30)):
        page = body(client.post(reverse("mobile:checkin"), fields | {"photo": photo()}, follow=True))
    away.refresh_from_db()
    assert (away.status == "returned") is returned
    if not returned:
        assert "签到成功" in page  # the check-in stands
        assert "未能销假：本次签到的位置不在居住地（红塔区、江川区）范围内" in page
        assert "无需批准即可往来的居住地范围，社区矫正法第二十七条、实施办法第二十六条" in page
        assert "HOME_AREA" not in page
