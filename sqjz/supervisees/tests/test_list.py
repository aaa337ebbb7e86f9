"""The register list: search, filters, sorting, paging, masking, and a constant number of queries."""

import pytest
from django.db import connection
from django.urls import reverse

from sqjz.core.pagination import CappedPaginator
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.selectors import RegisterFilter, search_q, supervisee_list, supervisee_status_counts
from tests.factories import SuperviseeFactory

LIST = reverse("supervisees:list")


def names(response) -> list[str]:
    return [s.name for s in response.context["page"].object_list]


def test_office_officer_sees_own_office_only(world, login):
    response = login(world.users["office_officer"]).get(LIST)
    assert response.status_code == 200
    assert set(names(response)) == {"张三", "李小明", "孙七"}
    assert "王五" not in response.content.decode()


def test_identity_and_phone_numbers_are_masked_in_the_list(world, login):
    a = world.people["A"]
    html = login(world.users["office_officer"]).get(LIST).content.decode()
    assert a.id_number not in html
    assert a.phone not in html
    assert f"{a.id_number[:6]}********{a.id_number[-4:]}" in html
    assert f"{a.phone[:3]}****{a.phone[-4:]}" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张三", {"张三"}),
        ("李小", {"李小明"}),
        ("小明", set()),  # a name is found from its start (an index lookup over millions), not from its middle
        ("zs", {"张三"}),
        ("LXM", {"李小明"}),
        ("l", {"李小明"}),
    ],
)
def test_search_by_name_or_pinyin_initials(world, login, query, expected):
    response = login(world.users["office_officer"]).get(LIST, {"q": query})
    assert set(names(response)) == expected


def test_search_by_exact_identity_number_uses_the_blind_index(world, login):
    a = world.people["A"]
    client = login(world.users["county_officer"])
    assert names(client.get(LIST, {"q": a.id_number})) == ["张三"]
    assert names(client.get(LIST, {"q": a.id_number.lower()})) == ["张三"]
    wrong = a.id_number[:-1] + ("1" if a.id_number[-1] != "1" else "2")
    assert names(client.get(LIST, {"q": wrong})) == []  # a wrong check character: no match
    assert names(client.get(LIST, {"q": a.id_number[:-1]})) == []  # partial: no match


def test_search_by_phone_number(world, login):
    b = world.people["B"]
    assert names(login(world.users["county_officer"]).get(LIST, {"q": b.phone})) == ["王五"]


def test_search_never_reaches_outside_jurisdiction(world, login):
    c = world.people["C"]  # 江川区
    response = login(world.users["county_officer"]).get(LIST, {"q": c.id_number})
    assert names(response) == []
    assert "没有符合条件的矫正对象" in response.content.decode()


def test_filters_by_office_status_type_and_flag(world, login):
    client = login(world.users["county_officer"])
    assert set(names(client.get(LIST, {"office": world.units["fenghuang"].pk}))) == {"王五"}
    assert set(names(client.get(LIST, {"status": Status.DISCHARGED}))) == {"孙七"}
    assert set(names(client.get(LIST, {"flag": "minor"}))) == {"李小明"}
    assert names(client.get(LIST, {"type": "parole"})) == []


def test_city_filters_by_county_then_by_the_countys_offices(world, login):
    client = login(world.users["city_officer"])
    first = client.get(LIST)
    assert first.context["offices"] == [] and 'id="id_office"' not in first.content.decode()
    response = client.get(LIST, {"county": world.jiangchuan.pk})
    assert set(names(response)) == {"赵六"}
    assert "江川区" in response.content.decode()
    assert [o.name for o in response.context["offices"]] == ["星云街道司法所"]
    hongta = {"county": world.yuxing.county_id}
    assert set(names(client.get(LIST, hongta | {"office": world.units["fenghuang"].pk}))) == {"王五"}
    # The county changed as the officer types (htmx): the results come with that county's offices, and an office
    # of the county no longer picked is dropped rather than emptying the list.
    typed = client.get(LIST, {"county": world.jiangchuan.pk, "office": world.yuxing.pk}, HTTP_HX_REQUEST="true")
    html = typed.content.decode()
    assert set(names(typed)) == {"赵六"}
    assert (
        'id="office-filter" hx-swap-oob="true"' in html
        and "星云街道司法所" in html
        and "玉兴街道司法所</option>" not in html
    )


def test_unknown_filter_values_are_ignored_not_errors(world, login):
    response = login(world.users["office_officer"]).get(LIST, {"status": "bogus", "sort": "evil", "page": "x"})
    assert response.status_code == 200
    assert len(names(response)) == 3


def test_sort_by_term_end_both_ways(world, login):
    client = login(world.users["office_officer"])
    ascending = names(client.get(LIST, {"sort": "term_end"}))
    assert ascending[0] == "孙七"
    assert names(client.get(LIST, {"sort": "-term_end"}))[-1] == "孙七"


def test_paging_keeps_the_filters(world, login):
    for i in range(25):
        SuperviseeFactory(
            name=f"测试{i:02d}", judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"]
        )
    client = login(world.users["office_officer"])
    first = client.get(LIST, {"q": "测试"})
    assert first.context["page"].paginator.count == 25
    assert len(names(first)) == 20
    html = first.content.decode()
    assert "q=%E6%B5%8B%E8%AF%95&amp;page=2" in html
    second = client.get(LIST, {"q": "测试", "page": 2})
    assert len(names(second)) == 5
    assert len(names(client.get(LIST, {"q": "测试", "per_page": 50}))) == 25


def test_empty_register_says_why_and_what_to_do(world, login):
    response = login(world.users["office_officer"]).get(LIST, {"q": "查无此人"})
    html = response.content.decode()
    assert "没有符合条件的矫正对象" in html
    assert "清除条件" in html


def test_htmx_request_renders_only_the_results(world, login):
    response = login(world.users["office_officer"]).get(LIST, {"q": "张"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "张三" in html
    assert "<html" not in html


@pytest.mark.parametrize("persona", ["office_officer", "county_officer", "city_officer", "social_worker"])
def test_list_query_count_is_constant_whatever_the_page_size(world, login, django_assert_num_queries, persona):
    for i in range(40):
        SuperviseeFactory(
            judicial_office=world.units["yuxing" if i % 2 else "fenghuang"],
            deciding_authority=world.units["hongta_court"],
        )
    client = login(world.users[persona])
    client.get(LIST)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(LIST, {"per_page": 20})
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(LIST, {"per_page": 100})


def test_a_list_longer_than_the_count_cap_says_more_and_pages_up_to_the_cap(world, login, monkeypatch):
    """A city of millions is not counted on every page: past the cap the list says "more than" and its pages stop
    at the cap, each page still the exact rows at its place in the order."""
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    for _ in range(8):
        SuperviseeFactory(judicial_office=world.units["yuxing"], deciding_authority=world.units["hongta_court"])
    client = login(world.users["city_officer"])
    everyone = [s.name for s in supervisee_list(world.users["city_officer"], RegisterFilter(sort="name"))]
    assert len(everyone) > 5
    first = client.get(LIST, {"sort": "name", "per_page": 20})
    assert first.context["page"].paginator.capped
    assert "超过 5 人" in first.content.decode()
    assert names(first) == everyone[:5]


def test_a_list_within_the_cap_is_counted_exactly(world, login):
    response = login(world.users["office_officer"]).get(LIST)
    assert not response.context["page"].paginator.capped
    assert "共 3 人" in response.content.decode()


def test_status_counts_stop_one_past_the_cap(world):
    city = world.users["city_officer"]
    exact = supervisee_status_counts(city)
    assert exact[Status.UNDER_CORRECTION] >= 3
    capped = supervisee_status_counts(city, cap=2)
    assert capped[Status.UNDER_CORRECTION] == 3  # "more than 2"
    assert capped[Status.DISCHARGED] == min(exact[Status.DISCHARGED], 3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", {"张三", "张三丰", "张\U0010fffe"}),
        ("张三", {"张三", "张三丰"}),
        ("张三丰", {"张三丰"}),
        ("Ab·", {"Ab·e"}),  # case as given, on SQLite as on PostgreSQL
        ("ab·", set()),
    ],
)
def test_name_prefix_matches_exactly_the_names_that_start_with_it(world, query, expected):
    made = [
        SuperviseeFactory(name=name, judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"]).pk
        for name in ("张三", "张三丰", "张\U0010fffe", "弓长", "Ab·e", "王张三")
    ]
    found = Supervisee.objects.filter(search_q(query), pk__in=made).values_list("name", flat=True)
    assert set(found) == expected


def test_name_and_initials_searches_read_an_index(world):
    """Over millions of records a search must be an index lookup: on SQLite a range of the field's index (its
    LIKE … ESCAPE is never served by one), on PostgreSQL LIKE 'x%' over a varchar_pattern_ops index (which its
    planner takes only on a large table, so only the form of the query is checked there)."""
    for query in ("张", "zs"):
        sql, params = Supervisee.objects.filter(search_q(query)).values("pk").query.sql_with_params()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
            assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
        else:
            assert "LIKE" in sql
