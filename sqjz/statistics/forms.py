"""The period of the statistics: a month (by default the last full one), a quarter, or any dates, and the level of
detail. Refuses a period ending in the future, one ending before it starts, and one longer than about three years,
with a Chinese message naming the field."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms

from sqjz.statute.text import cn_date

MONTH, QUARTER, RANGE = "month", "quarter", "range"
PERIODS = {MONTH: "按月", QUARTER: "按季度", RANGE: "按起止日期"}
MAX_DAYS = 3 * 366  # about three years
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str  # 2026年11月, 2026年第四季度, 2026年1月1日至2026年3月31日


def last_full_month(today: date) -> str:
    day = today.replace(day=1) - timedelta(days=1)
    return f"{day.year:04d}-{day.month:02d}"


def current_quarter(today: date) -> str:
    return f"{today.year:04d}-Q{(today.month - 1) // 3 + 1}"


def quarter_choices(today: date, n: int = 12) -> list[tuple[str, str]]:
    """The last `n` quarters, the current one first."""
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(n):
        out.append((f"{year:04d}-Q{q}", f"{year}年{QUARTER_NAMES[q - 1]}"))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="统计周期", choices=PERIODS.items(), required=False)
    month = forms.CharField(label="月份", required=False, max_length=7)
    quarter = forms.CharField(label="季度", required=False, max_length=7)
    start = forms.DateField(label="起始日期", required=False)
    end = forms.DateField(label="截止日期", required=False)
    level = forms.ChoiceField(label="统计层级", required=False)

    def __init__(self, *args, today: date, levels: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["level"].choices = list(levels.items())
        self.fields["start"].error_messages["invalid"] = "起始日期格式不正确，请按“2026-11-01”填写。"
        self.fields["end"].error_messages["invalid"] = "截止日期格式不正确，请按“2026-11-30”填写。"
        self.fields["level"].error_messages["invalid_choice"] = "统计层级不正确，请从列表中选择。"
        self.fields["period"].error_messages["invalid_choice"] = "统计周期不正确，请从列表中选择。"

    def _month(self) -> Period:
        text = (self.cleaned_data.get("month") or last_full_month(self.today)).strip()
        try:
            year, month = (int(part) for part in text.split("-"))
            start = date(year, month, 1)
        except ValueError:
            raise forms.ValidationError({"month": "月份格式不正确，请按“2026-11”填写。"}) from None
        if year < FIRST_YEAR:
            raise forms.ValidationError({"month": f"月份不能早于{FIRST_YEAR}年。"})
        if start > self.today:
            raise forms.ValidationError({"month": "月份不能晚于本月。"})
        return Period(start, min(_month_end(year, month), self.today), f"{year}年{month}月")

    def _quarter(self) -> Period:
        text = (self.cleaned_data.get("quarter") or current_quarter(self.today)).strip().upper()
        try:
            year_text, q_text = text.split("-Q")
            year, q = int(year_text), int(q_text)
            if not 1 <= q <= 4:
                raise ValueError
            start = date(year, 3 * q - 2, 1)
        except ValueError:
            raise forms.ValidationError({"quarter": "季度格式不正确，请从列表中选择。"}) from None
        if year < FIRST_YEAR:
            raise forms.ValidationError({"quarter": f"季度不能早于{FIRST_YEAR}年。"})
        if start > self.today:
            raise forms.ValidationError({"quarter": "季度不能晚于本季度。"})
        return Period(start, min(_month_end(year, 3 * q), self.today), f"{year}年{QUARTER_NAMES[q - 1]}")

    def _range(self) -> Period | None:
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if "start" in self.errors or "end" in self.errors:
            return None  # the field's own message says what is wrong
        if start is None:
            raise forms.ValidationError({"start": "请填写起始日期。"})
        if end is None:
            raise forms.ValidationError({"end": "请填写截止日期。"})
        if start.year < FIRST_YEAR:
            raise forms.ValidationError({"start": f"起始日期不能早于{FIRST_YEAR}年。"})
        if end > self.today:
            raise forms.ValidationError({"end": f"截止日期不能晚于今天（{cn_date(self.today)}）。"})
        if end < start:
            raise forms.ValidationError({"end": "截止日期不能早于起始日期。"})
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError({"end": "统计期间不能超过三年，请缩短起止日期。"})
        return Period(start, end, f"{cn_date(start)}至{cn_date(end)}")

    def clean(self):
        data = super().clean()
        kind = data.get("period") or MONTH
        data["period"] = kind
        if kind == QUARTER:
            data["span"] = self._quarter()
        elif kind == RANGE:
            data["span"] = self._range()
        else:
            data["span"] = self._month()
        return data
