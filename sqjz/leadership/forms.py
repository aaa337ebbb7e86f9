"""Forms of leadership: a meeting (with its attendance lines and decisions), a follow-up task, a task done."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.leadership.models import Meeting

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class MeetingForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "meeting"
    attendance = forms.CharField(
        label="参会人员",
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "王建国 市司法局 局长\n李红 市财政局 副局长 缺席 出差"}),
        help_text="每行一人：姓名 单位 职务，用空格分开；缺席的在后面写“缺席 原因”",
        error_messages={"required": "请填写参会人员。"},
    )
    decisions = forms.CharField(
        label="议定事项",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一项；督办任务在保存后按议定事项添加",
        error_messages={"required": "请填写会议议定事项，每行一项。"},
    )

    class Meta:
        model = Meeting
        fields = ["kind", "held_on", "place", "chaired_by", "topics", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "kind": {"required": "请选择会议类型。", "invalid_choice": "请选择会议类型。"},
            "held_on": {**DATE_ERRORS, "required": "请填写会议日期。"},
            "place": {"required": "请填写地点。"},
            "chaired_by": {"required": "请填写主持人。"},
            "topics": {"required": "请填写会议议题。"},
        }


class TaskForm(StyledFormMixin, forms.Form):
    id_prefix = "task"
    decision = forms.ModelChoiceField(
        label="议定事项",
        queryset=None,
        error_messages={"required": "请选择议定事项。", "invalid_choice": "请选择本次会议的议定事项。"},
    )
    task = forms.CharField(label="任务", max_length=300, error_messages={"required": "请填写任务。"})
    department = forms.CharField(
        label="责任单位", max_length=100, help_text="如：市公安局", error_messages={"required": "请填写责任单位。"}
    )
    due_on = forms.DateField(
        label="完成时限", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写完成时限。"}
    )

    def __init__(self, *args, meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = meeting.decisions.all()
        self.fields["decision"].label_from_instance = lambda d: f"{d.number}. {d.text[:40]}"


class DoneForm(StyledFormMixin, forms.Form):
    done_on = forms.DateField(
        label="完成日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写完成日期。"}
    )
    outcome = forms.CharField(label="落实情况", max_length=500, error_messages={"required": "请填写落实情况。"})

    def __init__(self, *args, pk: int, **kwargs) -> None:
        self.id_prefix = f"done{pk}"
        super().__init__(*args, **kwargs)
