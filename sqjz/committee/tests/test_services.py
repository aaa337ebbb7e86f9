"""The review committee's services and interface: submission, quorum, majority, who may vote, resolution gating
and the kind's on_resolved hook."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.committee import registry, selectors, services
from sqjz.committee.models import DeliberationSetting, Matter, Meeting
from sqjz.committee.tests.helpers import held_meeting, hongta_committee, past
from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem

pytestmark = pytest.mark.django_db

CALLS = []
TEST_KIND = registry.MatterKind("test_only_kind", "测试事项", on_resolved=lambda m: CALLS.append((m.pk, m.outcome)))


@pytest.fixture
def test_kind():
    registry.register(TEST_KIND)
    DeliberationSetting.objects.create(code=TEST_KIND.code, label=TEST_KIND.label, level="county")
    CALLS.clear()
    yield TEST_KIND
    registry.unregister(TEST_KIND.code)


@pytest.fixture
def setup(world):
    committee, members = hongta_committee(world, timezone.localdate() - timedelta(days=60))
    return world, committee, members


def submit(w, kind="difficult_case", actor="office_officer", person="A"):
    return services.matter_submit(
        actor=w.users[actor],
        supervisee=w.people[person],
        kind=kind,
        title="是否提请撤销缓刑",
        summary="多次违反报告规定。",
        materials=[("档案", f"/supervisees/{w.people[person].pk}/")],
    )


def votes(members, *choices):
    return {m.pk: (c, "意见") for m, c in zip(members, choices, strict=False)}


def test_the_seeded_kinds_need_county_deliberation_and_unknown_kinds_none(db):
    assert selectors.deliberation_level("revocation_proposal") == "county"
    assert selectors.deliberation_level("difficult_case") == "county"
    assert selectors.deliberation_level("no_such_kind") is None
    DeliberationSetting.objects.filter(code="commutation_proposal").update(level="")
    assert selectors.deliberation_level("commutation_proposal") is None


def test_without_the_seeded_settings_what_ships_still_holds(db):
    """A database emptied of the seeded rows (a flush, a restore of an old backup) still sends revocations to the
    committee: the settings only override what ships."""
    DeliberationSetting.objects.all().delete()
    assert selectors.deliberation_level("revocation_proposal") == "county"
    assert selectors.deliberation_level("no_such_kind") is None


def test_a_matter_goes_to_the_committee_of_the_persons_county(setup):
    w, committee, _ = setup
    m = submit(w)
    assert m.committee == committee and m.status == Matter.Status.PENDING and m.submitting_unit == w.yuxing
    assert list(m.materials.values_list("label", flat=True)) == ["档案"]
    item = InboxItem.objects.get(kind="committee_agenda", subject_id=m.pk, state="open")
    assert item.actor_user == w.users["county_officer"]  # the secretary


def test_a_city_level_kind_goes_to_the_city_committee(setup):
    w, _, _ = setup
    DeliberationSetting.objects.filter(code="difficult_case").update(level="city")
    m = submit(w)
    assert m.committee.unit == w.units["city_agency"] and m.committee.level == "city"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "no_such_kind"}, "kind"),
        ({"title": " "}, "title"),
        ({"summary": ""}, "summary"),
        ({"materials": [("外链", "https://example.com/")]}, "materials"),
        ({"materials": [("外链", "//example.com/")]}, "materials"),
    ],
)
def test_a_bad_submission_is_refused_naming_the_field(setup, kwargs, field):
    w, _, _ = setup
    data = {"title": "事项", "summary": "事实", "kind": "difficult_case", "materials": ()} | kwargs
    with pytest.raises(services.CommitteeError) as error:
        services.matter_submit(actor=w.users["office_officer"], supervisee=w.people["A"], **data)
    assert error.value.field == field


def test_only_those_who_may_edit_the_record_submit(setup):
    w, _, _ = setup
    for persona in ("other_office_officer", "procurator", "city_officer"):
        with pytest.raises(services.CommitteeError):
            submit(w, actor=persona)


def test_a_kind_needing_no_deliberation_is_refused(setup, test_kind):
    w, _, _ = setup
    DeliberationSetting.objects.filter(code=test_kind.code).update(level="")
    with pytest.raises(services.CommitteeError, match="无需提交"):
        submit(w, kind=test_kind.code)


def test_quorum_is_more_than_the_configured_share_of_voting_members(setup):
    w, committee, members = setup
    chair, secretary, one, two, _ = members
    m = submit(w)
    # 4 voting members (the observer does not vote): 2 present is not more than half.
    meeting = held_meeting(w, [m], at=past(1), absent=[one, two])
    q = selectors.quorum(meeting)
    assert (q.voting, q.present, q.needed, q.met) == (4, 2, 3, False)
    with pytest.raises(services.CommitteeError, match="未达到法定人数"):
        services.matter_deliberate(
            actor=w.users["county_officer"],
            meeting_id=meeting.pk,
            matter_id=m.pk,
            votes=votes([chair, secretary], "agree", "agree"),
            outcome="passed",
            text="同意",
        )
    committee.quorum_percent = 40
    committee.save()
    assert selectors.quorum(Meeting.objects.get(pk=meeting.pk)).met  # 2 × 100 > 4 × 40


def test_votes_only_by_voting_members_present(setup):
    w, _, members = setup
    chair, secretary, one, two, observer = members
    m = submit(w)
    meeting = held_meeting(w, [m], at=past(1), absent=[two])
    officer = w.users["county_officer"]
    base = votes([chair, secretary, one], "agree", "agree", "agree")
    for intruder in (two, observer):  # absent, and an observer without a vote
        with pytest.raises(services.CommitteeError, match="只有出席会议的表决委员") as error:
            services.matter_deliberate(
                actor=officer,
                meeting_id=meeting.pk,
                matter_id=m.pk,
                votes=base | {intruder.pk: ("agree", "")},
                outcome="passed",
                text="同意",
            )
        assert error.value.field == "votes"
    with pytest.raises(services.CommitteeError, match="请登记"):  # every voting member present votes
        services.matter_deliberate(
            actor=officer,
            meeting_id=meeting.pk,
            matter_id=m.pk,
            votes=votes([chair], "agree"),
            outcome="passed",
            text="x",
        )


@pytest.mark.parametrize(
    ("choices", "outcome", "ok"),
    [
        (("agree", "agree", "disagree"), "passed", True),  # 2 of 3 present
        (("agree", "abstain", "disagree"), "passed", False),  # 1 of 3 is not a majority
        (("agree", "abstain", "disagree"), "rejected", True),
        (("agree", "abstain", "disagree"), "deferred", True),
        (("agree", "agree", "agree"), "rejected", False),  # a majority agreed: the resolution is 通过
    ],
)
def test_a_resolution_passes_only_by_a_majority_of_the_voting_members_present(setup, choices, outcome, ok):
    w, _, members = setup
    chair, secretary, one, two, _ = members
    m = submit(w)
    meeting = held_meeting(w, [m], at=past(1), absent=[two])
    call = lambda: services.matter_deliberate(  # noqa: E731
        actor=w.users["county_officer"],
        meeting_id=meeting.pk,
        matter_id=m.pk,
        votes=votes([chair, secretary, one], *choices),
        outcome=outcome,
        text="经评议，作出决议。",
    )
    if not ok:
        with pytest.raises(services.CommitteeError) as error:
            call()
        assert error.value.field == "outcome"
        return
    resolved = call()
    assert resolved.status == Matter.Status.RESOLVED and resolved.outcome == outcome
    document = Document.objects.get(pk=resolved.resolution_document_id)
    assert document.kind == Document.Kind.COMMITTEE_OPINION and document.supervisee == w.people["A"]
    assert document.agency == w.units["hongta_agency"]
    r = selectors.matter_resolution(m.pk)
    assert (r.outcome, r.meeting_number, r.document_id) == (outcome, meeting.number, document.pk)


def test_resolution_gating_and_on_resolved_with_a_kind_registered_in_the_test(setup, test_kind):
    w, _, members = setup
    chair, secretary, one, two, _ = members
    what = "提请撤销缓刑"
    with pytest.raises(services.ResolutionRequired, match="该事项须经社区矫正审核委员会评议通过后方可提请撤销缓刑"):
        services.resolution_required(None, kind=test_kind.code, what=what)
    m = submit(w, kind=test_kind.code)
    with pytest.raises(services.ResolutionRequired):
        services.resolution_required(m.pk, kind=test_kind.code, what=what)
    meeting = held_meeting(w, [m], at=past(1))
    services.matter_deliberate(
        actor=w.users["county_officer"],
        meeting_id=meeting.pk,
        matter_id=m.pk,
        votes=votes([chair, secretary, one, two], "agree", "agree", "agree", "disagree"),
        outcome="passed",
        text="同意提请。",
    )
    assert [(m.pk, "passed")] == CALLS
    services.resolution_required(m.pk, kind=test_kind.code, what=what)  # passes now
    DeliberationSetting.objects.filter(code=test_kind.code).update(level="")
    services.resolution_required(None, kind=test_kind.code, what=what)  # no deliberation needed any more


def test_a_rejected_matter_still_blocks_and_says_so(setup, test_kind):
    w, _, members = setup
    chair, secretary, one, two, _ = members
    m = submit(w, kind=test_kind.code)
    meeting = held_meeting(w, [m], at=past(1))
    services.matter_deliberate(
        actor=w.users["county_officer"],
        meeting_id=meeting.pk,
        matter_id=m.pk,
        votes=votes([chair, secretary, one, two], "disagree", "disagree", "agree", "agree"),
        outcome="rejected",
        text="证据不足。",
    )
    with pytest.raises(services.ResolutionRequired, match="不通过"):
        services.resolution_required(m.pk, kind=test_kind.code, what="提请收监执行")


def test_on_resolved_failing_rolls_the_resolution_back(setup):
    w, _, members = setup
    chair, secretary, one, two, _ = members

    def refuse(matter):
        raise services.CommitteeError("区域拒绝")

    registry.register(registry.MatterKind("refusing_kind", "拒绝", on_resolved=refuse))
    DeliberationSetting.objects.create(code="refusing_kind", label="拒绝", level="county")
    try:
        m = submit(w, kind="refusing_kind")
        meeting = held_meeting(w, [m], at=past(1))
        with pytest.raises(services.CommitteeError, match="区域拒绝"):
            services.matter_deliberate(
                actor=w.users["county_officer"],
                meeting_id=meeting.pk,
                matter_id=m.pk,
                votes=votes([chair, secretary, one, two], "agree", "agree", "agree", "agree"),
                outcome="passed",
                text="同意",
            )
    finally:
        registry.unregister("refusing_kind")
    m.refresh_from_db()
    assert m.status == Matter.Status.ON_AGENDA and not m.votes.exists()


def test_only_the_secretary_or_head_runs_meetings(setup):
    w, committee, _ = setup
    m = submit(w)
    for persona in ("office_officer", "other_county_officer", "procurator"):
        with pytest.raises(services.CommitteeError):
            services.meeting_schedule(
                actor=w.users[persona], committee_id=committee.pk, held_at=past(-2), place="会议室", matter_ids=[m.pk]
            )


def test_attendance_only_once_the_meeting_has_begun_and_a_reason_for_absence(setup):
    w, committee, members = setup
    m = submit(w)
    officer = w.users["county_officer"]
    future = services.meeting_schedule(
        actor=officer, committee_id=committee.pk, held_at=past(-2), place="会议室", matter_ids=[m.pk]
    )
    rows = {x.pk: (True, "") for x in members}
    with pytest.raises(services.CommitteeError, match="召开后"):
        services.attendance_record(actor=officer, meeting_id=future.pk, rows=rows)
    assert future.number.endswith("第1次会议")
    m2 = submit(w)
    held = services.meeting_schedule(
        actor=officer, committee_id=committee.pk, held_at=past(3), place="x", matter_ids=[m2.pk]
    )
    with pytest.raises(services.CommitteeError, match="缺席原因"):
        services.attendance_record(actor=officer, meeting_id=held.pk, rows=rows | {members[2].pk: (False, "")})


def test_a_withdrawn_matter_leaves_the_agenda(setup):
    w, committee, _ = setup
    m = submit(w)
    services.meeting_schedule(
        actor=w.users["county_officer"], committee_id=committee.pk, held_at=past(-2), place="x", matter_ids=[m.pk]
    )
    with pytest.raises(services.CommitteeError):
        services.matter_withdraw(actor=w.users["county_officer"], matter_id=m.pk, reason="不需要")  # not the submitter
    m = services.matter_withdraw(actor=w.users["office_officer"], matter_id=m.pk, reason="情况已变化")
    assert m.status == Matter.Status.WITHDRAWN and m.meeting is None
    assert selectors.matter_resolution(m.pk) is None


def test_members_see_upcoming_meetings_in_their_inbox(setup):
    w, committee, _ = setup
    m = submit(w)
    services.meeting_schedule(
        actor=w.users["county_officer"], committee_id=committee.pk, held_at=past(-3), place="x", matter_ids=[m.pk]
    )
    readers = set(InboxItem.objects.filter(kind="committee_read", state="open").values_list("actor_user_id", flat=True))
    assert readers == {w.users["county_head"].pk, w.users["county_officer"].pk}
