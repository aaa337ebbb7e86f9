"""Forms of publicity: a post (new, or changed before its day) and its withdrawal."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.publicity.models import REASON_MAX, Post

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class PostForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "post"

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "publish_on", "until", "to_supervisees", "pinned"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "publish_on": DateInput(),
            "until": DateInput(),
        }
        error_messages = {
            "kind": {"required": "请选择类别。", "invalid_choice": "请选择类别。"},
            "title": {"required": "请填写标题。"},
            "body": {"required": "请填写正文。"},
            "publish_on": {**DATE_ERRORS, "required": "请填写发布日期。"},
            "until": {"invalid": "显示至日期请按 2026-11-28 的格式填写。"},
        }


class WithdrawForm(StyledFormMixin, forms.Form):
    id_prefix = "withdraw"
    reason = forms.CharField(
        label="撤回原因",
        max_length=REASON_MAX,
        help_text="如：内容有误，将重新发布；活动取消",
        error_messages={"required": "请填写撤回原因。"},
    )
