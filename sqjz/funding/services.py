"""Writes of the earmarked-funds ledger, each one transaction. Who writes: FUNDING_MANAGE (a county agency's staff
for their own agency, the city agency's staff for any county agency of the city and for the city agency).

- An entry: a day not in the future (nor before 2020), income (收入) from a source, or spending (支出) paid from a
  source for a use; an amount above zero, to the fen; a voucher number and a description.
- A correction: never an edit or a deletion. A reversing entry (冲销) repeats the entry's direction, source, use and
  amount on a day not before it, with its own voucher and the reason; it takes the entry's amount off the balances.
  An entry is reversed once; a reversal is not reversed (record the entry again instead).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.funding.models import Direction, LedgerEntry, Source, Use
from sqjz.funding.selectors import agencies_for
from sqjz.organisation.models import Unit
from sqjz.statute.text import cn_date

EARLIEST = date(2020, 1, 1)
MAX_AMOUNT = Decimal("999999999999.99")


class FundingError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _agency(actor, agency: Unit) -> Unit:
    kept = agencies_for(actor).filter(pk=agency.pk).first()
    if kept is None:
        raise FundingError("您无权登记该单位的专项资金台账。")
    return kept


def _check_day(day: date | None, earliest: date = EARLIEST, what: str = "2020年1月1日") -> None:
    if day is None:
        raise FundingError("请填写日期。", "day")
    if day > timezone.localdate():
        raise FundingError("日期不能晚于今天。", "day")
    if day < earliest:
        raise FundingError(f"日期不能早于{what}。", "day")


def _text(value: str, field: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise FundingError(f"请填写{what}。", field)
    if len(value) > limit:
        raise FundingError(f"{what}不能超过{limit}字。", field)
    return value


def _signed(direction: str, amount: Decimal, reversal: bool) -> Decimal:
    sign = 1 if direction == Direction.INCOME else -1
    return amount * (-sign if reversal else sign)


@transaction.atomic
def entry_record(
    *,
    actor,
    agency: Unit,
    day: date | None,
    direction: str,
    source: str,
    use: str,
    amount,
    voucher: str,
    description: str,
) -> LedgerEntry:
    agency = _agency(actor, agency)
    _check_day(day)
    if direction not in Direction.values:
        raise FundingError("请选择收支。", "direction")
    if source not in Source.values:
        raise FundingError("请选择资金来源。", "source")
    use = use or ""
    if use and use not in Use.values:
        raise FundingError("请选择资金用途。", "use")
    if direction == Direction.EXPENSE and not use:
        raise FundingError("支出须选择资金用途。", "use")
    try:
        amount = Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        raise FundingError("金额应为数字，如 12000.50。", "amount") from None
    if not amount.is_finite() or amount <= 0:
        raise FundingError("金额（元）应大于0。", "amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise FundingError("金额（元）最多保留两位小数（到分）。", "amount")
    if amount > MAX_AMOUNT:
        raise FundingError("金额（元）过大，请核对。", "amount")
    return LedgerEntry.objects.create(
        agency=agency,
        county_id=agency.county_id,
        day=day,
        direction=direction,
        source=source,
        use=use,
        amount=amount,
        signed_amount=_signed(direction, amount, False),
        voucher=_text(voucher, "voucher", "凭证号", 40),
        description=_text(description, "description", "摘要", 200),
        recorded_by=actor,
    )


@transaction.atomic
def entry_reverse(*, actor, entry: LedgerEntry, day: date | None, voucher: str, reason: str) -> LedgerEntry:
    """A reversing entry (冲销) for `entry`, on `day`, with the reason."""
    locked = LedgerEntry.objects.select_for_update().filter(pk=entry.pk).select_related("agency").first()
    if locked is None:
        raise FundingError("没有找到该账目，请刷新页面。")
    agency = _agency(actor, locked.agency)
    if locked.reverses_id is not None:
        raise FundingError("冲销账目不能再冲销；如需更正，请重新登记一笔账目。")
    if LedgerEntry.objects.filter(reverses=locked).exists():
        raise FundingError("该账目已冲销。")
    _check_day(day, locked.day, f"原账目日期（{cn_date(locked.day)}）")
    reason = _text(reason, "reason", "冲销原因", 150)
    return LedgerEntry.objects.create(
        agency=agency,
        county_id=agency.county_id,
        day=day,
        direction=locked.direction,
        source=locked.source,
        use=locked.use,
        amount=locked.amount,
        signed_amount=_signed(locked.direction, locked.amount, True),
        voucher=_text(voucher, "voucher", "凭证号", 40),
        description=f"冲销{cn_date(locked.day)}凭证{locked.voucher}：{reason}"[:200],
        reverses=locked,
        recorded_by=actor,
    )
