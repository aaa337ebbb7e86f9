"""journeys.md, 赵敏: the procurator issues a correction opinion about a case; the agency's written reply is due
and shows in both inboxes until the reply is recorded."""

from datetime import date

import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.oversight.models import CorrectionOpinion

TODAY = date(2026, 11, 27)
HOME = reverse("workbench:home")


def issue(client, world, **overrides):
    data = {
        "kind": "written",
        "addressed_to": world.units["hongta_agency"].pk,
        "matter": "leave",
        "facts": "对张三35日的外出申请由县级机构批准，超出其审批权限。",
        "opinion": "应当报上一级社区矫正机构审批，请立即纠正。",
        "issued_on": "2026-11-27",
        "reply_by": "2026-12-11",
    } | overrides
    return client.post(f"{reverse('oversight:create')}?supervisee={world.people['A'].pk}", data)


@time_machine.travel(TODAY)
def test_the_reply_is_due_in_both_inboxes_and_closes_when_recorded(world, login):
    procurator = login(world.users["procurator"])
    assert issue(procurator, world).status_code == 302
    opinion = CorrectionOpinion.objects.get()
    assert opinion.reply_due == date(2026, 12, 11) and opinion.supervisee == world.people["A"]
    item = InboxItem.objects.get(kind="opinion_reply", subject_id=opinion.pk, state="open")
    assert item.actor_unit == world.units["hongta_agency"] and item.supervisee is None
    agency = {"kind": "opinion_reply", "office": world.units["hongta_agency"].pk}
    county = login(world.users["county_officer"])
    assert item in county.get(HOME, agency).context["mine"].object_list  # the agency addressed must reply
    watched = login(world.users["procurator"]).get(HOME, agency).context
    assert item in watched["watched"].object_list and "mine" not in watched  # the procurator follows it
    other = login(world.users["other_county_officer"]).get(HOME, agency).context
    assert item not in other["mine"].object_list and item not in other["watched"].object_list

    url = reverse("oversight:reply", args=[opinion.pk])
    county = login(world.users["county_officer"])  # the test client signs in as one user at a time
    empty = county.post(url, {"adopted": "yes", "reply": "", "replied_on": "2026-11-27"})
    assert empty.status_code == 400 and "这个字段是必填项" in empty.content.decode()
    assert (
        county.post(url, {"adopted": "yes", "reply": "已报市局审批并整改。", "replied_on": "2026-11-27"}).status_code
        == 302
    )
    opinion.refresh_from_db()
    assert opinion.status == "replied" and opinion.adopted is True
    item.refresh_from_db()
    assert item.state == "closed"
    page = login(world.users["procurator"]).get(reverse("oversight:detail", args=[opinion.pk])).content.decode()
    assert "已报市局审批并整改" in page


@time_machine.travel(TODAY)
def test_an_oral_opinion_must_be_corrected_within_seven_days(world, login):
    issue(login(world.users["procurator"]), world, kind="oral", reply_by="")
    opinion = CorrectionOpinion.objects.get()
    assert opinion.reply_due == date(2026, 12, 4)  # 7 days after 27 November, the start day not counted


@time_machine.travel(TODAY)
def test_bad_opinions_are_refused(world, login):
    procurator = login(world.users["procurator"])
    no_date = issue(procurator, world, reply_by="")
    assert no_date.status_code == 400 and "请填写要求回复日期" in no_date.content.decode()
    other_county = issue(procurator, world, addressed_to=world.units["jiangchuan_agency"].pk)
    assert other_county.status_code == 400
    assert not CorrectionOpinion.objects.exists()
    assert login(world.users["county_officer"]).get(reverse("oversight:create")).status_code == 403


@time_machine.travel(TODAY)
def test_an_office_replies_only_to_what_is_addressed_to_it(world, login):
    issue(login(world.users["procurator"]), world, addressed_to=world.yuxing.pk)
    opinion = CorrectionOpinion.objects.get()
    url = reverse("oversight:reply", args=[opinion.pk])
    data = {"adopted": "no", "reply": "经核实审批符合规定，理由如下……", "replied_on": "2026-11-27"}
    assert login(world.users["other_office_officer"]).post(url, data).status_code == 404
    assert login(world.users["office_officer"]).post(url, data).status_code == 302
    opinion.refresh_from_db()
    assert opinion.adopted is False
