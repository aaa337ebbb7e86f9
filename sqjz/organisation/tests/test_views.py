"""The 本单位 page: where the user's unit sits and which villages it covers."""

import re

from django.urls import reverse


def test_office_officer_sees_the_chain_from_the_city_agency_to_the_office(world, login):
    response = login(world.users["office_officer"]).get(reverse("organisation:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    chain = re.search(r'data-testid="unit-chain">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li[^>]*>(.*?)</li>", chain) == [
        "玉溪市社区矫正管理局",
        "红塔区社区矫正管理局",
        "玉兴街道司法所",
    ]


def test_office_officer_sees_the_villages_of_the_township(world, login):
    html = login(world.users["office_officer"]).get(reverse("organisation:mine")).content.decode()
    villages = html[html.index("辖区村（社区）（1）") :]
    assert "荷花社区居民委员会" in villages
    assert "凤凰社区居民委员会" not in html  # the neighbouring township's village


def test_county_officer_sees_the_offices_under_the_agency(world, login):
    html = login(world.users["county_officer"]).get(reverse("organisation:mine")).content.decode()
    assert "下属单位（2）" in html
    assert "玉兴街道司法所" in html and "凤凰街道司法所" in html
    assert "星云街道司法所" not in html


def test_staff_account_without_a_unit_is_told_so(world, login):
    from sqjz.accounts.models import Role
    from tests.factories import UserFactory

    user = UserFactory(role=Role.PROCURATOR, unit=None)
    response = login(user).get(reverse("organisation:mine"))
    assert response.status_code == 200
    assert "您的账户未归属任何单位" in response.content.decode()


def test_supervisee_account_has_no_organisation_page(world, login):
    assert login(world.users["supervisee"]).get(reverse("organisation:mine")).status_code == 403
