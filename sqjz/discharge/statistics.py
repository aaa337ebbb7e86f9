"""The discharge area's lines of the standard statistics (statistics.registry): the population under correction on
the period's last day, by correction type (its end is this area's record: the discharge or the termination), and
the discharges and terminations (by cause) within the period."""

from datetime import date

from django.db.models import Case, DateField, F, Q, When
from django.db.models.functions import Coalesce, TruncDate

from sqjz.discharge.models import Discharge, Termination
from sqjz.statistics.registry import FLOW, STOCK, Statistic, count_by_office, register_statistic
from sqjz.supervisees.models import CorrectionType, Status, Supervisee

POPULATION = "population"
MINORS = "population_minors"
OFFICE = "supervisee__judicial_office_id"

_BEGUN = "报到日期（交付接收中登记的报到日）在该日或之前的；未登记报到日的，以矫正起始日代替（不含待报到的）"
_NOT_ENDED = (
    "且当日尚未结束矫正：解除矫正日期、终止矫正日期晚于该日；状态为解除或终止矫正而无该记录的，以矫正终止日代替；"
    "迁出本市的，以记录最后更新日（迁出办理日）代替"
)


def _population(offices: list[int], day: date, **filters) -> dict[int, int]:
    """The people under correction on `day`: begun on or before it and not ended by it. One query."""
    people = (
        Supervisee.objects.filter(judicial_office_id__in=offices, **filters)
        .exclude(status=Status.PENDING_REPORT)
        .annotate(
            began=Coalesce("handover__reported_on", "term_start", output_field=DateField()),
            ended=Coalesce(
                "discharge__discharged_on",
                "termination__terminated_on",
                Case(
                    When(status=Status.TRANSFERRED_OUT, then=TruncDate("updated_at")),
                    When(status__in=(Status.DISCHARGED, Status.TERMINATED), then=F("term_end")),
                    default=None,
                    output_field=DateField(),
                ),
                output_field=DateField(),
            ),
        )
        .filter(began__lte=day)
        .filter(Q(ended__isnull=True) | Q(ended__gt=day))
    )
    return count_by_office(people, "judicial_office_id")


register_statistic(
    Statistic(
        name=POPULATION,
        label="在册矫正对象",
        section="矫正对象",
        kind=STOCK,
        definition=f"统计期末日在册的社区矫正对象人数（矫正对象登记表，按负责司法所）：{_BEGUN}，{_NOT_ENDED}。",
        compute=lambda offices, start, end: _population(offices, end),
        order=0,
    )
)

for _order, (_type, _label) in enumerate(CorrectionType.choices, start=1):
    register_statistic(
        Statistic(
            name=f"population_{_type}",
            label=f"其中：{_label}",
            section="矫正对象",
            kind=STOCK,
            definition=f"统计期末日在册的矫正对象中矫正类别为“{_label}”的人数（口径同“在册矫正对象”）。",
            compute=lambda offices, start, end, t=_type: _population(offices, end, correction_type=t),
            order=_order,
        )
    )

register_statistic(
    Statistic(
        name=MINORS,
        label="其中：未成年人",
        section="矫正对象",
        kind=STOCK,
        definition="统计期末日在册的矫正对象中犯罪时未满十八周岁的人数（口径同“在册矫正对象”；只计人数，不列姓名）。",
        compute=lambda offices, start, end: _population(offices, end, is_minor=True),
        order=9,
    )
)


def _discharged(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = Discharge.objects.filter(
        supervisee__judicial_office_id__in=offices, discharged_on__gte=start, discharged_on__lte=end
    )
    return count_by_office(rows, OFFICE)


def _terminated(offices: list[int], start: date, end: date, cause: str | None = None) -> dict[int, int]:
    rows = Termination.objects.filter(
        supervisee__judicial_office_id__in=offices, terminated_on__gte=start, terminated_on__lte=end
    )
    if cause:
        rows = rows.filter(cause=cause)
    return count_by_office(rows, OFFICE)


register_statistic(
    Statistic(
        name="discharged",
        label="解除矫正",
        section="入矫和解矫",
        kind=FLOW,
        definition="解除矫正日期在统计期内的解除矫正记录数（矫正期满或赦免；解除矫正登记，按矫正对象的负责司法所）。",
        compute=_discharged,
        order=20,
    )
)
register_statistic(
    Statistic(
        name="terminated",
        label="终止矫正",
        section="入矫和解矫",
        kind=FLOW,
        definition="终止日期（死亡日期，或撤销、收监裁定、决定生效日期）在统计期内的终止矫正记录数（各原因合计）。",
        compute=_terminated,
        order=30,
    )
)
for _order, (_cause, _label) in enumerate(Termination.Cause.choices, start=31):
    register_statistic(
        Statistic(
            name=f"terminated_{_cause}",
            label=f"其中：{_label}",
            section="入矫和解矫",
            kind=FLOW,
            definition=f"终止日期在统计期内、终止原因为“{_label}”的终止矫正记录数。",
            compute=lambda offices, start, end, c=_cause: _terminated(offices, start, end, c),
            order=_order,
        )
    )
