"""Export China's public holidays and adjusted working days from PyPI `chinesecalendar` to
sqjz/statute/data/cn_holidays.csv. Run in a venv with `pip install chinesecalendar` (not a project dependency)."""

import csv
from pathlib import Path

from chinese_calendar import constants

OUT = Path(__file__).resolve().parent.parent / "sqjz/statute/data/cn_holidays.csv"
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

rows = [(d.isoformat(), "holiday", NAMES[n]) for d, n in constants.holidays.items()]
rows += [(d.isoformat(), "workday", NAMES[n]) for d, n in constants.workdays.items()]
with open(OUT, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["date", "kind", "name"])
    writer.writerows(sorted(rows))
print(f"wrote {len(rows)} rows to {OUT}")
