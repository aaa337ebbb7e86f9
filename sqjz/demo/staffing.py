"""Demo staffing (队伍配备), made through the services as 张丽 (红塔区's agency) would: part-time specialists (兼职专干)
for the 红塔区 villages with the most people under correction, for all those that need one (VILLAGE_SPECIALIST_NEEDED)
but one, 玉兴's where a 玉兴 village needs one, so that her pages show one village short; and at least two in all.
The offices' social workers and the villages' evaluators are the demo's accounts (most offices have none yet)."""

from datetime import date, timedelta

from django.db.models import Count

from sqjz.rulebook.selectors import statute_context
from sqjz.staffing import services
from sqjz.staffing.models import VillageSpecialist
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee

HONGTA = "530402"
YUXING = "530402001"
SPECIALISTS = [
    ("王秀兰", "13908771201", "居委会副主任兼任"),
    ("李建华", "13908771202", "村委会委员兼任"),
    ("普丽芬", "13908771203", "网格员兼任"),
    ("杨国庆", "13908771204", "调解主任兼任"),
]


def seed_staffing(*, today: date, users: dict) -> None:
    zhangli = users.get("zhangli")
    if zhangli is None or VillageSpecialist.objects.exists():
        return
    villages = list(
        Supervisee.objects.filter(status=Status.UNDER_CORRECTION, county__code=HONGTA, village__isnull=False)
        .values_list("village_id", "village__parent__code")
        .annotate(n=Count("id"))
        .order_by("-n", "village__code")
    )
    ctx, rule = statute_context(), RULES["VILLAGE_SPECIALIST_NEEDED"]
    needing = [
        row
        for row in villages
        if rule(ctx, on=today, people_in_village=row[2], specialists=0).outcome["specialist_needed"]
    ]
    if not needing:
        return
    short = next((row for row in needing if row[1] == YUXING), needing[-1])
    chosen = [row for row in needing if row is not short]
    chosen += [row for row in villages if row not in needing][: max(2 - len(chosen), 0)]
    for i, (village_id, _, _) in enumerate(chosen):
        name, phone, note = SPECIALISTS[i % len(SPECIALISTS)]
        services.specialist_register(
            actor=zhangli,
            specialist=VillageSpecialist(
                village_id=village_id, name=name, phone=phone, note=note, since=today - timedelta(days=300 - 40 * i)
            ),
        )
