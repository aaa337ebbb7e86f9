from django import forms

from sqjz.core.forms import EMPTY_LABEL, DateInput, DateTimeInput, StyledFormMixin
from sqjz.lostcontact.models import Outcome, SearchAttempt


class OpenForm(StyledFormMixin, forms.Form):
    id_prefix = "open"
    since = forms.DateField(
        label="最后联系日",
        widget=DateInput(),
        help_text="最后一次签到、联系上本人或报到期限届满之日；失联天数自次日起算",
        error_messages={"required": "请填写最后联系日。", "invalid": "请按 2026-11-28 的格式填写最后联系日。"},
    )
    trigger_reasons = forms.CharField(
        label="失联情况",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如何发现失去联系：电话关机、家属不知去向等",
        error_messages={"required": "请写明失去联系的情况。"},
    )


class AttemptForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "attempt"
    attempted_at = forms.DateTimeField(
        label="查找时间",
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": "请填写查找时间。", "invalid": "请按 2026-11-28 09:30 的格式填写查找时间。"},
    )

    class Meta:
        model = SearchAttempt
        fields = ["attempted_at", "method", "contacted", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "method": {"required": "请选择查找方式。", "invalid_choice": "请选择查找方式。"},
            "contacted": {"required": "请填写联系对象。"},
            "result": {"required": "请填写查找情况。"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [("", EMPTY_LABEL), *SearchAttempt.Method.choices]


class NoticeForm(StyledFormMixin, forms.Form):
    id_prefix = "notice"
    note = forms.CharField(
        label="补充说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="写入通报的补充情况，可以不填；查找记录会自动列入通报",
    )


class RefusalForm(StyledFormMixin, forms.Form):
    id_prefix = "refusal"
    refused_found_on = forms.DateField(
        label="认定日期",
        widget=DateInput(),
        error_messages={"required": "请填写认定日期。", "invalid": "请按 2026-11-28 的格式填写认定日期。"},
    )
    refused_reasons = forms.CharField(
        label="认定的事实和理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明认定拒不报告行踪的事实和理由。"},
    )


class CloseForm(StyledFormMixin, forms.Form):
    id_prefix = "close"
    outcome = forms.ChoiceField(
        label="查找结果",
        choices=[("", EMPTY_LABEL), *((k, v) for k, v in Outcome.choices if k != Outcome.ENDED)],
        error_messages={"required": "请选择查找结果。", "invalid_choice": "请选择查找结果。"},
    )
    restored_on = forms.DateField(
        label="恢复联系日期",
        widget=DateInput(),
        help_text="查找到、返回、被抓获或死亡之日",
        error_messages={"required": "请填写恢复联系日期。", "invalid": "请按 2026-11-28 的格式填写恢复联系日期。"},
    )
    outcome_note = forms.CharField(
        label="情况说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="失联原因、期间去向等"
    )
