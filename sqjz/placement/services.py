"""Writes of placement bases and enterprises, each one transaction. Who writes: users with PLACEMENT_MANAGE (the
offices' officers and the county agency's staff), for the bases and enterprises of their own county.

- A base is registered in the user's county; its capacity may not be set below the people staying in it, and it may
  not be taken out of use while anyone stays.
- A person is placed in a base in use, from a day not in the future (a year back at most), if they are under
  correction in the base's county and in the user's jurisdiction, not staying in a base already, "three-no" by their
  standing needs assessment and the officer's finding (THREE_NO_PERSON), and the base has a free place on every day
  from then on (PLACEMENT_CAPACITY). The stay is ended with the day the person left and what became of them.
- An enterprise of the user's county registers offers: a job or training with places, a donation with its value.
- An offer is proposed, while valid, to the person of an open assistance case of a kind it fits (OFFER_FITS) that
  the user may see; the person's answer (accepted, declined) is recorded with its day, and written on the assistance
  case as a step. A job's or a training's places are not exceeded by the people who accepted it.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.assistance import selectors as assistance
from sqjz.assistance import services as assistance_services
from sqjz.core.errors import ServiceError
from sqjz.placement.models import Enterprise, Offer, OfferMatch, Placement, PlacementBase
from sqjz.placement.selectors import CAPACITY_RULE, THREE_NO_RULE, occupying, stays_of, writer_county
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.placement import OFFER_FITS, OFFER_KINDS
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user

PAST_DAYS = 366  # a placement, its end or an answer may be recorded up to a year late, no more (a typing error)
WITH_PLACES = ("job", "training")  # offers that must say how many people they take
M = OfferMatch.Status


class PlacementError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _county(actor) -> int:
    county = writer_county(actor)
    if county is None:
        raise PlacementError("您无权管理安置基地和企业帮扶。")
    return county


def _check_day(day: date, field: str, earliest: date | None = None, what: str = "") -> None:
    today = timezone.localdate()
    if day > today:
        raise PlacementError("日期不能晚于今天。", field)
    if day < today - timedelta(days=PAST_DAYS):
        raise PlacementError("日期不能早于一年前，请核对。", field)
    if earliest is not None and day < earliest:
        raise PlacementError(f"日期不能早于{what}（{cn_date(earliest)}）。", field)


def _staying(base: PlacementBase) -> int:
    return base.placements.filter(occupying(timezone.localdate())).count()


@transaction.atomic
def base_save(*, actor, base: PlacementBase) -> PlacementBase:
    """A new base of the actor's county, or a base of it changed (the form's instance)."""
    county = _county(actor)
    if base.pk is None:
        base.county_id, base.created_by = county, actor
        base.save()
        return base
    locked = PlacementBase.objects.select_for_update().filter(pk=base.pk, county_id=county).first()
    if locked is None:
        raise PlacementError("只能修改本县（市、区）的安置基地。")
    staying = _staying(locked)
    if base.capacity < staying:
        raise PlacementError(f"现有{staying}人在住，容量不能少于{staying}人。", "capacity")
    if not base.active and staying:
        raise PlacementError(f"现有{staying}人在住，请先办理离开再停用。", "active")
    base.county_id, base.created_by_id = county, locked.created_by_id
    base.save()
    return base


@transaction.atomic
def placement_create(
    *,
    actor,
    base: PlacementBase,
    supervisee: Supervisee,
    started_on: date,
    planned_end: date,
    reason: str,
    family_to_turn_to: bool,
) -> Placement:
    """Place a person in a base, if they are "three-no" (THREE_NO_PERSON: the standing needs assessment's housing and
    work, the officer's finding on family) and the base has room (PLACEMENT_CAPACITY)."""
    county = _county(actor)
    locked = PlacementBase.objects.select_for_update().filter(pk=base.pk, county_id=county).first()
    if locked is None:
        raise PlacementError("只能在本县（市、区）的安置基地安置。")
    if not locked.active:
        raise PlacementError("该基地已停用，不能安置。")
    s = lock_supervisee_for_user(actor, supervisee.pk, Access.VIEW, status=Status.UNDER_CORRECTION)
    if s is None or s.county_id != locked.county_id:
        raise PlacementError("只能安置本辖区（基地所在县）在矫的社区矫正对象。", "person")
    reason = (reason or "").strip()
    if not reason:
        raise PlacementError("请填写安置情况。", "reason")
    staying = s.placements.filter(ended_on__isnull=True).select_related("base").first()
    if staying is not None:
        raise PlacementError(f"{s.name}已在{staying.base.name}安置，请先办理离开。", "person")
    left = s.placements.order_by("-ended_on").values_list("ended_on", flat=True).first()
    _check_day(started_on, "started_on", left, "其上次离开安置基地的日期")
    if planned_end <= started_on:
        raise PlacementError("计划离开日期应晚于入住日期。", "planned_end")
    assessment = assistance.current_assessment(s)
    if assessment is None:
        raise PlacementError(f"{s.name}尚未进行帮扶需求评估，请先评估其住房、就业情况。", "person")
    ctx = statute_context()
    three_no = RULES[THREE_NO_RULE](
        ctx,
        stable_housing=assessment.stable_housing,
        work=assessment.work,
        family_to_turn_to=family_to_turn_to,
        assessed_on=assessment.assessed_on,
    )
    if not three_no.outcome:
        failing = "；".join(r for r in three_no.reasons[:3] if r.endswith("不符合"))
        raise PlacementError(f"{s.name}{three_no.reasons[-1]}：{failing}（{three_no.articles[0]}）。", "person")
    room = RULES[CAPACITY_RULE](ctx, capacity=locked.capacity, placed_on=started_on, stays=stays_of(locked))
    if not room.outcome:
        raise PlacementError(f"{room.reasons[0]}，{room.reasons[1]}（{room.articles[0]}）。", "started_on")
    return Placement.objects.create(
        base=locked,
        supervisee=s,
        started_on=started_on,
        planned_end=planned_end,
        reason=reason[:300],
        rule=THREE_NO_RULE,
        articles="、".join(dict.fromkeys(three_no.articles + room.articles))[:300],
        reasons="\n".join(three_no.reasons + room.reasons),
        placed_by=actor,
    )


@transaction.atomic
def placement_end(*, actor, placement: Placement, ended_on: date, end_note: str) -> Placement:
    """The person left the base on `ended_on`."""
    county = _county(actor)
    locked = (
        Placement.objects.select_for_update()
        .filter(pk=placement.pk, base__county_id=county, ended_on__isnull=True)
        .first()
    )
    if locked is None or lock_supervisee_for_user(actor, locked.supervisee_id, Access.VIEW) is None:
        raise PlacementError("没有找到本辖区尚在安置的人员，请刷新页面。")
    _check_day(ended_on, "ended_on", locked.started_on, "入住日期")
    end_note = (end_note or "").strip()
    if not end_note:
        raise PlacementError("请填写离开情况。", "end_note")
    locked.ended_on, locked.end_note, locked.ended_by = ended_on, end_note[:300], actor
    locked.save(update_fields=["ended_on", "end_note", "ended_by"])
    return locked


# ------------------------------------------------------------------------------------------- enterprises and offers


@transaction.atomic
def enterprise_create(*, actor, enterprise: Enterprise) -> Enterprise:
    enterprise.county_id, enterprise.created_by = _county(actor), actor
    enterprise.save()
    return enterprise


@transaction.atomic
def offer_create(*, actor, enterprise: Enterprise, offer: Offer) -> Offer:
    """An offer of an enterprise of the actor's county (the form's instance)."""
    county = _county(actor)
    if not Enterprise.objects.filter(pk=enterprise.pk, county_id=county).exists():
        raise PlacementError("只能为本县（市、区）的企业登记帮扶项目。")
    if offer.kind not in OFFER_KINDS:
        raise PlacementError("请选择帮扶方式。", "kind")
    if offer.kind in WITH_PLACES and not offer.places:
        raise PlacementError(f"{OFFER_KINDS[offer.kind]}须填写名额。", "places")
    if offer.kind == "donation" and not offer.amount:
        raise PlacementError("捐赠物资须填写折合金额。", "amount")
    if offer.valid_to < offer.valid_from:
        raise PlacementError("有效期至不能早于有效期自。", "valid_to")
    if offer.valid_to < timezone.localdate():
        raise PlacementError("有效期已过，无需登记。", "valid_to")
    offer.enterprise_id, offer.created_by = enterprise.pk, actor
    offer.save()
    return offer


def _offer_for_writing(actor, offer: Offer) -> Offer:
    county = _county(actor)
    locked = (
        Offer.objects.select_for_update(of=("self",))
        .filter(pk=offer.pk, enterprise__county_id=county)
        .select_related("enterprise")
        .first()
    )
    if locked is None:
        raise PlacementError("只能办理本县（市、区）企业的帮扶项目。")
    return locked


@transaction.atomic
def match_propose(*, actor, offer: Offer, case_id: int | None, day: date, note: str) -> OfferMatch:
    """Propose the offer, on `day` within its validity, to the person of an open case of a kind it fits."""
    locked = _offer_for_writing(actor, offer)
    fitting = assistance.unfinished_cases(actor, kinds=OFFER_FITS[locked.kind], county_id=locked.enterprise.county_id)
    case = fitting.filter(pk=case_id).first() if case_id else None
    if case is None:
        raise PlacementError("请选择本辖区尚未办结、与该项目相符的帮扶个案。", "case")
    if locked.matches.filter(case_id=case.pk).exists():
        raise PlacementError("该项目已推荐给这一帮扶个案。", "case")
    _check_day(day, "day")
    if not locked.valid_from <= day <= locked.valid_to:
        period = f"{cn_date(locked.valid_from)}至{cn_date(locked.valid_to)}"
        raise PlacementError(f"推荐日期应在项目有效期（{period}）内。", "day")
    return OfferMatch.objects.create(
        offer=locked, case_id=case.pk, proposed_on=day, note=(note or "").strip()[:300], proposed_by=actor
    )


@transaction.atomic
def match_decide(*, actor, match: OfferMatch, status: str, day: date, note: str) -> OfferMatch:
    """The person's answer to a proposed offer, written on the assistance case too (while it is open)."""
    if status not in (M.ACCEPTED, M.DECLINED):
        raise PlacementError("请选择结果。", "status")
    offer = _offer_for_writing(actor, match.offer)
    locked = OfferMatch.objects.select_for_update().filter(pk=match.pk, offer=offer).first()
    case = assistance.cases_for(actor).filter(pk=locked.case_id).first() if locked else None
    if locked is None or case is None:
        raise PlacementError("没有找到本辖区的这一推荐，请刷新页面。")
    if locked.status != M.PROPOSED:
        raise PlacementError(f"该推荐{locked.get_status_display()}，不能再登记结果。", "status")
    _check_day(day, "day", locked.proposed_on, "推荐日期")
    taken = offer.matches.filter(status=M.ACCEPTED).count()
    if status == M.ACCEPTED and offer.places and taken >= offer.places:
        raise PlacementError(f"该项目名额{offer.places}人，已有{taken}人接受，名额已满。", "status")
    note = (note or "").strip()
    locked.status, locked.decided_on, locked.decided_by, locked.note = status, day, actor, note[:300] or locked.note
    locked.save(update_fields=["status", "decided_on", "decided_by", "note"])
    if not case.finished:
        answer = "本人接受" if status == M.ACCEPTED else "本人未接受"
        text = f"企业帮扶：{offer.enterprise.name}{offer.get_kind_display()}“{offer.title}”，{answer}"
        assistance_services.case_step(
            actor=actor, case=case, action="note", day=day, note=(text + (f"。{note}" if note else ""))[:300]
        )
    return locked
