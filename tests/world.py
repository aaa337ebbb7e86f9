"""A small Yuxi for tests: two counties, three judicial offices, every partner body, a user of every
role (and of neighbouring units, to prove what they must not see), and supervisees in each office.

    红塔区 (hongta): 玉兴街道司法所 (yuxing) with village 荷花社区, 凤凰街道司法所 (fenghuang)
    江川区 (jiangchuan): 星云街道司法所 (xingyun)

Supervisees: adult A and minor M (yuxing), adult B (fenghuang), adult C (xingyun), discharged D (yuxing).
Assignments: the social worker, volunteer and mentor are assigned to A; the hongta procurator to M.
Investigation I: an adult investigated by yuxing for the hongta court.

`add_records` (opt-in, for the access matrices) gives A one record of every kind that has its own URL: a check-in
with its photo, a pending leave with a photo of its evidence, a proposed electronic monitoring (and an in-stock
device and a gateway of the 红塔区 agency), a 红塔区 screening
campaign, a correction opinion addressed to 玉兴 about A, a member of A's correction team, the social worker's
assignment to A, a registration conflict (玉兴 tried C's identity number; the city agency checks it), the 红塔区
review committee with a pending matter about A and a meeting held yesterday with another on its agenda, and a
police-penalty proposal about A sent to the 红塔区 public-security bureau; a prohibition order on A (a place) with a
pending application to enter it, and a pending frequent-travel permit application of A.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.utils import timezone

from sqjz.accounts.models import Role, User
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.intake.models import TeamMember
from sqjz.investigation.models import Investigation
from sqjz.organisation.models import Division, Unit
from sqjz.oversight.models import CorrectionOpinion
from sqjz.proposals.models import Proposal
from sqjz.safety.models import ScreeningCampaign
from sqjz.supervisees.models import CaseAssignment, RegistrationConflict, Status, Supervisee
from sqjz.supervision.models import AppEnrolment, CheckIn, ElectronicMonitoring, TravelLeave
from tests.factories import InvestigationFactory, SuperviseeFactory, UnitFactory, UserFactory, jpeg, resident_id


@dataclass
class World:
    city: Division
    hongta: Division
    jiangchuan: Division
    yuxing_township: Division
    hehua: Division
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    people: dict[str, Supervisee] = field(default_factory=dict)

    investigation: Investigation | None = None
    # Set by add_records:
    checkin: CheckIn | None = None
    leave: TravelLeave | None = None
    monitoring: ElectronicMonitoring | None = None
    device: object = None  # an in-stock device of the 红塔区 agency
    gateway: object = None  # a gateway of the 红塔区 agency
    phone: object = None  # A's bound phone (DeviceCredential), set by a write-matrix step
    campaign: ScreeningCampaign | None = None
    opinion: CorrectionOpinion | None = None
    team_member: TeamMember | None = None
    assignment: CaseAssignment | None = None
    conflict: RegistrationConflict | None = None
    proposal: Proposal | None = None
    # The 红塔区 review committee (add_records): its members (chair county_head, secretary county_officer, two
    # outside members, an observer), a pending matter about A from 玉兴, and a meeting held yesterday with another
    # matter on its agenda.
    committee_members: list = field(default_factory=list)
    matter: object = None
    agenda_matter: object = None
    meeting: object = None
    trigger: object = None  # an occasion for the mentor's visit to A (五必访: a job change), from A's phone report
    change: object = None  # A's report of that job change, not yet read
    crisis: object = None  # A's open crisis case (心理危机干预), 玉兴's officer its counsellor
    education: object = None  # a group session of 玉兴, today, A enrolled
    service: object = None  # a public-benefit activity of 玉兴, today, A signed up
    report: object = None  # A's written report (思想汇报), not yet read
    assistance_case: object = None  # A's vocational-training case (帮扶), opened today on A's needs assessment
    contract: object = None  # the 红塔区 agency's purchased-service contract; the social worker among its workers
    help_record: object = None  # the social worker's visit to A today, delivered under that contract
    staffing: object = None  # a part-time specialist (兼职专干) of 荷花社区 in post, registered by the 红塔区 agency
    placement_base: object = None  # a 红塔区 transitional placement base (housing, 10 places), nobody staying
    enterprise: object = None  # a 红塔区 enterprise, with a training offer (`offer`) that fits A's training case
    offer: object = None
    publicity_post: object = None  # a 红塔区 agency's notice, published today, also for the phones (decision 0046)
    leading_meeting: object = None  # a 红塔区 liaison meeting (联席会议) with a decision and a task (decision 0047)

    @property
    def yuxing(self) -> Unit:
        return self.units["yuxing"]

    @cached_property
    def document(self) -> Document:
        """An issued investigation opinion of I (rendered on first use only: rendering takes time)."""
        from sqjz.investigation.paperwork import opinion

        agency = self.units["hongta_agency"]
        return document_issue(
            actor=self.users["county_head"],
            kind=Document.Kind.INVESTIGATION_OPINION,
            agency=agency,
            doc=opinion(self.investigation, agency, timezone.localdate()),
            investigation=self.investigation,
        )


def build_world() -> World:
    city = Division.objects.create(code="530400", name="玉溪市", level=Division.Level.CITY)
    hongta = Division.objects.create(code="530402", name="红塔区", level=Division.Level.COUNTY, parent=city)
    jiangchuan = Division.objects.create(code="530403", name="江川区", level=Division.Level.COUNTY, parent=city)
    yuxing_t = Division.objects.create(code="530402001", name="玉兴街道", level=Division.Level.TOWNSHIP, parent=hongta)
    fenghuang_t = Division.objects.create(
        code="530402002", name="凤凰街道", level=Division.Level.TOWNSHIP, parent=hongta
    )
    xingyun_t = Division.objects.create(
        code="530403001", name="星云街道", level=Division.Level.TOWNSHIP, parent=jiangchuan
    )
    hehua = Division.objects.create(
        code="530402001001", name="荷花社区居民委员会", level=Division.Level.VILLAGE, parent=yuxing_t
    )
    Division.objects.create(
        code="530402002001", name="凤凰社区居民委员会", level=Division.Level.VILLAGE, parent=fenghuang_t
    )
    w = World(city, hongta, jiangchuan, yuxing_t, hehua)
    K = Unit.Kind

    def unit(key, name, kind, division, county, parent=None):
        w.units[key] = UnitFactory(name=name, kind=kind, division=division, county=county, parent=parent)
        return w.units[key]

    city_agency = unit("city_agency", "玉溪市社区矫正管理局", K.CITY_AGENCY, city, None)
    unit("city_court", "玉溪市中级人民法院", K.COURT, city, None)
    unit("prison", "云南省玉溪监狱", K.PRISON, city, None)
    unit("city_police", "玉溪市公安局", K.PUBLIC_SECURITY, city, None)
    unit("city_procuratorate", "玉溪市人民检察院", K.PROCURATORATE, city, None)
    hongta_agency = unit("hongta_agency", "红塔区社区矫正管理局", K.COUNTY_AGENCY, hongta, hongta, city_agency)
    jiangchuan_agency = unit(
        "jiangchuan_agency", "江川区社区矫正管理局", K.COUNTY_AGENCY, jiangchuan, jiangchuan, city_agency
    )
    unit("yuxing", "玉兴街道司法所", K.JUDICIAL_OFFICE, yuxing_t, hongta, hongta_agency)
    unit("fenghuang", "凤凰街道司法所", K.JUDICIAL_OFFICE, fenghuang_t, hongta, hongta_agency)
    unit("xingyun", "星云街道司法所", K.JUDICIAL_OFFICE, xingyun_t, jiangchuan, jiangchuan_agency)
    unit("hongta_court", "红塔区人民法院", K.COURT, hongta, hongta)
    unit("jiangchuan_court", "江川区人民法院", K.COURT, jiangchuan, jiangchuan)
    unit("hongta_procuratorate", "红塔区人民检察院", K.PROCURATORATE, hongta, hongta)
    unit("jiangchuan_procuratorate", "江川区人民检察院", K.PROCURATORATE, jiangchuan, jiangchuan)
    unit("hongta_police", "红塔区公安局", K.PUBLIC_SECURITY, hongta, hongta)
    unit("yuxing_station", "红塔区玉兴派出所", K.POLICE_STATION, yuxing_t, hongta)
    unit("fenghuang_station", "红塔区凤凰派出所", K.POLICE_STATION, fenghuang_t, hongta)
    unit("hehua_committee", "荷花社区居民委员会", K.VILLAGE_COMMITTEE, hehua, hongta)

    personas = {
        # key: (role, unit key)
        "office_officer": (Role.OFFICE_OFFICER, "yuxing"),
        "other_office_officer": (Role.OFFICE_OFFICER, "fenghuang"),
        "county_officer": (Role.COUNTY_OFFICER, "hongta_agency"),
        "county_head": (Role.COUNTY_HEAD, "hongta_agency"),
        "other_county_officer": (Role.COUNTY_OFFICER, "jiangchuan_agency"),
        "city_officer": (Role.CITY_OFFICER, "city_agency"),
        "procurator": (Role.PROCURATOR, "hongta_procuratorate"),
        "other_procurator": (Role.PROCURATOR, "jiangchuan_procuratorate"),
        "judge": (Role.JUDGE, "hongta_court"),
        "police": (Role.POLICE, "yuxing_station"),
        "county_police": (Role.POLICE, "hongta_police"),
        "prison_officer": (Role.PRISON_OFFICER, "prison"),
        "social_worker": (Role.SOCIAL_WORKER, "yuxing"),
        "volunteer": (Role.VOLUNTEER, "yuxing"),
        "mentor": (Role.MENTOR, "hongta_police"),
        "evaluator": (Role.EVALUATOR, "hehua_committee"),
        "supervisee": (Role.SUPERVISEE, None),
        "admin": (Role.ADMIN, None),
        "security_admin": (Role.SECURITY_ADMIN, None),
        "auditor": (Role.AUDITOR, None),
    }
    court = w.units["hongta_court"]
    today = timezone.localdate()
    w.people["A"] = SuperviseeFactory(name="张三", judicial_office=w.yuxing, deciding_authority=court, village=hehua)
    w.people["M"] = SuperviseeFactory(
        name="李小明",
        judicial_office=w.yuxing,
        deciding_authority=court,
        village=hehua,
        birth_date=today - timedelta(days=16 * 365),
        id_number=resident_id("530402", today - timedelta(days=16 * 365), 901),
        education="junior",
    )
    w.people["B"] = SuperviseeFactory(name="王五", judicial_office=w.units["fenghuang"], deciding_authority=court)
    w.people["C"] = SuperviseeFactory(
        name="赵六", judicial_office=w.units["xingyun"], deciding_authority=w.units["jiangchuan_court"]
    )
    w.people["D"] = SuperviseeFactory(
        name="孙七",
        judicial_office=w.yuxing,
        deciding_authority=court,
        status=Status.DISCHARGED,
        term_start=date(2020, 1, 10),
        term_end=date(2022, 1, 9),
        offence_date=date(2019, 3, 1),
        judgment_effective_date=date(2020, 1, 10),
    )
    for key, (role, unit_key) in personas.items():
        w.users[key] = UserFactory(
            username=key,
            full_name=f"{key}用户",
            role=role,
            unit=w.units[unit_key] if unit_key else None,
            supervisee=w.people["A"] if role == Role.SUPERVISEE else None,
        )
    A, M = w.people["A"], w.people["M"]
    for key, kind in (("social_worker", "social_worker"), ("volunteer", "volunteer"), ("mentor", "mentor")):
        CaseAssignment.objects.create(supervisee=A, user=w.users[key], kind=kind)
    CaseAssignment.objects.create(supervisee=M, user=w.users["procurator"], kind=CaseAssignment.Kind.PROCURATOR)
    w.investigation = InvestigationFactory(
        name="刘调查",
        commissioning_body=court,
        judicial_office=w.yuxing,
        created_by=w.users["office_officer"],
        village=hehua,
    )
    return w


def add_records(w: World) -> World:
    """One record of A (玉兴, 红塔区) behind every object URL, each made by the service that makes it in use, so that
    a 404 in the access matrices means "outside the jurisdiction", never "there is nothing"."""
    from sqjz.committee import services as committee
    from sqjz.intake import services as intake
    from sqjz.oversight.services import opinion_issue
    from sqjz.proposals import services as proposals
    from sqjz.safety.services import campaign_create
    from sqjz.supervisees.models import ProhibitionOrder
    from sqjz.supervisees.services import registration_conflict_refer
    from sqjz.supervision.checkins.services import checkin_photo_process, checkin_record
    from sqjz.supervision.monitoring.services import device_register, gateway_create, monitoring_propose
    from sqjz.supervision.places.models import SpecialPlaceEntry
    from sqjz.supervision.places.services import entry_apply
    from sqjz.supervision.travel.models import FrequentTravelPermit
    from sqjz.supervision.travel.services import permit_apply, travel_apply_own

    a, office, today = w.people["A"], w.users["office_officer"], timezone.localdate()
    intake.level_set(actor=office, supervisee=a, on=today)  # a level: check-ins follow it
    AppEnrolment.objects.create(supervisee=a, enrolled_on=today, enrolled_by=office)
    w.checkin, _ = checkin_record(
        user=w.users["supervisee"],
        idempotency_key="world-checkin-0001",
        latitude="24.352",
        longitude="102.541",
        accuracy="12",
        photo=jpeg(),
    )
    checkin_photo_process(checkin_id=w.checkin.pk)  # the task worker's part: the photo can be shown
    w.checkin.refresh_from_db()
    w.leave = travel_apply_own(  # six days: the office decides (the county delegated it)
        user=w.users["supervisee"],
        leave=TravelLeave(
            purpose=TravelLeave.Purpose.MEDICAL,
            reason="母亲住院，前往陪护",
            destination="昆明市",
            start=today + timedelta(days=3),
            days=6,
            evidence="医院住院通知书",
        ),
        evidence_photo=jpeg(),
    )
    w.prohibition = ProhibitionOrder.objects.create(
        supervisee=a,
        kind=ProhibitionOrder.Kind.PLACE,
        content="禁止进入夜总会、酒吧、迪厅等娱乐场所",
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=300),
    )
    window = timezone.make_aware(datetime.combine(today + timedelta(days=3), time(9, 0)))
    w.entry = entry_apply(
        actor=office,
        supervisee=a,
        entry=SpecialPlaceEntry(
            order=w.prohibition,
            kind=SpecialPlaceEntry.Kind.PLACE,
            place="金色年华KTV（作为证人随警方指认现场）",
            reason="公安机关通知配合指认现场",
            window_from=window,
            window_to=window + timedelta(hours=3),
            applied_on=today,
        ),
    )
    w.permit = permit_apply(
        actor=office,
        supervisee=a,
        permit=FrequentTravelPermit(
            destinations=["昆明市", "红河州个旧市"],
            reason="在昆明务工，每周往返",
            frequency="每周一至周五",
            evidence="劳动合同",
            applied_on=today,
            starts_on=today + timedelta(days=2),
        ),
    )
    w.monitoring = monitoring_propose(
        actor=office,
        supervisee=a,
        monitoring=ElectronicMonitoring(
            grounds=["left_without_approval"], facts="未经批准离开玉溪市三日", start=today, months=3
        ),
    )
    w.device = device_register(  # in stock at the 红塔区 agency
        actor=w.users["county_officer"],
        serial="YXW-WORLD-1",
        kind="wristband",
        model_name="YX-W1",
        properties={"satellite_positioning", "tamper_resistant", "blast_resistant", "water_resistant"},
    )
    w.gateway, _ = gateway_create(actor=w.users["county_head"], name="红塔区腕带平台")
    w.campaign = campaign_create(
        actor=w.users["county_officer"],
        campaign=ScreeningCampaign(
            name="第四季度常规排查",
            kind=ScreeningCampaign.Kind.REGULAR,
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=30),
        ),
    )
    w.opinion = opinion_issue(
        actor=w.users["procurator"],
        opinion=CorrectionOpinion(
            kind=CorrectionOpinion.Kind.WRITTEN,
            addressed_to=w.yuxing,
            supervisee=a,
            matter=CorrectionOpinion.Matter.LEAVE,
            facts="外出审批未写明理由",
            opinion="依法审批并写明理由",
            issued_on=today,
            reply_by=today + timedelta(days=15),
        ),
    )
    w.assignment = CaseAssignment.objects.get(supervisee=a, kind=CaseAssignment.Kind.SOCIAL_WORKER)
    c = w.people["C"]
    w.conflict = registration_conflict_refer(actor=office, existing=c, attempted_office=w.yuxing, attempted_name=c.name)
    # 考核奖惩: a fact with a photo, an admonition proposed on it, a meritorious act, a level review for the county
    from sqjz.enforcement import services as enforcement
    from sqjz.enforcement.models import Fact

    w.enforcement_fact = enforcement.fact_record(
        actor=office,
        supervisee=a,
        fact=Fact(
            occurred_on=today,
            kind="supervision_breach",
            severity="minor",
            source="observation",
            description="未按时报告",
        ),
        photos=[jpeg()],
    )
    w.measure = enforcement.measure_propose(
        actor=office, supervisee=a, kind="admonition", fact_ids=[w.enforcement_fact.pk], proposal="建议训诫"
    )
    w.merit = enforcement.fact_record(
        actor=office,
        supervisee=a,
        fact=Fact(occurred_on=today, kind="meritorious", merit="brave", source="report", description="救起落水儿童"),
    )
    w.level_review = enforcement.level_review_propose(actor=office, supervisee=a)
    w.team_member = intake.team_member_add(
        actor=office,
        supervisee=a,
        member=TeamMember(kind="office", name="李强", gender="male", organisation="玉兴街道司法所", duties="日常监管"),
    )
    w.proposal = proposals.proposal_draft(  # sent to the 红塔区 public-security bureau, not yet decided
        actor=office,
        supervisee=a,
        kind="police_penalty",
        findings={"conduct_on": today - timedelta(days=2), "supervision_breach": "more_serious"},
        statement="未经批准离开玉溪市三日，情节较重",
    )
    proposals.proposal_submit(actor=w.users["county_officer"], proposal_id=w.proposal.pk)
    w.proposal = proposals.proposal_send(actor=w.users["county_head"], proposal_id=w.proposal.pk)
    head = w.users["county_head"]
    w.committee_members = [
        committee.member_add(actor=head, user=head, role="chair", voting=True, from_date=today - timedelta(days=90)),
        committee.member_add(
            actor=head,
            user=w.users["county_officer"],
            role="secretary",
            voting=True,
            from_date=today - timedelta(days=90),
        ),
        committee.member_add(
            actor=head, name="李委员", role="member", voting=True, from_date=today - timedelta(days=90)
        ),
        committee.member_add(
            actor=head, name="赵委员", role="member", voting=True, from_date=today - timedelta(days=90)
        ),
        committee.member_add(
            actor=head,
            name="钱检察官",
            organisation="红塔区人民检察院",
            role="observer",
            voting=False,
            from_date=today - timedelta(days=90),
        ),
    ]
    w.matter, w.agenda_matter = (
        committee.matter_submit(
            actor=office, supervisee=a, kind="difficult_case", title=title, summary="多次违反报告规定"
        )
        for title in ("是否提请警告", "是否提请撤销缓刑")
    )
    w.meeting = committee.meeting_schedule(
        actor=w.users["county_officer"],
        committee_id=w.matter.committee_id,
        held_at=timezone.now() - timedelta(days=1),
        place="第一会议室",
        matter_ids=[w.agenda_matter.pk],
    )
    from sqjz.mentoring import services as mentoring

    w.change = mentoring.change_report_own(
        user=w.users["supervisee"], change="job_change", happened_on=today, content="从仓储中心离职，到玉兴物流公司上班"
    )
    w.trigger = w.change.trigger
    from sqjz.counselling import services as counselling
    from sqjz.counselling.models import CrisisCase

    w.crisis = counselling.crisis_open(
        actor=office,
        supervisee=a,
        case=CrisisCase(
            opened_on=today, source="observation", risk="medium", signs="签到时情绪激动，言语消极", counsellor=office
        ),
    )
    from sqjz.education import services as education
    from sqjz.education.models import EducationSession

    w.education = education.session_create(
        actor=office,
        session=EducationSession(
            theme="legal", topic="《社区矫正法》解读", held_on=today, hours=2, place="玉兴街道司法所", teacher="李强"
        ),
    )
    education.session_enrol(actor=office, session=w.education, people=[a])
    from sqjz.education.models import CommunityService

    w.service = education.service_create(
        actor=office,
        activity=CommunityService(title="荷花社区环境整治", held_on=today, hours=2, place="荷花社区", capacity=10),
    )
    education.service_enrol(actor=office, activity=w.service, people=[a])
    w.report = education.report_submit_own(
        user=w.users["supervisee"], content="本月按时签到，在单位工作正常，思想稳定，遵守各项规定。"
    )
    from sqjz.assistance import services as assistance
    from sqjz.assistance.models import NeedsAssessment

    assistance.assessment_record(
        actor=office,
        supervisee=a,
        assessment=NeedsAssessment(assessed_on=today, work="unemployed", wants_training=True, insured=True),
    )
    w.assistance_case = assistance.case_open(
        actor=office, supervisee=a, kind="vocational_training", body="hrss", opened_on=today, note=""
    )
    from decimal import Decimal

    from sqjz.socialwork import services as socialwork
    from sqjz.socialwork.models import HelpRecord, PaymentMilestone, ServiceContract

    w.contract = socialwork.contract_create(
        actor=w.users["county_officer"],
        contract=ServiceContract(
            title="红塔区社区矫正社会工作服务项目",
            provider="红塔区启航社会工作服务中心",
            selection="public_tender",
            selected_on=today - timedelta(days=220),
            selection_reference="HTCG-2026-001",
            starts_on=today - timedelta(days=200),
            ends_on=today + timedelta(days=165),
            hours=Decimal("600"),
            budget=Decimal("200000"),
            quality_standards="每次服务有记录",
        ),
        quantities={"visit": 300, "counselling": 60},
        workers=[w.users["social_worker"]],
        milestones=[
            PaymentMilestone(due_on=today - timedelta(days=190), amount=Decimal("60000"), condition="首款"),
            PaymentMilestone(
                due_on=today + timedelta(days=10),
                amount=Decimal("80000"),
                condition="中期考核合格后",
                needs_evaluation=True,
            ),
        ],
    )
    w.help_record = socialwork.help_record(
        actor=w.users["social_worker"],
        supervisee_id=a.pk,
        record=HelpRecord(day=today, kind="visit", hours=Decimal("1"), content="上门走访，了解近况"),
    )
    from sqjz.staffing import services as staffing
    from sqjz.staffing.models import VillageSpecialist

    w.staffing = staffing.specialist_register(
        actor=w.users["county_officer"],
        specialist=VillageSpecialist(village=w.hehua, name="王秀兰", phone="13987712345", since=today),
    )
    from sqjz.placement import services as placement
    from sqjz.placement.models import Enterprise, Offer, PlacementBase

    w.placement_base = placement.base_save(
        actor=w.users["county_officer"],
        base=PlacementBase(
            name="红塔区阳光安置基地",
            kind="housing",
            operator="玉溪阳光物业公司",
            capacity=10,
            address="红塔区玉兴路8号",
            contact="王经理",
        ),
    )
    w.enterprise = placement.enterprise_create(
        actor=w.users["county_officer"], enterprise=Enterprise(name="玉溪红塔物流有限公司", contact="李经理")
    )
    w.offer = placement.offer_create(
        actor=w.users["county_officer"],
        enterprise=w.enterprise,
        offer=Offer(
            kind="training", title="叉车操作培训", places=5, valid_from=today, valid_to=today + timedelta(days=90)
        ),
    )
    from sqjz.learning import services as learning

    w.learning = learning.course_create(
        actor=w.users["county_officer"],
        title="《社区矫正法》要点",
        kind="pdf",
        hours=1,
        data=b"%PDF-1.4\n1 0 obj\n%%EOF\n",
    )
    learning.course_assign(actor=office, course=w.learning, people=[a])
    w.learning_assignment = w.learning.assignments.get()
    from sqjz.publicity import services as publicity
    from sqjz.publicity.models import Post

    w.publicity_post = publicity.post_save(
        actor=w.users["county_officer"],
        post=Post(
            kind="notice",
            title="关于做好元旦期间社区矫正工作的通知",
            body="各司法所：\n\n请做好节日期间的走访。",
            publish_on=today,
            to_supervisees=True,
        ),
    )
    from sqjz.leadership import services as leadership
    from sqjz.leadership.models import Meeting

    w.leading_meeting = leadership.meeting_create(
        actor=w.users["county_officer"],
        meeting=Meeting(
            kind="liaison", held_on=today, place="红塔区司法局会议室", chaired_by="张华 区司法局局长", topics="衔接工作"
        ),
        attendance="张华 红塔区司法局 局长\n李强 红塔区人民法院 副院长\n王军 红塔区公安局 副局长 缺席 出差",
        decisions="建立每月信息通报机制",
    )
    leadership.task_add(
        actor=w.users["county_officer"],
        decision=w.leading_meeting.decisions.get(),
        task="制定信息通报办法",
        department="红塔区社区矫正管理局",
        due_on=today + timedelta(days=30),
    )
    return w


def add_transfer(w: World):
    """A's application to move the place of execution from 玉兴 (红塔区) to 星云 (江川区), awaiting the consultation,
    with one photo of its proof; made once per world (opt-in: the access and write matrices)."""
    from sqjz.supervision.models import ResidenceTransfer
    from sqjz.supervision.transfer.services import transfer_apply

    existing = ResidenceTransfer.objects.filter(supervisee=w.people["A"]).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    return transfer_apply(
        actor=w.users["office_officer"],
        supervisee=w.people["A"],
        transfer=ResidenceTransfer(
            to_office=w.units["xingyun"],
            new_address="江川区星云街道上营社区12号",
            reason="在江川区找到稳定工作，全家搬迁",
            evidence="劳动合同",
            move_on=today + timedelta(days=40),
            applied_on=today,
        ),
        proofs=[jpeg()],
    )
