"""Every registered rule: well formed, and every worked example (the same data the rule book page shows)
gives the expected outcome, with reasons and articles a procurator can read."""

import pytest

from sqjz.statute.parameters import PARAMETERS_BY_CODE
from sqjz.statute.registry import Context, all_rules, outcome_value

RULES = all_rules()
EXAMPLES = [(code, example) for code, rule in RULES.items() for example in rule.examples]


def test_every_rule_has_a_statement_articles_and_examples():
    for code, rule in RULES.items():
        assert code == code.upper() and " " not in code
        assert rule.title and rule.statement and rule.articles, code
        assert rule.examples, f"{code} has no worked example"
        for parameter in rule.parameters:
            assert parameter in PARAMETERS_BY_CODE, f"{code} reads unknown parameter {parameter}"


@pytest.mark.parametrize(("code", "example"), EXAMPLES, ids=[f"{c}:{e.title}" for c, e in EXAMPLES])
def test_worked_example(code, example):
    decision = RULES[code](Context.default(), **example.facts)
    assert decision.rule == code
    assert outcome_value(decision) == example.expect, decision.reasons
    assert decision.reasons and all(decision.reasons)
    assert decision.articles
    assert {use.code for use in decision.parameters} <= set(RULES[code].parameters)


def test_the_statute_package_does_not_import_django():
    """The law is plain Python: it can be read, tested and reused without the web framework."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in root.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), f"{path} imports django"


def test_every_fact_and_code_in_the_examples_has_a_chinese_label():
    """The rule book shows officers Chinese words, never identifiers."""
    import dataclasses

    from sqjz.statute.calendar import Deadline
    from sqjz.statute.labels import labels

    words = labels()
    missing = set()

    def check(value):
        if isinstance(value, str) and value.isascii() and value.replace("_", "").isalpha():
            missing.update({value} - set(words))
        elif isinstance(value, dict):
            missing.update(set(value) - set(words))
            for v in value.values():
                check(v)
        elif isinstance(value, list | tuple | set | frozenset):
            for v in value:
                check(v)
        elif isinstance(value, Deadline):
            return  # shown as its due date
        elif dataclasses.is_dataclass(value):
            check({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})

    for code, rule in RULES.items():
        for example in rule.examples:
            check(example.facts)
            check(RULES[code](Context.default(), **example.facts).outcome)
    assert not missing
