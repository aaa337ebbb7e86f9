"""The message types partner agencies may send, their versioned JSON Schemas (schemas/<type>.v<version>.json, draft
2020-12, with examples) and which agency kinds may send which (decision 0041). Pure lookups: no database."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema_rs

SCHEMA_DIR = Path(__file__).parent / "schemas"
MAX_MESSAGE_ID = 100
MAX_DOCUMENTS = 5
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024  # decoded; the request limit (SQJZ_MAX_REQUEST_MB) caps the whole body first
NO_NUL = "^[^\\u0000]*$"


@dataclass(frozen=True)
class MessageType:
    code: str
    label: str
    versions: tuple[int, ...]
    senders: tuple[str, ...]  # unit kinds that may send it


TYPES = {
    t.code: t
    for t in (
        MessageType(
            "investigation_commission",
            "调查评估委托",
            (1,),
            ("court", "procuratorate", "public_security", "prison"),
        ),
        MessageType("judgment", "交付执行的判决、裁定、决定", (1,), ("court", "prison", "public_security")),
        MessageType("detention_notice", "拘留、强制措施通知", (1,), ("public_security", "police_station")),
    )
}

# Which correction types each deciding body may place a person under (社区矫正法第十七条; 刑法第七十九、八十二条;
# 刑事诉讼法第二百六十五条): courts judge 管制 and 缓刑 and rule 假释; a prison sends the 假释 ruling of its
# prisoner and decides 暂予监外执行 with the prison administration; the police decide 暂予监外执行 of those they hold.
JUDGMENT_SCOPE = {
    "court": ("control", "probation", "parole", "temporary_release"),
    "prison": ("parole", "temporary_release"),
    "public_security": ("temporary_release",),
}

ENVELOPE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["message_id", "type", "version", "body"],
    "properties": {
        "message_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_MESSAGE_ID,
            "pattern": "^[A-Za-z0-9._:/-]+$",
            "description": "发送机关的报文编号（唯一；重发同一编号返回首次的结果）",
        },
        "type": {"enum": list(TYPES), "description": "报文类型"},
        "version": {"type": "integer", "minimum": 1, "description": "报文类型的版本"},
        "body": {"type": "object", "description": "报文内容，见 GET /api/partner/schemas/{type}/{version}"},
        "documents": {
            "type": "array",
            "maxItems": MAX_DOCUMENTS,
            "description": "随附的法律文书（PDF）",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "content_type", "content_base64"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": NO_NUL},
                    "content_type": {"const": "application/pdf"},
                    "content_base64": {"type": "string", "contentEncoding": "base64"},
                },
            },
        },
    },
}


class MessageInvalid(ValueError):
    """A message that does not fit: `path` names the place (body.person.id_number), `message` why, in Chinese."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.message, self.path = message, path


def schema_path(code: str, version: int) -> Path:
    return SCHEMA_DIR / f"{code}.v{version}.json"


@cache
def schema(code: str, version: int) -> dict | None:
    t = TYPES.get(code)
    if t is None or version not in t.versions:
        return None
    return json.loads(schema_path(code, version).read_text(encoding="utf-8"))


@cache
def _validator(code: str, version: int):
    if code == "":
        return jsonschema_rs.Draft202012Validator(ENVELOPE_SCHEMA, validate_formats=True)
    return jsonschema_rs.Draft202012Validator(schema(code, version), validate_formats=True)


def _path(prefix: str, parts) -> str:
    path = prefix
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _why(error) -> tuple[str, list]:
    """The error in Chinese, and extra path parts (the property a Required or AdditionalProperties names)."""
    k = error.kind
    kinds = jsonschema_rs.ValidationErrorKind
    if isinstance(k, kinds.Required):
        return "缺少必填项。", [k.property]
    if isinstance(k, kinds.AdditionalProperties):
        return "不允许的字段（请对照接口定义）。", [k.unexpected[0]]
    if isinstance(k, kinds.Type):
        return "数据类型不符合接口定义。", []
    if isinstance(k, kinds.Enum | kinds.Constant):
        return "取值不在允许的范围内。", []
    if isinstance(k, kinds.Format):
        return "格式不正确（日期应为 YYYY-MM-DD）。" if k.format == "date" else "格式不正确。", []
    if isinstance(k, kinds.Pattern):
        return "格式不正确。", []
    if isinstance(k, kinds.MinLength):
        return "不能为空。", []
    if isinstance(k, kinds.MaxLength | kinds.MaxItems):
        return f"超过允许的长度（最多{k.limit}）。", []
    if isinstance(k, kinds.Minimum | kinds.Maximum):
        return "数值超出允许的范围。", []
    return "不符合接口定义。", []


def _first_error(validator, instance, prefix: str) -> None:
    errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.instance_path])
    if errors:
        why, extra = _why(errors[0])
        raise MessageInvalid(why, _path(prefix, [*errors[0].instance_path, *extra]))


def envelope_check(envelope) -> tuple[str, int]:
    """The type and version of a well-formed envelope whose body fits its schema; MessageInvalid otherwise."""
    if not isinstance(envelope, dict):
        raise MessageInvalid("请求体应为含 message_id、type、version、body 的对象。", "")
    _first_error(_validator("", 0), envelope, "")
    code, version = envelope["type"], envelope["version"]
    if version not in TYPES[code].versions:
        raise MessageInvalid(f"报文类型“{TYPES[code].label}”没有第{version}版。", "version")
    _first_error(_validator(code, version), envelope["body"], "body")
    return code, version


def may_send(kind: str, code: str) -> bool:
    return code in TYPES and kind in TYPES[code].senders


def body_check(code: str, version: int, body: dict) -> None:
    """The body alone against its schema (pages and the contract tests)."""
    _first_error(_validator(code, version), body, "body")
