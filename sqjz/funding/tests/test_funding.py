"""Funding (FUND-1): person-days under correction per county against a hand count, the subsidy by the rule on the
page, the earmarked-funds ledger (validation, reversal, balances), who may use the pages, and a query budget that
does not grow with the people."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.discharge.models import Discharge, Termination
from sqjz.funding import selectors, services
from sqjz.funding.models import LedgerEntry
from sqjz.funding.services import FundingError
from sqjz.intake.models import Handover
from sqjz.supervisees.models import Status, Supervisee
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 25)
Q3 = (date(2026, 7, 1), date(2026, 9, 30))  # 92 days
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False):
        yield


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def person(w, office="fenghuang", *, start, end, status=Status.UNDER_CORRECTION, reported=None, minor=False):
    s = SuperviseeFactory(
        judicial_office=w.units[office],
        deciding_authority=w.units["hongta_court"],
        term_start=start,
        term_end=end,
        status=status,
    )
    if reported:
        Handover.objects.create(supervisee=s, reported_on=reported)
    if minor:
        Supervisee.objects.filter(pk=s.pk).update(is_minor=True)
    return s


def the_world_people_out_of_the_way(w):
    """The world's own people are moved out of the period, so that the hand count below is the whole count."""
    Supervisee.objects.update(term_start=date(2026, 10, 10), term_end=date(2027, 10, 10), status=Status.PENDING_REPORT)


def test_person_days_against_a_hand_count(world):
    w = world
    the_world_people_out_of_the_way(w)
    hongta, jiangchuan = w.hongta.pk, w.jiangchuan.pk
    # Under correction the whole quarter (started before, ends after): 92.
    person(w, start=date(2026, 1, 1), end=date(2027, 6, 30))
    # Reported in inside the quarter (term began the day before): from 8-11 to 9-30 = 51.
    person(w, start=date(2026, 8, 10), end=date(2027, 8, 9), reported=date(2026, 8, 11))
    # A minor, from 9-21 (no report-in recorded: from the term's start): 10.
    person(w, "yuxing", start=date(2026, 9, 21), end=date(2027, 3, 20), minor=True)
    # Discharged inside the quarter on 7-10 (the day counted): 10.
    done = person(w, start=date(2025, 7, 11), end=date(2026, 7, 10), status=Status.DISCHARGED)
    Discharge.objects.create(
        supervisee=done,
        discharged_on=date(2026, 7, 10),
        resettlement_body="凤凰街道安置帮教工作站",
        handed_over_on=date(2026, 7, 10),
        decided_by=w.users["county_officer"],
    )
    # Terminated on 8-1 (revocation): 7-1 to 7-31 = 31.
    ended = person(w, start=date(2026, 2, 1), end=date(2027, 2, 1), status=Status.TERMINATED)
    Termination.objects.create(
        supervisee=ended,
        cause="probation_revoked",
        terminated_on=date(2026, 8, 1),
        basis="（2026）云0402刑更1号",
        decided_by=w.users["county_officer"],
    )
    # Ended before the quarter, begins after it, still waiting to report in: none.
    person(w, start=date(2025, 1, 1), end=date(2026, 6, 30), status=Status.DISCHARGED)
    person(w, start=date(2026, 10, 1), end=date(2027, 10, 1))
    person(w, start=date(2026, 9, 1), end=date(2027, 9, 1), status=Status.PENDING_REPORT)
    # Another county: term over on 8-31 but not yet discharged, still under correction: the whole quarter, 92.
    person(w, "xingyun", start=date(2025, 9, 1), end=date(2026, 8, 31))

    days = selectors.person_days([hongta, jiangchuan], *Q3, today=TODAY)
    assert days[hongta].person_days == 92 + 51 + 10 + 10 + 31
    assert (days[hongta].people, days[hongta].minors) == (5, 1)
    assert days[jiangchuan].person_days == 92 and days[jiangchuan].people == 1
    # The current quarter counts only to today: 10-1 to 11-25 = 56 days for the person of the whole year.
    q4 = selectors.person_days([jiangchuan], date(2026, 10, 1), date(2026, 12, 31), today=TODAY)
    assert q4[jiangchuan].person_days == 56


def test_the_page_shows_the_subsidy_by_the_rule_never_its_code(world):
    w = world
    the_world_people_out_of_the_way(w)
    person(w, start=date(2025, 1, 1), end=date(2027, 12, 31))  # 红塔区: the whole of 2025
    response = client_for(w.users["city_officer"]).get(reverse("funding:overview"), {"year": 2025})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="person-days-{w.hongta.pk}">365<' in page
    assert f'data-testid="subsidy-{w.hongta.pk}">1000.00<' in page or "1,000.00" in page
    assert "省级财政社区矫正经费补助按监管人数计算" in page and "玉溪市实施意见六(二)" in page
    assert "FUNDING_SUBSIDY" not in page
    assert "自报到之日" in page  # what counts as a day
    # A county officer sees only the county's row.
    own = client_for(w.users["county_officer"]).get(reverse("funding:overview"), {"year": 2025}).content.decode()
    assert f"county-{w.hongta.pk}" in own and f"county-{w.jiangchuan.pk}" not in own


def record(w, actor="county_officer", agency="hongta_agency", **changes):
    data = {
        "day": TODAY,
        "direction": "income",
        "source": "provincial",
        "use": "",
        "amount": "120000.00",
        "voucher": "玉财行〔2026〕12号",
        "description": "2026年省级社区矫正经费补助",
    } | changes
    return services.entry_record(actor=w.users[actor], agency=w.units[agency], **data)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "0"}, "amount", "金额（元）应大于0。"),
        ({"amount": "-5"}, "amount", "金额（元）应大于0。"),
        ({"amount": "1.005"}, "amount", "到分"),
        ({"day": TODAY + timedelta(days=1)}, "day", "日期不能晚于今天。"),
        ({"direction": "expense", "use": ""}, "use", "支出须选择资金用途。"),
        ({"source": "lottery"}, "source", "请选择资金来源。"),
        ({"voucher": " "}, "voucher", "请填写凭证号。"),
    ],
)
def test_a_ledger_entry_is_refused_with_the_field_named(world, changes, field, message):
    with pytest.raises(FundingError) as refused:
        record(world, **changes)
    assert refused.value.field == field and message in refused.value.message
    assert not LedgerEntry.objects.exists()


def test_the_form_refuses_in_chinese_beside_the_field(world):
    w = world
    url = reverse("funding:entry_new", args=[w.units["hongta_agency"].pk])
    response = client_for(w.users["county_officer"]).post(
        url,
        {
            "day": "2099-01-01",
            "direction": "income",
            "source": "provincial",
            "amount": "0",
            "voucher": "",
            "description": "x",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "金额（元）应大于0。" in page and "请填写凭证号。" in page
    assert not LedgerEntry.objects.exists()


def test_a_correction_is_a_reversing_entry_and_balances_net_it(world):
    w = world
    income = record(w)
    wages = record(w, direction="expense", source="provincial", use="wages", amount="30000", voucher="记-031")
    wrong = record(w, direction="expense", source="county", use="it", amount="5000", voucher="记-032")
    reversal = services.entry_reverse(
        actor=w.users["county_head"], entry=wrong, day=TODAY, voucher="记-033", reason="误记，应为办公经费"
    )
    assert reversal.reverses == wrong and reversal.signed_amount == Decimal("5000")
    assert LedgerEntry.objects.get(pk=wrong.pk).amount == Decimal("5000")  # the entry itself is never changed
    with pytest.raises(FundingError):
        services.entry_reverse(actor=w.users["county_head"], entry=wrong, day=TODAY, voucher="记-034", reason="再次")
    with pytest.raises(FundingError):
        services.entry_reverse(actor=w.users["county_head"], entry=reversal, day=TODAY, voucher="记-035", reason="再")
    balances = selectors.balances(w.units["hongta_agency"])
    assert dict(balances["source"])["省级补助"] == Decimal("90000.00")
    assert dict(balances["source"])["县级财政"] == Decimal("0")
    assert dict(balances["use"])["社会工作者薪酬及五险"] == Decimal("30000")
    assert dict(balances["use"])["信息化建设"] == Decimal("0")
    sums = selectors.ledger_sums([w.units["hongta_agency"].pk], date(2026, 1, 1), date(2026, 12, 31))
    assert sums[w.units["hongta_agency"].pk].income == {"provincial": Decimal("120000.00")}
    assert income.county_id == w.hongta.pk and wages.signed_amount == Decimal("-30000")


def test_only_the_agencies_a_user_keeps(world):
    w = world
    with pytest.raises(FundingError):
        record(w, actor="other_county_officer")  # 江川区's staff, 红塔区's ledger
    with pytest.raises(FundingError):
        record(w, actor="office_officer")
    record(w, actor="city_officer")  # the city keeps every county's
    record(w, actor="city_officer", agency="city_agency")
    assert LedgerEntry.objects.filter(agency=w.units["city_agency"], county=None).count() == 1


def test_the_ledger_page_filters_pages_and_exports(world):
    w = world
    record(w)
    record(w, direction="expense", use="purchased", amount="8000", voucher="记-040", description="购买服务首款")
    client = client_for(w.users["county_head"])
    url = reverse("funding:ledger", args=[w.units["hongta_agency"].pk])
    page = client.get(url, {"use": "purchased"}).content.decode()
    assert "购买服务首款" in page and "2026年省级社区矫正经费补助" not in page
    assert client.get(url, {"start": "bad", "page": "x"}).status_code == 200
    export = client.get(reverse("funding:export", args=[w.units["hongta_agency"].pk]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_the_overview_reads_a_fixed_number_of_queries_however_many_people(world):
    w = world
    client = client_for(w.users["city_officer"])
    url = reverse("funding:overview")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": 2026})
    for _ in range(30):
        SuperviseeFactory(
            judicial_office=w.units["xingyun"],
            deciding_authority=w.units["jiangchuan_court"],
            term_start=date(2026, 1, 1),
            term_end=date(2027, 1, 1),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"year": 2026})
    assert len(many) == len(few)
