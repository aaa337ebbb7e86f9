"""Registering and editing a supervisee: what officers type is checked, explained in Chinese, and
never lost; concurrent edits are detected; every change is in the record's history."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sqjz.audit.models import AccessLog
from sqjz.supervisees.models import FamilyContact, Status, Supervisee
from tests.factories import resident_id

CREATE = reverse("supervisees:create")


def form_data(world, **overrides) -> dict:
    today = timezone.localdate()
    birth = today.replace(year=today.year - 30) - timedelta(days=10)
    data = {
        "status": Status.PENDING_REPORT,
        "name": "陈新",
        "former_names": "",
        "gender": "male",
        "ethnicity": "07",
        "nationality": "中国",
        "id_type": "resident",
        "id_number": resident_id("530402", birth, 77),
        "birth_date": "",
        "phone": "13812345678",
        "household_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "village": world.hehua.pk,
        "education": "senior",
        "occupation": "个体经营",
        "employer_or_school": "",
        "correction_type": "probation",
        "crime": "危险驾驶罪",
        "crime_article": "刑法第一百三十三条之一",
        "offence_date": (today - timedelta(days=200)).isoformat(),
        "original_sentence": "拘役三个月，缓刑六个月",
        "judgment_effective_date": (today - timedelta(days=3)).isoformat(),
        "term_start": (today - timedelta(days=3)).isoformat(),
        "term_end": (today + timedelta(days=180)).isoformat(),
        "deciding_authority": world.units["hongta_court"].pk,
        "judicial_office": world.yuxing.pk,
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "20",
        "contacts-0-relation": "母亲",
        "contacts-0-name": "陈秀英",
        "contacts-0-phone": "13900001111",
        "contacts-0-address": "同上",
        "orders-TOTAL_FORMS": "1",
        "orders-INITIAL_FORMS": "0",
        "orders-MIN_NUM_FORMS": "0",
        "orders-MAX_NUM_FORMS": "10",
    }
    data.update(overrides)
    return data


def test_office_officer_registers_a_supervisee(world, login):
    client = login(world.users["office_officer"])
    data = form_data(world)
    response = client.post(CREATE, data)
    s = Supervisee.objects.get(name="陈新")
    assert response.status_code == 302
    assert response.url == reverse("supervisees:detail", args=[s.pk])
    assert s.status == Status.PENDING_REPORT
    assert s.name_initials == "cx"
    assert s.county_id == world.yuxing.county_id
    assert (
        s.birth_date.isoformat() == f"{data['id_number'][6:10]}-{data['id_number'][10:12]}-{data['id_number'][12:14]}"
    )
    assert not s.is_minor
    assert list(s.family_contacts.values_list("name", "relation")) == [("陈秀英", "母亲")]
    page = client.get(response.url).content.decode()
    assert "已登记矫正对象 陈新" in page
    assert "登记矫正对象" in page  # first history entry
    assert 'name="sqjz-clear-draft" content="supervisee-new"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "53040219900101123", "身份证号应为18位"),
        ("id_number", "530402199001011230", "校验位不正确"),
        ("id_number", "530402199002301234", "出生日期"),
        ("phone", "1381234567", "手机号码应为11位数字"),
        ("phone", "0877-12", "电话号码格式不正确"),
        ("gender", "female", "性别与身份证号不一致"),
        ("name", "", "这个字段是必填项"),
        ("ethnicity", "", "请选择民族"),
    ],
)
def test_bad_input_gets_a_chinese_message_on_the_field_and_keeps_what_was_typed(world, login, field, value, message):
    client = login(world.users["office_officer"])
    response = client.post(CREATE, form_data(world, **{field: value}))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    html = response.content.decode()
    assert "提交未成功" in html
    assert "云南省玉溪市红塔区玉兴街道荷花社区5号" in html  # everything else typed is still there
    assert "陈秀英" in html
    assert not Supervisee.objects.filter(residence_address__contains="荷花社区5号").exists()


def test_term_end_before_start_is_refused(world, login):
    today = timezone.localdate()
    response = login(world.users["office_officer"]).post(
        CREATE, form_data(world, term_end=(today - timedelta(days=30)).isoformat())
    )
    assert "矫正终止日应晚于矫正起始日" in str(response.context["form"].errors["term_end"])


def test_birth_date_that_contradicts_the_identity_number_is_refused(world, login):
    response = login(world.users["office_officer"]).post(CREATE, form_data(world, birth_date="1970-01-01"))
    assert "出生日期与身份证号不一致" in str(response.context["form"].errors["birth_date"])


def test_foreigner_with_a_passport_needs_a_birth_date(world, login):
    client = login(world.users["office_officer"])
    data = form_data(
        world, is_foreign="on", id_type="passport", id_number="E12345678", ethnicity="", nationality="缅甸"
    )
    response = client.post(CREATE, data)
    assert "请填写出生日期" in str(response.context["form"].errors["birth_date"])
    response = client.post(CREATE, {**data, "birth_date": "1988-02-03"})
    assert response.status_code == 302
    assert Supervisee.objects.get(name="陈新").is_foreign


def test_foreigner_cannot_hold_a_resident_identity_card(world, login):
    response = login(world.users["office_officer"]).post(CREATE, form_data(world, is_foreign="on"))
    assert "外籍人员没有居民身份证" in str(response.context["form"].errors["id_type"])


def test_a_person_with_an_active_record_cannot_be_registered_twice(world, login):
    a = world.people["A"]
    response = login(world.users["county_officer"]).post(
        CREATE,
        form_data(world, id_number=a.id_number, gender="male", judicial_office=world.units["fenghuang"].pk),
    )
    assert response.status_code == 200
    assert "已有一条未解除的矫正记录" in str(response.context["form"].errors["id_number"])


def test_a_discharged_person_may_be_registered_again(world, login):
    d = world.people["D"]
    response = login(world.users["office_officer"]).post(CREATE, form_data(world, id_number=d.id_number))
    assert response.status_code == 302


def test_office_officer_cannot_register_into_another_office(world, login):
    response = login(world.users["office_officer"]).post(
        CREATE, form_data(world, judicial_office=world.units["fenghuang"].pk)
    )
    assert "judicial_office" in response.context["form"].errors
    assert not Supervisee.objects.filter(name="陈新").exists()


def test_a_minor_is_flagged_and_sealed_from_the_city(world, login):
    today = timezone.localdate()
    birth = today.replace(year=today.year - 16)
    client = login(world.users["office_officer"])
    client.post(CREATE, form_data(world, id_number=resident_id("530402", birth, 5), education="junior"))
    minor = Supervisee.objects.get(name="陈新")
    assert minor.is_minor
    city = login(world.users["city_officer"])
    assert city.get(reverse("supervisees:detail", args=[minor.pk])).status_code == 404


@time_machine.travel(date(2026, 11, 27))
def test_an_offence_on_the_eighteenth_birthday_is_a_minors_and_the_record_is_sealed(world, login):
    """周岁 counts from the day after the birthday (法释〔2006〕1号第二条)."""
    birth = date(2008, 5, 11)
    data = form_data(world, id_number=resident_id("530402", birth, 6), offence_date="2026-05-11")
    assert login(world.users["office_officer"]).post(CREATE, data).status_code == 302
    s = Supervisee.objects.get(name="陈新")
    assert s.is_minor
    assert login(world.users["city_officer"]).get(reverse("supervisees:detail", args=[s.pk])).status_code == 404


def test_prohibition_order_end_before_start_is_refused(world, login):
    data = form_data(
        world,
        **{
            "orders-0-kind": "place",
            "orders-0-content": "禁止进入酒吧",
            "orders-0-start_date": "2026-05-01",
            "orders-0-end_date": "2026-04-01",
        },
    )
    response = login(world.users["office_officer"]).post(CREATE, data)
    assert "禁止令截止日期不能早于起始日期" in str(response.context["orders"].forms[0].errors["end_date"])


def edit_data(world, supervisee: Supervisee, **overrides) -> dict:
    data = form_data(world)
    data.pop("status")
    for field in data:
        if hasattr(supervisee, field) and not field.startswith(("contacts", "orders")):
            value = getattr(supervisee, field)
            data[field] = value.isoformat() if hasattr(value, "isoformat") else getattr(value, "pk", value)
    data["judicial_office"] = supervisee.judicial_office_id
    data["deciding_authority"] = supervisee.deciding_authority_id
    data["village"] = supervisee.village_id or ""
    data["birth_date"] = supervisee.birth_date.isoformat()
    data["version"] = supervisee.version
    data.update({"contacts-TOTAL_FORMS": "0", "orders-TOTAL_FORMS": "0"})
    data.update(overrides)
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_edit_records_who_changed_what_from_what_to_what(world, login):
    a = world.people["A"]
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("supervisees:edit", args=[a.pk]), edit_data(world, a, occupation="厨师", phone="13700001234")
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.occupation, a.phone, a.version) == ("厨师", "13700001234", 2)
    history = client.get(reverse("supervisees:detail", args=[a.pk])).context["history"]
    latest = history[0]
    assert latest.who == "office_officer用户"
    assert latest.what == "修改基本信息"
    changes = {c.label: (c.old, c.new) for c in latest.changes}
    assert changes["职业"] == ("（空）", "厨师")
    assert changes["联系电话"][1] == "137****1234"  # numbers are masked even in the history


def test_concurrent_edit_is_detected_and_nothing_typed_is_lost(world, login):
    a = world.people["A"]
    first = edit_data(world, a, occupation="厨师")
    second = edit_data(world, a, occupation="司机")
    login(world.users["county_officer"]).post(reverse("supervisees:edit", args=[a.pk]), first)
    response = login(world.users["office_officer"]).post(reverse("supervisees:edit", args=[a.pk]), second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "该记录已被county_officer用户于" in html
    assert 'value="司机"' in html
    a.refresh_from_db()
    assert a.occupation == "厨师"


def test_discharged_record_cannot_be_edited(world, login):
    d = world.people["D"]
    client = login(world.users["office_officer"])
    assert client.get(reverse("supervisees:edit", args=[d.pk])).status_code == 404
    page = client.get(reverse("supervisees:detail", args=[d.pk])).content.decode()
    assert "已解除或终止矫正的记录只读" in page


def test_family_contact_added_and_removed_through_the_edit_form(world, login):
    a = world.people["A"]
    client = login(world.users["office_officer"])
    data = edit_data(
        world,
        a,
        **{
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-relation": "配偶",
            "contacts-0-name": "刘芳",
            "contacts-0-phone": "",
        },
    )
    client.post(reverse("supervisees:edit", args=[a.pk]), data)
    contact = FamilyContact.objects.get(supervisee=a)
    a.refresh_from_db()
    data = edit_data(
        world,
        a,
        **{
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": contact.pk,
            "contacts-0-relation": "配偶",
            "contacts-0-name": "刘芳",
            "contacts-0-DELETE": "on",
        },
    )
    client.post(reverse("supervisees:edit", args=[a.pk]), data)
    assert not FamilyContact.objects.filter(supervisee=a).exists()
    whats = [e.what for e in client.get(reverse("supervisees:detail", args=[a.pk])).context["history"]]
    assert "新增家庭成员：配偶 刘芳" in whats
    assert "删除家庭成员：配偶 刘芳" in whats


def test_detail_page_shows_the_record_and_logs_the_view(world, login):
    a = world.people["A"]
    response = login(world.users["office_officer"]).get(reverse("supervisees:detail", args=[a.pk]))
    html = response.content.decode()
    assert a.id_number in html  # full number for the handling office
    assert "张三" in html and "盗窃罪" in html and "红塔区人民法院" in html
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.supervisee_id, entry.action) == (world.users["office_officer"], a.pk, "view")


def test_helpers_see_masked_numbers_on_the_record(world, login):
    a = world.people["A"]
    html = login(world.users["social_worker"]).get(reverse("supervisees:detail", args=[a.pk])).content.decode()
    assert a.id_number not in html
    assert a.phone not in html
    assert "修改信息" not in html  # no button for work they cannot do
