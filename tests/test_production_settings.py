"""The production settings pass Django's deployment checks as they are (HTTPS only, HSTS, secure cookies); the demo's
plain http is an explicit choice of scripts/demo.sh (decision 0015). Each test starts a fresh Python with only the
environment an operator would set, as production starts it."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQJZ_", "DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "sqjz.settings",
        "SQJZ_DEBUG": "false",
        "SQJZ_SECRET_KEY": secrets.token_urlsafe(50),
        "SQJZ_FIELD_KEYS": f"1:{secrets.token_hex(16)}",
        "SQJZ_INDEX_KEY": secrets.token_hex(32),
        "SQJZ_AUDIT_KEY": secrets.token_hex(32),
        "SQJZ_ALLOWED_HOSTS": "sqjz.yxsfj.gov.cn",
        "SQJZ_CSRF_TRUSTED_ORIGINS": "https://sqjz.yxsfj.gov.cn",
        "SQJZ_DATA_DIR": str(tmp_path),
    }


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 (our own Python and code, no outside input)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_pass_the_deployment_checks(production_env):
    result = deploy_check(production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_demos_plain_http_fails_the_deployment_checks(production_env):
    """What scripts/demo.sh turns off for http on 127.0.0.1 is exactly what production must have on."""
    result = deploy_check(production_env | {"SQJZ_SECURE_COOKIES": "false", "SQJZ_SSL_REDIRECT": "false"})
    assert result.returncode != 0
    for warning in ("security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_defaults_are_safe(production_env):
    values = settings_in(
        production_env,
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_REDIRECT_EXEMPT",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": None,  # trusted only when the operator says the proxy sets it
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],  # the load balancer's probe speaks plain http
    }


def test_the_proxy_header_and_hsts_come_from_the_environment(production_env):
    env = production_env | {"SQJZ_PROXY_SSL_HEADER": "X-Forwarded-Proto", "SQJZ_HSTS_SECONDS": "600"}
    values = settings_in(env, "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS")
    assert values == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"], "SECURE_HSTS_SECONDS": 600}
