"""Demo records received from partner agencies (decision 0041): the administrator's credential for 红塔区人民法院's
trial system, a probation judgment arriving through the same service the partner API uses (the person waits as
pending report-in at the office of the residence given), and a malformed message from the same court, refused and
kept for inspection."""

from datetime import date, timedelta

from sqjz.core.identity import check_char
from sqjz.exchange import services
from sqjz.exchange.models import PartnerCredential
from sqjz.organisation.models import Division

COURT = "红塔区人民法院"


def _id_number(birth: date, sequence: int) -> str:
    first17 = f"530402{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def seed_exchange(*, today: date, users: dict) -> None:
    admin, judge = users.get("admin"), users.get("sunlei")
    if admin is None or judge is None or PartnerCredential.objects.exists():
        return
    court = judge.unit
    credential, _ = services.credential_create(actor=admin, agency=court, name="审判流程管理系统对接")
    village = (
        Division.objects.filter(level=Division.Level.VILLAGE, code__startswith="530402001").order_by("code").first()
    )
    if village is None:
        return
    effective = today - timedelta(days=3)
    body = {
        "document_number": f"（{effective.year}）云0402刑初{412 + effective.day}号",
        "correction_type": "probation",
        "effective_date": effective.isoformat(),
        "term_start": effective.isoformat(),
        "term_end": (effective.replace(year=effective.year + 2) - timedelta(days=1)).isoformat(),
        "original_sentence": "有期徒刑一年，缓刑二年",
        "crime": "盗窃罪",
        "crime_article": "刑法第二百六十四条",
        "offence_date": (effective - timedelta(days=160)).isoformat(),
        "person": {
            "name": "段文斌",
            "gender": "male",
            "id_number": _id_number(date(1994, 7, 16), 537),
            "ethnicity": "01",
            "education": "senior",
            "phone": "13708770516",
            "household_address": f"云南省玉溪市红塔区{village.parent.name}{village.name}23号",
            "residence": {
                "village_code": village.code,
                "address": f"云南省玉溪市红塔区{village.parent.name}{village.name}23号",
            },
        },
    }
    envelope = {"message_id": f"HTFY-{effective:%Y%m%d}-0001", "type": "judgment", "version": 1, "body": body}
    services.message_receive(agency=court, envelope=envelope, credential=credential)
    malformed = {
        "message_id": f"HTFY-{effective:%Y%m%d}-0002",
        "type": "judgment",
        "version": 1,
        "body": {**body, "effective_date": f"{effective.year}年{effective.month}月{effective.day}日"},
    }
    services.message_receive(agency=court, envelope=malformed, credential=credential)
