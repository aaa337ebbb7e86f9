"""Medical re-examinations of people on medical parole (保外就医): due every three months in the inbox, closed
by recording the re-examination; the register asks why a sentence is served outside prison."""

from datetime import date, timedelta

import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.supervisees.models import CorrectionType, Status, TemporaryReleaseGround
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 27)


def on_medical_parole(world, start: date):
    return SuperviseeFactory(
        name="保外就医者",
        status=Status.UNDER_CORRECTION,
        correction_type=CorrectionType.TEMPORARY_RELEASE,
        temporary_release_ground=TemporaryReleaseGround.SERIOUS_ILLNESS,
        judicial_office=world.yuxing,
        deciding_authority=world.units["prison"],
        offence_date=start - timedelta(days=400),
        judgment_effective_date=start,
        term_start=start,
        term_end=start + timedelta(days=700),
    )


@time_machine.travel(TODAY)
def test_the_re_examination_is_due_three_months_after_the_last_and_closes_when_recorded(world, login):
    person = on_medical_parole(world, date(2026, 9, 1))
    inbox_refresh()
    item = InboxItem.objects.get(supervisee=person, kind="medical_reexamination", state="open")
    assert item.due == date(2026, 12, 1) and item.rule == "MEDICAL_REEXAMINATION_DUE"
    assert item.get_absolute_url() == reverse("supervision:medical", args=[person.pk])
    client = login(world.users["office_officer"])
    page = client.get(item.get_absolute_url()).content.decode()
    assert "2026年12月1日" in page and "实施办法第二十四条" in page
    future = client.post(
        item.get_absolute_url(),
        {"examined_on": "2026-12-01", "hospital": "玉溪市人民医院", "findings": "病情稳定", "conditions_persist": "on"},
    )
    assert future.status_code == 400 and "复查日期不能晚于今天" in future.content.decode()
    done = client.post(
        item.get_absolute_url(),
        {"examined_on": "2026-11-26", "hospital": "玉溪市人民医院", "findings": "病情稳定", "conditions_persist": "on"},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.state == "closed"
    assert "2027年2月26日" in client.get(item.get_absolute_url()).content.decode()


@time_machine.travel(TODAY)
def test_not_applicable_to_others_and_read_only_outside_the_office(world, login):
    a = world.people["A"]
    url = reverse("supervision:medical", args=[a.pk])
    assert 'data-testid="not-applicable"' in login(world.users["office_officer"]).get(url).content.decode()
    person = on_medical_parole(world, date(2026, 9, 1))
    city = login(world.users["city_officer"])
    assert city.get(reverse("supervision:medical", args=[person.pk])).status_code == 200
    assert city.post(reverse("supervision:medical", args=[person.pk]), {}).status_code == 403


@time_machine.travel(TODAY)
def test_the_register_asks_for_the_ground_of_temporary_release(world, login):
    from sqjz.supervisees.forms import SuperviseeForm

    def errors(**data):
        form = SuperviseeForm(data=data, user=world.users["office_officer"])
        form.is_valid()
        return form.errors.get("temporary_release_ground", [])

    assert "请选择情形" in errors(correction_type="temporary_release")[0]
    assert (
        "仅适用于女性"
        in errors(correction_type="temporary_release", temporary_release_ground="pregnancy", gender="male")[0]
    )
    assert "仅暂予监外执行" in errors(correction_type="probation", temporary_release_ground="serious_illness")[0]
    assert errors(correction_type="temporary_release", temporary_release_ground="serious_illness") == []


@time_machine.travel(TODAY)
def test_a_person_outside_prison_reports_their_health_each_month_from_the_phone(world, login):
    from sqjz.accounts.models import Role
    from sqjz.supervision.medical.models import HealthReport
    from tests.factories import UserFactory

    person = on_medical_parole(world, date(2026, 10, 15))
    account = UserFactory(username="waiyi", role=Role.SUPERVISEE, supervisee=person, unit=None)
    inbox_refresh(area="medical")
    item = InboxItem.objects.get(supervisee=person, kind="health_report", state="open")
    assert item.due == date(2026, 11, 5) and item.rule == "HEALTH_REPORT_DUE"  # October's, overdue
    phone = login(account)
    page = phone.get(reverse("mobile:home")).content.decode()
    assert 'data-testid="health-link"' in page
    response = phone.post(reverse("mobile:health"), {"month": "2026-10-01", "condition": "好", "treatment": ""})
    assert response.status_code == 400 and "身体情况至少10个字" in response.content.decode()
    response = phone.post(reverse("mobile:health"), {"month": "2026-09-01", "condition": "x" * 20})
    assert response.status_code == 400  # not a month offered
    response = phone.post(
        reverse("mobile:health"),
        {"month": "2026-10-01", "condition": "肝病病情稳定，按时服药，生活能够自理", "treatment": "10月20日门诊复诊"},
    )
    assert response.status_code == 302
    item = InboxItem.objects.get(supervisee=person, kind="health_report", state="open")
    assert item.due == date(2026, 12, 5)  # now November's, within the look-ahead
    phone.post(reverse("mobile:health"), {"month": "2026-11-01", "condition": "病情稳定，无新的不适，生活自理"})
    assert not InboxItem.objects.filter(supervisee=person, kind="health_report", state="open").exists()
    page = phone.get(reverse("mobile:health")).content.decode()
    assert 'data-testid="all-reported"' in page
    # The office reads them on the re-examination page.
    office = login(world.users["office_officer"])
    report = HealthReport.objects.get(supervisee=person, month=date(2026, 10, 1))
    assert "肝病病情稳定" in office.get(reverse("supervision:medical", args=[person.pk])).content.decode()
    assert office.post(reverse("supervision:health_read", args=[person.pk, report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.read_by == world.users["office_officer"]


@time_machine.travel(TODAY)
def test_only_people_outside_prison_have_the_health_report(world, login):
    assert login(world.users["supervisee"]).get(reverse("mobile:health")).status_code == 404
