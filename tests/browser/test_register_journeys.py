"""An officer's day with the register, in a real browser (../shared/journeys.md: 李娜 and 王强)."""

import re

import pytest
from playwright.sync_api import expect

from sqjz.supervisees.models import Supervisee
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_office_officer_finds_a_supervisee_of_her_office_and_opens_the_record(live_world, page):
    a = live_world.people["A"]
    sign_in(page, "office_officer", PASSWORD)
    expect(page.get_by_test_id("user-role")).to_have_text("司法所工作人员")
    page.get_by_role("link", name="矫正对象名册").click()
    page.get_by_label("查找").fill("zs")  # pinyin initials of 张三; the table updates as she types
    table = page.get_by_test_id("register-table")
    expect(table.get_by_role("link", name="张三")).to_be_visible()
    expect(table.get_by_role("link", name="孙七")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=zs"))  # the filter is remembered in the URL
    expect(table).not_to_contain_text(a.id_number)  # masked in the list
    table.get_by_role("link", name="张三").click()
    expect(page.get_by_test_id("record-name")).to_contain_text("张三")
    expect(page.get_by_test_id("id-number")).to_have_text(a.id_number)


def test_office_officer_cannot_open_another_offices_record_by_url(live_world, page):
    other = live_world.people["B"]  # 凤凰街道司法所
    sign_in(page, "office_officer", PASSWORD)
    response = page.goto(f"{page.base_url}/supervisees/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_test_id("not-found")).to_contain_text("不在您的管辖范围内")
    expect(page.locator("body")).not_to_contain_text("王五")


def test_county_officer_sees_the_whole_county(live_world, page):
    sign_in(page, "county_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/")
    expect(page.get_by_test_id("result-count")).to_contain_text("共 4 人")
    table = page.get_by_test_id("register-table")
    for name in ("张三", "李小明", "王五", "孙七"):
        expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(table.get_by_role("link", name="赵六")).to_have_count(0)  # 江川区
    page.get_by_label("司法所").select_option(label="凤凰街道司法所")
    expect(page.get_by_test_id("result-count")).to_contain_text("共 1 人")


def test_five_wrong_passwords_lock_the_account(live_world, page):
    for _ in range(5):
        sign_in(page, "office_officer", "wrong-password")
    expect(page.get_by_test_id("login-error")).to_contain_text("已锁定")
    sign_in(page, "office_officer", PASSWORD)
    expect(page.get_by_test_id("login-error")).to_contain_text("已锁定")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_a_wrong_check_digit_is_explained_and_nothing_typed_is_lost(live_world, page):
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/new/")
    page.locator("#id_name").fill("钱多多")
    page.locator("#id_gender").select_option(label="男")
    page.locator("#id_ethnicity").select_option(label="汉族")
    page.locator("#id_id_number").fill("11010519491231002X")  # valid, but a woman's number
    page.locator("#id_phone").fill("13812345678")
    page.locator("#id_education").select_option(label="初中")
    page.locator("#id_household_address").fill("云南省玉溪市红塔区玉兴街道8号")
    page.locator("#id_residence_address").fill("云南省玉溪市红塔区玉兴街道8号")
    page.locator("#id_correction_type").select_option(label="缓刑")
    page.locator("#id_crime").fill("盗窃罪")
    page.locator("#id_crime_article").fill("刑法第二百六十四条")
    page.locator("#id_offence_date").fill("2026-03-01")
    page.locator("#id_original_sentence").fill("有期徒刑六个月，缓刑一年")
    page.locator("#id_judgment_effective_date").fill("2026-11-20")
    page.locator("#id_deciding_authority").select_option(label="红塔区人民法院")
    page.locator("#id_term_start").fill("2026-11-20")
    page.locator("#id_term_end").fill("2026-11-19")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_test_id("form-errors")).to_contain_text("您填写的内容都已保留")
    expect(page.locator("#id_gender_error")).to_contain_text("性别与身份证号不一致")
    expect(page.locator("#id_term_end_error")).to_contain_text("矫正终止日应晚于矫正起始日")
    expect(page.locator("#id_household_address")).to_have_value("云南省玉溪市红塔区玉兴街道8号")
    expect(page.locator("#id_id_number")).to_have_value("11010519491231002X")

    page.locator("#id_gender").select_option(label="女")
    page.locator("#id_term_end").fill("2027-11-19")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("record-name")).to_contain_text("钱多多")
    assert Supervisee.objects.get(name="钱多多").birth_date.isoformat() == "1949-12-31"


def test_on_a_phone_the_menu_opens_from_a_button(live_world, page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "office_officer", PASSWORD)
    nav = page.locator("#sidenav")  # becomes a dialog when opened, so not found by its navigation role
    expect(nav.get_by_role("link", name="矫正对象名册")).not_to_be_visible()
    page.get_by_role("button", name="打开菜单").click()
    nav.get_by_role("link", name="矫正对象名册").click()
    expect(page).to_have_url(re.compile(r"/supervisees/$"))


def test_an_unsaved_form_comes_back_as_a_draft_without_the_identity_number(live_world, page):
    """If the page is left (or the session expires) before saving, what was typed is still there when the
    officer returns in the same tab; identity and phone numbers are never kept in the browser."""
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" — yes
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/new/")
    page.locator("#id_name").fill("草稿测试")
    page.locator("#id_crime").fill("诈骗罪")
    page.locator("#id_id_number").fill("11010519491231002X")
    page.goto(f"{page.base_url}/supervisees/")
    page.goto(f"{page.base_url}/supervisees/new/")
    expect(page.locator("[data-draft-note]")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("草稿测试")
    expect(page.locator("#id_crime")).to_have_value("诈骗罪")
    expect(page.locator("#id_id_number")).to_have_value("")
    page.get_by_role("button", name="放弃草稿").click()
    expect(page.locator("#id_name")).to_have_value("")
