"""Discharge and termination through the pages officers use: the written evaluation before the end of
the term, the county agency's discharge with its three documents, and termination."""

import json
import re
from datetime import date

import time_machine
from django.urls import reverse

from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh_people
from sqjz.supervisees.models import Status, Supervisee
from tests.factories import PASSWORD, SuperviseeFactory, resident_id

EVALUATED = date(2026, 12, 10)
BEFORE_END = date(2027, 1, 10)
AFTER_END = date(2027, 1, 18)  # a Monday; the term ended on Friday 15 January
TERM = {
    "offence_date": date(2024, 8, 1),
    "judgment_effective_date": date(2025, 1, 16),
    "term_start": date(2025, 1, 16),
    "term_end": date(2027, 1, 15),
}
EVALUATION = {
    "performance": "矫正期间遵守法律法规和监督管理规定，按时报到，积极参加教育学习和公益活动。",
    "assessment_summary": "历次考核均为“良好”以上，2026年第二季度受到表扬一次，无训诫、警告。",
    "community_views": "荷花社区居委会认为其表现良好，同意按期解除矫正。",
    "resettlement_advice": "建议由玉兴街道安置帮教工作站协助其稳定就业。",
    "evaluated_on": "2026-12-10",
    "version": "",
}
DISCHARGE = {
    "cause": "term_expired",
    "discharged_on": "2027-01-15",
    "announcement_held": "on",
    "announced_on": "2027-01-15",
    "announcement_place": "玉兴街道司法所宣告室",
    "announcement_host": "玉兴街道司法所所长李明",
    "announcement_participants": "矫正小组成员王芳、荷花社区居委会主任赵强",
    "announcement_public": "on",
    "resettlement_body": "玉兴街道安置帮教工作站",
    "handed_over_on": "2027-01-15",
    "password": PASSWORD,
}


def ending(person: Supervisee) -> Supervisee:
    """Give a person of the world a term that ends on 2027-01-15 (the world is built on today's date)."""
    Supervisee.objects.filter(pk=person.pk).update(**TERM)
    person.refresh_from_db()
    return person


def url(name: str, person: Supervisee) -> str:
    return reverse(f"discharge:{name}", args=[person.pk])


def evaluate(client, person: Supervisee, **overrides):
    return client.post(url("evaluation", person), EVALUATION | overrides)


def evaluated(world, login, person: Supervisee) -> Supervisee:
    with time_machine.travel(EVALUATED):
        assert evaluate(login(world.users["office_officer"]), ending(person)).status_code == 302
    return person


def test_county_discharges_at_the_end_of_the_term_with_three_documents(world, login):
    A = ending(world.people["A"])
    with time_machine.travel(EVALUATED):
        office = login(world.users["office_officer"])
        page = office.get(url("case", A)).content.decode()
        # The deadline of the evaluation: 30 days before the end of the term, with its rule.
        assert "期满前书面鉴定" in page and "社区矫正法第四十四条" in page
        assert "2026年12月16日" in page and "剩余 6 天" in page
        assert evaluate(office, A).status_code == 302
        evaluation = DischargeEvaluation.objects.get(supervisee=A)
        assert (evaluation.evaluated_by, evaluation.evaluator_unit) == (world.users["office_officer"], world.yuxing)
        # The office writes the evaluation but does not discharge: the button says why.
        page = office.get(url("case", A)).content.decode()
        assert "解除矫正由县级社区矫正机构办理。" in page
        assert office.post(url("discharge", A), DISCHARGE).status_code == 403

    with time_machine.travel(AFTER_END):
        county = login(world.users["county_officer"])
        response = county.post(url("discharge", A), DISCHARGE)
        assert response.status_code == 302 and response.url == url("case", A)
        A.refresh_from_db()
        assert A.status == Status.DISCHARGED
        assert A.history.first().history_user == world.users["county_officer"]
        discharge = Discharge.objects.get(supervisee=A)
        assert discharge.decided_by == world.users["county_officer"]

        documents = list(Document.objects.filter(supervisee=A).order_by("serial"))
        assert [(d.kind, d.number) for d in documents] == [
            ("discharge_certificate", "〔2027〕玉红司矫字第1号"),
            ("discharge_announcement", "〔2027〕玉红司矫字第2号"),
            ("discharge_notice", "〔2027〕玉红司矫字第3号"),
        ]
        certificate, announcement, notice = (d.content for d in documents)
        assert (certificate["recipient"], certificate["copy_to"]) == ("张三", [])
        assert announcement["recipient"] == ""
        assert (notice["recipient"], notice["copy_to"]) == ("红塔区人民法院", ["红塔区人民检察院", "红塔区公安局"])
        announced = json.dumps(announcement, ensure_ascii=False)
        assert EVALUATION["performance"] in announced and EVALUATION["community_views"] in announced
        assert "原判刑罚不再执行" in announced  # probation (刑法第七十六条)
        assert "玉兴街道安置帮教工作站" in json.dumps(notice, ensure_ascii=False)
        for d in documents:  # identity numbers never go into the stored content
            assert A.id_number not in json.dumps(d.content, ensure_ascii=False)
        assert "1990年5月17日出生" in json.dumps(notice, ensure_ascii=False)
        pdf = county.get(reverse("documents:download", args=[documents[0].pk, "pdf"]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

        # The record is read-only now, the evaluation too, and nothing is left in the inbox.
        assert county.get(reverse("supervisees:edit", args=[A.pk])).status_code == 404
        assert evaluate(county, A).status_code == 404
        assert county.post(url("discharge", A), DISCHARGE).status_code == 404
        assert not InboxItem.objects.filter(supervisee=A, state=InboxItem.State.OPEN).exists()
        page = county.get(url("case", A)).content.decode()
        assert "已于2027年1月15日解除社区矫正" in page and "〔2027〕玉红司矫字第3号" in page


def test_discharge_before_the_end_of_the_term_is_refused_but_amnesty_is_allowed(world, login):
    A = evaluated(world, login, world.people["A"])
    with time_machine.travel(BEFORE_END):
        county = login(world.users["county_head"])
        page = county.get(url("case", A)).content.decode()
        assert "矫正期满日为2027年1月15日，期满后方可解除" in page

        refused = county.post(url("discharge", A), DISCHARGE | {"discharged_on": "2027-01-10"})
        assert refused.status_code == 400
        assert "矫正期满日为2027年1月15日，期满后方可解除" in str(refused.context["discharge_form"].errors["cause"])
        assert "玉兴街道司法所宣告室" in refused.content.decode()  # what was typed is kept

        amnesty = {**DISCHARGE, "cause": "amnesty", "discharged_on": "2027-01-10", "announcement_held": ""}
        no_basis = county.post(url("discharge", A), amnesty)
        assert no_basis.status_code == 400
        assert "赦免依据" in str(no_basis.context["discharge_form"].errors["amnesty_basis"])
        A.refresh_from_db()
        assert A.status == Status.UNDER_CORRECTION and not Document.objects.filter(supervisee=A).exists()

        basis = "中华人民共和国主席特赦令（第1号）"
        amnesty |= {"amnesty_basis": basis, "handed_over_on": "2027-01-10"}
        assert county.post(url("discharge", A), amnesty).status_code == 302
    A.refresh_from_db()
    assert A.status == Status.DISCHARGED
    discharge = Discharge.objects.get(supervisee=A)
    assert (discharge.cause, discharge.announced_on, discharge.announcement_public) == ("amnesty", None, False)
    # No announcement held: the certificate and the notice only.
    kinds = list(Document.objects.filter(supervisee=A).order_by("serial").values_list("kind", flat=True))
    assert kinds == ["discharge_certificate", "discharge_notice"]
    certificate = json.dumps(
        Document.objects.get(supervisee=A, kind="discharge_certificate").content, ensure_ascii=False
    )
    assert basis in certificate and "被赦免" in certificate


def test_public_announcement_for_a_minor_is_refused(world, login):
    M = evaluated(world, login, world.people["M"])
    assert M.is_minor
    with time_machine.travel(AFTER_END):
        county = login(world.users["county_head"])
        page = county.get(url("case", M)).content.decode()
        assert "解矫宣告不公开进行，监护人应当到场" in page
        public = county.post(url("discharge", M), DISCHARGE | {"guardian_present": "on"})
        assert public.status_code == 400
        assert "不得公开进行" in str(public.context["discharge_form"].errors["announcement_public"])
        assert "玉兴街道安置帮教工作站" in public.content.decode()
        no_guardian = county.post(url("discharge", M), DISCHARGE | {"announcement_public": ""})
        assert no_guardian.status_code == 400
        assert "监护人应当到场" in str(no_guardian.context["discharge_form"].errors["guardian_present"])
    M.refresh_from_db()
    assert M.status == Status.UNDER_CORRECTION
    assert not Discharge.objects.exists() and not Document.objects.exists()


def test_offended_as_a_minor_and_adult_at_the_release_announcement_needs_no_guardian(world, login):
    """The record stays sealed (社区矫正法第五十四条、第五十八条) and the announcement private, but a person of 18
    or more has no guardian to attend."""
    birth = date(2007, 3, 3)  # 17 at the offence (2024-08-01), 19 at the announcement
    person = SuperviseeFactory(
        name="钱成年",
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        birth_date=birth,
        id_number=resident_id("530402", birth, 420),
        **TERM,
    )
    assert person.is_minor
    person = evaluated(world, login, person)
    with time_machine.travel(AFTER_END):
        county = login(world.users["county_head"])
        page = county.get(url("case", person)).content.decode()
        notice = re.search(r'data-testid="announcement-minor">(.*?)</p>', page).group(1)
        assert "解矫宣告不公开进行" in notice and "无监护人到场要求" in notice
        public = county.post(url("discharge", person), DISCHARGE)
        assert public.status_code == 400
        assert "不得公开进行" in str(public.context["discharge_form"].errors["announcement_public"])
        done = county.post(url("discharge", person), DISCHARGE | {"announcement_public": ""})
        assert done.status_code == 302
    announcement = Document.objects.get(supervisee=person, kind="discharge_announcement")
    text = json.dumps(announcement.content, ensure_ascii=False)
    assert "本宣告不公开进行" in text and "监护人" not in text
    assert announcement.content["confidential"]


def test_guardian_present_is_never_pre_ticked_on_the_discharge_form(world, login):
    M = evaluated(world, login, world.people["M"])
    with time_machine.travel(AFTER_END):
        page = login(world.users["county_head"]).get(url("case", M))
    assert not page.context["discharge_form"]["guardian_present"].value()


def test_wrong_password_is_refused_and_nothing_typed_is_lost(world, login):
    A = evaluated(world, login, world.people["A"])
    with time_machine.travel(AFTER_END):
        response = login(world.users["county_officer"]).post(url("discharge", A), DISCHARGE | {"password": "wrong"})
    assert response.status_code == 400
    assert "密码不正确" in str(response.context["discharge_form"].errors["password"])
    page = response.content.decode()
    assert "玉兴街道司法所所长李明" in page and "玉兴街道安置帮教工作站" in page
    assert PASSWORD not in page  # the password itself is not sent back
    A.refresh_from_db()
    assert A.status == Status.UNDER_CORRECTION and not Document.objects.exists()


def test_discharge_requires_the_written_evaluation(world, login):
    A = ending(world.people["A"])
    with time_machine.travel(AFTER_END):
        county = login(world.users["county_officer"])
        assert "尚未作出期满前书面鉴定" in county.get(url("case", A)).content.decode()
        response = county.post(url("discharge", A), DISCHARGE)
    assert response.status_code == 400
    assert "尚未作出期满前书面鉴定" in response.content.decode()
    A.refresh_from_db()
    assert A.status == Status.UNDER_CORRECTION


def test_office_officer_may_neither_discharge_nor_terminate(world, login):
    A = evaluated(world, login, world.people["A"])
    with time_machine.travel(AFTER_END):
        office = login(world.users["office_officer"])
        page = office.get(url("case", A)).content.decode()
        assert "解除矫正由县级社区矫正机构办理。" in page and "终止矫正由县级社区矫正机构办理。" in page
        assert 'data-testid="confirm-discharge"' not in page
        assert office.post(url("discharge", A), DISCHARGE).status_code == 403
        death = {"cause": "death", "terminated_on": "2027-01-05", "basis": "死亡证明", "password": PASSWORD}
        assert office.post(url("terminate", A), death).status_code == 403
    A.refresh_from_db()
    assert A.status == Status.UNDER_CORRECTION


def test_termination_by_death_notifies_the_deciding_authority(world, login):
    A = world.people["A"]
    with time_machine.travel(AFTER_END):
        head = login(world.users["county_head"])
        death = {
            "cause": "death",
            "terminated_on": "2027-01-05",
            "basis": "居民死亡医学证明（推断）书，编号530402202700123",
            "note": "家属于2027年1月6日报告。",
            "password": PASSWORD,
        }
        assert head.post(url("terminate", A), death).status_code == 302
        A.refresh_from_db()
        assert A.status == Status.TERMINATED
        termination = Termination.objects.get(supervisee=A)
        assert (termination.cause, termination.terminated_on) == ("death", date(2027, 1, 5))
        notice = Document.objects.get(supervisee=A)
        assert (notice.kind, notice.number) == ("termination_notice", "〔2027〕玉红司矫字第1号")
        assert notice.content["recipient"] == "红塔区人民法院"
        assert notice.content["copy_to"] == ["红塔区人民检察院", "红塔区公安局"]
        text = json.dumps(notice.content, ensure_ascii=False)
        assert "2027年1月5日死亡" in text and "第五十一条" in text and A.id_number not in text
        assert head.get(reverse("supervisees:edit", args=[A.pk])).status_code == 404
        assert "已于2027年1月5日终止社区矫正（死亡）" in head.get(url("case", A)).content.decode()
        account = world.users["supervisee"]  # A's own phone-app account
        account.refresh_from_db()
        assert not account.is_active


def test_termination_of_a_person_not_yet_reported(world, login):
    with time_machine.travel(AFTER_END):
        pending = SuperviseeFactory(
            name="周八",
            judicial_office=world.yuxing,
            deciding_authority=world.units["hongta_court"],
            status=Status.PENDING_REPORT,
        )
        inbox_refresh_people([pending.pk])
        assert InboxItem.objects.filter(supervisee=pending, kind="report_in", state="open").exists()
        head = login(world.users["county_head"])
        page = head.get(url("case", pending)).content.decode()
        assert "仅在矫人员可作期满前书面鉴定" in page and 'data-testid="confirm-termination"' in page
        revoked = {
            "cause": "parole_revoked",
            "terminated_on": AFTER_END.isoformat(),
            "basis": "（2027）云0402刑更5号刑事裁定书",
            "password": PASSWORD,
        }
        wrong_type = head.post(url("terminate", pending), revoked)
        assert wrong_type.status_code == 400
        assert "仅适用于假释" in str(wrong_type.context["termination_form"].errors["cause"])
        assert head.post(url("terminate", pending), revoked | {"cause": "probation_revoked"}).status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.TERMINATED
    assert Document.objects.get(supervisee=pending).kind == "termination_notice"
    assert not InboxItem.objects.filter(supervisee=pending, state="open").exists()


def test_evaluation_is_edited_with_history_and_guards_against_overwriting(world, login):
    A = ending(world.people["A"])
    with time_machine.travel(EVALUATED):
        office = login(world.users["office_officer"])
        future = evaluate(office, A, evaluated_on="2026-12-11")
        assert future.status_code == 400
        assert "鉴定日期应在矫正起始日" in str(future.context["evaluation_form"].errors["evaluated_on"])
        assert EVALUATION["performance"] in future.content.decode()
        assert evaluate(office, A).status_code == 302
        county = login(world.users["county_officer"])
        assert evaluate(county, A, version="1", community_views="居委会同意解除。").status_code == 302
        stale = evaluate(county, A, version="1", community_views="过期的修改")
        assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()
        assert "过期的修改" in stale.content.decode()
    evaluation = DischargeEvaluation.objects.get(supervisee=A)
    assert (evaluation.version, evaluation.community_views) == (2, "居委会同意解除。")
    assert evaluation.evaluated_by == world.users["county_officer"]
    assert [h.history_user.username for h in evaluation.history.order_by("history_date")] == [
        "office_officer",
        "county_officer",
    ]


def test_access_follows_jurisdiction(world, login, client):
    A = world.people["A"]
    assert client.get(url("case", A)).status_code == 302  # anonymous: to the login page
    assert login(world.users["other_office_officer"]).get(url("case", A)).status_code == 404
    assert evaluate(client, A).status_code == 404
    other_county = login(world.users["other_county_officer"])
    assert other_county.get(url("case", A)).status_code == 404
    assert other_county.post(url("discharge", A), DISCHARGE).status_code == 404
    assert login(world.users["supervisee"]).get(url("case", A)).status_code == 403
    procurator = login(world.users["procurator"])
    page = procurator.get(url("case", A))
    assert page.status_code == 200
    assert 'data-testid="save-evaluation"' not in page.content.decode()
    assert evaluate(procurator, A).status_code == 403
    # Nobody's evaluation was written by the refused attempts.
    assert not DischargeEvaluation.objects.exists()


def test_the_evaluation_closes_its_inbox_item(world, login):
    A = ending(world.people["A"])
    with time_machine.travel(EVALUATED):
        inbox_refresh_people([A.pk])
        item = InboxItem.objects.get(supervisee=A, kind="discharge_evaluation", state="open")
        assert item.get_absolute_url() == url("case", A)
        assert evaluate(login(world.users["office_officer"]), A).status_code == 302
    assert not InboxItem.objects.filter(supervisee=A, kind="discharge_evaluation", state="open").exists()


def test_wrong_passwords_at_a_decision_count_toward_the_lockout(world, login, settings):
    A = evaluated(world, login, world.people["A"])
    officer = world.users["county_officer"]
    with time_machine.travel(AFTER_END):
        client = login(officer)
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            response = client.post(url("discharge", A), DISCHARGE | {"password": "wrong"})
        assert "账户已锁定" in response.content.decode()
        officer.refresh_from_db()
        assert officer.is_locked()
        locked = client.post(url("discharge", A), DISCHARGE)  # even the right password is refused now
        assert locked.status_code == 400 and "账户已锁定" in locked.content.decode()
    A.refresh_from_db()
    assert A.status == Status.UNDER_CORRECTION
