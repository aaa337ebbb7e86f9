"""A deterministic generator of demo data for Yuxi: the real organisation tree, staff accounts of every
role, and supervisees with realistic mixes of type, crime, term, sex, age and flags.

Same seed and same `today` → same data. Sizes are parameters, so benchmarks can ask for a million.
Generated people are fictional; identity numbers are well-formed (valid check digit) but invented.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sqjz.accounts.models import DeviceCredential, Role, User
from sqjz.accounts.services import device_enrol, user_create
from sqjz.core.identity import check_char
from sqjz.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from sqjz.demo.appraisal import seed_appraisal
from sqjz.demo.assistance import seed_assistance
from sqjz.demo.committee import seed_committees
from sqjz.demo.counselling import seed_counselling
from sqjz.demo.course import seed_course, seed_investigations
from sqjz.demo.education import seed_education
from sqjz.demo.exchange import seed_exchange
from sqjz.demo.funding import seed_funding
from sqjz.demo.health import seed_health_reports
from sqjz.demo.leadership import seed_leadership
from sqjz.demo.learning import seed_learning
from sqjz.demo.mentoring import seed_mentoring
from sqjz.demo.outbox import seed_outbox
from sqjz.demo.placement import seed_placement
from sqjz.demo.places import seed_places
from sqjz.demo.proposals import seed_proposals
from sqjz.demo.publicity import seed_publicity
from sqjz.demo.ratings import seed_ratings
from sqjz.demo.socialwork import seed_socialwork
from sqjz.demo.staffing import seed_staffing
from sqjz.demo.transfers import seed_transfers
from sqjz.investigation.models import Investigation
from sqjz.organisation.models import Division, Unit
from sqjz.organisation.services import divisions_load, units_create_for_city
from sqjz.statute.calendar import add_months
from sqjz.supervisees.choices import Education, Ethnicity
from sqjz.supervisees.models import (
    CaseAssignment,
    CorrectionType,
    FamilyContact,
    Gender,
    IdType,
    ProhibitionOrder,
    Status,
    Supervisee,
    TemporaryReleaseGround,
)
from sqjz.supervisees.services import identity_index, supervisee_derive

CITY_CODE = "530400"
PRISON_NAME = "云南省玉溪监狱"
SURNAMES = (
    "李王张刘杨赵陈黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢普施龙鲁者段"
)
MALE_CHARS = "伟强军勇杰涛明超刚平辉鹏华飞斌磊波林峰俊浩宇志建国海云龙文东成红亮春荣忠祥兵"
FEMALE_CHARS = "芳娟敏静丽艳霞燕玲萍红梅琳雪婷倩兰英慧莉洁琼蓉秀凤娜琴"
# (weight, ethnicity) roughly as in Yuxi's population
ETHNICITIES = [
    (66, Ethnicity.HAN),
    (18, Ethnicity.YI),
    (5, Ethnicity.HANI),
    (4, Ethnicity.DAI),
    (3, Ethnicity.HUI),
    (1, Ethnicity.BAI),
    (1, Ethnicity.MIAO),
    (1, Ethnicity.MONGOL),
    (1, Ethnicity.LAHU),
]
EDUCATION = [
    (6, Education.ILLITERATE),
    (22, Education.PRIMARY),
    (38, Education.JUNIOR),
    (14, Education.SENIOR),
    (8, Education.VOCATIONAL),
    (7, Education.COLLEGE),
    (5, Education.BACHELOR),
]
OCCUPATIONS = [
    "务农",
    "个体经营",
    "企业职工",
    "无业",
    "驾驶员",
    "建筑工人",
    "仓库管理员",
    "餐饮服务员",
    "外出务工",
    "学生",
]
# (weight, crime, article)
CRIMES = [
    (20, "危险驾驶罪", "刑法第一百三十三条之一"),
    (16, "盗窃罪", "刑法第二百六十四条"),
    (9, "故意伤害罪", "刑法第二百三十四条"),
    (8, "诈骗罪", "刑法第二百六十六条"),
    (7, "交通肇事罪", "刑法第一百三十三条"),
    (6, "帮助信息网络犯罪活动罪", "刑法第二百八十七条之二"),
    (5, "寻衅滋事罪", "刑法第二百九十三条"),
    (4, "开设赌场罪", "刑法第三百零三条"),
    (4, "滥伐林木罪", "刑法第三百四十五条"),
    (3, "非法持有毒品罪", "刑法第三百四十八条"),
    (3, "容留他人吸毒罪", "刑法第三百五十四条"),
    (3, "掩饰、隐瞒犯罪所得罪", "刑法第三百一十二条"),
    (3, "职务侵占罪", "刑法第二百七十一条"),
    (2, "信用卡诈骗罪", "刑法第一百九十六条"),
    (2, "拒不支付劳动报酬罪", "刑法第二百七十六条之一"),
    (2, "失火罪", "刑法第一百一十五条"),
    (2, "非法采矿罪", "刑法第三百四十三条"),
    (1, "聚众斗殴罪", "刑法第二百九十二条"),
]
TYPES = [
    (80, CorrectionType.PROBATION),
    (12, CorrectionType.PAROLE),
    (5, CorrectionType.TEMPORARY_RELEASE),
    (3, CorrectionType.CONTROL),
]
CN_DIGITS = "零一二三四五六七八九十"
PROHIBITIONS = [
    (ProhibitionOrder.Kind.PLACE, "禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所"),
    (ProhibitionOrder.Kind.CONTACT, "禁止接触被害人及其近亲属"),
    (ProhibitionOrder.Kind.ACTIVITY, "禁止从事驾驶机动车营运活动"),
    (ProhibitionOrder.Kind.PLACE, "禁止进入中小学校区、幼儿园园区"),
]
RELATIONS_ADULT = ["配偶", "父亲", "母亲", "子女", "兄弟", "姐妹"]


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals, as sentences are written (三年, 十八个月)."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{CN_DIGITS[tens] if tens > 1 else ''}十{CN_DIGITS[ones] if ones else ''}"


@dataclass
class Sentence:
    correction_type: str
    text: str
    months: int


@dataclass
class Counts:
    units: int = 0
    accounts: int = 0
    supervisees: int = 0


@dataclass(frozen=True)
class Term:
    type: str
    sentence: "Sentence"
    start: date
    end: date
    gender: str
    minor: bool
    birth: date
    offence: date
    effective: date


class DemoGenerator:
    def __init__(self, *, seed: int, today: date, taken_indexes: frozenset[str] = frozenset()) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.used_ids: set[str] = set()
        # Blind indexes of the identity numbers already in the database, so a second run adds new people
        # instead of repeating the first run's (and breaking the one-active-record-per-person constraint).
        self.taken_indexes = taken_indexes
        self.id_seq = 0

    def pick(self, weighted: list[tuple[int, object]]):
        return self.rng.choices([v for _, v in weighted], weights=[w for w, _ in weighted])[0]

    def person_name(self, gender: str) -> str:
        chars = MALE_CHARS if gender == Gender.MALE else FEMALE_CHARS
        given = "".join(self.rng.choice(chars) for _ in range(self.rng.choice((1, 2, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def id_number(self, region: str, birth: date, gender: str) -> str:
        def make() -> str:
            self.id_seq += 1
            seq = self.rng.randrange(0, 500) * 2 + (1 if gender == Gender.MALE else 0)
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            return first17 + check_char(first17)

        return self._unique(make)

    def passport_number(self) -> str:
        return self._unique(lambda: f"{self.rng.choice('EPM')}{self.rng.randrange(10**7, 10**8)}")

    def _unique(self, make: Callable[[], str]) -> str:
        """A document number not generated before in this run nor already in the database."""
        while True:
            number = make()
            if number not in self.used_ids and not (
                self.taken_indexes and identity_index(number) in self.taken_indexes
            ):
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}"

    def sentence(self, correction_type: str) -> Sentence:
        if correction_type == CorrectionType.PROBATION:
            if self.rng.random() < 0.25:
                detention = self.rng.randrange(1, 7)
                months = self.rng.choice([m for m in (2, 3, 4, 6, 8, 10, 12) if m >= max(detention, 2)])
                return Sentence(correction_type, f"拘役{cn_number(detention)}个月，缓刑{cn_number(months)}个月", months)
            years = self.rng.choice((1, 1, 2, 2, 3))
            probation_years = self.rng.choice([y for y in (1, 2, 3, 4, 5) if y >= years])
            return Sentence(
                correction_type,
                f"有期徒刑{cn_number(years)}年，缓刑{cn_number(probation_years)}年",
                probation_years * 12,
            )
        if correction_type == CorrectionType.PAROLE:
            years, months = self.rng.randrange(3, 15), self.rng.randrange(6, 37)
            return Sentence(correction_type, f"有期徒刑{cn_number(years)}年，假释考验期{cn_number(months)}个月", months)
        if correction_type == CorrectionType.CONTROL:
            months = self.rng.randrange(3, 25)
            return Sentence(correction_type, f"管制{cn_number(months)}个月", months)
        years, months = self.rng.randrange(2, 11), self.rng.randrange(6, 25)
        return Sentence(correction_type, f"有期徒刑{cn_number(years)}年，暂予监外执行（保外就医）", months)

    def term(self, status: str, *, history_years: int) -> "Term":
        """A person's type, sentence and dates (term, birth, offence, judgment in force), consistent with each other
        and with `status` on `today`; those no longer under correction ended within the last `history_years`."""
        rng = self.rng
        correction_type = self.pick(TYPES)
        sentence = self.sentence(correction_type)
        if status in (Status.UNDER_CORRECTION, Status.PENDING_REPORT):
            if status == Status.PENDING_REPORT:
                start = self.today - timedelta(days=rng.randrange(0, 9))
            else:
                length = (add_months(self.today, sentence.months) - self.today).days
                start = self.today - timedelta(days=rng.randrange(10, max(length - 1, 11)))
            end = add_months(start, sentence.months) - timedelta(days=1)
            if end <= self.today:
                end = self.today + timedelta(days=rng.randrange(1, 200))
        else:
            end = self.today - timedelta(days=rng.randrange(1, history_years * 365))
            start = add_months(end + timedelta(days=1), -sentence.months)
        gender = Gender.FEMALE if rng.random() < 0.12 else Gender.MALE
        minor = rng.random() < 0.02
        age_at_start = rng.randrange(15, 18) if minor else min(20 + int(rng.expovariate(1 / 15)), 75)
        birth = start - timedelta(days=age_at_start * 365 + rng.randrange(0, 365))
        offence = start - timedelta(days=rng.randrange(60, 400))
        if minor:
            offence = max(offence, birth + timedelta(days=14 * 365 + 30))
        effective = (
            start if correction_type == CorrectionType.PROBATION else start - timedelta(days=rng.randrange(0, 20))
        )
        effective = max(effective, offence + timedelta(days=30))
        return Term(correction_type, sentence, max(start, effective), end, gender, minor, birth, offence, effective)

    def supervisee(self, *, office: Unit, villages: list[Division], authorities: dict, status: str) -> tuple:
        rng = self.rng
        t = self.term(status, history_years=5)
        correction_type, sentence, start, end, gender, minor = t.type, t.sentence, t.start, t.end, t.gender, t.minor
        birth, offence, effective = t.birth, t.offence, t.effective
        foreign = rng.random() < 0.003
        county = office.county
        village = rng.choice(villages) if villages else None
        place = village.name.removesuffix("居民委员会").removesuffix("村民委员会") if village else ""
        address = f"云南省玉溪市{county.name}{office.division.name}{place}{rng.randrange(1, 200)}号"
        if correction_type == CorrectionType.PAROLE:
            authority = authorities["city_court"]
        elif correction_type == CorrectionType.TEMPORARY_RELEASE and rng.random() < 0.5:
            authority = authorities["prison"]
        else:
            authority = authorities[county.id] if rng.random() < 0.85 else rng.choice(authorities["county_courts"])
        crime, article = self.pick([(w, (c, a)) for w, c, a in CRIMES])
        name = self.person_name(gender)
        s = Supervisee(
            name=name,
            gender=gender,
            ethnicity="" if foreign else self.pick(ETHNICITIES),
            nationality=rng.choice(["缅甸", "老挝", "越南"]) if foreign else "中国",
            is_foreign=foreign,
            id_type=IdType.PASSPORT if foreign else IdType.RESIDENT,
            id_number=self.passport_number() if foreign else self.id_number(county.code, birth, gender),
            birth_date=birth,
            phone=self.phone() if rng.random() < 0.95 else "",
            household_address=address,
            residence_address=address,
            village=village,
            education=Education.JUNIOR if minor else self.pick(EDUCATION),
            occupation="学生" if minor else rng.choice(OCCUPATIONS),
            employer_or_school=f"{county.name}第{cn_number(rng.randrange(1, 6))}中学" if minor else "",
            correction_type=correction_type,
            temporary_release_ground=TemporaryReleaseGround.SERIOUS_ILLNESS
            if correction_type == CorrectionType.TEMPORARY_RELEASE
            else "",
            crime=crime,
            crime_article=article,
            offence_date=offence,
            original_sentence=sentence.text,
            judgment_effective_date=effective,
            term_start=start,
            term_end=end,
            deciding_authority=authority,
            judicial_office=office,
            status=status,
            is_three_no=rng.random() < 0.02,
            is_disabled=rng.random() < 0.03,
        )
        supervisee_derive(s)
        contacts = self.contacts(s, minor)
        orders = []
        if correction_type == CorrectionType.PROBATION and rng.random() < 0.15:
            kind, content = rng.choice(PROHIBITIONS)
            orders.append(ProhibitionOrder(kind=kind, content=content, start_date=start, end_date=end))
        return s, contacts, orders

    def contacts(self, s: Supervisee, minor: bool) -> list[FamilyContact]:
        relations = ["父亲", "母亲"] if minor else self.rng.sample(RELATIONS_ADULT, self.rng.choice((1, 1, 2)))
        result = []
        for relation in relations:
            gender = (
                Gender.FEMALE
                if relation in ("母亲", "姐妹") or (relation == "配偶" and s.gender == Gender.MALE)
                else Gender.MALE
            )
            name = (
                (s.name[0] + self.person_name(gender)[1:])
                if relation in ("父亲", "兄弟", "姐妹")
                else self.person_name(gender)
            )
            result.append(
                FamilyContact(
                    name=name,
                    relation=relation,
                    phone=self.phone(),
                    address=s.residence_address,
                    is_guardian=minor and relation in ("父亲", "母亲"),
                )
            )
        return result


# office division code → (social worker, volunteer, mentor) demo accounts assigned to its cases
HELPERS = {"530402001": ("chenxiao", "heping", "majun"), "530403001": ("lixue", "wangfang", "zhangjun")}
PROCURATORS = {"530402": "zhaomin", "530403": "tianjing"}
COUNTY_OFFICERS = {"530402": "zhangli", "530403": "luoming"}


def _assign(
    generator: DemoGenerator, supervisees: list[Supervisee], users: dict[str, User], officers: dict[int, User]
) -> list[CaseAssignment]:
    """Helpers get a few adult cases of their office (assigned by its officer); each minor gets the county's
    procurator (assigned by the county agency)."""
    Kind = CaseAssignment.Kind
    assignments = []

    def assignment(s: Supervisee, user: User, kind: str) -> CaseAssignment:
        county = COUNTY_OFFICERS.get(s.judicial_office.county.code, "zhangli")
        by = officers.get(s.judicial_office_id) if kind != Kind.PROCURATOR else users[county]
        when = timezone.now() - timedelta(days=generator.rng.randint(10, 120))
        return CaseAssignment(
            supervisee=s, user=user, kind=kind, assigned_by=by or users["zhangli"], assigned_at=max(when, s.created_at)
        )

    for office_code, (worker, volunteer, mentor) in HELPERS.items():
        adults = [
            s
            for s in supervisees
            if s.judicial_office.division.code == office_code and s.status == Status.UNDER_CORRECTION and not s.is_minor
        ]
        assignments += [assignment(s, users[worker], Kind.SOCIAL_WORKER) for s in adults[:8]]
        assignments += [assignment(s, users[volunteer], Kind.VOLUNTEER) for s in adults[8:11]]
        assignments += [
            assignment(s, users[mentor], Kind.MENTOR) for s in generator.rng.sample(adults, min(2, len(adults)))
        ]
    for s in supervisees:
        procurator = PROCURATORS.get(s.judicial_office.county.code)
        if s.is_minor and s.status == Status.UNDER_CORRECTION and procurator:
            assignments.append(assignment(s, users[procurator], Kind.PROCURATOR))
    return assignments


def _journey_supervisee(generator: DemoGenerator, office: Unit, villages: list[Division], authorities: dict) -> tuple:
    """陈刚 of journeys.md: 28, probation, warehouse worker in 玉兴街道, with a supervisee account."""
    today = generator.today
    s, contacts, _ = generator.supervisee(
        office=office, villages=villages, authorities=authorities, status=Status.UNDER_CORRECTION
    )
    start = today - timedelta(days=200)
    birth = date(today.year - 28, 3, 15)
    s.name, s.gender, s.birth_date = "陈刚", Gender.MALE, birth
    s.id_type, s.id_number, s.is_foreign, s.nationality, s.ethnicity = (
        IdType.RESIDENT,
        generator.id_number("530402", birth, Gender.MALE),
        False,
        "中国",
        Ethnicity.HAN,
    )
    s.correction_type, s.crime, s.crime_article = CorrectionType.PROBATION, "危险驾驶罪", "刑法第一百三十三条之一"
    s.original_sentence, s.occupation, s.employer_or_school = (
        "有期徒刑一年，缓刑二年",
        "仓库管理员",
        "玉溪市红塔区物流仓储中心",
    )
    s.education = Education.SENIOR
    s.offence_date, s.judgment_effective_date, s.term_start = start - timedelta(days=120), start, start
    s.term_end = add_months(start, 24) - timedelta(days=1)
    s.deciding_authority = authorities[office.county_id]
    supervisee_derive(s)
    return s, contacts, []


@transaction.atomic
def seed_demo(
    *,
    supervisees: int = 1000,
    discharged: int = 3000,
    seed: int = 2026,
    today: date,
    progress: Callable[[str], None] = print,
) -> Counts:
    """Load the organisation and accounts (idempotently) and add generated supervisees."""
    counts = Counts()
    divisions_load()
    city = Division.objects.get(code=CITY_CODE)
    counts.units = units_create_for_city(city, prison_name=PRISON_NAME)
    progress(f"组织机构：新增 {counts.units} 个单位。")

    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            unit = (
                Unit.objects.get(kind=account.unit_kind, division__code=account.division_code)
                if account.unit_kind
                else None
            )
            if account.role == Role.SUPERVISEE:
                continue  # created below, once the person exists
            user = user_create(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                unit=unit,
                password=DEMO_PASSWORD,
            )
            counts.accounts += 1
        users[account.username] = user

    generator = DemoGenerator(
        seed=seed,
        today=today,
        taken_indexes=frozenset(Supervisee.objects.values_list("id_number_index", flat=True)),
    )
    offices = list(
        Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county__parent=city).select_related("division", "county")
    )
    villages = {o.id: list(o.division.children.order_by("code")) for o in offices}
    weights = [max(len(villages[o.id]), 3) for o in offices]
    courts = {u.county_id: u for u in Unit.objects.filter(kind=Unit.Kind.COURT, county__parent=city)}
    authorities = {
        **courts,
        "county_courts": list(courts.values()),
        "city_court": Unit.objects.get(kind=Unit.Kind.COURT, division=city),
        "prison": Unit.objects.get(kind=Unit.Kind.PRISON, division=city),
    }
    officers = {u.unit_id: u for u in User.objects.filter(role=Role.OFFICE_OFFICER)}
    fallback_user = users["zhangli"]

    rows = []
    if not User.objects.filter(username="chengang").exists():
        yuxing = next(o for o in offices if o.division.code == "530402001")
        rows.append(_journey_supervisee(generator, yuxing, villages[yuxing.id], authorities))
    plan = [Status.PENDING_REPORT] * max(supervisees // 100, 1) if supervisees else []
    plan += [Status.UNDER_CORRECTION] * (supervisees - len(plan))
    plan += [Status.TERMINATED] * (discharged // 50)
    plan += [Status.DISCHARGED] * (discharged - discharged // 50)
    for status in plan:
        office = generator.rng.choices(offices, weights=weights)[0]
        rows.append(
            generator.supervisee(office=office, villages=villages[office.id], authorities=authorities, status=status)
        )
    _save(rows, officers, fallback_user, progress)
    counts.supervisees = len(rows)

    chen = next((s for s, _, _ in rows if s.name == "陈刚" and s.employer_or_school.endswith("仓储中心")), None)
    if chen is not None:
        account = user_create(
            username="chengang", full_name="陈刚", role=Role.SUPERVISEE, password=DEMO_PASSWORD, supervisee=chen
        )
        counts.accounts += 1
        _demo_bound_phone(account)
    CaseAssignment.objects.bulk_create(
        _assign(generator, [s for s, _, _ in rows], users, officers), ignore_conflicts=True
    )
    seed_course([s for s, _, _ in rows], rng=generator.rng, today=today, users=users)
    seed_places([s for s, _, _ in rows], today=today, users=users)
    if not Investigation.objects.exists():
        seed_investigations(rng=generator.rng, today=today, users=users, id_number=generator.id_number)
    seed_committees(today=today, users=users)
    seed_proposals(today=today, users=users)
    seed_transfers(today=today, users=users)
    seed_education(today=today, users=users)
    seed_socialwork(today=today, users=users)
    seed_assistance(today=today, users=users)
    seed_ratings(today=today, users=users)
    seed_mentoring(today=today, users=users)
    seed_counselling(today=today, users=users)
    seed_health_reports(today=today, users=users)
    seed_staffing(today=today, users=users)
    seed_placement(today=today, users=users)
    seed_learning(today=today, users=users)
    seed_publicity(today=today, users=users)
    seed_leadership(today=today, users=users)
    seed_exchange(today=today, users=users)
    seed_outbox(today=today, users=users)
    seed_funding(today=today, users=users)
    seed_appraisal(today=today, users=users)
    return counts


def _demo_bound_phone(account: User) -> None:
    """陈刚 bound his phone a month ago and used it this morning (decision 0022). The demo's browsers do not hold its
    secret: signing in as chengang with the password offers binding as usual; lina sees it and can revoke it."""
    android = "Mozilla/5.0 (Linux; Android 12; 22041216C) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile"
    credential, _ = device_enrol(user=account, user_agent=android)
    now = timezone.now()
    DeviceCredential.objects.filter(pk=credential.pk).update(
        created_at=now - timedelta(days=30), last_used_at=now - timedelta(hours=2)
    )


def _save(rows: list[tuple], officers: dict[int, User], fallback_user: User, progress: Callable[[str], None]) -> None:
    batch = 2000
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        people = [s for s, _, _ in chunk]
        for s in people:
            s._history_user = officers.get(s.judicial_office_id, fallback_user)
        bulk_create_with_history(people, Supervisee, batch_size=500)
        contacts, orders = [], []
        for s, cs, os_ in chunk:
            for c in cs:
                c.supervisee = s
            for o in os_:
                o.supervisee = s
            contacts += cs
            orders += os_
        bulk_create_with_history(contacts, FamilyContact, batch_size=500)
        bulk_create_with_history(orders, ProhibitionOrder, batch_size=500)
        progress(f"矫正对象：已生成 {min(i + batch, len(rows))}/{len(rows)}。")
