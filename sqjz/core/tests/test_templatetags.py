"""Template filters of the `sqjz` library as pages use them."""

from django import forms
from django.template import Context, Template

from sqjz.core.forms import StyledFormMixin
from sqjz.core.pagination import COUNT_CAP
from sqjz.core.templatetags.sqjz import masked_id, masked_phone
from sqjz.statute.registry import all_rules


def render(source: str, **context) -> str:
    return Template("{% load sqjz %}" + source).render(Context(context))


def test_masking_filters_hide_the_middle_and_leave_blanks_blank():
    assert masked_id("11010519491231002X") == "110105********002X"
    assert masked_phone("13912345678") == "139****5678"
    assert masked_id("") == ""
    assert masked_phone("") == ""


class Form(StyledFormMixin, forms.Form):
    name = forms.CharField(label="姓名")
    items = forms.MultipleChoiceField(
        label="事项", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        self.add_error(None, "该记录已被他人修改。")
        return self.cleaned_data


def test_the_error_summary_lists_every_error_with_a_link_to_its_field():
    form = Form({"name": ""})
    html = render("{% error_summary form %}", form=form)
    assert 'role="alert" tabindex="-1" data-error-summary data-testid="form-errors"' in html
    assert "<li>该记录已被他人修改。</li>" in html  # not about one field: no link
    assert '<a class="alert-link" href="#id_name">姓名：这个字段是必填项。</a>' in html
    assert 'href="#id_items_0">事项：' in html  # a group of checkboxes: its first box


def test_the_error_summary_takes_formsets_mappings_and_messages_and_is_empty_without_errors():
    formset = forms.formset_factory(Form, extra=0)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "", "form-0-items": ["a"]}
    )
    html = render("{% error_summary formset %}", formset=formset)
    assert 'href="#id_form-0-name">第1行 姓名：' in html
    html = render('{% error_summary errors prefix="checkin-" title="签到未成功：" %}', errors={"photo": "请拍照。"})
    assert "签到未成功：" in html and '<a class="alert-link" href="#checkin-photo">请拍照。</a>' in html
    assert "<li>账户已锁定。</li>" in render('{% error_summary "账户已锁定。" %}')
    assert "href" not in render("{% error_summary form links=False %}", form=Form({"name": ""}))
    assert render("{% error_summary form %}", form=Form()).strip() == ""  # unbound: no errors
    assert render('{% error_summary "" %}').strip() == ""


def test_a_rule_code_reads_as_the_rules_title_and_the_panel_shows_title_articles_and_statement():
    rule = all_rules()["TRAVEL_LEAVE_APPROVER"]
    page = Template("{% load statute %}{{ code|rule_title }}|{{ unknown|rule_title }}")
    assert page.render(Context({"code": rule.code, "unknown": "NOT_A_RULE"})) == f"{rule.title}|NOT_A_RULE"
    panel = Template("{% load statute %}{% rule_panel rules expanded=1 explain=why %}").render(
        Context({"rules": [rule, "TRAVEL_RETURN_DUE"], "why": "自2026年11月28日起"})
    )
    assert panel.count("<details") == 2 and panel.count(" open>") == 1
    assert f'title="规则编号：{rule.code}"' in panel and f"<strong>{rule.title}</strong>" in panel
    assert rule.statement in panel and "、".join(rule.articles) in panel and "计算：自2026年11月28日起" in panel
    assert ">TRAVEL_LEAVE_APPROVER<" not in panel


def test_capped_count_shows_a_plus_past_the_cap():
    assert render("{{ n|capped_count }}", n=COUNT_CAP) == str(COUNT_CAP)
    assert render("{{ n|capped_count }}", n=COUNT_CAP + 1) == f"{COUNT_CAP}+"
    assert render("{{ n|capped_count }}", n=0) == "0"
