"""Proposals' pages: the draft form names the field it refuses (and the rule a proposal breaks), the receiving
body's list and form, buttons only for those who may act, the procurator's read-only view with the link to open
an opinion, the inbox items and the timeline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.proposals.models import Proposal
from sqjz.proposals.tests.helpers import sent_commutation, sent_revocation, warn
from sqjz.supervisees.models import Status, Supervisee
from sqjz.timeline.registry import timeline_for

pytestmark = pytest.mark.django_db


def test_a_police_penalty_without_the_date_of_the_conduct_is_refused_beside_its_field(world, login):
    client = login(world.users["office_officer"])
    url = reverse("proposals:draft", args=[world.people["A"].pk])
    response = client.post(url, {"kind": "police_penalty", "addressee_choice": "original", "statement": "违反规定"})
    assert response.status_code == 400
    assert "请填写违法行为发生日期" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_revocation_the_rule_does_not_allow_shows_the_rule_and_its_articles(world, login):
    client = login(world.users["county_officer"])
    url = reverse("proposals:draft", args=[world.people["A"].pk])
    data = {"kind": "probation_revocation", "addressee_choice": "original", "statement": "多次违反规定"}
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 400 and "提请撤销缓刑" in text and "社区矫正法第四十六条" in text


def test_a_draft_from_the_page_shows_on_the_persons_page_with_its_grounds(world, login):
    warn(world, world.people["A"], 2)
    client = login(world.users["office_officer"])
    a = world.people["A"]
    data = {"kind": "probation_revocation", "addressee_choice": "original", "statement": "两次警告仍不改正"}
    response = client.post(reverse("proposals:draft", args=[a.pk]), data)
    assert response.status_code == 302
    p = Proposal.objects.get()
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "最高法解释第五百四十三条" in page and "受到2次警告仍不改正" in page
    assert 'data-testid="send"' not in page and 'data-testid="submit"' not in page  # the office only drafts
    assert "提请撤销缓刑" in client.get(reverse("proposals:person", args=[a.pk])).content.decode()


def test_the_court_sees_its_list_with_the_clock_and_rules_from_its_page(world, login):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world, arrest=True)
    client = login(world.users["judge"])
    listed = client.get(reverse("proposals:received")).content.decode()
    assert "张三" in listed and 'data-testid="clock"' in listed and 'data-testid="arrest-clock"' in listed
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-testid="decide"' in page and "根据书面回复录入" not in page
    assert "减刑后的矫正期满日" not in page  # asked only of a commutation
    download = client.get(reverse("proposals:document", args=[p.pk, p.arrest_document_id, "docx"]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("proposals:decide", args=[p.pk]),
        {"decision": "granted", "decided_on": today, "ruling_number": "（2026）云0402刑更12号", "note": ""},
    )
    assert response.status_code == 302
    assert Supervisee.objects.get(pk=world.people["A"].pk).status == Status.TERMINATED
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "撤销缓刑" in page and "刑更12号" in page and 'data-testid="decide"' not in page


def test_the_procurator_reads_each_step_without_buttons_and_may_open_an_opinion(world, login):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    client = login(world.users["procurator"])
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert reverse("oversight:create") in page and "通过" in page
    assert 'data-testid="decide"' not in page and 'data-testid="send"' not in page
    listed = client.get(reverse("proposals:list") + "?show=sent").content.decode()
    assert "张三" in listed
    assert client.get(reverse("proposals:detail", args=[p.pk])).status_code == 200
    other = login(world.users["other_procurator"])
    assert other.get(reverse("proposals:detail", args=[p.pk])).status_code == 404


def test_the_inbox_shows_the_county_and_the_court_the_waiting_proposal_and_the_timeline_each_step(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    inbox_refresh(area="proposals")
    items = InboxItem.objects.filter(subject_id=p.pk, state=InboxItem.State.OPEN)
    kinds = {i.kind: i.actor_unit_id for i in items}
    assert kinds["proposal_awaited"] == world.units["hongta_agency"].pk
    assert kinds["proposal_decide"] == world.units["hongta_court"].pk
    assert all(i.due == p.deadline for i in items)
    texts = [e.title for e in timeline_for(world.people["A"])]
    assert any(t.startswith("起草提请撤销缓刑") for t in texts)
    assert any("已签发，送红塔区人民法院" in t for t in texts)


def test_a_commutation_asks_for_the_new_term_end_beside_its_field(world, login):
    p = sent_commutation(world)
    client = login(world.users["county_head"])
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "减刑后的矫正期满日" in page
    data = {
        "decision": "granted",
        "decided_on": timezone.localdate().isoformat(),
        "ruling_number": "（2026）云04刑更3号",
    }
    response = client.post(reverse("proposals:decide", args=[p.pk]), {**data, "imposed": "缓刑考验期缩减"})
    assert response.status_code == 400 and "请填写减刑后的矫正期满日" in response.content.decode()
    new_end = world.people["A"].term_end - timedelta(days=30)
    response = client.post(
        reverse("proposals:decide", args=[p.pk]),
        {**data, "imposed": "缓刑考验期缩减", "new_term_end": new_end.isoformat()},
    )
    assert response.status_code == 302
    assert Supervisee.objects.get(pk=world.people["A"].pk).term_end == new_end
