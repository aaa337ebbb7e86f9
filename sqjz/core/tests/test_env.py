"""Settings read from the environment: a bad or missing value stops start-up with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from sqjz.core.env import env_bool, env_header, env_int, env_list, env_str

NAME = "SQJZ_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


def test_env_str_returns_the_value(monkeypatch):
    monkeypatch.setenv(NAME, "postgres://db/sqjz")
    assert env_str(NAME) == "postgres://db/sqjz"


def test_env_str_falls_back_to_the_default():
    assert env_str(NAME, "fallback") == "fallback"


def test_env_str_without_value_or_default_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_str(NAME)


def test_env_str_set_but_empty_counts_as_missing(monkeypatch):
    monkeypatch.setenv(NAME, "")
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_str(NAME, "")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("No", False), ("0", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_or_empty_gives_the_default(monkeypatch, default):
    assert env_bool(NAME, default) is default
    monkeypatch.setenv(NAME, "")
    assert env_bool(NAME, default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "t", "enabled"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be true or false"):
        env_bool(NAME, False)


def test_env_int_reads_a_number_and_defaults_when_unset(monkeypatch):
    assert env_int(NAME, 30) == 30
    monkeypatch.setenv(NAME, "45")
    assert env_int(NAME, 30) == 45


@pytest.mark.parametrize("raw", ["thirty", "3.5", "5 min"])
def test_env_int_refuses_what_is_not_an_integer(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be an integer"):
        env_int(NAME, 30)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " sqjz.example.cn, ,127.0.0.1,")
    assert env_list(NAME) == ["sqjz.example.cn", "127.0.0.1"]
    monkeypatch.delenv(NAME)
    assert env_list(NAME, "localhost") == ["localhost"]


def test_env_header_names_the_request_meta_key(monkeypatch):
    assert env_header(NAME) is None
    monkeypatch.setenv(NAME, " X-Forwarded-Proto ")
    assert env_header(NAME) == "HTTP_X_FORWARDED_PROTO"


@pytest.mark.parametrize("value", ["X_Forwarded_Proto", "X-Forwarded-Proto: https", "-X"])
def test_env_header_refuses_what_is_not_a_header_name(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_header(NAME)
