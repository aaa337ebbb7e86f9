"""Run once (in a subprocess) on a freshly migrated drill database: the test world, and supervisees enrolled on the
phone app, each with a signed-in session. Prints {"sessions": [...]} as JSON."""

import json

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from sqjz.accounts.models import Role  # noqa: E402
from sqjz.intake.services import level_set  # noqa: E402
from sqjz.supervision.models import AppEnrolment  # noqa: E402
from tests.factories import SuperviseeFactory, UserFactory  # noqa: E402
from tests.world import build_world  # noqa: E402

PEOPLE = 5

w = build_world()
office, today = w.users["office_officer"], timezone.localdate()
users = [w.users["supervisee"]]
for i in range(1, PEOPLE):
    person = SuperviseeFactory(judicial_office=w.yuxing, deciding_authority=w.units["hongta_court"])
    users.append(UserFactory(username=f"drill{i}", role=Role.SUPERVISEE, supervisee=person))
sessions = []
for user in users:
    level_set(actor=office, supervisee=user.supervisee, on=today)
    AppEnrolment.objects.create(supervisee=user.supervisee, enrolled_on=today, enrolled_by=office)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(3600)
    session.create()
    sessions.append(session.session_key)
print(json.dumps({"sessions": sessions}))
