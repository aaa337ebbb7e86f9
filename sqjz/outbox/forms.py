from django import forms

from sqjz.outbox.models import PartnerEndpoint


class EndpointForm(forms.Form):
    url = forms.CharField(label="接口地址", max_length=300, help_text="对方接收推送的地址，以 https:// 或 http:// 开头")
    token = forms.CharField(
        label="访问令牌",
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="对方提供的 Bearer 令牌；加密保存，不再显示。已设置的，留空即保持不变",
    )
    active = forms.BooleanField(label="启用", required=False, initial=True, help_text="停用后新的通知按纸质送达")
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="对接联系人、接口文档版本等")

    @classmethod
    def for_endpoint(cls, endpoint: PartnerEndpoint | None) -> "EndpointForm":
        if endpoint is None:
            return cls(initial={"active": True})
        return cls(initial={"url": endpoint.url, "active": endpoint.active, "note": endpoint.note})
