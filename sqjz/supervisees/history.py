"""The change history of a record, for people: who changed which field from what to what, and when."""

from dataclasses import dataclass, field
from datetime import datetime

from sqjz.core.identity import mask_identity, mask_phone
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.models import FamilyContact, ProhibitionOrder, Supervisee

MASKED = {"id_number": mask_identity, "phone": mask_phone}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)


def _display(model, name: str, value, names: dict) -> str:
    if value in (None, ""):
        return "（空）"
    f = model._meta.get_field(name)
    if name in MASKED:
        return MASKED[name](str(value))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        return names.get((f.related_model, value), str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _related_names(records: list, model) -> dict:
    """Names of the units and places the records point to, fetched in one query per related model."""
    wanted: dict = {Unit: set(), Division: set()}
    for record in records:
        for f in model._meta.fields:
            if f.is_relation and f.related_model in wanted:
                value = getattr(record, f.attname, None)
                if value:
                    wanted[f.related_model].add(value)
    names = {}
    for related, ids in wanted.items():
        for obj in related.objects.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


ACTIONS = {"+": "新增", "~": "修改", "-": "删除"}


def _entries(records: list, model, describe) -> list[HistoryEntry]:
    """One entry per historical record; `describe(record, action)` says what happened in words."""
    names = _related_names(records, model)
    entries = []
    previous_by_id: dict = {}
    for record in sorted(records, key=lambda r: r.history_id):
        who = record.history_user.full_name if record.history_user else "系统"
        entry = HistoryEntry(record.history_date, who, describe(record, ACTIONS[record.history_type]))
        previous = previous_by_id.get(record.id)
        if record.history_type == "~" and previous is not None:
            for change in record.diff_against(previous).changes:
                label = str(model._meta.get_field(change.field).verbose_name)
                old = _display(model, change.field, change.old, names)
                new = _display(model, change.field, change.new, names)
                entry.changes.append(Change(label, old, new))
        previous_by_id[record.id] = record
        if record.history_type != "~" or entry.changes:
            entries.append(entry)
    return entries


def supervisee_history(supervisee: Supervisee) -> list[HistoryEntry]:
    """All changes to the record and its family contacts and prohibition orders, newest first."""
    own = supervisee.history.select_related("history_user")
    contacts = FamilyContact.history.filter(supervisee_id=supervisee.pk).select_related("history_user")
    orders = ProhibitionOrder.history.filter(supervisee_id=supervisee.pk).select_related("history_user")
    entries = [
        *_entries(list(own), Supervisee, lambda r, action: "登记矫正对象" if action == "新增" else f"{action}基本信息"),
        *_entries(list(contacts), FamilyContact, lambda r, action: f"{action}家庭成员：{r.relation} {r.name}"),
        *_entries(list(orders), ProhibitionOrder, lambda r, action: f"{action}禁止令：{r.content}"),
    ]
    return sorted(entries, key=lambda e: e.at, reverse=True)
