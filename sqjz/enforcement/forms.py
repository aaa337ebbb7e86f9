from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.enforcement.models import Fact, Measure, Severity
from sqjz.statute.text import cn_date


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; the service checks and re-encodes each."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        if not data:
            return []
        return [
            super(MultiplePhotoField, self).clean(d, initial)
            for d in (data if isinstance(data, list | tuple) else [data])
        ]


class FactForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "fact"
    photos = MultiplePhotoField(
        label="证据照片",
        required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text="现场照片、书面材料或谈话笔录的照片，JPG或PNG，最多6张",
    )
    record_ref = forms.ChoiceField(
        label="关联记录",
        required=False,
        help_text="签到核实、逾期销假、电子定位报警或变更执行地后逾期报到的记录，可以不选",
    )

    class Meta:
        model = Fact
        fields = ["occurred_on", "kind", "severity", "merit", "out_of_contact_until", "source", "description"]
        widgets = {
            "occurred_on": DateInput(),
            "out_of_contact_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "occurred_on": {"required": "请填写发生日期。", "invalid": "请按 2026-11-28 的格式填写发生日期。"},
            "kind": {"required": "请选择事实类别。", "invalid_choice": "请选择事实类别。"},
            "source": {"required": "请选择事实来源。", "invalid_choice": "请选择事实来源。"},
            "description": {"required": "请填写事实经过。"},
            "out_of_contact_until": {"invalid": "请按 2026-11-28 的格式填写恢复联系日期。"},
        }

    def __init__(self, *args, records=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v) for k, v in Fact.Kind.choices if k != Fact.Kind.ASSESSMENT]
        system_made = (Fact.Source.ASSESSMENT, Fact.Source.LOST_CONTACT)
        self.fields["source"].choices = [(k, v) for k, v in Fact.Source.choices if k not in system_made]
        self.fields["severity"].choices = [("", "（不适用）"), *Severity.choices]
        self.fields["merit"].choices = [("", "（不适用）"), *Fact.Merit.choices]
        self.fields["record_ref"].choices = [
            ("", "（不关联）"),
            *((r.ref, f"{cn_date(r.occurred_on)} {r.text}") for r in records),
        ]


class ProposeForm(StyledFormMixin, forms.Form):
    id_prefix = "propose"
    kind = forms.ChoiceField(
        label="提请措施",
        choices=Measure.Kind.choices,
        error_messages={"required": "请选择表扬、训诫或警告。", "invalid_choice": "请选择表扬、训诫或警告。"},
    )
    facts = forms.MultipleChoiceField(label="依据的事实", widget=forms.CheckboxSelectMultiple, required=False)
    proposal = forms.CharField(
        label="提请理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写提请理由。"},
        help_text="司法所调查核实的情况和提请意见",
    )

    def __init__(self, *args, facts=(), assessment=None, lost_contact=None, **kwargs) -> None:
        """`assessment`: the latest quarterly assessment, offered as a fact (value "a<id>") when its consequences
        call for a commendation and no fact records it yet. `lost_contact`: a lost-contact case's span
        (`LostContactOffer`), offered as a fact (value "l<case id>") when no fact records that span yet."""
        super().__init__(*args, **kwargs)
        choices = [(str(f.pk), f"{cn_date(f.occurred_on)} {f.get_kind_display()}：{f.description[:40]}") for f in facts]
        if assessment is not None and not any(f.assessment_id == assessment.pk for f in facts):
            choices.append(
                (f"a{assessment.pk}", f"第{assessment.period_number}期季度考核：{assessment.get_grade_display()}")
            )
        if lost_contact is not None and lost_contact.fact is None:
            choices.append((lost_contact.value, f"{lost_contact.text}（{Fact.Source.LOST_CONTACT.label}）"))
        self.fields["facts"].choices = choices
        self.fields["facts"].error_messages["invalid_choice"] = "所选事实不属于该矫正对象，请重新选择。"


class DecideForm(StyledFormMixin, forms.Form):
    id_prefix = "decide"
    decision = forms.ChoiceField(
        label="决定",
        choices=[("approve", "同意"), ("refuse", "不同意")],
        error_messages={"required": "请选择同意或不同意。", "invalid_choice": "请选择同意或不同意。"},
    )
    reason = forms.CharField(
        label="决定意见", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="不同意的，应当写明理由"
    )


class ServeForm(StyledFormMixin, forms.Form):
    id_prefix = "serve"
    served_on = forms.DateField(
        label="送达日期",
        widget=DateInput(),
        error_messages={"required": "请填写送达日期。", "invalid": "请按 2026-11-28 的格式填写送达日期。"},
    )


class CorrectForm(StyledFormMixin, forms.Form):
    id_prefix = "correct"
    corrected_on = forms.DateField(
        label="改正日期",
        widget=DateInput(),
        error_messages={"required": "请填写改正日期。", "invalid": "请按 2026-11-28 的格式填写改正日期。"},
    )
    finding = forms.CharField(
        label="改正情况",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写改正情况。"},
        help_text="司法所核实的改正表现",
    )
