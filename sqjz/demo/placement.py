"""Demo placement bases and enterprises (AID-9), made through the services as 红塔区's agency would (张丽): a
transitional housing base with three "three-no" people staying and one who has left, a work base founded by a person
under correction, and an enterprise offering jobs and training; the job is proposed to a placed person's job-referral
case and the training to the demo's open vocational-training case (玉兴), if there is one."""

from datetime import date, timedelta

from sqjz.assistance import selectors as assistance_selectors
from sqjz.assistance import services as assistance
from sqjz.assistance.models import NeedsAssessment
from sqjz.placement import services
from sqjz.placement.models import Enterprise, Offer, PlacementBase
from sqjz.statute.rules.placement import OFFER_FITS
from sqjz.supervisees.models import Status, Supervisee

HONGTA = "530402"
STAYS = (  # (days ago moved in, days ago left or None, what was arranged, how they left)
    (60, 12, "刑满释放后无处居住，安排在基地保洁", "找到工作，自行租房"),
    (40, None, "无固定住所，安排在基地食堂帮厨", ""),
    (21, None, "家中房屋拆迁，无亲可投，安排在基地绿化养护", ""),
    (6, None, "从外地返回后无处居住，待推荐就业", ""),
)


def seed_placement(*, today: date, users: dict) -> None:
    zhangli = users.get("zhangli")
    if zhangli is None or PlacementBase.objects.exists():
        return
    housing = services.base_save(
        actor=zhangli,
        base=PlacementBase(
            name="红塔区春晖过渡性安置基地",
            kind=PlacementBase.Kind.HOUSING,
            operator="玉溪春晖物业服务有限公司",
            capacity=6,
            address="红塔区玉兴街道春晖路12号",
            contact="杨春晖",
            phone="0877-2035678",
            note="提供集体宿舍6个床位和一日三餐，入住人员在基地保洁、帮厨或绿化养护，按月发放劳务报酬。",
        ),
    )
    services.base_save(
        actor=zhangli,
        base=PlacementBase(
            name="玉兴绿源蔬菜种植基地",
            kind=PlacementBase.Kind.WORK,
            operator="玉兴绿源种植专业合作社",
            capacity=4,
            address="红塔区玉兴街道荷花村委会",
            contact="赵绿源",
            founded_by_supervisee=True,
            note="由曾接受社区矫正的人员创办，提供蔬菜种植、采收岗位。",
        ),
    )
    people = list(
        Supervisee.objects.filter(
            county__code=HONGTA,
            status=Status.UNDER_CORRECTION,
            is_minor=False,
            term_start__lte=today - timedelta(days=90),
        )
        .exclude(needs_assessments__isnull=False)
        .order_by("id")[: len(STAYS)]
    )
    placed = []
    for person, (since, left, reason, how) in zip(people, STAYS, strict=False):
        assistance.assessment_record(
            actor=zhangli,
            supervisee=person,
            assessment=NeedsAssessment(
                assessed_on=today - timedelta(days=since + 5),
                work="unemployed",
                stable_housing=False,
                insured=False,
                note="无固定住所，无业，经走访核实无亲友可以投靠。",
            ),
        )
        stay = services.placement_create(
            actor=zhangli,
            base=housing,
            supervisee=person,
            started_on=today - timedelta(days=since),
            planned_end=today - timedelta(days=since) + timedelta(days=180),
            reason=reason,
            family_to_turn_to=False,
        )
        if left is not None:
            services.placement_end(actor=zhangli, placement=stay, ended_on=today - timedelta(days=left), end_note=how)
        else:
            placed.append(person)
    enterprise = services.enterprise_create(
        actor=zhangli,
        enterprise=Enterprise(
            name="玉溪红塔物流有限公司",
            contact="李建国",
            phone="13987765432",
            note="仓储物流企业，愿为社区矫正对象提供分拣、装卸岗位和叉车操作培训。",
        ),
    )
    offers = {
        kind: services.offer_create(
            actor=zhangli,
            enterprise=enterprise,
            offer=Offer(
                kind=kind,
                title=title,
                places=places,
                valid_from=today - timedelta(days=10),
                valid_to=today + timedelta(days=80),
                note=note,
            ),
        )
        for kind, title, places, note in (
            ("job", "仓储分拣员", 3, "月薪3000元起，包住宿，试用期一个月"),
            ("training", "叉车操作培训", 5, "免费培训一个月，考取叉车证后优先录用"),
        )
    }
    if placed:
        assistance.case_open(
            actor=zhangli,
            supervisee=placed[0],
            kind="job_referral",
            body="hrss",
            opened_on=today - timedelta(days=5),
            note="已在安置基地，希望找到稳定工作",
        )
    for kind, offer in offers.items():
        cases = assistance_selectors.unfinished_cases(zhangli, kinds=OFFER_FITS[kind], county_id=enterprise.county_id)
        first = cases.first()
        if first is not None:
            services.match_propose(
                actor=zhangli, offer=offer, case_id=first.pk, day=today - timedelta(days=2), note="已与企业联系"
            )
