"""The procurator's ledger of documents (法律文书台账, issue 11 §6): the copies of every decision, proposal and
notice in the procuratorate's county, with an opinion opened from any of them."""

from datetime import date

import time_machine
from django.urls import reverse

from sqjz.documents.models import Document

TODAY = date(2026, 11, 27)
LEDGER = reverse("oversight:ledger")


def document(world, key: str, kind=Document.Kind.NO_SHOW_NOTICE, serial: int = 1) -> Document:
    person = world.people[key]
    return Document.objects.create(
        kind=kind,
        agency=person.judicial_office.parent,
        year=2026,
        serial=serial,
        number=f"〔2026〕矫字第{serial}号",
        title=Document.Kind(kind).label,
        content={"copy_to": ["红塔区人民检察院", "红塔区公安局"]},
        supervisee=person,
        issued_by=world.users["county_officer"],
    )


@time_machine.travel(TODAY)
def test_a_procurator_sees_the_copies_of_their_county_and_opens_an_opinion_from_one(world, login):
    mine = document(world, "A")
    other_county = document(world, "C", serial=2)
    page = login(world.users["procurator"]).get(LEDGER)
    rows = [d for d, _ in page.context["rows"]]
    assert mine in rows and other_county not in rows
    html = page.content.decode()
    assert "红塔区人民检察院、红塔区公安局" in html  # the copies the document names
    opinion = f"{reverse('oversight:create')}?supervisee={world.people['A'].pk}&amp;matter=lost_contact"
    assert opinion in html
    form = login(world.users["procurator"]).get(opinion.replace("&amp;", "&")).context["form"]
    assert form.initial["matter"] == "lost_contact" and form.initial["addressed_to"] == world.units["hongta_agency"].pk
    other = login(world.users["other_procurator"]).get(LEDGER)
    assert [d for d, _ in other.context["rows"]] == [other_county]


@time_machine.travel(TODAY)
def test_the_ledger_filters_by_kind_and_person_and_only_procurators_may_open_an_opinion(world, login):
    notice = document(world, "A")
    receipt = document(world, "B", kind=Document.Kind.RECEIPT, serial=2)
    procurator = login(world.users["procurator"])
    assert [d for d, _ in procurator.get(LEDGER, {"kind": "receipt"}).context["rows"]] == [receipt]
    assert [d for d, _ in procurator.get(LEDGER, {"q": world.people["A"].name}).context["rows"]] == [notice]
    assert procurator.get(LEDGER, {"kind": "nonsense"}).context["kind"] == ""
    county = login(world.users["county_officer"]).get(LEDGER)
    assert county.status_code == 200 and "提出纠正意见" not in county.content.decode()
    assert login(world.users["office_officer"]).get(reverse("oversight:create")).status_code == 403
