"""JSON API of the register: the same selectors, jurisdiction and access logging as the pages."""

from datetime import date

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.identity import mask_identity, mask_phone
from sqjz.supervisees.permissions import get_supervisee_for_user
from sqjz.supervisees.selectors import RegisterFilter, supervisee_list

router = Router(tags=["矫正对象"])


# Paging and ids are bounded: PostgreSQL refuses numbers beyond bigint with an error (a 500), and no register holds
# ten million people (decision 0016).
MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1


class SuperviseeListQuery(Schema):
    q: str = Field("", max_length=100)
    county: int | None = Field(None, ge=1, le=MAX_ID)
    office: int | None = Field(None, ge=1, le=MAX_ID)
    correction_type: str = ""
    status: str = ""
    flag: str = ""
    sort: str = "-term_start"
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(20, ge=1, le=100)


class SuperviseeSummaryOut(Schema):
    id: int
    name: str
    gender: str
    id_number_masked: str
    correction_type: str
    status: str
    term_start: date
    term_end: date
    judicial_office: str
    is_minor: bool


class NotFoundOut(Schema):
    detail: str


class SuperviseeListOut(Schema):
    count: int
    items: list[SuperviseeSummaryOut]


class SuperviseeOut(SuperviseeSummaryOut):
    id_number: str
    phone: str
    birth_date: date
    ethnicity: str
    residence_address: str
    crime: str
    original_sentence: str
    deciding_authority: str


def _require(request: HttpRequest, capability: Capability) -> None:
    if not has_capability(request.user, capability):
        raise HttpError(403, "无权访问")


def _summary(s) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "gender": s.gender,
        "id_number_masked": mask_identity(s.id_number),
        "correction_type": s.correction_type,
        "status": s.status,
        "term_start": s.term_start,
        "term_end": s.term_end,
        "judicial_office": s.judicial_office.name,
        "is_minor": s.is_minor,
    }


@router.get("/", response=SuperviseeListOut, summary="矫正对象名册（证件号码已遮蔽）")
def list_supervisees(request: HttpRequest, params: Query[SuperviseeListQuery]):
    _require(request, Capability.SUPERVISEE_VIEW)
    f = RegisterFilter(**params.dict(exclude={"offset", "limit"}))
    queryset = supervisee_list(request.user, f)
    items = [_summary(s) for s in queryset[params.offset : params.offset + params.limit]]
    return {"count": queryset.count(), "items": items}


@router.get(
    "/{supervisee_id}", response={200: SuperviseeOut, 404: NotFoundOut}, summary="矫正对象详情（查看将记入访问日志）"
)
def get_supervisee(request: HttpRequest, supervisee_id: int):
    _require(request, Capability.SUPERVISEE_VIEW)
    with transaction.atomic():
        s = get_supervisee_for_user(request.user, supervisee_id)
        access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[s.pk], request=request)
    full = has_capability(request.user, Capability.SUPERVISEE_VIEW_IDENTITY)
    return {
        **_summary(s),
        "id_number": s.id_number if full else mask_identity(s.id_number),
        "phone": (s.phone if full else mask_phone(s.phone)) if s.phone else "",
        "birth_date": s.birth_date,
        "ethnicity": s.get_ethnicity_display(),
        "residence_address": s.residence_address,
        "crime": s.crime,
        "original_sentence": s.original_sentence,
        "deciding_authority": s.deciding_authority.name,
    }
