"""Demo earmarked-funds ledgers (decision 0045): for 2026, the provincial subsidy received by the city and passed to
红塔区 and 江川区 in tranches, the county's own appropriation, social workers' wages with the five insurances each
quarter, and purchased social-work services. Only days up to `today` are recorded; one reversal shows a correction."""

from datetime import date

from sqjz.funding import services
from sqjz.funding.models import LedgerEntry

YEAR = 2026


def _entries(prefix: str, subsidy: str, county: str, wages: str, services_paid: str) -> list[tuple]:
    return [
        (
            date(YEAR, 3, 20),
            "income",
            "provincial",
            "",
            subsidy,
            f"{prefix}财行〔{YEAR}〕8号",
            "省级社区矫正经费补助（第一批）",
        ),
        (date(YEAR, 3, 25), "income", "county", "", county, f"{prefix}财预〔{YEAR}〕15号", "县级财政社区矫正工作经费"),
        (date(YEAR, 3, 31), "expense", "county", "wages", wages, "记-0331", "第一季度专职社工工资及五险"),
        (date(YEAR, 4, 10), "expense", "provincial", "purchased", services_paid, "记-0410", "购买社会工作服务项目首款"),
        (date(YEAR, 5, 15), "expense", "provincial", "education", "6800.00", "记-0515", "集中教育学习资料印制"),
        (date(YEAR, 6, 30), "expense", "county", "wages", wages, "记-0630", "第二季度专职社工工资及五险"),
        (
            date(YEAR, 8, 20),
            "income",
            "provincial",
            "",
            subsidy,
            f"{prefix}财行〔{YEAR}〕31号",
            "省级社区矫正经费补助（第二批）",
        ),
        (date(YEAR, 9, 30), "expense", "county", "wages", wages, "记-0930", "第三季度专职社工工资及五险"),
        (date(YEAR, 10, 15), "expense", "provincial", "placement", "12000.00", "记-1015", "过渡性安置基地生活补助"),
    ]


def seed_funding(*, today: date, users: dict) -> None:
    zhangli, luoming, city = users.get("zhangli"), users.get("luoming"), users.get("liujianguo")
    if zhangli is None or LedgerEntry.objects.exists():
        return
    books = [(zhangli, "红", "150000.00", "80000.00", "93600.00", "60000.00")]
    if luoming is not None:
        books.append((luoming, "江", "60000.00", "40000.00", "46800.00", "30000.00"))
    for actor, prefix, subsidy, county, wages, services_paid in books:
        for day, direction, source, use, amount, voucher, text in _entries(
            prefix, subsidy, county, wages, services_paid
        ):
            if day <= today:
                services.entry_record(
                    actor=actor,
                    agency=actor.unit,
                    day=day,
                    direction=direction,
                    source=source,
                    use=use,
                    amount=amount,
                    voucher=voucher,
                    description=text,
                )
    wrong = LedgerEntry.objects.filter(agency=zhangli.unit, voucher="记-0515").first()
    if wrong is not None and date(YEAR, 5, 20) <= today:
        services.entry_reverse(
            actor=zhangli, entry=wrong, day=date(YEAR, 5, 20), voucher="记-0520", reason="应由教育帮扶项目列支，误记"
        )
    if city is not None and city.unit is not None and date(YEAR, 3, 10) <= today:
        services.entry_record(
            actor=city,
            agency=city.unit,
            day=date(YEAR, 3, 10),
            direction="income",
            source="provincial",
            use="",
            amount="50000.00",
            voucher=f"玉财行〔{YEAR}〕5号",
            description="省级社区矫正经费补助（市级统筹部分）",
        )
