from sqjz.rulebook.models import HolidayDate, ParameterVersion
from sqjz.statute.calendar import shipped_calendar
from sqjz.statute.parameters import ParameterSet, Version
from sqjz.statute.registry import Context


def statute_context() -> Context:
    """The statute's context as administrators have set it: shipped parameters and calendar, plus the
    versions and holiday years entered since (two small queries)."""
    versions: dict[str, list[Version]] = {}
    for v in ParameterVersion.objects.order_by("effective_from"):
        versions.setdefault(v.code, []).append(Version(v.value, v.effective_from, v.source))
    days = list(HolidayDate.objects.all())
    calendar = shipped_calendar().merged(
        holidays=[d.date for d in days if d.kind == HolidayDate.Kind.HOLIDAY],
        workdays=[d.date for d in days if d.kind == HolidayDate.Kind.WORKDAY],
        years=[d.date.year for d in days],
    )
    return Context(ParameterSet.defaults().with_versions(versions), calendar)
