from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.proposals.models import Proposal

SEVERITY_CHOICES = [("", "无"), ("minor", "情节轻微"), ("more_serious", "情节较重"), ("serious", "情节严重")]
PROHIBITION_CHOICES = [("", "无"), ("minor", "情节轻微"), ("serious", "情节严重")]
MERIT_CHOICES = [("", "无"), ("repentance", "确有悔改表现"), ("merit", "立功表现"), ("major_merit", "重大立功表现")]
SENTENCE_CHOICES = [("", "不适用"), ("detention", "拘役"), ("fixed_term", "有期徒刑")]
FLAGS = {
    "left_area_without_approval": "未经批准离开所居住的市、县",
    "refused_reexamination_report": "保外就医不按时提交病情复查情况，经教育仍不改正",
    "conditions_not_met": "不符合暂予监外执行条件",
    "grounds_ceased": "暂予监外执行的情形消失后，刑期未满",
    "guarantor_lost": "保证人丧失保证条件或被取消资格，未按期提出新的保证人",
}
DATE_ERRORS = {"required": "请填写{}。", "invalid": "请按 2026-11-28 的格式填写{}。"}


def _date_errors(label: str) -> dict:
    return {k: v.format(label) for k, v in DATE_ERRORS.items()}


class DraftForm(StyledFormMixin, forms.Form):
    id_prefix = "draft"
    kind = forms.ChoiceField(
        label="提请事项",
        choices=Proposal.Kind.choices,
        error_messages={"required": "请选择提请事项。", "invalid_choice": "请选择提请事项。"},
    )
    addressee_choice = forms.ChoiceField(
        label="提请对象",
        choices=Proposal.Addressee.choices,
        initial=Proposal.Addressee.ORIGINAL,
        error_messages={"required": "请选择提请对象。", "invalid_choice": "请选择提请对象。"},
        help_text="撤销缓刑、假释和收监执行适用；治安管理处罚向县级公安机关、减刑向中级人民法院提出",
    )
    arrest_requested = forms.BooleanField(
        label="同时提请逮捕", required=False, help_text="可能逃跑或者可能发生社会危险的（社区矫正法第四十七条）"
    )
    conduct_on = forms.DateField(
        label="违法行为发生日期",
        required=False,
        widget=DateInput(),
        error_messages=_date_errors("违法行为发生日期"),
        help_text="提请治安管理处罚时填写：适用行为发生时施行的治安管理处罚法",
    )
    supervision_breach = forms.ChoiceField(label="违反监督管理规定", choices=SEVERITY_CHOICES, required=False)
    prohibition_breach = forms.ChoiceField(label="违反禁止令", choices=PROHIBITION_CHOICES, required=False)
    merit = forms.ChoiceField(label="悔改或立功表现", choices=MERIT_CHOICES, required=False, help_text="提请减刑时填写")
    sentence = forms.ChoiceField(label="缓刑所附原判刑罚", choices=SENTENCE_CHOICES, required=False)
    statement = forms.CharField(
        label="提请理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写提请理由。"},
        help_text="调查核实的事实和提请的理由",
    )
    chosen_evidence = forms.CharField(
        label="其他证据材料",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一项，如：2026年11月3日谈话笔录",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in FLAGS.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def findings(self, kind: str | None = None) -> dict:
        d = self.cleaned_data
        kind = kind or d["kind"]
        if kind == Proposal.Kind.POLICE_PENALTY:
            return {
                "conduct_on": d.get("conduct_on"),
                "supervision_breach": d.get("supervision_breach") or None,
                "prohibition_breach": d.get("prohibition_breach") or None,
            }
        if kind == Proposal.Kind.COMMUTATION:
            return {"merit": d.get("merit") or None, "sentence": d.get("sentence") or None}
        found = {
            "supervision_breach": d.get("supervision_breach") or None,
            "prohibition_breach": d.get("prohibition_breach") or None,
        }
        found.update({name: bool(d.get(name)) for name in FLAGS if d.get(name)})
        return found


# The fields of the draft form each kind uses (its kind fixed once drafted).
KIND_FIELDS = {
    Proposal.Kind.POLICE_PENALTY: ("conduct_on", "supervision_breach", "prohibition_breach"),
    Proposal.Kind.COMMUTATION: ("merit", "sentence"),
    Proposal.Kind.PROBATION_REVOCATION: (
        "addressee_choice",
        "arrest_requested",
        "supervision_breach",
        "prohibition_breach",
        *FLAGS,
    ),
    Proposal.Kind.PAROLE_REVOCATION: (
        "addressee_choice",
        "arrest_requested",
        "supervision_breach",
        "prohibition_breach",
        *FLAGS,
    ),
    Proposal.Kind.COMMITTAL: ("addressee_choice", "supervision_breach", "prohibition_breach", *FLAGS),
}
SHARED_FIELDS = ("statement", "chosen_evidence")


class EditForm(DraftForm):
    """A draft corrected by its drafting unit: the fields its kind uses, filled with what the draft holds."""

    id_prefix = "edit"

    def __init__(self, *args, proposal: Proposal, **kwargs) -> None:
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", self.initial_for(proposal))
        super().__init__(*args, **kwargs)
        self.kind = proposal.kind
        keep = set(KIND_FIELDS[proposal.kind]) | set(SHARED_FIELDS)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    @staticmethod
    def initial_for(p: Proposal) -> dict:
        initial = {k: v for k, v in p.findings.items() if v is not None}
        initial.update(
            addressee_choice=p.addressee_choice,
            arrest_requested=p.arrest_requested,
            statement=p.statement,
            chosen_evidence=p.chosen_evidence,
        )
        return initial

    def findings(self, kind: str | None = None) -> dict:
        return super().findings(kind or self.kind)


class WithdrawForm(StyledFormMixin, forms.Form):
    id_prefix = "withdraw"
    reason = forms.CharField(
        label="撤回理由",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写撤回理由。", "max_length": "撤回理由不超过200字。"},
        help_text="撤回后建议保留在记录中，标为“已撤回”，不再出现在待办中",
    )


class DecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "decide"
    decision = forms.ChoiceField(
        label="决定",
        choices=[("granted", "采纳（撤销、收监、减刑、处罚）"), ("refused", "不予采纳")],
        error_messages={"required": "请选择决定。", "invalid_choice": "请选择决定。"},
    )
    decided_on = forms.DateField(label="决定日期", widget=DateInput(), error_messages=_date_errors("决定日期"))
    ruling_number = forms.CharField(
        label="裁定（决定）书文号",
        max_length=60,
        error_messages={"required": "请填写裁定（决定）书文号。"},
        help_text="如：（2026）云0402刑更12号",
    )
    imposed = forms.CharField(
        label="决定内容", required=False, max_length=200, help_text="治安处罚的种类和幅度；减刑后的刑期"
    )
    new_term_end = forms.DateField(
        label="减刑后的矫正期满日",
        required=False,
        widget=DateInput(),
        error_messages=_date_errors("减刑后的矫正期满日"),
        help_text="裁定减刑的，填写裁定确定的矫正（考验）期满日，矫正期限随之变更",
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ArrestForm(StyledFormMixin, forms.Form):
    id_prefix = "arrest"
    decision = forms.ChoiceField(
        label="逮捕决定",
        choices=Proposal.Arrest.choices,
        error_messages={"required": "请选择是否逮捕。", "invalid_choice": "请选择是否逮捕。"},
    )
    decided_on = forms.DateField(label="决定日期", widget=DateInput(), error_messages=_date_errors("决定日期"))
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectForm(StyledFormMixin, forms.Form):
    id_prefix = "correct"
    corrected_on = forms.DateField(label="改正日期", widget=DateInput(), error_messages=_date_errors("改正日期"))
