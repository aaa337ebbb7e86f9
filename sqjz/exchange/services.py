"""Receiving partner agencies' messages (decision 0041). One entry, `message_receive`, for the partner API and the
partner users' pages alike: check the envelope against the type's schema, check the agency may send it, create the
record through the owning area's service, and keep the message (accepted or refused) with the answer given.

The same (agency, message id) again answers as the first time and creates nothing; another message under an id
already accepted is refused (409). A refused message does not use up its id: the agency may send it corrected."""

import base64
import binascii
import hashlib
import json
import logging
import secrets
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.crypto import secret_digest
from sqjz.core.errors import ServiceError
from sqjz.core.identity import parse_resident_id
from sqjz.exchange import registry
from sqjz.exchange.models import PARTNER_KINDS, DetentionNotice, InboundMessage, PartnerCredential
from sqjz.investigation import duties as investigation_duties
from sqjz.investigation import services as investigation_services
from sqjz.organisation.models import Division, Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import ACTIVE_STATUSES, Status, Supervisee
from sqjz.supervisees.services import RegisterError, Related, identity_index, supervisee_register

logger = logging.getLogger(__name__)
M = InboundMessage
ACCOUNT_ROLES = {
    "court": Role.JUDGE,
    "prison": Role.PRISON_OFFICER,
    "public_security": Role.POLICE,
    "police_station": Role.POLICE,
    "procuratorate": Role.PROCURATOR,
}


class ExchangeError(ServiceError):
    """A credential change refused for a reason the administrator can act on."""


# ------------------------------------------------------------------------------------------------- credentials


def credential_for_token(token: str) -> PartnerCredential | None:
    if not token or len(token) > 200:
        return None
    active = PartnerCredential.objects.select_related("agency").filter(active=True, agency__is_active=True)
    return active.filter(token_hash=secret_digest(token)).first()


def _administrator(actor) -> None:
    if not has_capability(actor, Capability.SYSTEM_CONFIGURE):
        raise ExchangeError("只有系统管理员可以管理对接凭据。")


@transaction.atomic
def credential_create(*, actor, agency: Unit, name: str) -> tuple[PartnerCredential, str]:
    """A credential of a partner agency, and its token (returned this once; only its digest is stored)."""
    _administrator(actor)
    name = name.strip()
    if not name:
        raise ExchangeError("请填写凭据名称。", "name")
    if agency.kind not in PARTNER_KINDS or not agency.is_active:
        raise ExchangeError("只能为法院、检察院、公安机关（派出所）、监狱创建对接凭据。", "agency")
    if PartnerCredential.objects.filter(agency=agency, name=name, active=True).exists():
        raise ExchangeError("该机关已有同名的启用中凭据。", "name")
    token = "px_" + secrets.token_urlsafe(32)
    credential = PartnerCredential(
        name=name[:100], agency=agency, token_hash=secret_digest(token), token_hint=token[:8], created_by=actor
    )
    credential._history_user = actor
    credential.save()
    return credential, token


@transaction.atomic
def credential_deactivate(*, actor, credential: PartnerCredential) -> PartnerCredential:
    """A deactivated credential's token is refused from the next request on; it cannot be activated again."""
    _administrator(actor)
    c = PartnerCredential.objects.select_for_update().get(pk=credential.pk)
    if not c.active:
        raise ExchangeError("该凭据已停用。")
    c.active, c.deactivated_at = False, timezone.now()
    c._history_user = actor
    c.save()
    return c


def exchange_account(agency: Unit) -> User:
    """The account under which the API's messages of an agency are recorded (history, created_by): one per agency,
    inactive and without a password, so that it can never sign in."""
    username = f"exchange-{agency.pk}"
    account = User.objects.filter(username=username).first()
    if account is None:
        account = User(
            username=username,
            full_name=f"{agency.name}（系统对接）"[:50],
            role=ACCOUNT_ROLES[agency.kind],
            unit=agency,
            is_active=False,
        )
        account.set_unusable_password()
        account.save()
    return account


# ---------------------------------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class Received:
    status: int
    answer: dict
    message: InboundMessage | None
    replay: bool = False


class _Refused(Exception):
    def __init__(self, status: int, message: str, path: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.path = status, message, path


def envelope_digest(envelope) -> str:
    canonical = json.dumps(envelope, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _stored(envelope) -> str:
    """The envelope as kept: documents by name, size and SHA-256 (their content is not kept in the message)."""
    if not isinstance(envelope, dict) or not isinstance(envelope.get("documents"), list):
        return json.dumps(envelope, ensure_ascii=False)
    kept = dict(envelope)
    kept["documents"] = [
        {k: v for k, v in d.items() if k != "content_base64"}
        | {"sha256": hashlib.sha256(str(d.get("content_base64", "")).encode()).hexdigest()}
        if isinstance(d, dict)
        else d
        for d in envelope["documents"]
    ]
    return json.dumps(kept, ensure_ascii=False)


def message_body(m: InboundMessage):
    """The envelope as kept (decrypted); None when it cannot be read back."""
    try:
        return json.loads(m.body)
    except ValueError:
        return None


def pdf_complete(data: bytes) -> bool:
    """A whole PDF file: its header and its end-of-file marker (the API's documents and the pages' uploads)."""
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def _documents_check(documents) -> None:
    for i, d in enumerate(documents or []):
        try:
            data = base64.b64decode(d["content_base64"], validate=True)
        except (binascii.Error, ValueError):
            raise _Refused(422, "不是有效的 Base64 编码。", f"documents[{i}].content_base64") from None
        if len(data) > registry.MAX_DOCUMENT_BYTES:
            limit = registry.MAX_DOCUMENT_BYTES // (1024 * 1024)
            raise _Refused(422, f"文书不能超过{limit}MB。", f"documents[{i}].content_base64")
        if not pdf_complete(data):
            raise _Refused(422, "文书不是完整的PDF文件。", f"documents[{i}].content_base64")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _residence_office(residence: dict) -> tuple[Division, Unit]:
    village = (
        Division.objects.filter(code=residence["village_code"], level=Division.Level.VILLAGE)
        .select_related("parent")
        .first()
    )
    if village is None:
        raise _Refused(422, "未找到该村（社区）区划代码。", "body.person.residence.village_code")
    office = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, division=village.parent, is_active=True).first()
    if office is None:
        raise _Refused(
            422, "该村（社区）所在乡镇（街道）没有司法所，请核对区划代码。", "body.person.residence.village_code"
        )
    return village, office


def _identity(person: dict) -> tuple[str, date, bool]:
    number = person["id_number"].upper()
    try:
        parsed = parse_resident_id(number)
    except ValidationError as error:
        raise _Refused(422, error.messages[0], "body.person.id_number") from None
    birth = _date(person.get("birth_date"))
    if birth and birth != parsed.birth_date:
        raise _Refused(422, "出生日期与身份证号不一致。", "body.person.birth_date")
    if "gender" in person and (person["gender"] == "male") != parsed.is_male:
        raise _Refused(422, "性别与身份证号（第17位）不一致。", "body.person.gender")
    return number, parsed.birth_date, parsed.is_male


# The field a service names, as the place in the message.
JUDGMENT_PATHS = {
    "name": "body.person.name",
    "former_names": "body.person.name",
    "id_number": "body.person.id_number",
    "judgment_effective_date": "body.effective_date",
}
COMMISSION_PATHS = {
    "name": "body.person.name",
    "id_number": "body.person.id_number",
    "commissioning_body": "type",
}


def _service_refusal(error: ServiceError, paths: dict[str, str]) -> _Refused:
    field = error.field or ""
    return _Refused(422, strip_tags(str(error.message)), paths.get(field, f"body.{field}" if field else "body"))


def _judgment(actor, agency: Unit, body: dict) -> dict:
    kind = body["correction_type"]
    if kind not in registry.JUDGMENT_SCOPE.get(agency.kind, ()):
        raise _Refused(403, f"{agency.get_kind_display()}不能交付该矫正类别的社区矫正对象。", "body.correction_type")
    ground = body.get("temporary_release_ground", "")
    if kind == "temporary_release" and not ground:
        raise _Refused(422, "暂予监外执行的应填写暂予监外执行情形。", "body.temporary_release_ground")
    if kind != "temporary_release" and ground:
        raise _Refused(422, "仅暂予监外执行填写暂予监外执行情形。", "body.temporary_release_ground")
    person = body["person"]
    number, birth, male = _identity(person)
    village, office = _residence_office(person["residence"])
    effective, start, end = _date(body["effective_date"]), _date(body["term_start"]), _date(body["term_end"])
    if end <= start:
        raise _Refused(422, "矫正终止日应晚于矫正起始日。", "body.term_end")
    s = Supervisee(
        name=person["name"],
        gender="male" if male else "female",
        ethnicity=person.get("ethnicity", ""),
        id_number=number,
        birth_date=birth,
        phone=person.get("phone", ""),
        household_address=person["household_address"],
        residence_address=person["residence"]["address"],
        village=village,
        education=person["education"],
        correction_type=kind,
        temporary_release_ground=ground,
        crime=body["crime"],
        crime_article=body["crime_article"],
        offence_date=_date(body["offence_date"]),
        original_sentence=body["original_sentence"],
        judgment_effective_date=effective,
        term_start=start,
        term_end=end,
        deciding_authority=agency,
        judicial_office=office,
    )
    try:
        s = supervisee_register(actor=actor, supervisee=s, related=Related([], [], []), status=Status.PENDING_REPORT)
    except RegisterError as error:
        raise _service_refusal(error, JUDGMENT_PATHS) from None
    due = RULES["REPORT_IN_DEADLINE"](statute_context(), correction_type=kind, effective_date=effective)
    rule = RULES["REPORT_IN_DEADLINE"]
    return {
        "record": {"kind": "supervisee", "id": s.pk},
        "office": office.name,
        "status": "pending_report",
        "report_in_deadline": {
            "due": due.outcome.due.isoformat(),
            "rule": rule.title,
            "articles": list(due.articles),
        },
        "_office": office,
        "_minor": s.is_minor,
    }


def _commission(actor, agency: Unit, body: dict) -> dict:
    person = body["person"]
    number, birth, male = _identity(person)
    village, office = _residence_office(person["residence"])
    try:
        inv = investigation_services.investigation_commission_receive(
            actor=actor,
            commissioning_body=agency,
            judicial_office=office,
            commission_number=body["commission_number"],
            fast_track=body.get("fast_track", False),
            name=person["name"],
            gender="male" if male else "female",
            id_number=number,
            birth_date=birth,
            residence_address=person["residence"]["address"],
            village=village,
            crime=body["crime"],
            offence_date=_date(body["offence_date"]),
            proposed_correction_type=body["proposed_correction_type"],
        )
    except investigation_services.InvestigationError as error:
        raise _service_refusal(error, COMMISSION_PATHS) from None
    due = investigation_duties.deadline(statute_context(), inv)
    rule = RULES["INVESTIGATION_DEADLINE"]
    return {
        "record": {"kind": "investigation", "id": inv.pk},
        "office": office.name,
        "deadline": {"due": due.outcome.due.isoformat(), "rule": rule.title, "articles": list(due.articles)},
        "_office": office,
        "_minor": inv.is_minor,
    }


def _detention(actor, agency: Unit, body: dict, message: InboundMessage) -> dict:
    person = body["person"]
    index = identity_index(person["id_number"].upper())
    s = Supervisee.objects.filter(id_number_index=index, status__in=ACTIVE_STATUSES).first()
    if s is None or s.name != person["name"]:
        raise _Refused(422, "未找到该姓名和证件号码的在册社区矫正对象，请核对。", "body.person.id_number")
    decided, until = _date(body["decided_on"]), _date(body.get("until"))
    if decided > timezone.localdate():
        raise _Refused(422, "决定（执行）日期不能晚于今天。", "body.decided_on")
    if until and until < decided:
        raise _Refused(422, "期限届满日不能早于决定（执行）日期。", "body.until")
    message.save()
    notice = DetentionNotice.objects.create(
        supervisee=s,
        agency=agency,
        message=message,
        measure=body["measure"],
        decided_on=decided,
        until=until,
        place=body.get("place", ""),
        document_number=body["document_number"],
        reason=body["reason"],
    )
    return {
        "record": {"kind": "detention_notice", "id": notice.pk},
        "office": s.judicial_office.name,
        "_office": s.judicial_office,
        "_minor": s.is_minor,
    }


def _previous(agency: Unit, message_id: str, digest: str) -> Received | None:
    mine = M.objects.filter(agency=agency, message_id=message_id)
    accepted = mine.filter(state=M.State.ACCEPTED).first()
    if accepted is not None:
        if accepted.digest == digest:
            return Received(accepted.status_code, accepted.answer, accepted, replay=True)
        detail = "该报文编号已用于另一份已接收的报文，内容不同。重发请使用原报文；新报文请使用新的编号。"
        return Received(409, {"detail": detail, "path": "message_id", "message_id": message_id}, None)
    same = mine.filter(digest=digest).order_by("-received_at").first()
    if same is not None:
        return Received(same.status_code, same.answer, same, replay=True)
    return None


def message_receive(*, agency: Unit, envelope, credential=None, user=None) -> Received:
    """Take one message; see the module's docstring. `credential` for the API, `user` (EXCHANGE_SUBMIT) for pages."""
    digest = envelope_digest(envelope)
    message_id = envelope.get("message_id") if isinstance(envelope, dict) else None
    if isinstance(message_id, str) and 0 < len(message_id) <= registry.MAX_MESSAGE_ID:
        if (previous := _previous(agency, message_id, digest)) is not None:
            _log(agency, credential, previous, envelope)
            return previous
    else:
        message_id = ""
    m = M(
        agency=agency,
        credential=credential,
        sent_by=user,
        channel=M.Channel.API if credential else M.Channel.PAGE,
        message_id=message_id,
        type=str(envelope.get("type", ""))[:40] if isinstance(envelope, dict) else "",
        version=envelope.get("version") if isinstance(envelope, dict) and _small_int(envelope.get("version")) else None,
        body=_stored(envelope),
        digest=digest,
    )
    actor = user or exchange_account(agency)
    # A judgment is registered in the register's own transaction: a refused duplicate's referral to the city agency
    # must survive the refusal (supervisees.services._refer_duplicates).
    judgment = isinstance(envelope, dict) and envelope.get("type") == "judgment"
    try:
        with nullcontext() if judgment else transaction.atomic():
            result = _process(actor, agency, envelope, m)
            m.state, m.status_code = M.State.ACCEPTED, 201
            m.office, m.is_minor = result.pop("_office"), result.pop("_minor")
            m.record_kind, m.record_id = result["record"]["kind"], result["record"]["id"]
            m.answer = {"message_id": message_id, "state": "accepted", **result}
            m.save()
    except _Refused as refusal:
        if message_id and (won := _previous(agency, message_id, digest)) is not None:
            return won  # the same message, accepted concurrently
        m.pk = None
        m._state.adding = True
        m.state, m.status_code = M.State.REFUSED, refusal.status
        m.error, m.error_path = refusal.message[:500], refusal.path[:200]
        m.answer = {"message_id": message_id, "state": "refused", "detail": refusal.message, "path": refusal.path}
        m.save()
    except IntegrityError:  # the same message id accepted concurrently
        previous = _previous(agency, message_id, digest)
        if previous is None:
            raise
        return previous
    if credential is not None:
        PartnerCredential.objects.filter(pk=credential.pk).update(last_message_at=timezone.now())
    received = Received(m.status_code, m.answer, m)
    _log(agency, credential, received, envelope)
    return received


def _small_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100


def _process(actor, agency: Unit, envelope, m: InboundMessage) -> dict:
    try:
        code, _ = registry.envelope_check(envelope)
    except registry.MessageInvalid as error:
        raise _Refused(422, error.message, error.path) from None
    if not envelope["message_id"]:
        raise _Refused(422, "缺少报文编号。", "message_id")
    if not registry.may_send(agency.kind, code):
        label = registry.TYPES[code].label
        raise _Refused(403, f"{agency.get_kind_display()}不能发送“{label}”。", "type")
    _documents_check(envelope.get("documents"))
    body = envelope["body"]
    if code == "judgment":
        return _judgment(actor, agency, body)
    if code == "investigation_commission":
        return _commission(actor, agency, body)
    return _detention(actor, agency, body, m)


def _log(agency: Unit, credential, received: Received, envelope) -> None:
    """One line per call, without personal data: who sent what kind, and how it was answered."""
    kind = envelope.get("type") if isinstance(envelope, dict) and envelope.get("type") in registry.TYPES else "?"
    logger.info(
        "exchange message agency=%s credential=%s type=%s status=%s replay=%s message=%s",
        agency.pk,
        credential.pk if credential else "-",
        kind,
        received.status,
        received.replay,
        received.message.pk if received.message else "-",
    )


def message_unreadable(*, agency: Unit, credential, raw: bytes) -> Received:
    """A body that is not JSON: kept (as text, cut short) and refused with 400."""
    text = raw[:4000].decode("utf-8", errors="replace")
    detail = "请求体不是有效的 JSON。"
    m = M.objects.create(
        agency=agency,
        credential=credential,
        channel=M.Channel.API,
        message_id="",
        type="",
        body=text,
        digest=hashlib.sha256(raw).hexdigest(),
        state=M.State.REFUSED,
        status_code=400,
        error=detail,
        answer={"message_id": "", "state": "refused", "detail": detail, "path": ""},
    )
    received = Received(400, m.answer, m)
    _log(agency, credential, received, None)
    return received
