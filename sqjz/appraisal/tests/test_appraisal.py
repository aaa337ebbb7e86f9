"""The appraisal: each indicator against a direct count of records made here, weights, ranking, the query budget, the
re-offence record and the pages."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sqjz.appraisal import selectors, services
from sqjz.appraisal.indicators import DEADLINES, LOST_CONTACT, RECIDIVISM
from sqjz.appraisal.models import IndicatorWeight, ProvincialFigure, ReOffence
from sqjz.appraisal.selectors import Rate, Row, Weight
from sqjz.core.errors import ServiceError
from sqjz.inbox.models import InboxItem
from sqjz.lostcontact.models import LostContact
from sqjz.organisation.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def _item(w, n, *, due, closed=None, office=None):
    office = office or w.yuxing
    return InboxItem.objects.create(
        kind="assessment",
        subject_id=n,
        subject_label=f"对象{n}",
        office=office,
        actor_unit=office,
        actor_user=w.users["office_officer"],
        due=due,
        rule="ASSESSMENT_DUE",
        articles="",
        reasons="",
        state=InboxItem.State.CLOSED if closed else InboxItem.State.OPEN,
        closed_at=_at(closed) if closed else None,
    )


def test_deadlines_met_against_a_direct_count(world):
    today = timezone.localdate()
    period = selectors.quarter_of(today)
    _item(world, 1, due=today, closed=today)  # on time
    _item(world, 2, due=today - timedelta(days=1), closed=today)  # late
    _item(world, 3, due=today - timedelta(days=1))  # open, overdue
    _item(world, 4, due=today + timedelta(days=3))  # open, not yet due: not counted
    rates = selectors.office_rates([world.yuxing.pk], period, today)
    assert rates[DEADLINES][world.yuxing.pk] == Rate(1, 3)
    assert rates[DEADLINES][world.yuxing.pk].percent == Decimal("33.3")
    quality = selectors.quality(world.hongta, period, today)
    officer = next(o for o in quality.officers if o.user_id == world.users["office_officer"].pk)
    assert (officer.counted, officer.missed) == (3, 2)
    items = selectors.missed_items(
        world.users["county_officer"], world.hongta, period, today, office_id=None, officer_id=None, unnamed=False
    )
    assert sorted(i.subject_id for i in items) == [2, 3]


def test_lost_contact_and_recidivism_rates_against_a_direct_count(world):
    today = timezone.localdate()
    period = selectors.quarter_of(today)
    A, B = world.people["A"], world.people["B"]
    LostContact.objects.create(supervisee=A, since=today - timedelta(days=3), trigger="officer", opened_on=today)
    services.reoffence_record(
        actor=world.users["office_officer"],
        supervisee=A,
        offence_date=today,
        judged_on=None,
        source="police",
        crime="盗窃罪",
    )
    rates = selectors.office_rates([world.yuxing.pk, world.units["fenghuang"].pk], period, today)
    in_correction = (
        type(A).objects.filter(selectors.in_correction_q(period.start, today), judicial_office=world.yuxing).count()
    )
    assert rates[LOST_CONTACT][world.yuxing.pk] == Rate(1, in_correction)
    assert rates[RECIDIVISM][world.yuxing.pk] == Rate(1, in_correction)
    assert rates[RECIDIVISM][world.units["fenghuang"].pk].numerator == 0
    assert B.judicial_office_id == world.units["fenghuang"].pk


def test_a_reoffence_after_the_correction_ended_counts_after_discharge(world):
    D = world.people["D"]  # discharged, term ended 2022-01-09
    r = services.reoffence_record(
        actor=world.users["office_officer"],
        supervisee=D,
        offence_date=D.term_end + timedelta(days=30),
        judged_on=None,
        source="court",
        crime="诈骗罪",
    )
    assert r.during_correction is False
    with pytest.raises(ServiceError) as refused:
        services.reoffence_record(
            actor=world.users["office_officer"],
            supervisee=D,
            offence_date=D.term_start - timedelta(days=1),
            judged_on=None,
            source="court",
            crime="诈骗罪",
        )
    assert refused.value.field == "offence_date"


def test_weights_are_validated(world):
    city = world.users["city_officer"]
    with pytest.raises(ServiceError):
        services.weights_save(actor=city, weights={DEADLINES: (Decimal(-1), True)})
    with pytest.raises(ServiceError):
        services.weights_save(actor=city, weights={DEADLINES: (Decimal(0), True), LOST_CONTACT: (Decimal(0), False)})
    services.weights_save(actor=city, weights={DEADLINES: (Decimal(50), True)})
    assert IndicatorWeight.objects.get(code=DEADLINES).weight == 50


def test_ranking_uses_the_weighted_mean_and_the_direction():
    ws = [Weight("a", "甲", Decimal(3), True), Weight("b", "乙", Decimal(1), False)]
    rows = [
        Row(1, "一", {"a": Rate(5, 10), "b": Rate(0, 10)}),  # (3*50 + 1*100) / 4 = 62.5
        Row(2, "二", {"a": Rate(10, 10), "b": Rate(5, 10)}),  # (3*100 + 1*50) / 4 = 87.5
        Row(3, "三", {"a": Rate(0, 0), "b": Rate(0, 0)}),  # nothing to score
    ]
    ranked = selectors.rank(rows, ws)
    assert [(r.pk, r.score, r.rank) for r in ranked] == [
        (2, Decimal("87.5"), 1),
        (1, Decimal("62.5"), 2),
        (3, None, None),
    ]


def test_the_indicators_take_the_same_queries_for_one_office_and_many(world):
    today = timezone.localdate()
    period = selectors.quarter_of(today)
    with CaptureQueriesContext(connection) as few:
        selectors.office_rates([world.yuxing.pk], period, today)
    many = [world.yuxing.pk] + [
        UnitFactory(kind=Unit.Kind.JUDICIAL_OFFICE, county=world.hongta, division=world.hongta).pk for _ in range(6)
    ]
    with CaptureQueriesContext(connection) as more:
        selectors.office_rates(many, period, today)
    assert len(more) == len(few)


@pytest.mark.parametrize("persona", ["county_officer", "city_officer"])
def test_the_pages_answer(client, world, persona):
    client.force_login(world.users[persona])
    county = f"?county={world.hongta.pk}"
    for url in ("appraisal:index", "appraisal:quality", "appraisal:quality_items", "appraisal:recidivism"):
        assert client.get(reverse(url) + county).status_code == 200, url
    assert "期限内办结率" in client.get(reverse("appraisal:index")).content.decode()


def test_the_city_sets_weights_and_the_provincial_figure(client, world):
    client.force_login(world.users["city_officer"])
    data = {"follow_up": "1,2", **{f"weight_{i.code}": "10" for i in selectors.INDICATORS}}
    assert client.post(reverse("appraisal:settings"), data | {"weight_deadlines": "-1"}).status_code == 400
    assert client.post(reverse("appraisal:settings"), data).status_code == 302
    assert selectors.follow_up_years() == [1, 2]
    response = client.post(reverse("appraisal:figure"), {"year": "2025", "rate": "0.2", "source": "省厅通报"})
    assert response.status_code == 302
    assert ProvincialFigure.objects.get(year=2025).rate == Decimal("0.2")
    assert client.post(reverse("appraisal:figure"), {"year": "2025", "rate": "101"}).status_code == 400


def test_an_office_records_a_reoffence_from_the_person(client, world):
    client.force_login(world.users["office_officer"])
    A = world.people["A"]
    assert client.get(reverse("appraisal:person", args=[A.pk])).status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("appraisal:reoffence", args=[A.pk]),
        {"offence_date": today.isoformat(), "source": "police", "crime": "盗窃罪"},
    )
    assert response.status_code == 302
    assert ReOffence.objects.get(supervisee=A).during_correction
    bad = client.post(reverse("appraisal:reoffence", args=[A.pk]), {"offence_date": "2099-01-01", "source": "police"})
    assert bad.status_code == 400
