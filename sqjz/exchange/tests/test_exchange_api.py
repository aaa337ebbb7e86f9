"""The partner API (decision 0041): contract fixtures (tests/contracts: each valid one fits its schema and is accepted
end to end, each invalid one is refused at the expected path and kept), a court judgment that registers a person
pending report-in with the deadline, idempotent replays, 409 on a reused id, scopes and tokens."""

import json
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from sqjz.exchange import registry, services
from sqjz.exchange.models import DetentionNotice, InboundMessage, PartnerCredential
from sqjz.supervisees.models import Supervisee
from sqjz.timeline.registry import timeline_for

TODAY = date(2026, 11, 25)
CONTRACTS = Path(__file__).parent / "contracts"
URL = "/api/partner/messages"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def token_for(w, unit_key: str, admin="admin") -> str:
    _, token = services.credential_create(actor=w.users[admin], agency=w.units[unit_key], name="对接")
    return token


def post(token: str, envelope) -> tuple[int, dict]:
    body = envelope if isinstance(envelope, str | bytes) else json.dumps(envelope, ensure_ascii=False)
    response = Client().post(URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, response.json()


def fixture(name: str, w=None) -> dict:
    text = (CONTRACTS / name).read_text(encoding="utf-8")
    if w is not None:
        a = w.people["A"]
        text = text.replace("PERSON_A", a.id_number).replace('"name": "张三"', f'"name": "{a.name}"')
    return json.loads(text)


VALID = sorted(p.name for p in CONTRACTS.glob("*.valid.json"))
INVALID = sorted(p.name for p in CONTRACTS.glob("*.invalid.json"))


def test_schemas_have_examples_that_fit():
    for code, t in registry.TYPES.items():
        for version in t.versions:
            s = registry.schema(code, version)
            assert s["$schema"].endswith("2020-12/schema") and s["examples"]
            for example in s["examples"]:
                registry.body_check(code, version, example)


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_fits_and_is_accepted(world, name):
    case = fixture(name, world)
    envelope = case["envelope"]
    assert registry.envelope_check(envelope) == (envelope["type"], envelope["version"])
    status, answer = post(token_for(world, case["sender"]), envelope)
    assert status == 201, answer
    assert answer["state"] == "accepted" and answer["record"]["id"]
    m = InboundMessage.objects.get(message_id=envelope["message_id"])
    assert m.state == "accepted" and m.record_kind == answer["record"]["kind"]


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_is_refused_at_its_path_and_kept(world, name):
    case = fixture(name, world)
    status, answer = post(token_for(world, case["sender"]), case["envelope"])
    assert (status, answer["path"]) == (case["expect"]["status"], case["expect"]["path"]), answer
    assert answer["state"] == "refused" and answer["detail"]
    kept = InboundMessage.objects.get(message_id=case["envelope"]["message_id"])
    assert kept.state == "refused" and kept.error == answer["detail"] and kept.error_path == answer["path"]
    assert json.loads(kept.body)["type"] == case["envelope"]["type"]  # the body is kept (encrypted at rest)


def test_court_judgment_registers_pending_report_in_office_with_deadline(world):
    token = token_for(world, "hongta_court")
    envelope = fixture("judgment.valid.json")["envelope"]
    status, answer = post(token, envelope)
    assert status == 201
    s = Supervisee.objects.get(pk=answer["record"]["id"])
    assert s.status == "pending_report" and s.judicial_office == world.yuxing
    assert s.deciding_authority == world.units["hongta_court"] and s.village == world.hehua
    assert answer["office"] == "玉兴街道司法所"
    assert answer["report_in_deadline"] == {
        "due": "2026-11-30",
        "rule": "报到期限",
        "articles": ["社区矫正法第二十一条", "最高法解释第五百一十九条", "刑事诉讼法第一百零五条"],
    }
    # A replay answers as the first time and creates nothing.
    count = Supervisee.objects.count()
    assert post(token, envelope) == (201, answer)
    assert Supervisee.objects.count() == count and InboundMessage.objects.count() == 1
    # Another body under the used id: 409.
    other = dict(envelope, body=dict(envelope["body"], crime="诈骗罪"))
    status, conflict = post(token, other)
    assert status == 409 and conflict["path"] == "message_id"
    # The state of one's own message; another agency does not see it.
    response = Client().get(f"{URL}/{envelope['message_id']}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["record"] == answer["record"]
    stranger = token_for(world, "jiangchuan_court")
    response = Client().get(f"{URL}/{envelope['message_id']}", HTTP_AUTHORIZATION=f"Bearer {stranger}")
    assert response.status_code == 404


def test_duplicate_person_is_refused_precisely(world):
    a = world.people["A"]
    envelope = fixture("judgment.valid.json")["envelope"]
    envelope["body"]["person"].update(id_number=a.id_number, name=a.name)
    envelope["body"]["person"].pop("birth_date", None)
    status, answer = post(token_for(world, "hongta_court"), envelope)
    assert status == 422 and answer["path"] == "body.person.id_number" and "证件号码" in answer["detail"]
    assert "<" not in answer["detail"]


def test_refused_message_does_not_use_up_its_id(world):
    token = token_for(world, "hongta_court")
    bad = fixture("judgment.missing_education.invalid.json")["envelope"]
    assert post(token, bad)[0] == 422
    assert post(token, bad)[0] == 422 and InboundMessage.objects.count() == 1  # the same refusal again, kept once
    good = fixture("judgment.valid.json")["envelope"]
    good["message_id"] = bad["message_id"]
    assert post(token, good)[0] == 201


def test_unreadable_body_is_kept_and_refused(world):
    status, answer = post(token_for(world, "hongta_court"), b"{not json")
    assert status == 400 and answer["state"] == "refused"
    assert InboundMessage.objects.get().body == "{not json"


def test_detention_notice_on_the_timeline(world):
    case = fixture("detention_notice.valid.json", world)
    status, answer = post(token_for(world, "yuxing_station"), case["envelope"])
    assert status == 201
    notice = DetentionNotice.objects.get(pk=answer["record"]["id"])
    assert notice.supervisee == world.people["A"]
    titles = [e.title for e in timeline_for(world.people["A"], "detention_notice")]
    assert titles and "行政拘留" in titles[0]


def test_tokens_and_sessions(world):
    token = token_for(world, "hongta_court")
    envelope = fixture("judgment.valid.json")["envelope"]
    assert post("px_wrong", envelope)[0] == 401
    session = Client()
    session.force_login(world.users["judge"], backend="django.contrib.auth.backends.ModelBackend")
    assert session.post(URL, json.dumps(envelope), content_type="application/json").status_code == 401
    credential = PartnerCredential.objects.get()
    services.credential_deactivate(actor=world.users["admin"], credential=credential)
    assert post(token, envelope)[0] == 401
    with pytest.raises(services.ExchangeError):
        services.credential_create(actor=world.users["judge"], agency=world.units["hongta_court"], name="x")


def test_schema_endpoint(world):
    token = token_for(world, "hongta_court")
    response = Client().get("/api/partner/schemas/judgment/1", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["title"].startswith("交付执行")
    response = Client().get("/api/partner/schemas/judgment/9", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
