"""Forms of education: a group session, enrolment, the roll call, individual education."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.education.models import CommunityService, EducationSession
from sqjz.organisation.models import Unit
from sqjz.statute.rules.mentoring import OCCASIONS

ERRORS = {
    "theme": {"required": "请选择教育主题。", "invalid_choice": "请选择教育主题。"},
    "topic": {"required": "请填写教育内容。"},
    "held_on": {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"},
    "hours": {
        "required": "请填写时长（小时）。",
        "invalid": "时长应为数字，如 1.5。",
        "min_value": "时长不能少于0.5小时。",
        "max_value": "时长不能超过8小时。",
        "max_decimal_places": "时长按半小时计，如 1.5。",
        "max_digits": "时长不能超过8小时。",
    },
    "place": {"required": "请填写地点。"},
    "teacher": {"required": "请填写授课人或谈话人。"},
}


def _office_choice() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="组织单位",
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "请选择本辖区的司法所。"},
    )


class _HoursMixin:
    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and (hours * 2) % 1:
            raise forms.ValidationError("时长按半小时计，如 1 或 1.5。")
        return hours


class SessionForm(_HoursMixin, StyledFormMixin, forms.ModelForm):
    """A group session; a county agency's user also chooses the office that organises it."""

    id_prefix = "session"
    office = _office_choice()

    class Meta:
        model = EducationSession
        fields = [
            "theme",
            "topic",
            "held_on",
            "hours",
            "place",
            "teacher",
            "for_minors",
            "summary",
            "venue_latitude",
            "venue_longitude",
        ]
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"venue_latitude": "在会场点“使用当前位置”填入；不填则只能点名", "venue_longitude": ""}
        error_messages = ERRORS | {
            "venue_latitude": {"invalid": "纬度应为数字，如 24.351200。"},
            "venue_longitude": {"invalid": "经度应为数字，如 102.541700。"},
        }

    def __init__(self, *args, offices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _office_field(self, offices)

    def clean(self):
        data = super().clean()
        lat, lon = data.get("venue_latitude"), data.get("venue_longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError("会场位置的纬度和经度应当同时填写，或者都不填。")
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError("会场位置不正确，请重新定位。")
        return data


def _office_field(form, offices) -> None:
    """The office to choose, where the user's jurisdiction holds several; else the field goes (the service takes the
    user's one office)."""
    if offices is None or len(offices) <= 1:
        del form.fields["office"]
        return
    field = form.fields["office"]
    field.queryset = Unit.objects.filter(pk__in=[o.pk for o in offices]).order_by("name")
    field.required = True
    field.error_messages = {**field.error_messages, "required": "请选择组织单位（司法所）。"}
    form.order_fields(["office"])


class ServiceForm(_HoursMixin, StyledFormMixin, forms.ModelForm):
    """A public-benefit activity; a county agency's user also chooses the office that organises it."""

    id_prefix = "service"
    office = _office_choice()

    class Meta:
        model = CommunityService
        fields = ["title", "held_on", "hours", "place", "demand", "capacity", "for_minors", "content"]
        widgets = {"held_on": DateInput(), "content": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": "请填写活动名称。"},
            "held_on": ERRORS["held_on"],
            "hours": ERRORS["hours"],
            "place": ERRORS["place"],
            "demand": {"required": "请选择体力强度。", "invalid_choice": "请选择体力强度。"},
            "capacity": {
                "required": "请填写人数上限。",
                "invalid": "人数上限应为整数。",
                "min_value": "人数上限至少为1人。",
                "max_value": "人数上限不能超过200人。",
            },
        }

    def __init__(self, *args, offices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _office_field(self, offices)


class IndividualForm(_HoursMixin, StyledFormMixin, forms.ModelForm):
    id_prefix = "individual"

    class Meta:
        model = EducationSession
        fields = ["theme", "topic", "held_on", "hours", "place", "teacher", "summary"]
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        labels = {"teacher": "谈话人", "topic": "谈话内容"}
        help_texts = {"teacher": "谈话的工作人员或矫正小组成员"}
        error_messages = ERRORS | {"teacher": {"required": "请填写谈话人。"}, "topic": {"required": "请填写谈话内容。"}}


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, s) -> str:
        return s.name


class EnrolForm(StyledFormMixin, forms.Form):
    id_prefix = "enrol"
    people = PersonChoiceField(
        label="参加人员",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择参加教育的矫正对象。", "invalid_choice": "所选人员不能参加本次教育。"},
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset


class RollCallForm(StyledFormMixin, forms.Form):
    """One checkbox (到场) and one note per enrolled person, named by the person's id."""

    id_prefix = "roll"

    def __init__(self, *args, attendances, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for a in attendances:
            present = forms.BooleanField(label=a.supervisee.name, required=False, initial=a.present is not False)
            note = forms.CharField(label="说明", required=False, max_length=100, initial=a.note)
            self.fields[f"present_{a.supervisee_id}"] = present
            self.fields[f"note_{a.supervisee_id}"] = note
            self.rows.append((a, f"present_{a.supervisee_id}", f"note_{a.supervisee_id}"))

    def bound_rows(self):
        return [(a, self[present], self[note]) for a, present, note in self.rows]

    def present(self) -> set[int]:
        return {a.supervisee_id for a, name, _ in self.rows if self.cleaned_data.get(name)}

    def notes(self) -> dict[int, str]:
        return {a.supervisee_id: self.cleaned_data.get(note, "") for a, _, note in self.rows}


class ReportForm(StyledFormMixin, forms.Form):
    """The person's written report on the phone; the service checks its length (20 to 2,000 characters)."""

    content = forms.CharField(
        label="汇报内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="写明近期的思想、工作、学习和生活情况，遵纪守法和接受监督管理的情况（20至2000字）",
        error_messages={"required": "请填写汇报内容。", "max_length": "汇报内容不能超过2000个字。"},
    )


class ReadForm(StyledFormMixin, forms.Form):
    id_prefix = "read"
    reply = forms.CharField(label="阅示意见", max_length=300, required=False, help_text="可以不填")
    occasion = forms.ChoiceField(
        label="反映五必访情形",
        choices=[("", "无"), *OCCASIONS.items()],
        required=False,
        help_text="汇报反映思想波动、生活困难等情形的，选择后通知结对干警走访",
        error_messages={"invalid_choice": "请选择五必访情形。"},
    )


class HelperChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name}（{user.get_role_display()}）"


class HelpersForm(StyledFormMixin, forms.Form):
    """Who helps run an activity; none chosen clears the list."""

    id_prefix = "helpers"
    users = HelperChoiceField(
        label="协助人员",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "只能安排本所的志愿者和社会工作者协助。"},
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = queryset
