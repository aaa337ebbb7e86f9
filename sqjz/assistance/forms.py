"""Forms of assistance: a needs assessment, a new case, a step on a case."""

from django import forms

from sqjz.assistance.models import Body, Kind, NeedsAssessment
from sqjz.assistance.services import ACTIONS
from sqjz.core.forms import EMPTY_LABEL, DateInput, StyledFormMixin

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class AssessmentForm(StyledFormMixin, forms.ModelForm):
    """The findings of a needs assessment (the register gives age, sex, disability and minor status)."""

    id_prefix = "assessment"
    GROUPS = (
        (
            "就业和就学",
            (
                "employer_in_difficulty",
                "wants_training",
                "wants_startup",
                "compulsory_education_completed",
                "wants_further_study",
            ),
        ),
        (
            "住房、收入、健康和家庭",
            ("stable_housing", "income_below_minimum", "severe_hardship", "health_problem", "family_difficulty"),
        ),
        ("社会保险和法律援助", ("insured", "unemployment_benefit_qualified", "needs_legal_aid")),
    )

    class Meta:
        model = NeedsAssessment
        fields = [
            "assessed_on",
            "work",
            "employer_in_difficulty",
            "wants_training",
            "wants_startup",
            "compulsory_education_completed",
            "wants_further_study",
            "stable_housing",
            "income_below_minimum",
            "severe_hardship",
            "health_problem",
            "family_difficulty",
            "insured",
            "unemployment_benefit_qualified",
            "needs_legal_aid",
            "note",
        ]
        widgets = {"assessed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "assessed_on": DATE_ERRORS,
            "work": {"required": "请选择就业状况。", "invalid_choice": "请选择就业状况。"},
        }

    def groups(self) -> list[tuple[str, list]]:
        """The yes/no findings by theme, as the page shows them."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class _Choices(forms.ChoiceField):
    def __init__(self, label: str, choices, message: str, **kwargs) -> None:
        super().__init__(
            label=label,
            choices=choices,
            error_messages={"required": message, "invalid_choice": message},
            **kwargs,
        )


class CaseForm(StyledFormMixin, forms.Form):
    """A new case: the eligible kinds offered first (`eligible`, in the rule's order), then the others (refused by the
    service with the rule's reason); the bodies and the handler to choose from."""

    id_prefix = "case"
    kind = _Choices("帮扶事项", Kind.choices, "请选择帮扶事项。")
    body = _Choices(
        "转介负责部门",
        [("", "该事项的负责部门"), *Body.choices],
        "请选择负责部门。",
        required=False,
        help_text="群团组织（共青团、妇联、残联等）协助的，可以选择转介该组织",
    )
    opened_on = forms.DateField(label="立案日期", widget=DateInput(), error_messages=DATE_ERRORS)
    handler = forms.TypedChoiceField(label="承办人", coerce=int, required=False, empty_value=None)
    note = forms.CharField(label="情况说明", max_length=200, required=False, help_text="可以不填")

    def __init__(self, *args, eligible: list[str] = (), handlers: list = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Kind.choices)
        others = [(k, f"{labels[k]}（不符合条件）") for k in Kind.values if k not in eligible]
        groups = [("符合条件的帮扶", [(k, labels[k]) for k in eligible]), ("其他", others)]
        self.fields["kind"].choices = [("", EMPTY_LABEL), *[(name, group) for name, group in groups if group]]
        self.fields["handler"].choices = [("", "本人")] + [(u.pk, f"{u.full_name}（社会工作者）") for u in handlers]
        self.fields["handler"].error_messages["invalid_choice"] = "承办人应为本人或分派给该对象的社会工作者。"
        if not handlers:
            del self.fields["handler"]


class StepForm(StyledFormMixin, forms.Form):
    """A step on a case: the action its state allows (`actions`), the day and what happened (for an outcome, the
    outcome)."""

    action = _Choices("办理事项", [(code, a.label) for code, a in ACTIONS.items()], "请选择办理事项。")
    day = forms.DateField(label="日期", widget=DateInput(), error_messages=DATE_ERRORS)
    note = forms.CharField(
        label="情况",
        max_length=300,
        help_text="如：联系负责部门的情况、参加培训的情况；办结的写明结果",
        error_messages={"required": "请填写情况。"},
    )

    def __init__(self, *args, actions: list[tuple[str, str]] = (), prefix_id: str = "step", **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        if actions:
            self.fields["action"].choices = [("", EMPTY_LABEL), *actions]
