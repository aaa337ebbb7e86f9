"""The workbench: each user sees first the to-dos they must act on (待我办理, with 办理), then what others must do in
their jurisdiction (辖区待办, counts per office, drill-down, 查看 only). The badge counts only the user's own items;
users who act on no duty (court, police, prison, helpers) have neither badge nor 办理."""

from datetime import date, timedelta

import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.inbox.tests.test_inbox import pending, without_investigation
from sqjz.investigation.models import Investigation
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.models import ElectronicMonitoring, TravelLeave
from sqjz.workbench.selectors import can_watch

TODAY = date(2026, 11, 27)  # a Friday
HOME = reverse("workbench:home")


def leave(world, person, days: int, level: str) -> TravelLeave:
    return TravelLeave.objects.create(
        supervisee=person,
        purpose="medical",
        reason="母亲住院",
        destination="昆明市",
        start=date(2026, 12, 1),
        days=days,
        applied_on=TODAY,
        evidence="住院通知",
        level=level,
        level_reasons="",
        lead_time_note="",
        recorded_by=world.users["office_officer"],
    )


def rows(response, key: str) -> list[tuple[str, str]]:
    return [(item.kind, item.subject_label) for item, _, _ in response.context[key]]


@time_machine.travel(TODAY)
def test_office_officer_sees_her_items_with_deadline_days_left_and_rule_title(world, login):
    without_investigation(world)
    overdue = pending(world, date(2026, 11, 10), name="逾期者")
    soon = pending(world, date(2026, 11, 20), name="将到期者")
    pending(world, date(2026, 11, 20), office="fenghuang", name="别所的人")
    inbox_refresh()
    response = login(world.users["office_officer"]).get(HOME)
    html = response.content.decode()
    assert rows(response, "mine_rows") == [("report_in", overdue.name), ("report_in", soon.name)]  # most urgent first
    assert "别所的人" not in html
    assert "已逾期 7 天" in html  # due 2026-11-20
    assert "3 天" in html  # due 2026-11-30
    assert "报到期限" in html and "社区矫正法第二十一条" in html  # the rule's title and article …
    assert 'title="REPORT_IN_DEADLINE"' in html and ">REPORT_IN_DEADLINE<" not in html  # … its code only as a tooltip
    assert '<span class="badge text-bg-danger">2</span>' in html  # the badge: her own items


@time_machine.travel(TODAY)
def test_the_county_head_finds_approvals_as_his_own_items(world, login):
    """Travel over the office's limit, an investigation opinion and electronic monitoring wait for the county."""
    without_investigation(world)
    a, b = world.people["A"], world.people["B"]
    leave(world, a, 18, TravelLeave.Level.COUNTY_AGENCY)
    leave(world, b, 5, TravelLeave.Level.JUDICIAL_OFFICE)
    Investigation.objects.filter(pk=world.investigation.pk).update(status=Investigation.Status.PENDING_APPROVAL)
    ElectronicMonitoring.objects.create(
        supervisee=b,
        grounds=["left_without_approval"],
        facts="擅自离开",
        start=date(2026, 12, 1),
        months=3,
        end=date(2027, 3, 1),
        proposed_by=world.users["other_office_officer"],
    )
    inbox_refresh()
    head = login(world.users["county_head"]).get(HOME)
    mine = dict(rows(head, "mine_rows"))
    assert mine == {
        "travel_decision": a.name,
        "investigation_approval": f"{world.investigation.name}（被调查人）",
        "monitoring_approval": b.name,
    }
    assert "办理" in head.content.decode()
    # Each office's open to-dos, whoever must act (the offices' stored figures): his own are counted under the
    # office whose people or records they concern (玉兴: a's leave, the investigation; 凤凰: b's monitoring, beside
    # the office's own travel decision).
    assert {c.office.name: c.values["open"] for c in head.context["by_office"]} == {
        "凤凰街道司法所": 2,
        "玉兴街道司法所": 2,
    }
    # A county officer decides county-level travel too, but not opinions or monitoring.
    officer = login(world.users["county_officer"]).get(HOME)
    assert rows(officer, "mine_rows") == [("travel_decision", a.name)]
    # The office sees the county's travel decision as waiting for the county, to look at only.
    office = login(world.users["office_officer"]).get(HOME)
    assert ("travel_decision", a.name) in rows(office, "watched_rows")
    assert ("travel_decision", a.name) not in rows(office, "mine_rows")
    watched_item = office.context["watched_rows"][0][0]
    assert watched_item.actor_name == "红塔区社区矫正管理局"


@time_machine.travel(TODAY)
def test_helpers_see_no_badge_and_no_action_and_receiving_bodies_only_their_own(world, login):
    """Courts, police and prisons act on the proposals sent to them (proposals area): they have an inbox, empty here,
    where the county's work does not appear."""
    without_investigation(world)
    pending(world, date(2026, 11, 20))
    leave(world, world.people["A"], 18, TravelLeave.Level.COUNTY_AGENCY)
    inbox_refresh()
    for persona in ("judge", "police", "prison_officer"):
        response = login(world.users[persona]).get(HOME)
        assert response.status_code == 200 and list(response.context["mine"]) == [], persona
    # Helpers act on their own work only (a visit, a follow-up, an activity they help run, the village's ratings:
    # named to them), never the agency's.
    for persona in ("social_worker", "volunteer", "mentor", "evaluator"):
        response = login(world.users[persona]).get(HOME)
        assert response.status_code == 200 and "watched" not in response.context, persona
        assert all(item.actor_user_id == world.users[persona].pk for item in response.context["mine"]), persona


@time_machine.travel(TODAY)
def test_county_sees_counts_per_office_and_drills_down_to_look(world, login):
    without_investigation(world)
    pending(world, date(2026, 11, 10))
    pending(world, date(2026, 11, 20), office="fenghuang")
    pending(world, date(2026, 11, 22), office="fenghuang")
    inbox_refresh()
    client = login(world.users["county_officer"])
    response = client.get(HOME)
    counts = {c.office.name: (c.values["open"], c.values["overdue"]) for c in response.context["by_office"]}
    assert counts == {"玉兴街道司法所": (1, 1), "凤凰街道司法所": (2, 0)}
    assert list(counts) == ["玉兴街道司法所", "凤凰街道司法所"]  # offices with overdue items first
    assert response.context["mine"].paginator.count == 0
    drill = client.get(HOME, {"office": world.units["fenghuang"].pk})
    assert [item.office.name for item, _, _ in drill.context["watched_rows"]] == ["凤凰街道司法所"] * 2
    assert "查看" in drill.content.decode()


@time_machine.travel(TODAY)
def test_the_kind_filter_keeps_to_one_kind(world, login):
    without_investigation(world)
    pending(world, date(2026, 11, 20))
    leave(world, world.people["A"], 5, TravelLeave.Level.JUDICIAL_OFFICE)
    inbox_refresh()
    client = login(world.users["office_officer"])
    assert {kind for kind, _ in rows(client.get(HOME), "mine_rows")} == {"report_in", "travel_decision"}
    assert rows(client.get(HOME, {"kind": "travel_decision"}), "mine_rows") == [
        ("travel_decision", world.people["A"].name)
    ]
    assert {kind for kind, _ in rows(client.get(HOME, {"kind": "nonsense"}), "mine_rows")} == {
        "report_in",
        "travel_decision",
    }


@time_machine.travel(TODAY)
def test_minors_items_are_counted_but_never_named_to_the_city(world, login):
    without_investigation(world)
    minor = world.people["M"]
    minor.status = Status.PENDING_REPORT
    minor.save()
    inbox_refresh()
    assert InboxItem.objects.filter(supervisee=minor, state="open").exists()
    response = login(world.users["city_officer"]).get(HOME)
    assert sum(c.values["open"] for c in response.context["by_office"]) >= 1
    assert minor.name not in response.content.decode()
    drill = login(world.users["city_officer"]).get(HOME, {"office": world.yuxing.pk})
    assert minor.name not in drill.content.decode()
    assert all(item.supervisee_id != minor.pk for item, _, _ in drill.context["watched_rows"])


@time_machine.travel(TODAY)
def test_a_term_that_ends_is_the_county_agencys_discharge_item_on_its_last_day(world, login):
    without_investigation(world)
    a = world.people["A"]
    Supervisee.objects.filter(pk=a.pk).update(term_end=date(2026, 11, 28))
    inbox_refresh()
    assert not InboxItem.objects.filter(supervisee=a, kind="discharge", state="open").exists()
    with time_machine.travel(date(2026, 11, 28)):
        inbox_refresh()
        item = InboxItem.objects.get(supervisee=a, kind="discharge", state="open")
        assert item.due == date(2026, 11, 28) and item.rule == "TERM_END_DISCHARGE"
        assert item.actor_unit == world.units["hongta_agency"] and "社区矫正法第四十四条" in item.articles
        head = login(world.users["county_head"]).get(HOME)
        assert ("discharge", a.name) in rows(head, "mine_rows")
        office = login(world.users["office_officer"]).get(HOME)
        assert ("discharge", a.name) in rows(office, "watched_rows")


@time_machine.travel(TODAY)
def test_the_workbench_page_has_a_fixed_query_budget(world, login, django_assert_num_queries):
    without_investigation(world)
    for i in range(60):
        pending(world, date(2026, 11, 20) - timedelta(days=i % 5))
    inbox_refresh()
    client = login(world.users["office_officer"])
    client.get(HOME)
    # One the office's stored counts by status, two the watched items by id, one the panels' (publicity's notices).
    with django_assert_num_queries(11):
        response = client.get(HOME)
    assert response.context["mine"].paginator.count == 60


def test_the_watched_list_starting_from_the_offices_drops_no_item_the_jurisdiction_shows(world):
    """watched_items narrows the items about people by the item's own office (an index) before the jurisdiction's
    join: for every persona it must list exactly the open items that the jurisdiction and the duties' rules show and
    the user need not act on."""
    from sqjz.workbench.selectors import _open, mine_q, watched_items
    from tests.world import add_records

    add_records(world)
    inbox_refresh()
    assert InboxItem.objects.filter(state="open").exists()
    watched_somewhere = False
    for user in world.users.values():
        expected = set(_open(user).exclude(mine_q(user)).values_list("pk", flat=True)) if can_watch(user) else set()
        assert set(watched_items(user).values_list("pk", flat=True)) == expected, user.role
        watched_somewhere |= bool(expected)
    assert watched_somewhere


def test_the_summary_by_office_lists_the_most_overdue_offices_and_says_how_many_more(world, login, monkeypatch):
    from sqjz.workbench import views

    without_investigation(world)
    late = pending(world, date.today() - timedelta(days=60))  # an overdue report-in at 玉兴
    other = pending(world, date.today() - timedelta(days=1), office="fenghuang")  # due later, elsewhere
    inbox_refresh(ids=[late.pk, other.pk])
    monkeypatch.setattr(views, "BY_OFFICE_SHOWN", 1)
    page = login(world.users["city_officer"]).get(reverse("workbench:home")).content.decode()
    assert "玉兴" in page.split('data-testid="inbox-by-office"')[1].split("</table>")[0]
    assert 'data-testid="inbox-by-office-more"' in page and "另有 1 个司法所有待办事项" in page


def test_registered_panels_are_shown_in_their_order_and_skipped_when_empty(monkeypatch):
    from sqjz.workbench import panels

    monkeypatch.setattr(panels, "PANELS", {})
    panels.register_panel("b", "b.html", lambda user, today: {"x": 1}, order=2)
    panels.register_panel("a", "a.html", lambda user, today: {"y": 2}, order=1)
    panels.register_panel("none", "none.html", lambda user, today: None)
    shown = panels.panels_for(None, date(2026, 11, 25))
    assert [p["name"] for p in shown] == ["a", "b"] and shown[0]["context"] == {"y": 2}
