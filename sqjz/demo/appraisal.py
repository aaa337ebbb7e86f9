"""Demo appraisal data (GOV-1, OUT-1), made through the services as the city (刘建国) and 红塔区's agency (张丽) would:
the default weights and follow-up periods, the provincial recidivism figure for 2025 and 2026, a re-offence during
correction and one after discharge, so that the appraisal and recidivism pages show numbers."""

from datetime import date, timedelta
from decimal import Decimal

from sqjz.appraisal import services
from sqjz.appraisal.indicators import INDICATORS
from sqjz.appraisal.models import ProvincialFigure
from sqjz.supervisees.models import Status, Supervisee


def seed_appraisal(*, today: date, users: dict) -> None:
    city, county = users.get("liujianguo"), users.get("zhangli")
    if city is None or ProvincialFigure.objects.exists():
        return
    services.weights_save(actor=city, weights={i.code: (i.default_weight, i.higher_is_better) for i in INDICATORS})
    services.follow_up_save(actor=city, years=[1, 2, 3])
    for year, rate in ((2025, Decimal("0.21")), (2026, Decimal("0.19"))):
        if year <= today.year:
            services.provincial_figure_save(actor=city, year=year, rate=rate, source=f"云南省司法厅{year}年通报")
    if county is None:
        return
    adults = Supervisee.objects.filter(county_id=county.unit.county_id, is_minor=False)
    during = adults.filter(status=Status.UNDER_CORRECTION, term_start__lte=today - timedelta(days=60)).first()
    if during:
        services.reoffence_record(
            actor=county,
            supervisee=during,
            offence_date=today - timedelta(days=20),
            judged_on=None,
            source="police",
            crime="盗窃罪",
            note="公安机关通报：在超市盗窃财物，已被刑事拘留。",
        )
    after = adults.filter(status=Status.DISCHARGED, term_end__lte=today - timedelta(days=200)).order_by("-term_end")
    for s in after[:2]:
        end = services.correction_last_day(s)
        offence = min(end + timedelta(days=150), today - timedelta(days=10))
        if offence > end:
            services.reoffence_record(
                actor=county,
                supervisee=s,
                offence_date=offence,
                judged_on=offence + timedelta(days=5),
                source="court",
                crime="诈骗罪",
                note="人民法院判决书载明解除矫正后再次实施诈骗。",
            )
