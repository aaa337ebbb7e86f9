"""Staffing (队伍配备): each office's people under correction weighted by level against its social workers
(STAFFING_WORKLOAD), summed by county for the city; each office's villages with their specialists
(VILLAGE_SPECIALIST_NEEDED) and evaluators (EVALUATORS_PER_VILLAGE); the county agency registers and ends
specialists. Counts only, minors never named, and a fixed number of queries however many offices or villages."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.accounts.models import Role, User
from sqjz.intake.models import LevelDecision
from sqjz.organisation.models import Division
from sqjz.staffing import services
from sqjz.staffing.models import VillageSpecialist
from sqjz.staffing.services import StaffingError
from tests.factories import SuperviseeFactory, UnitFactory, UserFactory

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def level(person, value, since=date(2026, 1, 1)):
    LevelDecision.objects.create(
        supervisee=person,
        level=value,
        effective_from=since,
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=User.objects.get(username="office_officer"),
    )


def people(w, n, office="yuxing", village=None, value="ordinary"):
    made = [
        SuperviseeFactory(judicial_office=w.units[office], deciding_authority=w.units["hongta_court"], village=village)
        for _ in range(n)
    ]
    for p in made:
        if value:
            level(p, value)
    return made


def staffed(w):
    """玉兴: A strict (2), M no level yet (1), 30 ordinary (30): workload 33, two social workers needed, one on hand.
    凤凰: B with no level (1): one needed, none on hand. A level decided for next month does not count yet."""
    level(w.people["A"], "strict")
    level(w.people["M"], "lenient", since=TODAY + timedelta(days=20))
    people(w, 30)


def row_text(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</tr>", start)]


@time_machine.travel(TODAY)
def test_the_county_sees_each_office_s_workload_against_its_social_workers_most_short_first(world, login):
    staffed(world)
    client = login(world.users["county_officer"])
    response = client.get(reverse("staffing:index"))
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert [r.unit.name for r in rows] == ["玉兴街道司法所", "凤凰街道司法所"]  # both one short; the larger first
    yuxing, fenghuang = rows
    assert dict(yuxing.people) == {"strict": 1, "ordinary": 30, "unset": 1}
    assert (yuxing.workload, yuxing.staff, yuxing.social_workers, yuxing.needed, yuxing.short) == (33, 1, 1, 2, 1)
    assert (fenghuang.total, fenghuang.social_workers, fenghuang.needed, fenghuang.short) == (1, 0, 1, 1)
    html = response.content.decode()
    assert "缺1名" in row_text(html, f"unit-{world.yuxing.pk}")
    assert "社工配备与监管工作量相匹配" in html and "玉溪市实施意见四(一)" in html  # the rule's title and article
    assert "加权工作量＝严管×2＋普管×1＋宽管×0.5＋未定等级×1；应配社工＝加权工作量÷30，向上取整" in html
    assert world.people["M"].name not in html and world.people["A"].name not in html  # counts only
    assert "缺2名" in row_text(html, "staffing-total")


@time_machine.travel(TODAY)
def test_the_city_sees_its_counties_and_drills_down_to_a_county_s_offices(world, login):
    staffed(world)
    client = login(world.users["city_officer"])
    rows = client.get(reverse("staffing:index")).context["page"].object_list
    assert [(r.unit.name, r.total, r.needed, r.short) for r in rows] == [
        ("红塔区社区矫正管理局", 33, 3, 2),
        ("江川区社区矫正管理局", 1, 1, 1),
    ]
    page = client.get(reverse("staffing:index"), {"county": world.hongta.pk})
    assert [r.unit.name for r in page.context["page"].object_list] == ["玉兴街道司法所", "凤凰街道司法所"]
    assert "红塔区" in page.content.decode()
    searched = client.get(reverse("staffing:index"), {"county": world.hongta.pk, "q": "凤凰"})
    assert [r.unit.name for r in searched.context["page"].object_list] == ["凤凰街道司法所"]


@time_machine.travel(TODAY)
def test_an_office_sees_its_own_row_and_no_one_else_s(world, login):
    staffed(world)
    rows = login(world.users["other_office_officer"]).get(reverse("staffing:index")).context["page"].object_list
    assert [r.unit.name for r in rows] == ["凤凰街道司法所"]
    response = login(world.users["office_officer"]).get(
        reverse("staffing:villages", args=[world.units["fenghuang"].pk])
    )
    assert response.status_code == 404


def register(client, w, **changes):
    data = {
        "village": w.hehua.pk,
        "name": "王秀兰",
        "phone": "13987712345",
        "kind": "part_time",
        "since": "2026-11-01",
        "note": "居委会副主任兼任",
    } | changes
    return client.post(reverse("staffing:register", args=[w.yuxing.pk]), data)


@time_machine.travel(TODAY)
def test_a_village_with_many_people_is_flagged_until_the_county_registers_a_specialist(world, login):
    people(world, 4, village=world.hehua)  # with A and M: six in 荷花
    client = login(world.users["county_officer"])
    url = reverse("staffing:villages", args=[world.yuxing.pk])
    html = client.get(url).content.decode()
    hehua = row_text(html, f"village-{world.hehua.pk}")
    assert "应设专干，尚未设置" in hehua and "1/3" in hehua and "缺2名" in hehua  # the world's one evaluator
    assert "矫正对象较多的村（社区）设置兼职社区矫正工作专干" in html and "玉溪市实施意见四(二)" in html
    response = register(client, world)
    assert response.status_code == 302
    specialist = VillageSpecialist.objects.get()
    assert (specialist.village, specialist.registered_by, specialist.phone) == (
        world.hehua,
        world.users["county_officer"],
        "13987712345",
    )
    hehua = row_text(client.get(url).content.decode(), f"village-{world.hehua.pk}")
    assert "王秀兰（兼职专干，139****2345，2026年11月1日起）" in hehua and "已设置" in hehua
    response = client.post(reverse("staffing:end", args=[world.yuxing.pk, specialist.pk]), {"until": "2026-11-25"})
    assert response.status_code == 302
    specialist.refresh_from_db()
    assert (specialist.until, specialist.ended_by) == (TODAY, world.users["county_officer"])
    assert "应设专干，尚未设置" in row_text(client.get(url).content.decode(), f"village-{world.hehua.pk}")


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"since": "2026-12-01"}, "since", "任职日期不能晚于今天。"),
        ({"since": "2026-13-01"}, "since", "请按 2026-11-28 的格式填写日期。"),
        ({"name": ""}, "name", "请填写专干姓名。"),
        ({"name": "？？"}, "name", "姓名应包含文字"),
        ({"phone": "1398771234"}, "phone", "手机号码应为11位数字"),
        ({"kind": "boss"}, "kind", "请选择类别。"),
        ({"village": "JIANGCHUAN"}, "village", "请选择本司法所辖区的村（社区）。"),
    ],
)
def test_a_registration_that_cannot_be_right_is_refused_on_its_field(world, login, changes, field, message):
    if changes.get("village") == "JIANGCHUAN":
        changes["village"] = Division.objects.create(
            code="530403001009", name="上营社区", level=Division.Level.VILLAGE, parent=world.units["xingyun"].division
        ).pk
    response = register(login(world.users["county_head"]), world, **changes)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not VillageSpecialist.objects.exists()


@time_machine.travel(TODAY)
def test_the_services_refuse_another_county_s_village_a_second_registration_and_a_bad_end(world):
    county = world.users["county_officer"]
    xingyun_village = Division.objects.create(
        code="530403001009", name="上营社区", level=Division.Level.VILLAGE, parent=world.units["xingyun"].division
    )

    def make(village, name="王秀兰"):
        return services.specialist_register(
            actor=county, specialist=VillageSpecialist(village=village, name=name, since=date(2026, 11, 1))
        )

    with pytest.raises(StaffingError) as refused:
        make(xingyun_village)
    assert refused.value.field == "village"
    made = make(world.hehua)
    with pytest.raises(StaffingError, match="已登记在任专干王秀兰"):
        make(world.hehua)
    with pytest.raises(StaffingError, match="离任日期不能早于任职日期（2026年11月1日）"):
        services.specialist_end(actor=county, specialist=made, until=date(2026, 10, 31))
    with pytest.raises(StaffingError, match="离任日期不能晚于今天"):
        services.specialist_end(actor=county, specialist=made, until=TODAY + timedelta(days=1))
    services.specialist_end(actor=county, specialist=made, until=TODAY)
    with pytest.raises(StaffingError, match="已于2026年11月25日离任"):
        services.specialist_end(actor=county, specialist=made, until=TODAY)
    with pytest.raises(StaffingError, match="只有县级社区矫正机构"):
        services.specialist_register(
            actor=world.users["office_officer"],
            specialist=VillageSpecialist(village=world.hehua, name="李四", since=TODAY),
        )
    make(world.hehua)  # after the end, the post may be filled again


@time_machine.travel(TODAY)
def test_only_the_county_agency_is_offered_the_forms(world, login):
    specialist = services.specialist_register(
        actor=world.users["county_officer"],
        specialist=VillageSpecialist(village=world.hehua, name="王秀兰", since=TODAY),
    )
    url = reverse("staffing:villages", args=[world.yuxing.pk])
    for persona, offered in (("county_head", True), ("office_officer", False), ("city_officer", False)):
        html = login(world.users[persona]).get(url).content.decode()
        assert ('data-testid="specialist-form"' in html) is offered, persona
        assert (reverse("staffing:end", args=[world.yuxing.pk, specialist.pk]) in html) is offered, persona
        assert "王秀兰" in html


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@time_machine.travel(TODAY)
def test_the_pages_query_the_same_for_two_offices_or_many_and_few_villages_or_many(world, login):
    county = login(world.users["county_officer"])
    index, villages = reverse("staffing:index"), reverse("staffing:villages", args=[world.yuxing.pk])
    few = (_queries(county, index), _queries(county, villages))
    for i in range(5):
        township = Division.objects.create(
            code=f"53040201{i}", name=f"乡{i}", level=Division.Level.TOWNSHIP, parent=world.hongta
        )
        office = UnitFactory(
            name=f"乡{i}司法所",
            kind="judicial_office",
            division=township,
            county=world.hongta,
            parent=world.units["hongta_agency"],
        )
        UserFactory(username=f"sw{i}", role=Role.SOCIAL_WORKER, unit=office)
        people(
            world,
            2,
            office="yuxing",
            village=Division.objects.create(
                code=f"5304020019{i:02d}", name=f"村{i}", level=Division.Level.VILLAGE, parent=world.yuxing_township
            ),
        )
        SuperviseeFactory(judicial_office=office, deciding_authority=world.units["hongta_court"])
    services.specialist_register(
        actor=world.users["county_officer"],
        specialist=VillageSpecialist(village=world.hehua, name="王秀兰", since=TODAY),
    )
    many = (_queries(county, index), _queries(county, villages))
    assert many == few
    assert len(county.get(index).context["page"].object_list) == 7
