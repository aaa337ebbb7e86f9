"""Benchmark: the cost of a typical write (a travel decision, a check-in follow-up) and of the inbox refresh it
runs, as a ratio to the bare ORM write with the same effect.

Usage (from the repository root, virtualenv installed):
    .venv/bin/python bench/write_cost.py --people 1000 [--repeat 50] [--rebuild] [--database-url postgres://...]

Builds a database once per size (SQLite under data/bench/write-N/ by default; later runs reuse it, --rebuild
starts over): the Yuxi organisation and demo accounts, then ONE county (红塔区) with N people under correction
spread over its judicial offices (plus N/100 waiting to report in and N discharged), with the demo's course
records (hand-over, supervision level, every ended quarterly assessment, medical re-examinations, the county's
screening campaign under way, correction opinions, investigations) and, across the county, phone check-in
enrolments with a month of check-ins and some misses (some followed up, some not), pending and past travel
leaves and electronic monitoring. Then the daily inbox job runs once.

Measured for each write, on a different record at each repetition (cycling when there are fewer records than
repetitions), every run inside a transaction rolled back afterwards (so every repetition and every later run
sees the same database; the commit is not timed):
  service  the service as the views call it: its checks, the write, the inbox refresh
  bare     the minimal ORM write with the same effect on the domain row, in one transaction, no checks, no inbox
  refresh  the inbox refresh of that one person alone, run after the bare write (the refresh's share)
Prints the median wall time, the median CPU time of this thread and the query count of each, each as a ratio to
`bare` of the same write in the same run (the machine is shared and noisy: compare ratios across runs, not
milliseconds; when other processes compete for the cores, the CPU time is the steadier figure: on SQLite it
includes the database's own work, on PostgreSQL it does not), then the refresh's steps one by one, with the time
the database alone takes for their queries. Times are taken without query logging; queries are counted in a
second, identical run.
Record results in bench/RESULTS.md with the machine, the date, the commit and what else was running.
"""

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTY = "530402"  # 红塔区: the demo's office, county and procurator accounts work there
SEED = 1


# --- The calls under test. When the services move or inbox_refresh changes its signature, adapt only these. ---


def decide_travel(*, actor, leave, approve: bool, reason: str):
    from sqjz.supervision.travel.services import travel_decide

    return travel_decide(actor=actor, leave=leave, approve=approve, reason=reason)


def record_follow_up(*, actor, supervisee, follow_up):
    from sqjz.supervision.checkins.services import checkin_follow_up_record

    return checkin_follow_up_record(actor=actor, supervisee=supervisee, follow_up=follow_up)


# The area whose duties each write refreshes (the service calls inbox_refresh(area=..., ids=[the person])).
AREAS = {"travel decision": "travel", "check-in follow-up": "checkins"}


def refresh_person(supervisee_id: int, area: str):
    from sqjz.inbox.services import inbox_refresh

    return inbox_refresh(area=area, ids=[supervisee_id])


# Not measured against a baseline: the daily job (run once after building), and the steps of refresh_person
# timed one by one.


def refresh_everything():
    from sqjz.inbox.services import inbox_refresh

    return inbox_refresh()


def refresh_steps(supervisee_id: int, area: str) -> list:
    from django.db.models import Q
    from django.utils import timezone

    from sqjz.inbox.models import InboxItem
    from sqjz.inbox.registry import duties
    from sqjz.rulebook.selectors import statute_context

    today, ids = timezone.localdate(), [supervisee_id]
    ctx = statute_context()
    steps = [("statute_context()", statute_context)]
    steps += [(d.kind, lambda d=d: list(d.compute(ctx, today, ids))) for d in duties(area)]
    in_scope = Q(kind__in=[d.kind for d in duties(area)], supervisee_id__in=ids)
    steps.append(
        (
            "open items, locked",
            lambda: list(InboxItem.objects.filter(in_scope, state="open").order_by().select_for_update()),
        )
    )
    return steps


# --- Building the data ---------------------------------------------------------------------------------------


def build(people: int, today) -> None:
    """The organisation and accounts, one county's people and their records, then the daily inbox job."""
    from simple_history.utils import bulk_create_with_history

    from sqjz.accounts.models import Role, User
    from sqjz.demo.course import seed_course
    from sqjz.demo.generator import DemoGenerator, seed_demo
    from sqjz.organisation.models import Unit
    from sqjz.safety.models import ScreeningCampaign
    from sqjz.supervisees.models import FamilyContact, ProhibitionOrder, Status, Supervisee

    lap = time.perf_counter()

    def step(label: str) -> None:
        nonlocal lap
        print(f"  {label}: {time.perf_counter() - lap:.0f} s", flush=True)
        lap = time.perf_counter()

    # Organisation, demo accounts, investigations and the demo's 陈刚 (with his own course records).
    seed_demo(supervisees=0, discharged=0, seed=SEED, today=today, progress=lambda s: None)
    # seed_course below opens the county's screening campaign again, with this county's people in it.
    ScreeningCampaign.objects.all().delete()
    offices = list(
        Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county__code=COUNTY)
        .select_related("division", "county", "parent")
        .order_by("division__code")
    )
    for office in offices:  # an office officer everywhere, to decide that office's leaves
        if not User.objects.filter(role=Role.OFFICE_OFFICER, unit=office).exists():
            user = User(
                username=f"bench{office.division.code}", full_name="司法所干警", role=Role.OFFICE_OFFICER, unit=office
            )
            user.set_unusable_password()
            user.save()
    users = {u.username: u for u in User.objects.exclude(role=Role.SUPERVISEE)}
    step("organisation and accounts")

    city = offices[0].county.parent
    courts = {u.county_id: u for u in Unit.objects.filter(kind=Unit.Kind.COURT, county__parent=city)}
    authorities = {
        **courts,
        "county_courts": list(courts.values()),
        "city_court": Unit.objects.get(kind=Unit.Kind.COURT, division=city),
        "prison": Unit.objects.get(kind=Unit.Kind.PRISON, division=city),
    }
    villages = {o.id: list(o.division.children.order_by("code")) for o in offices}
    weights = [max(len(villages[o.id]), 3) for o in offices]
    generator = DemoGenerator(
        seed=SEED + 1,
        today=today,
        taken_indexes=frozenset(Supervisee.objects.values_list("id_number_index", flat=True)),
    )
    plan = [Status.UNDER_CORRECTION] * people + [Status.PENDING_REPORT] * max(people // 100, 1)
    plan += [Status.TERMINATED] * (people // 50) + [Status.DISCHARGED] * (people - people // 50)
    rows = []
    for status in plan:
        office = generator.rng.choices(offices, weights=weights)[0]
        rows.append(
            generator.supervisee(office=office, villages=villages[office.id], authorities=authorities, status=status)
        )
    everyone = [s for s, _, _ in rows]
    bulk_create_with_history(everyone, Supervisee, batch_size=500, default_user=users["zhangli"])
    contacts, orders = [], []
    for s, cs, os_ in rows:
        for record in (*cs, *os_):
            record.supervisee = s
        contacts += cs
        orders += os_
    bulk_create_with_history(contacts, FamilyContact, batch_size=500, default_user=users["zhangli"])
    bulk_create_with_history(orders, ProhibitionOrder, batch_size=500, default_user=users["zhangli"])
    step(f"{len(everyone)} people")

    seed_course(everyone, rng=generator.rng, today=today, users=users)
    step("demo course records (intake, levels, assessments, examinations, 玉兴 check-ins, screening)")
    _county_records(everyone, rng=generator.rng, today=today, users=users, offices=offices)
    step("county-wide check-ins, travel leaves, electronic monitoring")
    result = refresh_everything()
    step(f"daily inbox job ({result.opened} items opened)")


def _county_records(everyone, *, rng: random.Random, today, users: dict, offices) -> None:
    """What the demo seeds in one office, across the county: phone check-ins for ~90% of the people under
    correction (a month of them; ~2% missed yesterday, ~2% missed a day last week and nobody followed it up
    yet, ~4% missed one earlier and a follow-up reached them), travel leaves for ~13% (5% awaiting the office's
    decision, 1% the county's, 6% back, 1% away now) and electronic monitoring for ~0.5%."""
    from datetime import datetime
    from datetime import time as clock
    from decimal import Decimal
    from io import BytesIO

    from django.utils import timezone
    from PIL import Image
    from simple_history.utils import bulk_create_with_history

    from sqjz.accounts.models import Role, User
    from sqjz.core.photos import photo_store
    from sqjz.intake.models import LevelDecision
    from sqjz.rulebook.selectors import statute_context
    from sqjz.statute.registry import RULES
    from sqjz.supervisees.models import Status
    from sqjz.supervision.models import AppEnrolment, CheckIn, CheckInFollowUp, ElectronicMonitoring, TravelLeave

    ctx = statute_context()
    officer = {u.unit_id: u for u in User.objects.filter(role=Role.OFFICE_OFFICER, unit__in=offices).order_by("-pk")}
    active = [s for s in everyone if s.status == Status.UNDER_CORRECTION]
    level_from = dict(
        LevelDecision.objects.filter(supervisee__in=active).values_list("supervisee_id", "effective_from")
    )
    enrolled = set(AppEnrolment.objects.filter(supervisee__in=active).values_list("supervisee_id", flat=True))
    with_account = set(User.objects.filter(supervisee__in=active).values_list("supervisee_id", flat=True))
    image = BytesIO()
    Image.new("RGB", (240, 320), (150, 160, 170)).save(image, "JPEG")
    photo, digest = "photos/bench/checkin.jpg", photo_store("photos/bench/checkin.jpg", image.getvalue())
    zone = timezone.get_current_timezone()

    enrolments, accounts, checkins, follow_ups = [], [], [], []
    for s in active:
        if s.pk in enrolled or s.pk not in level_from or rng.random() >= 0.9:
            continue
        enrolled_on = max(today - timedelta(days=30), level_from[s.pk])
        enrolments.append(
            AppEnrolment(supervisee=s, enrolled_on=enrolled_on, enrolled_by=officer[s.judicial_office_id])
        )
        if s.pk not in with_account:
            account = User(username=f"jz{s.pk:06d}", full_name=s.name, role=Role.SUPERVISEE, supervisee=s)
            account.set_unusable_password()
            accounts.append(account)
        first, last = enrolled_on + timedelta(days=1), min(today - timedelta(days=1), s.term_end)
        r, missed = rng.random(), None
        if r < 0.02:
            missed = today - timedelta(days=1)
        elif r < 0.04:
            missed = today - timedelta(days=rng.randint(3, 10))
        elif r < 0.08:
            missed = today - timedelta(days=rng.randint(12, 25))
            if first <= missed <= last:
                follow_ups.append(
                    CheckInFollowUp(
                        supervisee=s,
                        followed_up_on=missed + timedelta(days=1),
                        method=CheckInFollowUp.Method.PHONE,
                        reached=True,
                        finding="本人称手机没电，已提醒按时签到。",
                        recorded_by=officer[s.judicial_office_id],
                    )
                )
        day = first
        while day <= last:
            if day != missed:
                moment = datetime.combine(day, clock(8, rng.randint(0, 59)), tzinfo=zone)
                checkins.append(
                    CheckIn(
                        supervisee=s,
                        checked_at=moment + timedelta(minutes=rng.randint(0, 600)),
                        checked_on=day,
                        latitude=Decimal("24.350000") + Decimal(rng.randint(-9000, 9000)) / 1_000_000,
                        longitude=Decimal("102.540000") + Decimal(rng.randint(-9000, 9000)) / 1_000_000,
                        accuracy=rng.randint(5, 60),
                        photo=photo,
                        photo_sha256=digest,
                        idempotency_key=f"bench-{s.pk}-{day:%Y%m%d}",
                    )
                )
            day += timedelta(days=1)
    AppEnrolment.objects.bulk_create(enrolments, batch_size=1000)
    User.objects.bulk_create(accounts, batch_size=1000)
    CheckIn.objects.bulk_create(checkins, batch_size=1000)
    CheckInFollowUp.objects.bulk_create(follow_ups, batch_size=1000)

    travelling = set(TravelLeave.objects.values_list("supervisee_id", flat=True))
    leaves, monitorings = [], []
    for s in active:
        if s.term_end > today + timedelta(days=120) and rng.random() < 0.005:
            begun = today - timedelta(days=rng.randint(5, 88))
            period = RULES["ELECTRONIC_MONITORING_PERIOD"](ctx, start=begun, requested_months=3).outcome
            monitorings.append(
                ElectronicMonitoring(
                    supervisee=s,
                    grounds=["left_without_approval"],
                    facts="未经批准离开玉溪市，经查找后返回。",
                    start=begun,
                    months=3,
                    end=period.end,
                    device_number=f"YX-HT-{len(monitorings) + 100:04d}",
                    status=ElectronicMonitoring.Status.ACTIVE,
                    proposed_by=officer[s.judicial_office_id],
                    decided_by=users["wangqiang"],
                    decided_at=timezone.now(),
                )
            )
        if s.term_end <= today + timedelta(days=40) or s.pk in travelling:
            continue
        r = rng.random()
        if r < 0.06:  # awaiting a decision: up to 7 days (the office decides, since delegated), or 8–20 (county)
            status, start = TravelLeave.Status.PENDING, today + timedelta(days=rng.randint(1, 10))
            days = rng.randint(1, 7) if r < 0.05 else rng.randint(8, 20)
            applied_on = today - timedelta(days=rng.randint(0, 3))
        elif r < 0.12:
            status, start, days = (
                TravelLeave.Status.RETURNED,
                today - timedelta(days=rng.randint(10, 55)),
                rng.randint(1, 7),
            )
            applied_on = start - timedelta(days=rng.randint(1, 5))
        elif r < 0.13:
            status, start, days = (
                TravelLeave.Status.APPROVED,
                today - timedelta(days=rng.randint(0, 3)),
                rng.randint(3, 7),
            )
            applied_on = start - timedelta(days=rng.randint(1, 5))
        else:
            continue
        agency = s.judicial_office.parent
        level = RULES["TRAVEL_LEAVE_APPROVER"](
            ctx,
            start=start,
            days=days,
            approved_trips=[],
            office_delegated=bool(agency and agency.travel_approval_delegated),
        )
        lead = RULES["TRAVEL_LEAVE_LEAD_TIME"](ctx, applied_on=applied_on, start=start)
        decided = status != TravelLeave.Status.PENDING
        leaves.append(
            TravelLeave(
                supervisee=s,
                purpose=rng.choice(TravelLeave.Purpose.values),
                reason=rng.choice(["探望住院的亲属", "参加亲属婚礼", "到外地医院复查", "处理工作事务"]),
                destination=rng.choice(["昆明市", "曲靖市", "红河州蒙自市", "楚雄州楚雄市", "四川省成都市"]),
                start=start,
                days=days,
                applied_on=applied_on,
                evidence="相关证明材料",
                level=level.outcome,
                level_reasons="；".join(level.reasons),
                lead_time_note="；".join(lead.reasons),
                status=status,
                decided_by=officer[s.judicial_office_id] if decided else None,
                decided_at=timezone.now() - timedelta(days=(today - applied_on).days) if decided else None,
                returned_on=start + timedelta(days=days - 1) if status == TravelLeave.Status.RETURNED else None,
                recorded_by=officer[s.judicial_office_id],
            )
        )
    bulk_create_with_history(leaves, TravelLeave, batch_size=500, default_user=users["zhangli"])
    bulk_create_with_history(monitorings, ElectronicMonitoring, batch_size=500, default_user=users["wangqiang"])


# --- Measuring -----------------------------------------------------------------------------------------------


@dataclass
class Case:
    supervisee_id: int
    actor: object
    leave_id: int | None = None


@dataclass
class Variant:
    name: str
    work: object  # Callable[[Case], None], timed
    before: object = None  # Callable[[Case], dict] | None, run untimed in the same transaction; its result is passed


def run_once(variant: Variant, case: Case, *, count: bool) -> tuple[float, float]:
    """One run inside a transaction that is rolled back: (wall ms, CPU ms of this thread), or (queries, queries)
    when `count`."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic():
        extra = variant.before(case) if variant.before else {}
        if count:
            with CaptureQueriesContext(connection) as queries:
                variant.work(case, **extra)
            result = (float(len(queries.captured_queries)),) * 2
        else:
            wall, cpu = time.perf_counter(), time.thread_time()
            variant.work(case, **extra)
            result = ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)
        transaction.set_rollback(True)
    return result


def measure(variants: list[Variant], cases: list[Case], repeat: int, warmup: int = 3) -> dict:
    """Median wall ms, CPU ms and queries of each variant (and the most queries seen); the variants take turns
    first, so none always runs on a warm cache."""
    walls, cpus, counts = ({v.name: [] for v in variants} for _ in range(3))
    for i in range(warmup + repeat):
        case = cases[i % len(cases)]
        turn = i % len(variants)
        for v in variants[turn:] + variants[:turn]:
            wall, cpu = run_once(v, case, count=False)
            queries, _ = run_once(v, case, count=True)
            if i >= warmup:
                walls[v.name].append(wall)
                cpus[v.name].append(cpu)
                counts[v.name].append(queries)
    median = statistics.median
    return {
        v.name: (median(walls[v.name]), median(cpus[v.name]), median(counts[v.name]), max(counts[v.name]))
        for v in variants
    }


def spread(items: list, n: int) -> list:
    """`n` items taken evenly across the list (all of them when there are fewer)."""
    if len(items) <= n:
        return items
    return [items[i * len(items) // n] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000, help="people under correction in the county")
    parser.add_argument("--repeat", type=int, default=50, help="repetitions of each write (each a different record)")
    parser.add_argument("--database-url", default="", help="default: SQLite under data/bench/write-N/")
    parser.add_argument("--rebuild", action="store_true", help="SQLite: delete the database of that size first")
    args = parser.parse_args()

    data_dir = ROOT / "data" / "bench" / f"write-{args.people}"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["SQJZ_DATA_DIR"] = str(data_dir)  # photos beside the database they belong to
    db_file = data_dir / "sqjz.sqlite3"
    if args.rebuild and not args.database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sqjz.settings_test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from sqjz.accounts.models import Role, User
    from sqjz.inbox.models import InboxItem
    from sqjz.supervisees.models import Status, Supervisee
    from sqjz.supervision.models import CheckInFollowUp, TravelLeave

    today = timezone.localdate()
    call_command("migrate", verbosity=0)
    if not Supervisee.objects.exists():
        print(f"building {args.people} people under correction in {COUNTY} ...", flush=True)
        started = time.perf_counter()
        with transaction.atomic():
            build(args.people, today)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    elif InboxItem.objects.filter(state=InboxItem.State.OPEN, subject_label="").exists():
        # A database built before the duty registry: its items were migrated; the daily job fills them in.
        started = time.perf_counter()
        refresh_everything()
        print(f"inbox recomputed after the migration in {time.perf_counter() - started:.0f} s", flush=True)

    county = {"supervisee__judicial_office__county__code": COUNTY}
    officer = {u.unit_id: u for u in User.objects.filter(role=Role.OFFICE_OFFICER).order_by("-pk")}
    leaves = TravelLeave.objects.filter(
        status=TravelLeave.Status.PENDING,
        level=TravelLeave.Level.JUDICIAL_OFFICE,
        supervisee__status=Status.UNDER_CORRECTION,
        **county,
    ).select_related("supervisee")
    travel_cases = [
        Case(leave.supervisee_id, officer[leave.supervisee.judicial_office_id], leave.pk)
        for leave in spread(list(leaves.order_by("pk")), args.repeat)
    ]
    missed = InboxItem.objects.filter(kind="checkin", state=InboxItem.State.OPEN, **county).select_related("supervisee")
    follow_up_cases = [
        Case(item.supervisee_id, officer[item.supervisee.judicial_office_id])
        for item in spread(list(missed.order_by("supervisee_id")), args.repeat)
    ]
    under_correction = Supervisee.objects.filter(status=Status.UNDER_CORRECTION, judicial_office__county__code=COUNTY)
    print(
        f"backend {connection.vendor}; county {COUNTY}: {under_correction.count()} under correction in "
        f"{under_correction.values('judicial_office').distinct().count()} offices; {Supervisee.objects.count()} people "
        f"in all; {InboxItem.objects.filter(state=InboxItem.State.OPEN).count()} open inbox items; "
        f"{len(travel_cases)} pending office-level leaves and {len(follow_up_cases)} missed check-ins used; "
        f"median of {args.repeat}",
        flush=True,
    )

    def bare_travel(case: Case) -> None:
        with transaction.atomic():
            leave = TravelLeave.objects.select_for_update().get(pk=case.leave_id)
            leave.status = TravelLeave.Status.APPROVED
            leave.decided_by, leave.decided_at, leave.decision_reason = case.actor, timezone.now(), "同意。"
            leave._history_user = case.actor
            leave.save()

    def service_travel(case: Case, leave) -> None:
        decide_travel(actor=case.actor, leave=leave, approve=True, reason="同意。")

    def follow_up(case: Case) -> CheckInFollowUp:
        return CheckInFollowUp(
            followed_up_on=today,
            method=CheckInFollowUp.Method.PHONE,
            reached=True,
            finding="电话联系上本人，称手机故障未能签到，已提醒按时签到。",
        )

    def bare_follow_up(case: Case) -> None:
        with transaction.atomic():
            record = follow_up(case)
            record.supervisee_id, record.recorded_by = case.supervisee_id, case.actor
            record.save()

    def service_follow_up(case: Case, supervisee) -> None:
        record_follow_up(actor=case.actor, supervisee=supervisee, follow_up=follow_up(case))

    def refresh_for(area: str):
        def refresh(case: Case) -> None:
            refresh_person(case.supervisee_id, area)

        return refresh

    def after(bare):
        def before(case: Case) -> dict:
            bare(case)
            return {}

        return before

    # The views hand the services a record they have loaded: loaded here, untimed.
    writes = [
        (
            "travel decision",
            travel_cases,
            [
                Variant("bare", bare_travel),
                Variant("service", service_travel, lambda c: {"leave": TravelLeave.objects.get(pk=c.leave_id)}),
                Variant("refresh", refresh_for(AREAS["travel decision"]), after(bare_travel)),
            ],
        ),
        (
            "check-in follow-up",
            follow_up_cases,
            [
                Variant("bare", bare_follow_up),
                Variant(
                    "service", service_follow_up, lambda c: {"supervisee": Supervisee.objects.get(pk=c.supervisee_id)}
                ),
                Variant("refresh", refresh_for(AREAS["check-in follow-up"]), after(bare_follow_up)),
            ],
        ),
    ]

    _check_effects(writes)

    print()
    print(
        "| people | write | variant | median wall ms | median CPU ms | queries | wall ÷ bare | CPU ÷ bare "
        "| queries ÷ bare | share of service (CPU) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, cases, variants in writes:
        if not cases:
            print(f"| {args.people:,} | {label} | (no record to use) | | | | | | | |")
            continue
        results = measure(variants, cases, args.repeat)
        bare_wall, bare_cpu, bare_q, _ = results["bare"]
        service_cpu = results["service"][1]
        for name, (wall, cpu, queries, most) in results.items():
            shown = f"{queries:.0f}" + (f" (≤{most:.0f})" if most != queries else "")
            print(
                f"| {args.people:,} | {label} | {name} | {wall:.2f} | {cpu:.2f} | {shown} | {wall / bare_wall:.1f}× | "
                f"{cpu / bare_cpu:.1f}× | {queries / bare_q:.1f}× | {cpu / service_cpu:.0%} |",
                flush=True,
            )

    steps_table(writes, min(args.repeat, 20))


def _check_effects(writes) -> None:
    """Once, rolled back: the service does what the benchmark says (the leave approved, the item closed)."""
    from django.db import transaction

    from sqjz.inbox.models import InboxItem
    from sqjz.supervision.models import TravelLeave

    for (label, cases, variants), kind in zip(writes, ("travel_decision", "checkin"), strict=True):
        if not cases:
            continue
        case, service = cases[0], variants[1]
        open_items = InboxItem.objects.filter(kind=kind, supervisee_id=case.supervisee_id, state=InboxItem.State.OPEN)
        assert open_items.exists(), f"{label}: no open {kind} item to close"
        with transaction.atomic():
            service.work(case, **service.before(case))
            assert not open_items.exists(), f"{label}: the service left the {kind} item open"
            if case.leave_id:
                assert TravelLeave.objects.get(pk=case.leave_id).status == TravelLeave.Status.APPROVED
            transaction.set_rollback(True)


def steps_table(writes, repeat: int) -> None:
    """The refresh's steps one by one, after the bare write, on the same records: wall time, queries, and the
    time the database alone takes for those queries (replayed as raw SQL, all rows fetched), the rest being the
    ORM and Python."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    def replay(captured) -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for query in captured:
                if query["sql"].startswith("SELECT"):
                    cursor.execute(query["sql"])
                    cursor.fetchall()
        return (time.perf_counter() - started) * 1000

    for label, cases, variants in writes:
        cases = cases[:repeat]
        if not cases or not refresh_steps(cases[0].supervisee_id, AREAS[label]):
            continue
        bare = variants[0].work
        walls, cpus, counts, sql = {}, {}, {}, {}
        for case in cases:
            with transaction.atomic():
                bare(case)
                for name, run in refresh_steps(case.supervisee_id, AREAS[label]):
                    wall, cpu = time.perf_counter(), time.thread_time()
                    run()
                    walls.setdefault(name, []).append((time.perf_counter() - wall) * 1000)
                    cpus.setdefault(name, []).append((time.thread_time() - cpu) * 1000)
                    with CaptureQueriesContext(connection) as queries:
                        run()
                    counts.setdefault(name, []).append(len(queries.captured_queries))
                    sql.setdefault(name, []).append(replay(queries.captured_queries))
                transaction.set_rollback(True)
        median = statistics.median
        total = sum(median(t) for t in cpus.values())
        print(f"\nrefresh steps after a {label} (median of {len(cases)}; CPU ms summed over the steps {total:.2f})")
        print("| step | wall ms | CPU ms | queries | of which SQL ms | share (CPU) |")
        print("|---|---|---|---|---|---|")
        for name in sorted(cpus, key=lambda n: -median(cpus[n])):
            print(
                f"| {name} | {median(walls[name]):.2f} | {median(cpus[name]):.2f} | {median(counts[name]):.0f} | "
                f"{median(sql[name]):.2f} | {median(cpus[name]) / total:.0%} |"
            )


if __name__ == "__main__":
    main()
