"""Input at the boundaries (issue 10): a NUL character anywhere in a request, a page number or offset beyond what the
database can hold, an oversized body — each answered with a Chinese refusal (400 or 413, JSON for /api/), never a
500. PostgreSQL refuses NUL in text and integers beyond bigint, so these tests matter most there."""

import json

import pytest
from django.urls import reverse

from tests.test_access_matrix import EXPECTED, _url
from tests.world import add_records

HOSTILE_QUERY = "q=%00&page=%00&offset=99999999999999999999"
HUGE_NUMBERS = "page=99999999999999999999&offset=99999999999999999999&limit=99999999999999999999"


def test_nul_in_a_search_is_refused_with_a_chinese_page(world, login):
    client = login(world.users["office_officer"])
    response = client.get(reverse("supervisees:list") + "?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "不可见的控制字符" in response.content.decode()


def test_nul_in_an_api_query_is_refused_with_json(world, login):
    client = login(world.users["office_officer"])
    response = client.get(reverse("api:list_supervisees") + "?q=ab%00c")
    assert response.status_code == 400
    assert "不可见的控制字符" in response.json()["detail"]


def test_nul_in_a_form_field_is_refused(world, login):
    client = login(world.users["office_officer"])
    response = client.post(reverse("supervisees:create"), {"name": "张\x00三"})
    assert response.status_code == 400
    assert "不可见的控制字符" in response.content.decode()


def test_nul_in_a_json_body_is_refused(world, login):
    client = login(world.users["supervisee"])
    body = json.dumps({"latitude": "24.35\u0000"})
    response = client.post(reverse("api:checkin_create"), body, content_type="application/json")
    assert response.status_code == 400
    assert "不可见的控制字符" in response.json()["detail"]


def test_a_json_body_that_only_mentions_a_backslash_is_not_refused(world, login):
    client = login(world.users["supervisee"])
    body = json.dumps({"note": "C:\\u0000"})  # an escaped backslash, then the letters u0000: no NUL
    response = client.post(reverse("api:checkin_create"), body, content_type="application/json")
    assert response.status_code != 400 or "不可见的控制字符" not in response.content.decode()


@pytest.mark.parametrize("offset", ["99999999999999999999", "-1"])
def test_api_paging_beyond_its_bounds_is_a_validation_error_not_a_500(world, login, offset):
    client = login(world.users["office_officer"])
    response = client.get(reverse("api:list_supervisees") + f"?offset={offset}")
    assert response.status_code == 422
    assert "offset" in response.content.decode()


def test_api_limit_beyond_its_bound_is_refused(world, login):
    client = login(world.users["office_officer"])
    assert client.get(reverse("api:list_supervisees") + "?limit=1000").status_code == 422
    assert client.get(reverse("api:list_supervisees") + "?limit=100").status_code == 200


@pytest.mark.parametrize("persona", ["office_officer", "county_head", "city_officer"])
def test_every_page_survives_hostile_query_parameters(world, client, persona):
    """The crawl of the issue: every GET URL of the access matrix with a NUL search, a NUL page and an offset
    beyond bigint answers below 500 for staff."""
    add_records(world)
    client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    failures = []
    for name, (kwargs, _expect) in EXPECTED.items():
        url = _url(world, name, kwargs)
        for query in (HOSTILE_QUERY, HUGE_NUMBERS):
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"{name} {url}?{query}: {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        "/supervisees/99999999999999999999/",
        "/api/supervisees/99999999999999999999",
        "/supervisees/?office=99999999999999999999&county=99999999999999999999",
        "/supervisees/?office=%C2%B2",  # "²": a digit to str.isdigit(), not to int()
    ],
)
def test_ids_beyond_bigint_are_not_found_not_a_500(world, login, url):
    client = login(world.users["city_officer"])
    assert client.get(url).status_code in (200, 404, 422)
