"""An identity number that already has an active record elsewhere: the officer outside that record's jurisdiction
learns nothing about it (where, whose, a minor's); the conflict goes to the city agency, which checks it. An officer
who can see the record anyway is told plainly, with the link."""

from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.tests.test_register_form import CREATE, edit_data, form_data

REFERRED = "已转市级社区矫正机构核查"


def conflicts():
    from sqjz.supervisees.models import RegistrationConflict

    return RegistrationConflict.objects


def register(client, world, person: Supervisee, office: str):
    village = world.hehua.pk if office in ("yuxing", "fenghuang") else ""
    data = form_data(
        world, id_number=person.id_number, birth_date="", judicial_office=world.units[office].pk, village=village
    )
    return client.post(CREATE, data)


def test_an_officer_outside_the_records_jurisdiction_learns_nothing_about_it(world, login):
    a = world.people["A"]  # 玉兴街道司法所
    response = register(login(world.users["other_office_officer"]), world, a, "fenghuang")
    assert response.status_code == 200
    error = str(response.context["form"].errors["id_number"])
    assert REFERRED in error
    html = response.content.decode()
    for secret in (
        "未解除",
        "矫正记录",
        a.name,
        "玉兴街道司法所",
        "未成年",
        reverse("supervisees:detail", args=[a.pk]),
    ):
        assert secret not in html, secret
    assert not Supervisee.objects.filter(name="陈新").exists()
    conflict = conflicts().get()
    assert conflict.existing == a
    assert conflict.attempted_by == world.users["other_office_officer"]
    assert conflict.attempted_office == world.units["fenghuang"]
    assert conflict.attempted_name == "陈新"
    assert conflict.attempted_at is not None


def test_a_sealed_minors_record_is_not_revealed_to_another_county(world, login):
    m = world.people["M"]
    response = register(login(world.users["other_county_officer"]), world, m, "xingyun")
    assert response.status_code == 200
    html = response.content.decode()
    assert REFERRED in html
    assert "未成年" not in html and m.name not in html and "玉兴街道司法所" not in html
    assert conflicts().get().existing == m


def test_a_retried_registration_refers_the_conflict_once(world, login):
    client = login(world.users["other_office_officer"])
    register(client, world, world.people["A"], "fenghuang")
    register(client, world, world.people["A"], "fenghuang")
    assert conflicts().count() == 1


def test_an_officer_who_can_see_the_record_is_told_plainly_with_the_link(world, login):
    a = world.people["A"]
    response = register(login(world.users["office_officer"]), world, a, "yuxing")
    assert response.status_code == 200
    error = str(response.context["form"].errors["id_number"])
    assert "已有一条未解除的矫正记录" in error
    assert f'href="{reverse("supervisees:detail", args=[a.pk])}"' in error
    assert not conflicts().exists()


def test_changing_a_records_number_to_one_active_elsewhere_is_referred_too(world, login):
    a, b = world.people["A"], world.people["B"]  # B: 凤凰街道司法所
    client = login(world.users["other_office_officer"])
    response = client.post(reverse("supervisees:edit", args=[b.pk]), edit_data(world, b, id_number=a.id_number))
    assert response.status_code == 200
    html = response.content.decode()
    assert REFERRED in html and a.name not in html and "未解除" not in html
    conflict = conflicts().get()
    assert (conflict.existing, conflict.edited, conflict.attempted_office) == (a, b, world.units["fenghuang"])
    b.refresh_from_db()
    assert b.id_number != a.id_number


def test_the_city_agency_sees_the_conflicts_and_its_views_are_logged(world, login):
    a, m = world.people["A"], world.people["M"]
    register(login(world.users["other_office_officer"]), world, a, "fenghuang")
    register(login(world.users["other_county_officer"]), world, m, "xingyun")
    AccessLog.objects.all().delete()
    page = login(world.users["city_officer"]).get(reverse("supervisees:conflicts"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "other_office_officer用户" in html and "凤凰街道司法所" in html and "陈新" in html
    assert a.name in html and "玉兴街道司法所" in html and a.id_number not in html  # masked in the list
    assert reverse("supervisees:detail", args=[a.pk]) in html
    # A sealed minor's record: the city learns which agency holds it, not whose it is.
    assert m.name not in html and "未成年人档案（已封存）" in html and "红塔区社区矫正管理局" in html
    assert list(AccessLog.objects.values_list("actor", "supervisee", "action")) == [
        (world.users["city_officer"].pk, a.pk, "view")
    ]
    assert "登记冲突核查" in html  # the menu entry


def test_the_city_agency_records_the_result_of_its_check(world, login):
    register(login(world.users["other_office_officer"]), world, world.people["A"], "fenghuang")
    conflict = conflicts().get()
    city = login(world.users["city_officer"])
    resolve = reverse("supervisees:conflict_resolve", args=[conflict.pk])
    empty = city.post(resolve, {"resolution": "  "})
    assert empty.status_code == 400
    assert "请填写核查结果" in empty.content.decode()
    done = city.post(resolve, {"resolution": "证件号码录入错误，已告知凤凰街道司法所更正。"})
    assert done.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "resolved" and conflict.resolved_by == world.users["city_officer"]
    assert conflict.resolution == "证件号码录入错误，已告知凤凰街道司法所更正。"
    again = city.post(resolve, {"resolution": "再次处理"})
    assert again.status_code == 400 and "已核查办结" in again.content.decode()


def test_only_the_city_agency_reaches_the_conflicts(world, login):
    register(login(world.users["other_office_officer"]), world, world.people["A"], "fenghuang")
    conflict = conflicts().get()
    resolve = reverse("supervisees:conflict_resolve", args=[conflict.pk])
    for persona in ("office_officer", "other_office_officer", "county_head", "procurator"):
        client = login(world.users[persona])
        assert client.get(reverse("supervisees:conflicts")).status_code == 403
        assert client.post(resolve, {"resolution": "x"}).status_code == 403
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_the_conflict_list_takes_the_same_queries_however_many_conflicts(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import SuperviseeFactory

    register(login(world.users["other_office_officer"]), world, world.people["A"], "fenghuang")
    city = login(world.users["city_officer"])
    with CaptureQueriesContext(connection) as small:
        city.get(reverse("supervisees:conflicts"))
    for _ in range(5):
        person = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
        register(login(world.users["other_office_officer"]), world, person, "fenghuang")
    register(login(world.users["other_county_officer"]), world, world.people["M"], "xingyun")
    city = login(world.users["city_officer"])
    with CaptureQueriesContext(connection) as big:
        page = city.get(reverse("supervisees:conflicts"))
    assert len(page.context["rows"]) == 7
    assert len(big.captured_queries) == len(small.captured_queries)


def test_the_conflict_is_the_city_agencys_to_do_until_it_is_checked(world, login):
    """A new kind of to-do registered by the register itself: no inbox migration, seen only by the city agency."""
    from sqjz.inbox.models import InboxItem

    home = reverse("workbench:home")
    register(login(world.users["other_office_officer"]), world, world.people["A"], "fenghuang")
    conflict = conflicts().get()
    item = InboxItem.objects.get(kind="registration_conflict", subject_id=conflict.pk, state="open")
    assert item.actor_unit == world.units["city_agency"] and item.rule == "REGISTRATION_CONFLICT_CHECK_DUE"
    city = login(world.users["city_officer"]).get(home)
    assert [i.kind for i, _, _ in city.context["mine_rows"]] == ["registration_conflict"]
    for persona in ("other_office_officer", "office_officer", "county_head", "procurator"):
        context = login(world.users[persona]).get(home, {"kind": "registration_conflict"}).context
        seen = list(context.get("mine_rows", [])) + list(context.get("watched_rows", []))
        assert not seen, persona
    client = login(world.users["city_officer"])
    resolve = reverse("supervisees:conflict_resolve", args=[conflict.pk])
    assert client.post(resolve, {"resolution": "经核实为录入错误，已告知凤凰街道司法所。"}).status_code == 302
    item.refresh_from_db()
    assert item.state == "closed"
