"""Contract tests (decision 0042): each outbound schema's examples, and the payloads as partners consume them
(tests/contracts/<kind>.v<n>.<name>.json), fit the schema; what a partner must refuse does not."""

import json
from pathlib import Path

import pytest

from sqjz.outbox.models import Delivery
from sqjz.outbox.services import SCHEMAS, schema_errors

CONTRACTS = Path(__file__).resolve().parent / "contracts"
SCHEMA_FILES = sorted(SCHEMAS.glob("*.json"))
FIXTURES = sorted(CONTRACTS.glob("*.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.stem)
def test_every_schema_has_examples_that_fit_it(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["examples"], f"{path.name} has no examples"
    for example in schema["examples"]:
        assert schema_errors(path.stem, example) == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_contract_fixture_fits_its_schema(path):
    schema = ".".join(path.name.split(".")[:2])
    assert (SCHEMAS / f"{schema}.json").exists(), f"no schema {schema} for {path.name}"
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert schema_errors(schema, payload) == []
    if schema.startswith("envelope."):
        inner = payload["payload"]
        assert schema_errors(payload["schema"], inner) == []


def test_every_kind_sent_has_a_schema_and_a_fixture():
    for kind in Delivery.Kind.values:
        if (SCHEMAS / f"{kind}.v1.json").exists():
            assert list(CONTRACTS.glob(f"{kind}.v1.*.json")), f"no contract fixture for {kind}"


@pytest.mark.parametrize(
    "change",
    [
        {"opinion": "maybe"},
        {"delivered_on": "26/11/2026"},
        {"unexpected": "field"},
        {"name": ""},
    ],
)
def test_a_payload_out_of_contract_is_refused(change):
    example = json.loads((CONTRACTS / "investigation_opinion.v1.unsuitable.json").read_text(encoding="utf-8"))
    assert schema_errors("investigation_opinion.v1", example | change)
