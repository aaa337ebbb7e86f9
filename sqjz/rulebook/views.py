from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.parameters import PARAMETERS_BY_CODE
from sqjz.statute.registry import all_rules, outcome_value


@capability_required(Capability.RULEBOOK_VIEW)
def rulebook_view(request: HttpRequest) -> HttpResponse:
    """Every rule with its article, statement, current figures and worked examples — the examples are the
    very data the tests run, computed here with the parameters in force."""
    ctx = statute_context()
    today = timezone.localdate()
    rules = []
    for rule in all_rules().values():  # in the order the rule modules register them
        parameters = []
        for parameter_code in rule.parameters:
            parameter = PARAMETERS_BY_CODE[parameter_code]
            versions = ctx.parameters.versions[parameter_code]
            parameters.append({"parameter": parameter, "current": ctx.use(parameter_code, today), "versions": versions})
        examples = [
            {"example": example, "outcome": outcome_value(rule(ctx, **example.facts))} for example in rule.examples
        ]
        rules.append({"rule": rule, "parameters": parameters, "examples": examples})
    missing_years = [year for year in (today.year, today.year + 1) if not ctx.calendar.covers(year)]
    context = {"rules": rules, "missing_years": missing_years, "crumbs": [("法律规则", None)]}
    return render(request, "rulebook/rulebook.html", context)
