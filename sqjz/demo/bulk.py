"""National-scale demo data in bulk (issue 12): hundreds of thousands of people under correction and millions in
history, with their check-ins, in minutes.

The Yuxi demo (`manage.py demo`, generator.py) builds model objects one by one through the real services; at
120,000 people it needs about 800 s. This path writes rows straight into the tables instead: COPY on PostgreSQL,
`executemany` in large transactions on SQLite. It needs the Yuxi demo base (organisation tree and demo accounts)
to exist, and adds beside it synthetic counties (模拟县0001 …) under the city, each with OFFICES_PER_COUNTY
judicial offices (模拟司法所0001-01 …) holding 15–25 people under correction, as real offices do, and an officer
account per office and per county. The real Yuxi units keep their demo people.

Every row is what the services would have written: derived and index fields from the same functions
(supervisees.services), identity and phone numbers encrypted by the same function as EncryptedCharField (the
history row carries the record's own ciphertext), one "+" history row per record that keeps history.
Same seed, same `today` and the same database before → the same rows.
"""

import json
import random
import time as clock
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from io import BytesIO

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image

from sqjz.accounts.models import Role, User
from sqjz.core.crypto import encrypt
from sqjz.core.identity import PROVINCES, check_char
from sqjz.core.photos import photo_store
from sqjz.demo.accounts import DEMO_PASSWORD
from sqjz.demo.generator import CRIMES, EDUCATION, ETHNICITIES, OCCUPATIONS, DemoGenerator
from sqjz.intake.models import Handover, LevelDecision
from sqjz.organisation.models import Division, Unit
from sqjz.organisation.services import township_short_name
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.intake import required_documents
from sqjz.supervisees.models import (
    ACTIVE_STATUSES,
    CorrectionType,
    Gender,
    IdType,
    Status,
    Supervisee,
    TemporaryReleaseGround,
)
from sqjz.supervisees.services import identity_index, minor_rules_apply, name_initials, phone_index
from sqjz.supervision.checkins.models import AppEnrolment, CheckIn

CITY_CODE = "530400"
# Codes of synthetic counties (5304S0001) and townships (5304S000101): under the city's prefix, so that
# units_create_for_city finds their units as existing, and with a letter no real statistical code has.
SYNTHETIC = f"{CITY_CODE[:4]}S"
OFFICES_PER_COUNTY = 15
OFFICE_SIZE = (15, 25)  # people under correction in one judicial office
PENDING_SHARE = 0.01  # of those "under" correction: registered, not yet reported
TERMINATED_SHARE = 0.02  # of those in history: terminated rather than discharged
ENROLLED_SHARE = 0.9  # of those under correction: check in from the phone app
MISSED_SHARE = 0.01  # of the check-in days: missed
CHUNK_PEOPLE = 50_000
PHOTO = "photos/bulk/placeholder.jpg"
USERNAME_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"  # as app_username's: no 0/o, 1/l/i
# Identity numbers of synthetic people: each synthetic county gets its own region code, a mainland province's two
# digits and four more from 1000 up (Yuxi's own codes, 5304xx, stay below), so numbers never repeat across counties.
MAINLAND = sorted(p for p in PROVINCES if p < "70")


class BulkError(Exception):
    """A Chinese message for the person running the command."""


@dataclass
class BulkResult:
    counties: int = 0
    offices: int = 0
    under: int = 0
    history: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class Table:
    """A model's columns in order, the defaults of those a row leaves out, and how values go to the database."""

    def __init__(self, model: type[models.Model], *, with_id: bool) -> None:
        fields = [
            f for f in model._meta.concrete_fields if with_id or not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.names = [f.attname for f in fields]
        self.defaults = [f.get_default() for f in fields]
        self.adapters = [(i, adapt) for i, f in enumerate(fields) if (adapt := _adapter(f))]
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in fields)
        self.rows: list[tuple] = []

    def add(self, values: dict) -> None:
        row = [values.get(name, default) for name, default in zip(self.names, self.defaults, strict=True)]
        for i, adapt in self.adapters:
            if row[i] is not None:
                row[i] = adapt(row[i])
        self.rows.append(tuple(row))

    def write(self, cursor) -> int:
        if not self.rows:
            return 0
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.names))
            # The quoted names of the models' own tables and columns, nothing from outside.
            insert = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608  # nosec B608
            cursor.executemany(insert, self.rows)
        written, self.rows = len(self.rows), []
        return written


def _adapter(f: models.Field) -> Callable | None:
    """What a value of this field needs before the driver takes it: JSON as text; on SQLite, datetimes as Django
    stores them (naive, in UTC)."""
    if isinstance(f, models.JSONField):
        return json.dumps
    if connection.vendor == "sqlite" and isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return None


@dataclass
class County:
    number: int
    division: Division
    court: Unit
    offices: list[tuple[Unit, User]]
    region: str


class BulkGenerator:
    def __init__(self, *, seed: int, today: date, checkin_days: int, progress: Callable[[str], None]) -> None:
        self.seed = seed
        self.today = today
        self.checkin_days = checkin_days
        self.progress = progress
        self.rng = random.Random(seed)
        self.tz = timezone.get_current_timezone()
        self.ctx = statute_context()
        self.shipped = Context.default()  # what supervisee_derive's minor_rules_apply() builds on every call
        self.initials = cache(name_initials)
        self.level = cache(self._level)
        # simple_history builds a manager on every access of `Model.history`: read the history models once.
        self.supervisee_history, self.handover_history = Supervisee.history.model, Handover.history.model
        self.tables = {
            model: Table(model, with_id=with_id)
            for model, with_id in (
                (Supervisee, True),
                (self.supervisee_history, False),
                (Handover, True),
                (self.handover_history, False),
                (LevelDecision, False),
                (User, False),
                (AppEnrolment, False),
                (CheckIn, False),
            )
        }
        self.contexts = {
            name: Supervisee._meta.get_field(name).context  # type: ignore[attr-defined]
            for name in ("id_number", "phone")
        }
        self.usernames: set[str] = set()

    # The organisation ------------------------------------------------------------------------------------------

    def organisation(self, offices: int) -> list[County]:
        """Synthetic counties under the city, each shaped as units_create_for_city shapes a real one: county agency,
        court, procuratorate and public security; a judicial office and a police station per township."""
        city = Division.objects.filter(code=CITY_CODE).first()
        city_agency = Unit.objects.filter(kind=Unit.Kind.CITY_AGENCY, division=city).first()
        if city is None or city_agency is None or not User.objects.filter(username="zhangli").exists():
            raise BulkError("尚无玉溪演示数据：请先运行 manage.py demo（组织机构和演示账户），再生成全国规模数据。")
        parents = {
            kind: Unit.objects.get(kind=kind, division=city)
            for kind in (Unit.Kind.COURT, Unit.Kind.PROCURATORATE, Unit.Kind.PUBLIC_SECURITY)
        }
        first = Division.objects.filter(parent=city, code__startswith=SYNTHETIC).count() + 1
        numbers = range(first, first + -(-offices // OFFICES_PER_COUNTY))
        namer = DemoGenerator(seed=self.seed, today=self.today)
        password = make_password(DEMO_PASSWORD)  # one hash for every synthetic officer: the demo's one password
        with transaction.atomic():
            counties = Division.objects.bulk_create(
                Division(code=f"{SYNTHETIC}{n:04d}", name=f"模拟县{n:04d}", level=Division.Level.COUNTY, parent=city)
                for n in numbers
            )
            sizes = [min(OFFICES_PER_COUNTY, offices - i * OFFICES_PER_COUNTY) for i in range(len(counties))]
            townships = Division.objects.bulk_create(
                Division(
                    code=f"{county.code}{j:02d}",
                    name=f"模拟镇{n:04d}-{j:02d}",
                    level=Division.Level.TOWNSHIP,
                    parent=county,
                )
                for county, n, size in zip(counties, numbers, sizes, strict=True)
                for j in range(1, size + 1)
            )
            by_county: dict[int, dict[str, Unit]] = {}
            for county in counties:
                by_county[county.id] = {
                    kind: Unit(name=f"{county.name}{suffix}", kind=kind, division=county, county=county, parent=parent)
                    for kind, suffix, parent in (
                        (Unit.Kind.COUNTY_AGENCY, "社区矫正管理局", city_agency),
                        (Unit.Kind.COURT, "人民法院", parents[Unit.Kind.COURT]),
                        (Unit.Kind.PROCURATORATE, "人民检察院", parents[Unit.Kind.PROCURATORATE]),
                        (Unit.Kind.PUBLIC_SECURITY, "公安局", parents[Unit.Kind.PUBLIC_SECURITY]),
                    )
                }
            Unit.objects.bulk_create([u for units in by_county.values() for u in units.values()])
            county_of = {c.id: c for c in counties}
            office_units, station_units = [], []
            for township in townships:
                county, units = county_of[township.parent_id], by_county[township.parent_id]
                number = township.name.removeprefix("模拟镇")
                office_units.append(
                    Unit(
                        name=f"模拟司法所{number}",
                        kind=Unit.Kind.JUDICIAL_OFFICE,
                        division=township,
                        county=county,
                        parent=units[Unit.Kind.COUNTY_AGENCY],
                    )
                )
                station_units.append(
                    Unit(
                        name=f"{county.name}{township_short_name(township.name)}派出所",
                        kind=Unit.Kind.POLICE_STATION,
                        division=township,
                        county=county,
                        parent=units[Unit.Kind.PUBLIC_SECURITY],
                    )
                )
            Unit.objects.bulk_create(office_units + station_units)
            officers = [
                User(
                    username=f"mn{n:04d}",
                    full_name=namer.person_name(Gender.MALE),
                    role=Role.COUNTY_OFFICER,
                    unit=by_county[county.id][Unit.Kind.COUNTY_AGENCY],
                    password=password,
                )
                for county, n in zip(counties, numbers, strict=True)
            ] + [
                User(
                    username=f"mn{office.division.code.removeprefix(SYNTHETIC)}",
                    full_name=namer.person_name(Gender.MALE),
                    role=Role.OFFICE_OFFICER,
                    unit=office,
                    password=password,
                )
                for office in office_units
            ]
            User.objects.bulk_create(officers)
        officer_of = {u.unit_id: u for u in officers}
        offices_of: dict[int, list[tuple[Unit, User]]] = {county.id: [] for county in counties}
        for office in office_units:
            offices_of[office.county_id].append((office, officer_of[office.id]))
        return [
            County(
                number=n,
                division=county,
                court=by_county[county.id][Unit.Kind.COURT],
                offices=offices_of[county.id],
                region=f"{MAINLAND[n % len(MAINLAND)]}{1000 + (n // len(MAINLAND)) % 9000}",
            )
            for county, n in zip(counties, numbers, strict=True)
        ]

    # People ----------------------------------------------------------------------------------------------------

    def _level(self, reported: date) -> tuple:
        decision = RULES["SUPERVISION_LEVEL"](self.ctx, intake_date=reported, today=self.today)
        return decision.outcome, decision.rule, "、".join(decision.articles), "；".join(decision.reasons)

    def _moment(self, day: date, hour: int, rng: random.Random) -> datetime:
        return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=self.tz)

    def person(self, county: County, office: Unit, officer: User, status: str, gen: DemoGenerator, taken: set[str]):
        """One record as the services would have saved it (generator.py's mix of types, terms, crimes and ages)."""
        rng, today = gen.rng, self.today
        pid = self.next_person
        self.next_person += 1
        t = gen.term(status, history_years=10)
        correction_type, sentence, start, end, gender, minor = t.type, t.sentence, t.start, t.end, t.gender, t.minor
        birth, offence, effective = t.birth, t.offence, t.effective
        foreign = rng.random() < 0.003
        while True:
            if foreign:
                number = f"{rng.choice('EPM')}{county.number:04d}{rng.randrange(10**5):05d}"
            else:
                seq = rng.randrange(500) * 2 + (gender == Gender.MALE)
                first17 = f"{county.region}{birth:%Y%m%d}{seq:03d}"
                number = first17 + check_char(first17)
            if number not in taken:
                taken.add(number)
                break
        phone = gen.phone() if rng.random() < 0.95 else ""
        name = gen.person_name(gender)
        address = f"云南省玉溪市{county.division.name}{office.division.name}{rng.randrange(1, 300)}号"
        if correction_type == CorrectionType.PAROLE:
            authority = self.city_court
        elif correction_type == CorrectionType.TEMPORARY_RELEASE and rng.random() < 0.5:
            authority = self.prison
        else:
            authority = county.court.id
        crime, article = gen.pick([(w, (c, a)) for w, c, a in CRIMES])
        registered = self._moment(min(effective + timedelta(days=rng.randrange(1, 8)), today), 9, rng)
        return {
            "id": pid,
            "name": name,
            "name_initials": self.initials(name),
            "gender": gender,
            "ethnicity": "" if foreign else gen.pick(ETHNICITIES),
            "nationality": rng.choice(["缅甸", "老挝", "越南"]) if foreign else "中国",
            "is_foreign": foreign,
            "id_type": IdType.PASSPORT if foreign else IdType.RESIDENT,
            "id_number": encrypt(number, context=self.contexts["id_number"]),
            "id_number_index": identity_index(number),
            "birth_date": birth,
            "phone": encrypt(phone, context=self.contexts["phone"]) if phone else "",
            "phone_index": phone_index(phone),
            "household_address": address,
            "residence_address": address,
            "education": EDUCATION[2][1] if minor else gen.pick(EDUCATION),
            "occupation": "学生" if minor else rng.choice(OCCUPATIONS),
            "correction_type": correction_type,
            "temporary_release_ground": TemporaryReleaseGround.SERIOUS_ILLNESS
            if correction_type == CorrectionType.TEMPORARY_RELEASE
            else "",
            "crime": crime,
            "crime_article": article,
            "offence_date": offence,
            "original_sentence": sentence.text,
            "judgment_effective_date": effective,
            "term_start": start,
            "term_end": end,
            "deciding_authority_id": authority,
            "judicial_office_id": office.id,
            "county_id": county.division.id,
            "status": status,
            "is_minor": minor_rules_apply(
                self.shipped, birth_date=birth, offence_date=offence, term_start=start
            ).outcome,
            "is_three_no": rng.random() < 0.02,
            "is_disabled": rng.random() < 0.03,
            "created_at": registered,
            "updated_at": registered,
            "history_date": registered,
            "history_type": "+",
            "history_user_id": officer.id,
        }

    def course(self, p: dict, officer: User, rng: random.Random) -> int:
        """Report-in, supervision level, phone account and check-ins of one person under correction; rows added."""
        tables, today = self.tables, self.today
        hid = self.next_handover
        self.next_handover += 1
        received = p["judgment_effective_date"] + timedelta(days=rng.randint(2, 8))
        reported = min(p["term_start"] + timedelta(days=rng.randint(1, 9)), today)
        handover = {
            "id": hid,
            "supervisee_id": p["id"],
            "notified_on": p["judgment_effective_date"] + timedelta(days=rng.randint(1, 4)),
            "documents_received_on": min(received, reported),
            "received_documents": list(required_documents(p["correction_type"], p["is_minor"])),
            "receipt_issued_on": min(received + timedelta(days=2), today),
            "reported_on": reported,
            "identity_verified": True,
            "report_recorded_by_id": officer.id,
            "updated_at": p["created_at"],
            "history_date": p["created_at"],
            "history_type": "+",
            "history_user_id": officer.id,
        }
        tables[Handover].add(handover)
        tables[self.handover_history].add(handover)
        level, rule, articles, reasons = self.level(reported)
        effective = max(reported, today - timedelta(days=rng.randint(0, 60)))
        tables[LevelDecision].add(
            {
                "supervisee_id": p["id"],
                "level": level,
                "effective_from": effective,
                "rule": rule,
                "articles": articles,
                "reasons": reasons,
                "decided_by_id": self.decider,
                "created_at": self._moment(effective, 10, rng),
            }
        )
        rows = 3
        if rng.random() >= ENROLLED_SHARE:
            return rows
        enrolled = max(today - timedelta(days=self.checkin_days), effective)
        joined = self._moment(enrolled, 11, rng)
        tables[User].add(
            {
                "username": self._username(rng),
                "password": "!" + "".join(rng.choices(USERNAME_CHARS, k=40)),  # unusable until the office resets it
                "full_name": p["name"],
                "role": Role.SUPERVISEE,
                "supervisee_id": p["id"],
                "date_joined": joined,
            }
        )
        tables[AppEnrolment].add(
            {"supervisee_id": p["id"], "enrolled_on": enrolled, "enrolled_by_id": officer.id, "created_at": joined}
        )
        rows += 2
        day = enrolled + timedelta(days=1)
        while day < today:
            if rng.random() >= MISSED_SHARE:
                tables[CheckIn].add(
                    {
                        "supervisee_id": p["id"],
                        "checked_at": self._moment(day, rng.randint(7, 10), rng),
                        "checked_on": day,
                        "latitude": Decimal(24350000 + rng.randint(-90000, 90000)) / 1_000_000,
                        "longitude": Decimal(102540000 + rng.randint(-90000, 90000)) / 1_000_000,
                        "accuracy": rng.randint(5, 60),
                        "photo": PHOTO,
                        "photo_sha256": self.photo_sha256,
                        "idempotency_key": f"bulk-{p['id']}-{day:%Y%m%d}",
                    }
                )
                rows += 1
            day += timedelta(days=1)
        return rows

    def _username(self, rng: random.Random) -> str:
        """Like app_username: random, neither a number of the person nor the record id; unique in this run and
        against every existing phone account (read once at the start)."""
        while True:
            username = "jz" + "".join(rng.choices(USERNAME_CHARS, k=8))
            if username not in self.usernames:
                self.usernames.add(username)
                return username

    # The run ---------------------------------------------------------------------------------------------------

    def run(self, *, under: int, history: int) -> BulkResult:
        started = clock.monotonic()
        result = BulkResult()
        # Offices of 15–25 people under correction each (the last one takes what is left); history is spread evenly
        # over them, and a run with nobody under correction gets offices of about 150 past records.
        sizes: list[int] = []
        placed = 0
        while placed < under:
            sizes.append(min(self.rng.randint(*OFFICE_SIZE), under - placed))
            placed += sizes[-1]
        sizes = sizes or [0] * -(-history // 150)
        counties = self.organisation(len(sizes))
        offices = [(county, office, officer) for county in counties for office, officer in county.offices]
        result.counties, result.offices = len(counties), len(offices)
        self.progress(f"组织机构：新增 {result.counties} 个模拟县、{result.offices} 个模拟司法所及其工作人员账户。")
        self._prepare()
        shares = [history // len(offices) + (i < history % len(offices)) for i in range(len(offices))]
        total, in_chunk, rows, tick = under + history, 0, 0, clock.monotonic()
        county, gen, taken = None, None, set()
        with self._fast_load():
            for (office_county, office, officer), size, share in zip(offices, sizes, shares, strict=True):
                if office_county is not county:  # identity numbers are unique per county by construction
                    county, taken = office_county, set()
                    gen = DemoGenerator(seed=self.seed * 100_003 + county.number, today=self.today)
                rng = gen.rng
                plan = [
                    Status.PENDING_REPORT if rng.random() < PENDING_SHARE else Status.UNDER_CORRECTION
                    for _ in range(size)
                ] + [Status.TERMINATED if rng.random() < TERMINATED_SHARE else Status.DISCHARGED for _ in range(share)]
                for status in plan:
                    p = self.person(county, office, officer, status, gen, taken)
                    self.tables[Supervisee].add(p)
                    self.tables[self.supervisee_history].add(p)
                    rows += 2
                    if status == Status.UNDER_CORRECTION:
                        rows += self.course(p, officer, gen.rng)
                    if status in ACTIVE_STATUSES:
                        result.under += 1
                    else:
                        result.history += 1
                    in_chunk += 1
                    if in_chunk >= CHUNK_PEOPLE:
                        self._flush(result)
                        now = clock.monotonic()
                        self._report(result, total, rows / (now - tick), started)
                        in_chunk, rows, tick = 0, 0, now
            if in_chunk:
                self._flush(result)
                self._report(result, total, rows / (clock.monotonic() - tick), started)
        self._finish()
        result.seconds = clock.monotonic() - started
        return result

    def _prepare(self) -> None:
        city = Division.objects.get(code=CITY_CODE)
        self.city_court = Unit.objects.get(kind=Unit.Kind.COURT, division=city).id
        self.prison = Unit.objects.get(kind=Unit.Kind.PRISON, division=city).id
        self.decider = User.objects.get(username="zhangli").id
        self.next_person = (Supervisee.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_handover = (Handover.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.usernames = set(User.objects.filter(username__startswith="jz").values_list("username", flat=True))
        image = BytesIO()
        Image.new("RGB", (240, 320), (160, 170, 180)).save(image, "JPEG", quality=80)
        self.photo_sha256 = photo_store(PHOTO, image.getvalue())

    def _report(self, result: BulkResult, total: int, rate: float, started: float) -> None:
        done = result.under + result.history
        self.progress(
            f"已生成 {done:,}/{total:,} 人（在矫 {result.under:,}，历史 {result.history:,}），"
            f"共 {result.total_rows:,} 行，本批 {rate:,.0f} 行/秒，已用 {clock.monotonic() - started:,.0f} 秒。"
        )

    def _flush(self, result: BulkResult) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for model, table in self.tables.items():
                # The driver's cursor: psycopg's copy(), and no query log holding every row when DEBUG is on.
                written = table.write(cursor.cursor)
                label = model._meta.db_table
                result.rows[label] = result.rows.get(label, 0) + written

    def _fast_load(self):
        return _sqlite_fast_load() if connection.vendor == "sqlite" else nullcontext()

    def _finish(self) -> None:
        """Sequences past the ids written explicitly (PostgreSQL), then planner statistics for every table."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for sql in connection.ops.sequence_reset_sql(no_style(), [Supervisee, Handover]):
                    cursor.execute(sql)
                # Every table: the synthetic divisions, units and officers too (with no statistics PostgreSQL took a
                # city's thousands of counties for one and read the whole register to sort a first page).
                cursor.execute("ANALYZE")
            else:
                cursor.execute("PRAGMA analysis_limit=10000")
                cursor.execute("ANALYZE")
        self.progress("已更新序列和查询规划统计（ANALYZE）。")


@contextmanager
def _sqlite_fast_load():
    """synchronous=OFF for the load only (restored after): a crash mid-load may lose the load, not what was there
    before (WAL). SQLite refuses the change inside a transaction: a caller's transaction (tests) keeps its level."""
    if connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(before)}")


def bulk_generate(
    *, under: int, history: int, checkin_days: int = 7, seed: int = 1, today: date, progress=print
) -> BulkResult:
    """Add `under` people under correction (1% still to report) and `history` discharged or terminated, with their
    synthetic counties and offices, course records, phone accounts and the last `checkin_days` days of check-ins."""
    if under < 0 or history < 0 or under + history == 0:
        raise BulkError("人数须为非负整数，且在矫人数与历史人数不能同时为 0。")
    if not 0 <= checkin_days <= 366:
        raise BulkError("签到天数须在 0 到 366 之间。")
    return BulkGenerator(seed=seed, today=today, checkin_days=checkin_days, progress=progress).run(
        under=under, history=history
    )
