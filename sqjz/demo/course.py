"""Demo records of the course around the generated supervisees: hand-over and report-in of everyone under
correction with their supervision level, documents received for some still to report, phone check-ins in 玉兴,
and investigations at every step in 红塔区 (so that 李娜 and 王强 of journeys.md find work in their inboxes)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.utils import timezone
from PIL import Image
from simple_history.utils import bulk_create_with_history

from sqjz.accounts.models import Role, User
from sqjz.assessment.models import Grade, QuarterlyAssessment
from sqjz.assessment.selectors import assessment_periods
from sqjz.assessment.services import assessment_derive
from sqjz.core.photos import photo_store
from sqjz.demo.enforcement import seed_enforcement
from sqjz.demo.monitoring import seed_monitoring
from sqjz.demo.monitoring_devices import seed_monitoring_devices
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.intake.models import Handover, LevelDecision
from sqjz.investigation import paperwork
from sqjz.investigation.models import Interview, Investigation
from sqjz.investigation.services import investigation_derive
from sqjz.lostcontact import paperwork as lostcontact_paperwork
from sqjz.lostcontact.models import LostContact, Outcome, SearchAttempt, Trigger
from sqjz.lostcontact.selectors import level_decision as lostcontact_level
from sqjz.organisation.models import Unit
from sqjz.organisation.selectors import county_procuratorate, county_public_security
from sqjz.oversight.models import CorrectionOpinion
from sqjz.rulebook.selectors import statute_context
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.statute.calendar import add_working_days
from sqjz.statute.registry import RULES
from sqjz.statute.rules.intake import required_documents
from sqjz.supervisees.models import (
    CorrectionType,
    Gender,
    RegistrationConflict,
    Status,
    Supervisee,
    TemporaryReleaseGround,
)
from sqjz.supervision.checkins import services as checkin_services
from sqjz.supervision.checkins.services import app_username
from sqjz.supervision.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    CheckInReminder,
    ElectronicMonitoring,
    MedicalExamination,
    TravelLeave,
)
from sqjz.supervision.travel.services import approver as travel_approver

FINDINGS = {
    "residence_findings": "在本辖区有固定住所，与家人共同居住。",
    "family_and_social_ties": "家庭关系和睦，家属表示愿意协助监督。",
    "crime_consequences": "犯罪行为未造成严重后果，已赔偿被害人损失并取得谅解。",
    "committee_views": "村（居）民委员会同意接收，愿意协助开展社区矫正。",
    "victim_views": "被害人表示谅解。",
    "social_danger": "初犯，认罪认罚，社会危险性较小。",
    "community_impact": "对所居住社区无重大不良影响。",
}


# How long ago the commission arrived, by the step the demo investigation has reached (all within 10 working
# days except the delivered one, which is done).
DAYS_SINCE_COMMISSION = {
    Investigation.Status.INVESTIGATING: (1, 6),
    Investigation.Status.PENDING_APPROVAL: (7, 7),
    Investigation.Status.DELIVERED: (12, 12),
}


def seed_course(people: list[Supervisee], *, rng: random.Random, today: date, users: dict) -> None:
    ctx = statute_context()
    handovers, levels = [], []
    for s in people:
        received = s.judgment_effective_date + timedelta(days=rng.randint(2, 8))
        if s.status == Status.UNDER_CORRECTION:
            reported = min(s.term_start + timedelta(days=rng.randint(1, 9)), today)
            handovers.append(
                Handover(
                    supervisee=s,
                    notified_on=s.judgment_effective_date + timedelta(days=rng.randint(1, 4)),
                    documents_received_on=min(received, reported),
                    received_documents=list(required_documents(s.correction_type, s.is_minor)),
                    receipt_issued_on=min(received + timedelta(days=2), today),
                    reported_on=reported,
                    identity_verified=True,
                )
            )
            decision = RULES["SUPERVISION_LEVEL"](ctx, intake_date=reported, today=today)
            levels.append(
                LevelDecision(
                    supervisee=s,
                    level=decision.outcome,
                    effective_from=max(reported, today - timedelta(days=rng.randint(0, 60))),
                    rule=decision.rule,
                    articles="、".join(decision.articles),
                    reasons="；".join(decision.reasons),
                    decided_by=users["zhangli"],
                )
            )
        elif s.status == Status.PENDING_REPORT and received <= today and rng.random() < 0.5:
            handovers.append(
                Handover(
                    supervisee=s,
                    documents_received_on=received,
                    received_documents=list(required_documents(s.correction_type, s.is_minor))[:-1],
                )
            )
    Handover.objects.bulk_create(handovers, batch_size=500)
    LevelDecision.objects.bulk_create(levels, batch_size=500)
    # One person (in 玉兴 when there is one) whose term ended yesterday: a discharge waiting for 李娜 and 张丽.
    # Done first, so that the records seeded below fit the shortened term.
    candidates = [
        s
        for s in people
        if s.status == Status.UNDER_CORRECTION and s.name != "陈刚" and s.term_start < today - timedelta(days=1)
    ]
    ending = min(candidates, key=lambda s: s.judicial_office.division.code != "530402001", default=None)
    if ending is not None:
        Supervisee.objects.filter(pk=ending.pk).update(term_end=today - timedelta(days=1))
        ending.term_end = today - timedelta(days=1)
    _seed_assessments(people, rng=rng, today=today, users=users)
    _seed_examinations(people, rng=rng, today=today, recorder=users["zhangli"])
    _seed_travel(people, rng=rng, today=today, users=users)
    _seed_checkins(people, rng=rng, today=today, users=users)
    _seed_safety_and_oversight(people, rng=rng, today=today, users=users)
    seed_monitoring_devices(today=today, users=users)  # first: the monitored people's positions come from devices
    seed_monitoring(people, today=today, users=users)
    _seed_registration_conflict(people, users=users)
    seed_enforcement(people, today=today, users=users)
    _seed_closed_lost_contact(people, today=today, users=users)


def _opened_by_missed_checkins(s: Supervisee, since: date, officer, finding: str) -> LostContact:
    """The case the daily job opens for a person whose last check-in was `since`: the next day missed, the phone
    follow-up the day after did not reach them (LOST_CONTACT_START)."""
    opened_on = since + timedelta(days=2)
    CheckInFollowUp.objects.create(
        supervisee=s,
        followed_up_on=opened_on,
        method=CheckInFollowUp.Method.PHONE,
        reached=False,
        finding=finding,
        recorded_by=officer,
    )
    decision = RULES["LOST_CONTACT_START"](
        statute_context(),
        today=opened_on,
        last_contact=since,
        missed_periods=[(since + timedelta(days=1), since + timedelta(days=1))],
        unreached_follow_ups=[opened_on],
    )
    return LostContact.objects.create(
        supervisee=s,
        since=decision.outcome,
        trigger=Trigger.CHECKINS,
        trigger_rule=decision.rule,
        trigger_articles="、".join(decision.articles),
        trigger_reasons="；".join(decision.reasons),
        opened_on=opened_on,
    )


def _seed_lost_contact(s: Supervisee, *, today: date, users: dict) -> None:
    """A 玉兴 person out of contact for LOST_CONTACT_DAYS days: 李娜's phone follow-up did not reach them, the daily job
    opened the case (LOST_CONTACT_START), she searched twice and notified the police the next day."""
    since = today - timedelta(days=LOST_CONTACT_DAYS)
    lina = users["lina"]
    case = _opened_by_missed_checkins(s, since, lina, "电话关机，微信未回复，未能联系上本人。")
    opened_on = case.opened_on
    for day, method, contacted, result in (
        (
            opened_on,
            SearchAttempt.Method.FAMILY,
            "母亲（同住）",
            "称本人三天前说去外地找工作，未说去向，电话一直关机。",
        ),
        (
            opened_on + timedelta(days=1),
            SearchAttempt.Method.EMPLOYER,
            "原工作单位负责人",
            "已辞职离开，同事不知去向。",
        ),
    ):
        SearchAttempt.objects.create(
            case=case,
            attempted_at=datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone()),
            method=method,
            contacted=contacted,
            result=result,
            recorded_by=lina,
        )
    office = s.judicial_office
    agency = office.parent
    police, procuratorate = county_public_security(office), county_procuratorate(office)
    if police is None or procuratorate is None:
        return
    notified = opened_on + timedelta(days=1)
    document = document_issue(
        actor=lina,
        kind=Document.Kind.LOST_CONTACT_NOTICE,
        agency=agency,
        doc=lostcontact_paperwork.lost_contact_notice(
            s,
            case,
            list(case.attempts.all()),
            days=(notified - since).days,
            agency_name=agency.name,
            police=police.name,
            procuratorate=procuratorate.name,
            note="",
            issued=notified,
        ),
        supervisee=s,
    )
    LostContact.objects.filter(pk=case.pk).update(police_notified_on=notified, notice=document)


def _seed_closed_lost_contact(people: list[Supervisee], *, today: date, users: dict) -> None:
    """周丽 of 星云 found a person on the third day out of contact; the case is closed with its admonition ground."""
    xingyun = [
        s
        for s in people
        if s.status == Status.UNDER_CORRECTION
        and s.judicial_office.division.code == "530403001"
        and s.pk
        and s.term_start < today - timedelta(days=30)
    ]
    if not xingyun:
        return
    s, zhouli = xingyun[0], users["zhouli"]
    since = today - timedelta(days=20)
    restored = since + timedelta(days=3)
    case = LostContact(
        supervisee=s,
        since=since,
        trigger=Trigger.OFFICER,
        trigger_reasons="走访时家属称本人已两日未归，电话无人接听。",
        opened_on=since + timedelta(days=1),
        opened_by=zhouli,
        outcome=Outcome.FOUND,
        restored_on=restored,
        outcome_note="在江川区亲戚家中找到本人，称与家人争吵后外出，已教育并带回。",
        closed_by=zhouli,
        closed_at=datetime.combine(restored, time(16, 0), tzinfo=timezone.get_current_timezone()),
        state=LostContact.State.CLOSED,
    )
    decision = lostcontact_level(statute_context(), case, s.correction_type, restored)
    case.measure, case.measure_rule = decision.outcome, decision.rule
    case.measure_articles, case.measure_reasons = "、".join(decision.articles), "；".join(decision.reasons)
    case.save()
    SearchAttempt.objects.create(
        case=case,
        attempted_at=datetime.combine(since + timedelta(days=2), time(9, 30), tzinfo=timezone.get_current_timezone()),
        method=SearchAttempt.Method.VILLAGE,
        contacted="社区居委会主任",
        result="了解到本人可能在江川区亲戚家，已联系其亲属核实。",
        recorded_by=zhouli,
    )


ASSESSMENT_TEXTS = {
    Grade.GOOD: (
        "遵守法律法规和禁止令，无违法违规行为。",
        "按时报到、报告，服从监督管理，外出均经批准。",
        "积极参加集中教育和个别教育，学习认真。",
        "积极参加社区公益活动，表现突出。",
        "社区评议员评议：表现好，群众反映良好。",
    ),
    Grade.PASS: (
        "遵守法律法规，无违法行为。",
        "能够按时报到、报告，遵守监督管理规定。",
        "按要求参加教育学习。",
        "按要求参加社区公益活动。",
        "社区评议员评议：表现一般。",
    ),
    Grade.FAIL: (
        "遵守法律法规，无违法行为。",
        "本期两次未按时报告，经教育后改正不及时。",
        "无正当理由缺席集中教育一次。",
        "参加社区公益活动不积极。",
        "社区评议员评议：表现较差，需加强教育。",
    ),
}


def _seed_assessments(people: list[Supervisee], *, rng: random.Random, today: date, users: dict) -> None:
    """Every ended assessment period graded (mostly 合格, some 良好, a few 不合格), so that the inbox shows what
    is really due: periods ending within the look-ahead everywhere, and in 玉兴 two people whose latest period
    is still to assess. 陈刚 was 良好 every time: 连续两次良好, 优秀, a commendation is required."""
    ctx = statute_context()
    active = [s for s in people if s.status == Status.UNDER_CORRECTION]
    periods = {s.pk: assessment_periods(ctx, term_start=s.term_start, term_end=s.term_end, until=today) for s in active}
    in_yuxing = {s.pk for s in active if s.judicial_office.division.code == "530402001"}
    # The two in 玉兴 whose latest period ended most recently stay unassessed for it (overdue by a few days).
    waiting = sorted(
        (s for s in active if s.pk in in_yuxing and s.name != "陈刚" and periods[s.pk]),
        key=lambda s: (today - periods[s.pk][-1].end).days,
    )[:2]
    rows = []
    for s in active:
        earlier: list[QuarterlyAssessment] = []
        for p in periods[s.pk][:-1] if s in waiting else periods[s.pk]:
            if s.name == "陈刚":
                grade = Grade.GOOD
            else:
                grade = rng.choices([Grade.PASS, Grade.GOOD, Grade.FAIL], weights=[72, 25, 3])[0]
            law_abiding, compliance, education, service, views = ASSESSMENT_TEXTS[grade]
            a = QuarterlyAssessment(
                supervisee=s,
                period_number=p.number,
                period_start=p.start,
                period_end=p.end,
                grade=grade,
                law_abiding=law_abiding,
                compliance=compliance,
                education=education,
                community_service=service,
                evaluator_views=views,
                assessed_on=min(p.end + timedelta(days=rng.randint(0, 5)), today),
                assessed_by=users["lina"] if s.pk in in_yuxing else users["zhangli"],
            )
            a._history_user = a.assessed_by
            assessment_derive(ctx, s, a, earlier)
            earlier.append(a)
            rows.append(a)
    bulk_create_with_history(rows, QuarterlyAssessment, batch_size=500)


def _seed_examinations(people: list[Supervisee], *, rng: random.Random, today: date, recorder) -> None:
    """People on medical parole had their last re-examination some weeks ago (a few are now due)."""
    exams = []
    for s in people:
        if s.status == Status.UNDER_CORRECTION and s.temporary_release_ground == TemporaryReleaseGround.SERIOUS_ILLNESS:
            examined = max(today - timedelta(days=rng.randint(20, 95)), s.term_start)
            exams.append(
                MedicalExamination(
                    supervisee=s,
                    examined_on=examined,
                    hospital="玉溪市人民医院",
                    findings="病情稳定，仍需继续治疗。",
                    recorded_by=recorder,
                )
            )
    MedicalExamination.objects.bulk_create(exams, batch_size=500)


def _seed_travel(people: list[Supervisee], *, rng: random.Random, today: date, users: dict) -> None:
    """Journeys.md: a 6-day request waiting for 李娜 (玉兴), an 18-day one for 王强 (红塔区), and 陈刚 away in
    昆明 on an approved leave."""
    active = [s for s in people if s.status == Status.UNDER_CORRECTION and s.term_end > today + timedelta(days=40)]
    yuxing = [s for s in active if s.judicial_office.division.code == "530402001" and s.name != "陈刚"]
    hongta = [s for s in active if s.judicial_office.county.code == "530402" and s not in yuxing[:1]]
    chen = next((s for s in active if s.name == "陈刚"), None)
    plan = [
        (yuxing[:1], 6, "pending", "昆明市", "就医"),
        (hongta[-1:], 18, "pending", "上海市", "处理工作重要事务"),
        ([chen] if chen else [], 5, "approved", "昆明市", "探望住院的母亲"),
    ]
    ctx = statute_context()
    for who, days, status, destination, reason in plan:
        for s in who:
            start = today + timedelta(days=3) if status == "pending" else today - timedelta(days=1)
            level = travel_approver(s, start, days)
            lead = RULES["TRAVEL_LEAVE_LEAD_TIME"](ctx, applied_on=start - timedelta(days=3), start=start)
            TravelLeave.objects.create(
                supervisee=s,
                purpose=TravelLeave.Purpose.MEDICAL if "医" in reason or "住院" in reason else TravelLeave.Purpose.WORK,
                reason=reason,
                destination=destination,
                start=start,
                days=days,
                applied_on=start - timedelta(days=3),
                evidence="相关证明材料",
                level=level.outcome,
                level_reasons="；".join(level.reasons),
                lead_time_note="；".join(lead.reasons),
                status=status,
                decided_by=users["lina"] if status == "approved" else None,
                decided_at=timezone.now() if status == "approved" else None,
                recorded_by=users["lina"],
            )


CHECKIN_DAYS = 30  # how long the demo's 玉兴 people have been checking in
LOST_CONTACT_DAYS = 12  # the 玉兴 lost-contact case is on its 12th day
RETURNED_AWAY_DAYS = 6  # another 玉兴 person missed the days from 6 to 2 days ago and checked in again yesterday


FACES = Path(__file__).resolve().parent / "faces"  # public-domain photos, see faces/README.md
STAND_IN_DAYS_AGO = 3


def _seed_faces(chen: Supervisee, *, today: date) -> None:
    """Issue 13: 陈刚's report-in photo and his check-in selfies show the same face (three takes: turned, nearer,
    darker), each compared by the face model as the check-in task does; three days ago someone else checked in for
    him, and that check-in waits for 李娜's review."""
    report_in = (FACES / "astronaut.jpg").read_bytes()
    relative = f"photos/{chen.pk}/report-in.jpg"
    photo_store(relative, report_in)
    Handover.objects.filter(supervisee=chen).update(photo=relative)
    face = Image.open(BytesIO(report_in)).convert("RGB")
    takes = [
        face.rotate(5, expand=True).resize((420, 440)),
        face.crop((60, 0, 452, 420)),
        face.point(lambda v: int(v * 0.75)),
    ]
    days = sorted(set(CheckIn.objects.filter(supervisee=chen).values_list("checked_on", flat=True)))
    stand_in_day = today - timedelta(days=STAND_IN_DAYS_AGO)
    for i, take in enumerate(takes):
        out = BytesIO()
        take.save(out, "JPEG", quality=85)
        _face_photo(chen, f"face-{i + 1}", out.getvalue(), [d for d in days[i :: len(takes)] if d != stand_in_day])
    if stand_in_day in days:
        _face_photo(chen, "stand-in", (FACES / "grace_hopper.jpg").read_bytes(), [stand_in_day])


def _face_photo(s: Supervisee, name: str, photo: bytes, days: list[date]) -> None:
    """Store `photo` as the person's check-in photo on `days`, with the face model's result for it."""
    relative = f"photos/{s.pk}/checkins/{name}.jpg"
    digest = photo_store(relative, photo)
    fields = checkin_services.face_compare(s.pk, photo, checkin_id=0)
    for checkin in CheckIn.objects.filter(supervisee=s, checked_on__in=days):
        concerns = checkin_services.checkin_concerns(checkin, fields["face_result"], fields["face_distance"])
        CheckIn.objects.filter(pk=checkin.pk).update(
            photo=relative, photo_sha256=digest, concerns=concerns, doubtful=bool(concerns), **fields
        )


def _seed_checkins(people: list[Supervisee], *, rng: random.Random, today: date, users: dict) -> None:
    """Journeys.md: everyone under correction in 玉兴 checks in from the phone app (陈刚 too: his account is the
    demo's); two of them missed yesterday, so 李娜 finds two missed check-ins in her inbox. An earlier miss of
    someone else was followed up by phone and settled."""
    yuxing = [
        s
        for s in people
        if s.status == Status.UNDER_CORRECTION and s.judicial_office.division.code == "530402001" and s.pk
    ]
    if not yuxing:
        return
    levels = dict(LevelDecision.objects.filter(supervisee__in=yuxing).values_list("supervisee_id", "effective_from"))
    yuxing = [s for s in yuxing if s.pk in levels]
    accounts = set(User.objects.filter(supervisee__in=yuxing).values_list("supervisee_id", flat=True))
    # One stopped checking in LOST_CONTACT_DAYS ago and could not be reached: the daily job opened a lost-contact
    # case (_seed_lost_contact).
    lost = next((s for s in yuxing if s.name != "陈刚" and s.term_end > today + timedelta(days=30)), None)
    missing_yesterday = [s for s in yuxing if s.name != "陈刚" and s.term_end >= today and s != lost][:2]
    settled = next((s for s in yuxing if s.name != "陈刚" and s not in missing_yesterday and s != lost), None)
    # One stopped checking in a week ago, was not reached, and checked in again yesterday: the case waits for 李娜 to
    # close it (失联对象已恢复联系，待结案).
    returned = next(
        (s for s in yuxing if s.name != "陈刚" and s not in missing_yesterday and s not in (lost, settled)), None
    )
    checkins, enrolments = [], []
    for s in yuxing:
        enrolled_on = max(today - timedelta(days=CHECKIN_DAYS), levels[s.pk])
        enrolments.append(AppEnrolment(supervisee=s, enrolled_on=enrolled_on, enrolled_by=users["lina"]))
        if s.pk not in accounts:
            account = User(username=app_username(), full_name=s.name, role=Role.SUPERVISEE, supervisee=s)
            account.set_unusable_password()  # 李娜 resets it to hand a password over
            account.save()
        image = BytesIO()
        Image.new("RGB", (240, 320), tuple(rng.randint(90, 220) for _ in range(3))).save(image, "JPEG")
        relative = f"photos/{s.pk}/checkins/demo.jpg"
        digest = photo_store(relative, image.getvalue())
        skipped = {today - timedelta(days=1)} if s in missing_yesterday else set()
        if s == lost:
            skipped |= {today - timedelta(days=d) for d in range(1, LOST_CONTACT_DAYS)}
        if s == settled:
            skipped.add(today - timedelta(days=9))
        if s == returned:
            skipped |= {today - timedelta(days=d) for d in range(2, RETURNED_AWAY_DAYS + 1)}
        day = enrolled_on + timedelta(days=1)
        while day < today:
            if day not in skipped:
                moment = datetime.combine(day, time(8, rng.randint(0, 59)), tzinfo=timezone.get_current_timezone())
                checkins.append(
                    CheckIn(
                        supervisee=s,
                        checked_at=moment + timedelta(minutes=rng.randint(0, 90)),
                        checked_on=day,
                        latitude=Decimal("24.350000") + Decimal(rng.randint(-9000, 9000)) / 1_000_000,
                        longitude=Decimal("102.540000") + Decimal(rng.randint(-9000, 9000)) / 1_000_000,
                        accuracy=rng.randint(5, 60),
                        photo=relative,
                        photo_sha256=digest,
                        idempotency_key=f"demo-{s.pk}-{day:%Y%m%d}",
                    )
                )
            day += timedelta(days=1)
    AppEnrolment.objects.bulk_create(enrolments)
    CheckIn.objects.bulk_create(checkins, batch_size=1000)
    # Their phones showed yesterday's reminder at 19:00, and still no check-in came (李娜 reads it beside the miss).
    CheckInReminder.objects.bulk_create(
        CheckInReminder(
            supervisee=s,
            kind=CheckInReminder.Kind.CHECKIN,
            due_by=datetime.combine(today, time(), tzinfo=timezone.get_current_timezone()),
            shown_at=datetime.combine(today - timedelta(days=1), time(19), tzinfo=timezone.get_current_timezone()),
        )
        for s in missing_yesterday
    )
    chen = next((s for s in yuxing if s.name == "陈刚"), None)
    if chen is not None:
        _seed_faces(chen, today=today)
    if settled is not None:
        CheckInFollowUp.objects.create(
            supervisee=settled,
            followed_up_on=today - timedelta(days=8),
            method=CheckInFollowUp.Method.PHONE,
            reached=True,
            finding="本人称手机欠费停机，已当日缴费恢复，经教育后表示按时签到。",
            recorded_by=users["lina"],
        )
    if lost is not None:
        _seed_lost_contact(lost, today=today, users=users)
    if returned is not None:
        _seed_returned(returned, today=today, users=users)


def _seed_returned(s: Supervisee, *, today: date, users: dict) -> None:
    """The person who missed RETURNED_AWAY_DAYS - 1 days: 李娜's phone follow-up did not reach them, the daily job
    opened the case, her visit to the family found nothing; they checked in again yesterday."""
    since = today - timedelta(days=RETURNED_AWAY_DAYS + 1)
    case = _opened_by_missed_checkins(s, since, users["lina"], "电话无人接听，短信未回复。")
    SearchAttempt.objects.create(
        case=case,
        attempted_at=datetime.combine(case.opened_on, time(15, 0), tzinfo=timezone.get_current_timezone()),
        method=SearchAttempt.Method.FAMILY,
        contacted="妻子（同住）",
        result="称本人去外县帮亲戚收甘蔗，手机没电，答应转告其尽快与司法所联系。",
        recorded_by=users["lina"],
    )


def _seed_safety_and_oversight(people: list[Supervisee], *, rng: random.Random, today: date, users: dict) -> None:
    """红塔区's quarterly screening under way (most people done), one person on electronic monitoring whose
    period ends soon and another's proposal awaiting the county head, and a correction opinion of 赵敏 awaiting the
    agency's reply (journeys.md)."""
    hongta = [s for s in people if s.status == Status.UNDER_CORRECTION and s.judicial_office.county.code == "530402"]
    if not hongta:
        return
    agency = hongta[0].judicial_office.parent
    campaign = ScreeningCampaign.objects.create(
        name=f"{today.year}年第{(today.month - 1) // 3 + 1}季度常规排查",
        kind=ScreeningCampaign.Kind.REGULAR,
        area=agency,
        starts_on=today - timedelta(days=15),
        ends_on=today + timedelta(days=10),
        created_by=users["zhangli"],
    )
    Screening.objects.bulk_create(
        Screening(
            campaign=campaign,
            supervisee=s,
            screened_on=today - timedelta(days=rng.randint(0, 14)),
            method=Screening.Method.VISIT,
            outcome=Screening.Outcome.STABLE,
            screened_by=users["lina"],
        )
        for s in hongta
        if rng.random() < 0.85
    )
    watched = next((s for s in hongta if s.name != "陈刚" and s.term_end > today + timedelta(days=60)), None)
    if watched is not None:
        start = today - timedelta(days=80)
        ElectronicMonitoring.objects.create(
            supervisee=watched,
            grounds=["left_without_approval"],
            facts="未经批准离开玉溪市前往昆明市，经查找后返回。",
            start=start,
            months=3,
            end=RULES["ELECTRONIC_MONITORING_PERIOD"](statute_context(), start=start, requested_months=3).outcome.end,
            device_number="YX-HT-0007",
            status=ElectronicMonitoring.Status.ACTIVE,
            proposed_by=users["lina"],
            decided_by=users["wangqiang"],
            decided_at=timezone.now(),
        )
    # A second person in 玉兴 for whom 李娜 proposed the device: the proposal waits for 王强 (county head).
    candidates = [s for s in hongta if s != watched and s.name != "陈刚" and s.term_end > today + timedelta(days=120)]
    proposed = min(candidates, key=lambda s: s.judicial_office.division.code != "530402001", default=None)
    if proposed is not None:
        start = today + timedelta(days=2)
        ElectronicMonitoring.objects.create(
            supervisee=proposed,
            grounds=["refused_report_after_warning"],
            facts="多次拒不按规定报告活动情况，已于上月给予警告，仍未改正。",
            start=start,
            months=2,
            end=RULES["ELECTRONIC_MONITORING_PERIOD"](statute_context(), start=start, requested_months=2).outcome.end,
            status=ElectronicMonitoring.Status.PROPOSED,
            proposed_by=users["lina"],
        )
    CorrectionOpinion.objects.create(
        procuratorate=users["zhaomin"].unit,
        issued_by=users["zhaomin"],
        kind=CorrectionOpinion.Kind.WRITTEN,
        addressed_to=agency,
        matter=CorrectionOpinion.Matter.LEAVE,
        facts="抽查发现，部分外出审批未附证明材料，审批意见未写明理由。",
        opinion="请规范外出审批，逐件补齐证明材料和审批理由，并书面回复整改情况。",
        issued_on=today - timedelta(days=3),
        reply_by=today + timedelta(days=11),
        reply_due=today + timedelta(days=11),
    )


def seed_investigations(*, rng: random.Random, today: date, users: dict, id_number) -> int:
    """Investigations in 红塔区: in each office one being investigated; in 玉兴 also one awaiting the head's
    approval and one delivered awaiting the court's adoption."""
    offices = list(
        Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county__code="530402").order_by("division__code")
    )
    court = Unit.objects.get(kind=Unit.Kind.COURT, division__code="530402")
    procuratorate = Unit.objects.get(kind=Unit.Kind.PROCURATORATE, division__code="530402")
    lina, head = users["lina"], users["wangqiang"]
    plan = [(o, Investigation.Status.INVESTIGATING) for o in offices]
    yuxing = next(o for o in offices if o.division.code == "530402001")
    plan += [(yuxing, Investigation.Status.PENDING_APPROVAL), (yuxing, Investigation.Status.DELIVERED)]
    created = 0
    for n, (office, status) in enumerate(plan, 1):
        gender = rng.choice([Gender.MALE, Gender.MALE, Gender.FEMALE])
        birth = date(today.year - rng.randint(20, 55), rng.randint(1, 12), rng.randint(1, 28))
        received = today - timedelta(days=rng.randint(*DAYS_SINCE_COMMISSION[status]))
        inv = Investigation(
            commissioning_body=court if n % 3 else procuratorate,
            commission_number=f"（{today.year}）云0402刑初{300 + n}号",
            received_on=received,
            fast_track=n % 4 == 0,
            judicial_office=office,
            procuratorate_notified_on=received,
            name=f"{rng.choice('李王张刘杨赵陈黄周吴')}{rng.choice('伟强军勇杰芳娟敏静丽')}{rng.choice('明华平辉')}",
            gender=gender,
            id_number=id_number("530402", birth, gender),
            birth_date=birth,
            residence_address=f"云南省玉溪市红塔区{office.division.name}{rng.randint(1, 99)}号",
            crime=rng.choice(["危险驾驶罪", "盗窃罪", "故意伤害罪", "诈骗罪"]),
            offence_date=received - timedelta(days=rng.randint(60, 200)),
            proposed_correction_type=CorrectionType.PROBATION,
            status=status,
            created_by=lina,
        )
        if status != Investigation.Status.INVESTIGATING:
            for name, text in FINDINGS.items():
                setattr(inv, name, text)
            inv.opinion, inv.opinion_reasons = (
                Investigation.Opinion.SUITABLE,
                "具备社区矫正条件，家庭和社区均愿意协助监管。",
            )
            inv.submitted_by, inv.submitted_at = lina, timezone.now()
        if status == Investigation.Status.DELIVERED:
            inv.approved_by, inv.approved_at = head, timezone.now()
            inv.delivered_on = inv.copied_to_procuratorate_on = add_working_days(
                statute_context().calendar, received, 6
            ).due
        investigation_derive(inv)
        inv.save()
        if status != Investigation.Status.INVESTIGATING:
            for kind in (Interview.Kind.FAMILY, Interview.Kind.COMMITTEE):
                Interview.objects.create(
                    investigation=inv,
                    kind=kind,
                    interviewee="家属" if kind == Interview.Kind.FAMILY else "社区居委会主任",
                    interviewed_on=received + timedelta(days=1),
                    place="被调查人住所" if kind == Interview.Kind.FAMILY else "社区居委会",
                    summary="了解被调查人的家庭、日常表现和社区意见。",
                    recorded_by=lina,
                )
        if status == Investigation.Status.DELIVERED:
            agency = office.parent
            document_issue(
                actor=head,
                kind=Document.Kind.INVESTIGATION_OPINION,
                agency=agency,
                doc=paperwork.opinion(inv, agency, inv.delivered_on),
                investigation=inv,
            )
        created += 1
    return created


def _seed_registration_conflict(people: list[Supervisee], *, users: dict) -> None:
    """周丽 of 星云街道 (江川区) tried to register an identity number that already has an active record in 玉兴街道: she
    was told only that the city agency will check it; the conflict waits for 刘建国 (city agency)."""
    yuxing = [
        s
        for s in people
        if s.status == Status.UNDER_CORRECTION and s.judicial_office.division.code == "530402001" and s.name != "陈刚"
    ]
    office = users["zhouli"].unit
    if yuxing and office is not None:
        RegistrationConflict.objects.create(
            existing=yuxing[-1], attempted_office=office, attempted_by=users["zhouli"], attempted_name=yuxing[-1].name
        )
