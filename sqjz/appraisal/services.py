"""Writes of the appraisal: the indicator weights and follow-up periods (the city), the provincial recidivism figure
of a year (the city), and a person's re-offence (their office or county agency)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sqjz.appraisal.indicators import BY_CODE
from sqjz.appraisal.models import MAX_FOLLOW_UP_YEARS, FollowUpPeriod, IndicatorWeight, ProvincialFigure, ReOffence
from sqjz.core.errors import ServiceError
from sqjz.discharge.selectors import correction_ends
from sqjz.supervisees.models import ACTIVE_STATUSES, Supervisee

MAX_WEIGHT = Decimal(100)


class AppraisalError(ServiceError):
    pass


@transaction.atomic
def weights_save(*, actor, weights: dict[str, tuple[Decimal, bool]]) -> None:
    """Set every indicator's weight and direction. Weights are 0–100 and at least one is above 0."""
    for code, (weight, _) in weights.items():
        if code not in BY_CODE:
            raise AppraisalError("未知的考核指标。")
        if weight is None or weight < 0 or weight > MAX_WEIGHT:
            raise AppraisalError(f"“{BY_CODE[code].label}”的权重须在0至100之间。", field=f"weight_{code}")
    if sum(w for w, _ in weights.values()) <= 0:
        raise AppraisalError("权重之和须大于0：请至少为一项指标设置大于0的权重。")
    for code, (weight, higher) in weights.items():
        IndicatorWeight.objects.update_or_create(
            code=code, defaults={"weight": weight, "higher_is_better": higher, "updated_by": actor}
        )


@transaction.atomic
def follow_up_save(*, actor, years: list[int]) -> None:
    """Replace the follow-up periods after discharge (whole years, 1–10, at most five)."""
    chosen = sorted(set(years))
    if not chosen or len(chosen) > 5 or any(y < 1 or y > MAX_FOLLOW_UP_YEARS for y in chosen):
        raise AppraisalError(f"解矫后跟踪期须为1至{MAX_FOLLOW_UP_YEARS}之间的整数年，1至5个。", field="follow_up")
    FollowUpPeriod.objects.exclude(years__in=chosen).delete()
    for y in chosen:
        FollowUpPeriod.objects.get_or_create(years=y, defaults={"set_by": actor})


@transaction.atomic
def provincial_figure_save(*, actor, year: int, rate: Decimal, source: str = "") -> ProvincialFigure:
    today = timezone.localdate()
    if year < 2000 or year > today.year:
        raise AppraisalError(f"年度须在2000年至{today.year}年之间。", field="year")
    if rate is None or rate < 0 or rate > 100:
        raise AppraisalError("全省重新犯罪率须在0至100之间（单位：%）。", field="rate")
    figure, _ = ProvincialFigure.objects.update_or_create(
        year=year, defaults={"rate": rate, "source": source.strip(), "entered_by": actor}
    )
    return figure


def correction_last_day(supervisee: Supervisee) -> date:
    """The last day of the person's correction: the day it ended when it has (discharge or termination recorded),
    its planned end otherwise."""
    if supervisee.status in ACTIVE_STATUSES:
        return supervisee.term_end
    end = correction_ends([supervisee.pk]).get(supervisee.pk)
    return end.ended_on if end else supervisee.term_end


@transaction.atomic
def reoffence_record(
    *,
    actor,
    supervisee: Supervisee,
    offence_date: date,
    judged_on: date | None,
    source: str,
    crime: str,
    note: str = "",
) -> ReOffence:
    """Record a re-offence of a person who had started correction; whether it fell during the correction is derived
    from the dates."""
    today = timezone.localdate()
    if offence_date > today:
        raise AppraisalError("重新犯罪日期不能晚于今天。", field="offence_date")
    if offence_date < supervisee.term_start:
        raise AppraisalError(
            "重新犯罪日期早于矫正起始日：矫正前的犯罪不是重新犯罪（漏罪请按其他程序处理）。", field="offence_date"
        )
    if judged_on is not None and (judged_on < offence_date or judged_on > today):
        raise AppraisalError("判决（决定）日期须在重新犯罪日期之后、且不晚于今天。", field="judged_on")
    if source not in ReOffence.Source.values:
        raise AppraisalError("请选择信息来源。", field="source")
    if not crime.strip():
        raise AppraisalError("请填写涉嫌罪名。", field="crime")
    if ReOffence.objects.filter(supervisee=supervisee, offence_date=offence_date).exists():
        raise AppraisalError("该对象同一日期的重新犯罪已登记。", field="offence_date")
    return ReOffence.objects.create(
        supervisee=supervisee,
        offence_date=offence_date,
        judged_on=judged_on,
        during_correction=offence_date <= correction_last_day(supervisee),
        source=source,
        crime=crime.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
