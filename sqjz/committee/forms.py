from django import forms

from sqjz.accounts.models import User
from sqjz.committee.models import CommitteeMember, Matter, Vote
from sqjz.core.forms import EMPTY_LABEL, DateInput, DateTimeInput, StyledFormMixin


def _style(field: forms.Field) -> forms.Field:
    """Fields added after the form's __init__ get the classes StyledFormMixin gives the others."""
    widget = field.widget
    css = (
        "form-check-input"
        if isinstance(widget, forms.CheckboxInput)
        else "form-select"
        if isinstance(widget, forms.Select)
        else "form-control"
    )
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return field


class MemberForm(StyledFormMixin, forms.Form):
    id_prefix = "member"

    user = forms.ModelChoiceField(
        label="本单位工作人员",
        queryset=User.objects.none(),
        required=False,
        help_text="本机构有系统账户的工作人员；外单位委员、列席人员不选，填写姓名",
    )
    name = forms.CharField(label="姓名", max_length=50, required=False, help_text="外单位委员或列席人员的姓名")
    organisation = forms.CharField(label="单位及职务", max_length=100, required=False)
    role = forms.ChoiceField(
        label="身份",
        choices=[("", EMPTY_LABEL), *CommitteeMember.Role.choices],
        error_messages={"required": "请选择委员身份。", "invalid_choice": "请选择委员身份。"},
    )
    voting = forms.BooleanField(label="有表决权", required=False, initial=True, help_text="列席人员无表决权")
    from_date = forms.DateField(
        label="任职起始日",
        widget=DateInput(),
        error_messages={"required": "请填写任职起始日。", "invalid": "请按 2026-11-28 的格式填写任职起始日。"},
    )
    to_date = forms.DateField(
        label="任职截止日",
        widget=DateInput(),
        required=False,
        error_messages={"invalid": "请按 2026-11-28 的格式填写任职截止日。"},
    )

    def __init__(self, *args, unit=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["user"].queryset = User.objects.filter(unit=unit, is_active=True).order_by("full_name")
        self.fields["user"].error_messages["invalid_choice"] = "请从列表中选择本单位工作人员。"


class MemberEndForm(StyledFormMixin, forms.Form):
    id_prefix = "end"

    to_date = forms.DateField(
        label="任职截止日",
        widget=DateInput(),
        error_messages={"required": "请填写任职截止日。", "invalid": "请按 2026-11-28 的格式填写任职截止日。"},
    )


class DifficultCaseForm(StyledFormMixin, forms.Form):
    id_prefix = "matter"

    title = forms.CharField(label="事项名称", max_length=100, error_messages={"required": "请填写事项名称。"})
    summary = forms.CharField(
        label="基本事实及提请审议的问题",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写基本事实及提请审议的问题。"},
    )


class WithdrawForm(StyledFormMixin, forms.Form):
    id_prefix = "withdraw"

    reason = forms.CharField(label="撤回理由", max_length=200, error_messages={"required": "请填写撤回理由。"})


class MeetingForm(StyledFormMixin, forms.Form):
    id_prefix = "meeting"

    held_at = forms.DateTimeField(
        label="会议时间",
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": "请填写会议时间。", "invalid": "请按 2026-11-28 09:30 的格式填写会议时间。"},
    )
    place = forms.CharField(label="会议地点", max_length=100, error_messages={"required": "请填写会议地点。"})
    matters = forms.ModelMultipleChoiceField(
        label="列入议程的事项",
        queryset=Matter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请至少选择一项待审议事项列入议程。",
            "invalid_choice": "所选事项已不在待审议之列，请刷新后重选。",
            "invalid_pk_value": "请从列表中选择事项。",
        },
    )

    def __init__(self, *args, pending=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matters"].queryset = Matter.objects.filter(pk__in=[m.pk for m in pending])
        self.fields["matters"].label_from_instance = lambda m: f"{m.supervisee.name}：{m.title}"


class AttendanceForm(StyledFormMixin, forms.Form):
    """One checkbox and one reason per member serving on the meeting's day."""

    id_prefix = "attendance"

    def __init__(self, *args, members=(), attendance=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        recorded = {a.member_id: a for a in attendance or ()}
        self.members = list(members)
        for m in self.members:
            a = recorded.get(m.pk)
            self.fields[f"present_{m.pk}"] = _style(
                forms.BooleanField(label=f"{m.name}出席", required=False, initial=a.present if a else True)
            )
            self.fields[f"reason_{m.pk}"] = _style(
                forms.CharField(
                    label=f"{m.name}缺席原因", max_length=100, required=False, initial=a.absence_reason if a else ""
                )
            )

    def rows(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {m.pk: (data.get(f"present_{m.pk}", False), data.get(f"reason_{m.pk}", "")) for m in self.members}

    def member_fields(self):
        return [(m, self[f"present_{m.pk}"], self[f"reason_{m.pk}"]) for m in self.members]


class DeliberationForm(StyledFormMixin, forms.Form):
    """The votes of the voting members present on one matter, and the resolution."""

    outcome = forms.ChoiceField(
        label="决议结果",
        choices=[("", EMPTY_LABEL), *Matter.Outcome.choices],
        error_messages={"required": "请选择决议结果。", "invalid_choice": "请选择通过、不通过或暂缓。"},
    )
    text = forms.CharField(
        label="决议内容",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写决议内容。"},
    )
    resolved_on = forms.DateField(
        label="决议日期",
        widget=DateInput(),
        error_messages={"required": "请填写决议日期。", "invalid": "请按 2026-11-28 的格式填写决议日期。"},
    )

    def __init__(self, *args, voters=(), matter_id: int = 0, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"m{matter_id}_%s")
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        for m in self.voters:
            self.fields[f"choice_{m.pk}"] = forms.ChoiceField(
                label=f"{m.name}的表决意见",
                choices=[("", EMPTY_LABEL), *Vote.Choice.choices],
                error_messages={
                    "required": f"请登记{m.name}的表决意见。",
                    "invalid_choice": "请选择同意、不同意或弃权。",
                },
            )
            self.fields[f"opinion_{m.pk}"] = _style(
                forms.CharField(
                    label=f"{m.name}的意见", widget=forms.Textarea(attrs={"rows": 1}), max_length=2000, required=False
                )
            )
            _style(self.fields[f"choice_{m.pk}"])

    def votes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {m.pk: (data[f"choice_{m.pk}"], data.get(f"opinion_{m.pk}", "")) for m in self.voters}

    def voter_fields(self):
        return [(m, self[f"choice_{m.pk}"], self[f"opinion_{m.pk}"]) for m in self.voters]
