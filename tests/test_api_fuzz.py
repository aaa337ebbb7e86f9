"""Every API endpoint fuzzed from its OpenAPI schema (schemathesis): whatever a phone or a partner sends, the API
answers with a status and a body its schema documents, never a 5xx. The requests go through the WSGI application
in the test's own thread (no server), signed in as the role that uses each endpoint: the supervisee for the phone
API, the office officer for the register. Bounded examples per endpoint keep the whole fuzz well under a minute."""

import re
import secrets

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sqjz.api import api
from tests.world import add_records

pytestmark = pytest.mark.fuzz

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
schema.app = WSGIHandler()

# Who uses each part of the API (the others get 401/403, which the access matrix already proves).
# Device gateways sign in with a bearer token, not a session: fuzzed with a session, every request is refused (401).
USER_OF = {
    "/api/app/": "supervisee",
    "/api/supervisees": "office_officer",
    "/api/monitoring/": "county_officer",
    "/api/partner/": "judge",  # a session is not a partner credential: 401 (sqjz/exchange/tests test the token)
}


def _user_for(path: str) -> str:
    return next(user for prefix, user in USER_OF.items() if path.startswith(prefix))


# The signed-in sessions of the current test, by user key (filled by the `sessions` fixture).
SESSIONS: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SignedIn:
    """The browser session of the endpoint's user, as schemathesis' auth: its own checks (e.g. that the API refuses
    a request without a valid session) replace it with a missing or wrong one."""

    def get(self, case, context):
        return SESSIONS.get(_user_for(case.path), "")  # nothing before the test signs in (collection)

    def set(self, case, data, context):
        csrf = secrets.token_hex(16)  # a 32-character secret: the cookie and the header carry the same one
        case.cookies = {**(case.cookies or {}), "sessionid": data, "csrftoken": csrf}
        case.headers = {**(case.headers or {}), "X-CSRFToken": csrf, "Referer": "http://localhost/"}


@pytest.fixture
def sessions(world, client):
    # The WSGI handler sends request_started/finished, whose close_old_connections would close the test's own
    # connection (and its transaction) on PostgreSQL: detached for the test, as Django's test client does.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    add_records(world)
    for key in set(USER_OF.values()):
        client.force_login(world.users[key], backend="django.contrib.auth.backends.ModelBackend")
        SESSIONS[key] = client.cookies["sessionid"].value
    yield
    SESSIONS.clear()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# A partner's message carries a `body` the OpenAPI document describes only as an object: its type's own JSON Schema
# (GET /api/partner/schemas/{type}/{version}) is applied inside, so a body the document allows may still be refused
# (400 for a control character, 422 with the field's path), as the document says.
EXCLUDED = {("POST", "/api/partner/messages"): [positive_data_acceptance]}


def _operation_test(method: str, path: str):
    """The fuzz test of one API operation. One test function per operation, not one `schema.parametrize()` over
    all: schemathesis gives the items of one function the same node id under pytest 9, which pytest-xdist needs
    unique to hand tests to its workers."""

    @schema.include(method=method, path=path).parametrize()
    @settings(
        max_examples=50,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def test_the_api_answers_every_request_as_documented(case, sessions):
        case.call_and_validate(excluded_checks=EXCLUDED.get((method, path), []))

    return test_the_api_answers_every_request_as_documented


for _operation in (result.ok() for result in schema.get_all_operations()):
    _name = re.sub(r"\W+", "_", f"{_operation.method} {_operation.path}").strip("_").lower()
    globals()[f"test_{_name}"] = _operation_test(_operation.method.upper(), _operation.path)
