"""The layers of docs/decisions/0009: the shared parts import no area, no two parts import each other, and an area
uses another only through its services, selectors, forms and duties. The contracts live in pyproject.toml
([tool.importlinter]); `lint-imports` checks them, and this test runs the same contracts on the import graph of the
code, and on a copy of it with one forbidden import added, to show that each kind of contract would catch it."""

import copy
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

configuration.configure()
ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
TYPES = {"layers": LayersContract, "acyclic_siblings": AcyclicSiblingsContract, "protected": ProtectedContract}
SHARED = (
    "statute",
    "core",
    "organisation",
    "accounts",
    "audit",
    "supervisees",
    "documents",
    "inbox",
    "timeline",
    "figures",
)
AREAS = (
    "investigation",
    "intake",
    "discharge",
    "supervision",
    "mobile",
    "assessment",
    "lostcontact",
    "proposals",
    "safety",
    "oversight",
)


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("sqjz", exclude_type_checking_imports=True, cache_dir=None)


def broken(graph) -> list[str]:
    """The names of the contracts `graph` breaks."""
    names = []
    for contract in CONFIG["contracts"]:
        options = {k: v for k, v in contract.items() if k not in ("id", "name", "type")}
        checker = TYPES[contract["type"]](
            name=contract["name"], session_options={"root_packages": ["sqjz"]}, contract_options=options
        )
        if not checker.check(copy.deepcopy(graph), verbose=False).kept:
            names.append(contract["name"])
    return names


def test_the_code_keeps_every_contract(graph):
    assert broken(graph) == []


def test_lint_imports_passes_on_the_command_line():
    result = subprocess.run(  # noqa: S603 (our own tool, no outside input)
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("shared", SHARED)
def test_a_shared_part_importing_an_area_would_break_the_layers(graph, shared):
    changed = copy.deepcopy(graph)
    importer = next(m for m in sorted(changed.find_descendants(f"sqjz.{shared}")) if ".tests" not in m)
    changed.add_import(importer=importer, imported="sqjz.investigation.services")
    assert broken(changed)


def test_areas_importing_each_other_in_a_cycle_would_break_the_contracts(graph):
    changed = copy.deepcopy(graph)
    changed.add_import(importer="sqjz.investigation.services", imported="sqjz.intake.services")
    changed.add_import(importer="sqjz.intake.services", imported="sqjz.investigation.services")
    assert broken(changed)


@pytest.mark.parametrize("area", AREAS)
def test_an_area_reaching_into_anothers_records_would_break_its_protection(graph, area):
    other = "oversight" if area != "oversight" else "safety"
    protected = "sqjz.supervision.travel.models" if other == "supervision" else f"sqjz.{other}.models"
    changed = copy.deepcopy(graph)
    changed.add_import(
        importer=f"sqjz.{area}.services" if area != "supervision" else "sqjz.supervision.common", imported=protected
    )
    assert broken(changed)
