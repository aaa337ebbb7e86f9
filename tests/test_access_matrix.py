"""Every URL and API endpoint, for every role: allowed (200), refused (403), not found in the user's
jurisdiction (404), or sent to the login page. A URL missing from the table fails the suite, so a new
page cannot forget its check. Object URLs point at records that exist (tests/world.py `add_records`: A's
check-in, leave, monitoring, campaign, opinion, team member and assignment, a registration conflict), so a 404
means "outside the jurisdiction".
POST-only URLs answer GET with 405 here; what a POST does is tests/test_write_matrix.py's."""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.test_jurisdiction import EDITABLE, VISIBLE
from tests.world import add_records, add_transfer

ANON = "anonymous"
PERSONAS = [ANON, *sorted(VISIBLE)]
CASE_READERS = {
    "office_officer",
    "other_office_officer",
    "county_officer",
    "county_head",
    "other_county_officer",
    "city_officer",
    "procurator",
    "other_procurator",
    "judge",
    "police",
    "county_police",
    "prison_officer",
}
CASE_HELPERS = {"social_worker", "volunteer", "mentor", "evaluator"}
REGISTER_READERS = CASE_READERS | CASE_HELPERS
EDITORS = {"office_officer", "other_office_officer", "county_officer", "county_head", "other_county_officer"}
INVESTIGATION_READERS = CASE_READERS
INVESTIGATORS = EDITORS
# Investigation I (tests/world.py): 玉兴 office, commissioned by the 红塔区 court, adult.
VISIBLE_I = {"office_officer", "county_officer", "county_head", "city_officer", "procurator", "judge"}
POST_ONLY = lambda p: 405  # noqa: E731
OVERSIGHT_READERS = EDITORS | {"city_officer", "procurator", "other_procurator"}
CASEWORK = OVERSIGHT_READERS  # correction staff and procurators follow the work lists
PROCURATORS = {"procurator", "other_procurator"}
EXPORTERS = {"county_officer", "county_head", "other_county_officer", "city_officer"}
LOGIN = 302  # anonymous users are sent to the login page
ADMINISTRATIVE = {"admin", "security_admin", "auditor"}
# Messages from partner agencies: county and city officers (their area's), partner users (their agency's).
EXCHANGE_READERS = EXPORTERS | {"judge", "police", "county_police", "prison_officer"}
FUNDERS = {"county_officer", "county_head", "other_county_officer", "city_officer"}  # FUNDING_MANAGE
COMMANDERS = EDITORS | {"city_officer"}  # COMMAND_VIEW: the command centre of one's area (decision 0048)


def page(allowed: set[str], *, anon: int = LOGIN, otherwise: int = 403):
    return lambda persona: anon if persona == ANON else 200 if persona in allowed else otherwise


def record(visible_to: set[str], capable: set[str], *, anon: int = LOGIN):
    """A record of supervisee A: 200 in jurisdiction, 404 outside it, 403 without the capability."""
    return lambda p: anon if p == ANON else 200 if p in visible_to else 404 if p in capable else 403


VISIBLE_A = {p for p, keys in VISIBLE.items() if "A" in keys} & REGISTER_READERS  # not A's own account
EDITABLE_A = {p for p, keys in EDITABLE.items() if "A" in keys}
EVERYONE = set(VISIBLE)
PUBLISHERS = {"county_officer", "county_head", "other_county_officer", "city_officer"}  # publicity (decision 0046)
# The 红塔区 notice: staff whose unit lies in 红塔区, and the city's officers.
READ_POST = (EVERYONE - {"supervisee", "other_county_officer", "other_procurator", "prison_officer"}) - ADMINISTRATIVE
PUBLICITY_POST = lambda w: {"pk": w.publicity_post.pk}  # noqa: E731
LEADING_MEETING = lambda w: {"pk": w.leading_meeting.pk}  # noqa: E731
# The 红塔区 campaign: correction staff and procurators of 红塔区 or the city (each sees their own share of it).
VISIBLE_CAMPAIGN = CASEWORK - {"other_county_officer", "other_procurator"}
# The opinion about A: the issuing procuratorate, the office addressed, its county agency, the city (A is an adult).
VISIBLE_OPINION = {"office_officer", "county_officer", "county_head", "city_officer", "procurator"}

# Object URLs of the world's records (tests/world.py add_records).
CHECKIN = lambda w: {"checkin_id": w.checkin.pk}  # noqa: E731
LEAVE = lambda w: {"leave_id": w.leave.pk}  # noqa: E731
MONITORING = lambda w: {"monitoring_id": w.monitoring.pk}  # noqa: E731
DEVICE = lambda w: {"device_id": w.device.pk}  # noqa: E731
ENTRY = lambda w: {"entry_id": w.entry.pk}  # noqa: E731
PERMIT = lambda w: {"permit_id": w.permit.pk}  # noqa: E731
CAMPAIGN = lambda w: {"pk": w.campaign.pk}  # noqa: E731
SCREENING = lambda w: {"pk": w.campaign.pk, "supervisee_id": w.people["A"].pk}  # noqa: E731
OPINION = lambda w: {"pk": w.opinion.pk}  # noqa: E731
TEAM_MEMBER = lambda w: {"pk": w.people["A"].pk, "member_id": w.team_member.pk}  # noqa: E731
ASSIGNMENT = lambda w: {"pk": w.people["A"].pk, "assignment_id": w.assignment.pk}  # noqa: E731
CONFLICT = lambda w: {"pk": w.conflict.pk}  # noqa: E731
PROPOSAL = lambda w: {"pk": w.proposal.pk}  # noqa: E731
EDUCATION = lambda w: {"pk": w.education.pk}  # noqa: E731
SERVICE = lambda w: {"pk": w.service.pk}  # noqa: E731
REPORT = lambda w: {"pk": w.people["A"].pk, "report_id": w.report.pk}  # noqa: E731
ASSISTANCE_CASE = lambda w: {"pk": w.assistance_case.pk}  # noqa: E731
# 帮扶: those who follow the casework read it; the social worker reads and writes it for the people assigned to her.
ASSISTANCE_READERS = CASEWORK | {"social_worker"}
ASSISTANCE_WRITERS = EDITORS | {"social_worker"}
TRIGGER = lambda w: {"pk": w.trigger.pk}  # noqa: E731
CHANGE = lambda w: {"pk": w.change.pk}  # noqa: E731
CHANGE_READ = lambda w: {"pk": w.people["A"].pk, "report_id": w.change.pk}  # noqa: E731
# A's mentoring pages: those who follow A's casework, and A's mentor.
MENTORING_A = (VISIBLE_A & CASEWORK) | {"mentor"}
MENTORING_READERS = CASEWORK | {"mentor"}
CRISIS = lambda w: {"pk": w.crisis.pk}  # noqa: E731
HEALTH_READ = lambda w: {"pk": w.people["A"].pk, "report_id": 1}  # noqa: E731
# A's counselling records (decision 0038): A's office and the social worker assigned to A; no one else.
COUNSELLING = {"office_officer", "other_office_officer", "social_worker"}
COUNSELLING_A = {"office_officer", "social_worker"}
# 玉兴's group session: the offices' staff and procurators whose jurisdiction holds 玉兴, and the city.
VISIBLE_EDUCATION = {"office_officer", "county_officer", "county_head", "city_officer", "procurator"}
RECEIVERS = {"judge", "police", "county_police", "prison_officer"}
# The police-penalty proposal about A: A's office, its county agency, the city, the procurator, and the 红塔区
# public-security bureau it is addressed to.
VISIBLE_PROPOSAL = {"office_officer", "county_officer", "county_head", "city_officer", "procurator", "county_police"}
MATTER = lambda w: {"pk": w.matter.pk}  # noqa: E731
MEETING = lambda w: {"pk": w.meeting.pk}  # noqa: E731
MEMBER = lambda w: {"member_id": w.committee_members[2].pk}  # noqa: E731
DELIBERATION = lambda w: {"pk": w.meeting.pk, "matter_id": w.agenda_matter.pk}  # noqa: E731
# The 红塔区 committee's matter about A, submitted by 玉兴: the committee's unit, the submitting office, the county's
# procurators. Its meeting: the committee's unit (and members) and the county's procurators.
VISIBLE_MATTER = {"office_officer", "county_officer", "county_head", "procurator"}
VISIBLE_MEETING = {"county_officer", "county_head", "procurator"}
COMMITTEE_RUNNERS = {"county_officer", "county_head"}  # the secretary and the agency's head
COMMITTEE_KEEPERS = {"county_head", "city_officer"}
PHOTO = lambda w: {"fact_id": w.enforcement_fact.pk, "n": 1}  # noqa: E731
MERIT = lambda w: {"fact_id": w.merit.pk}  # noqa: E731
MEASURE = lambda w: {"measure_id": w.measure.pk}  # noqa: E731
REVIEW = lambda w: {"review_id": w.level_review.pk}  # noqa: E731
# A's transfer from 玉兴 (红塔区) to 星云 (江川区), applied for: whoever sees A, and the parties of the receiving county
# (its agency and, A being an adult, its procurators), who do not see A's record.
TRANSFER = lambda w: {"transfer_id": add_transfer(w).pk}  # noqa: E731
VISIBLE_TRANSFER = VISIBLE_A | {"other_county_officer", "other_procurator"}

COURSE = lambda w: {"pk": w.learning.pk}  # noqa: E731
VISIBLE_COURSE = {
    "office_officer",
    "other_office_officer",
    "county_officer",
    "county_head",
    "city_officer",
    "procurator",
}


def _outbox_delivery(w):
    """A notice about A to the 红塔区 court (no interface: recorded as paper), for the outbox's pages."""
    from sqjz.outbox.services import notify

    payload = {
        "commission_number": "（2026）云0402刑初1号",
        "name": w.people["A"].name,
        "id_number": "530402199001011234",
        "opinion": "suitable",
        "opinion_label": "适宜社区矫正",
        "reasons": "有固定住所。",
        "document_number": "玉红司矫评〔2026〕1号",
        "delivered_on": "2026-11-25",
        "issued_by": "红塔区社区矫正管理局",
    }
    kind = "investigation_opinion"
    return notify(agency=w.units["hongta_court"], kind=kind, payload=payload, supervisee=w.people["A"])


# The outbox (decision 0042): the county agencies' staff and the city agency see their area's deliveries.
OUTBOX_READERS = EXPORTERS
VISIBLE_DELIVERY = {"county_officer", "county_head", "city_officer"}

# URL name → (kwargs, expected status for a persona)
EXPECTED = {
    "proposals:list": ({}, page(CASEWORK)),
    "proposals:received": ({}, page(RECEIVERS)),
    "proposals:person": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "proposals:draft": ("A", POST_ONLY),
    "proposals:detail": (PROPOSAL, record(VISIBLE_PROPOSAL, CASEWORK | RECEIVERS)),
    "proposals:document": (
        lambda w: {"pk": w.proposal.pk, "document_id": w.proposal.document_id, "fmt": "pdf"},
        record(VISIBLE_PROPOSAL, CASEWORK | RECEIVERS),
    ),
    "proposals:edit": (PROPOSAL, POST_ONLY),
    "proposals:withdraw": (PROPOSAL, POST_ONLY),
    "proposals:submit": (PROPOSAL, POST_ONLY),
    "proposals:send": (PROPOSAL, POST_ONLY),
    "proposals:arrest": (PROPOSAL, POST_ONLY),
    "proposals:decide": (PROPOSAL, POST_ONLY),
    "proposals:correct": (PROPOSAL, POST_ONLY),
    "workbench:home": ({}, lambda p: 302 if p == "supervisee" else page(EVERYONE)(p)),  # a supervisee goes to /app/
    "core:healthz": ({}, lambda p: 200),
    "accounts:login": ({}, lambda p: 200),
    "accounts:login_code": ({}, lambda p: 302),  # nothing pending: back to the login page
    "accounts:logout": ({}, lambda p: 405),  # POST only
    "accounts:security": ({}, page(EVERYONE)),
    # The administrative roles have two-factor login on (they must): the setup page sends them to their security page.
    "accounts:totp_setup": ({}, lambda p: LOGIN if p == ANON else 302 if p in ADMINISTRATIVE else 200),
    "accounts:totp_disable": ({}, page(set(), otherwise=405)),  # POST only
    "accounts:password_change": ({}, page(EVERYONE)),
    "supervisees:list": ({}, page(REGISTER_READERS)),
    "supervisees:create": ({}, page(EDITORS)),
    "supervisees:export": ({}, page(EXPORTERS)),
    "supervisees:detail": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervisees:edit": ("A", record(EDITABLE_A, EDITORS)),
    "supervisees:assignments": ("A", record(EDITABLE_A, EDITORS)),
    "supervisees:assignment_end": (ASSIGNMENT, POST_ONLY),
    "supervisees:conflicts": ({}, page({"city_officer"})),  # refused identity numbers go to the city agency
    "supervisees:conflict_resolve": (CONFLICT, POST_ONLY),
    "investigation:list": ({}, page(INVESTIGATION_READERS)),
    "investigation:create": ({}, page(INVESTIGATORS)),
    "investigation:detail": ("I", record(VISIBLE_I, INVESTIGATION_READERS)),
    "investigation:interview_add": ("I", POST_ONLY),
    "investigation:findings": ("I", POST_ONLY),
    "investigation:decide": ("I", POST_ONLY),
    "investigation:deliver": ("I", POST_ONLY),
    "investigation:adoption": ("I", POST_ONLY),
    "documents:download": ("DOC", record(VISIBLE_I, REGISTER_READERS)),
    "discharge:case": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "discharge:evaluation": ("A", POST_ONLY),
    "discharge:discharge": ("A", POST_ONLY),
    "discharge:terminate": ("A", POST_ONLY),
    "intake:list": ({}, page(CASEWORK)),
    "supervision:medical": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:checkin_list": ({}, page(CASEWORK)),
    "supervision:checkins": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:checkin_enrol": ("A", POST_ONLY),
    "supervision:checkin_password": ("A", POST_ONLY),
    "supervision:checkin_unlock": ("A", POST_ONLY),
    "supervision:checkin_device_revoke": (lambda w: {"pk": w.people["A"].pk, "device_id": 1}, POST_ONLY),
    "supervision:checkin_follow_up": ("A", POST_ONLY),
    "supervision:spot_check": ("A", POST_ONLY),
    "supervision:checkin_photo": (CHECKIN, record(VISIBLE_A, REGISTER_READERS)),
    "supervision:checkin_review": (lambda w: {"pk": w.people["A"].pk, "checkin_id": w.checkin.pk}, POST_ONLY),
    "mobile:home": ({}, page({"supervisee"})),
    "mobile:checkin": ({}, page({"supervisee"})),
    "supervision:monitoring": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:monitoring_propose": ("A", POST_ONLY),
    "supervision:monitoring_decide": (MONITORING, POST_ONLY),
    "supervision:monitoring_extend": (MONITORING, POST_ONLY),
    "supervision:monitoring_end": (MONITORING, POST_ONLY),
    "supervision:monitoring_device_assign": (MONITORING, POST_ONLY),
    "supervision:device_list": ({}, page(CASEWORK)),
    "supervision:device_register": ({}, POST_ONLY),
    # The world's device is in stock at 红塔区: its agency and the city see it; an office sees only devices worn.
    "supervision:device": (DEVICE, record({"county_officer", "county_head", "city_officer"}, CASEWORK)),
    "supervision:device_status": (DEVICE, POST_ONLY),
    "supervision:device_return": (DEVICE, POST_ONLY),
    "supervision:gateway_list": ({}, page({"county_head", "city_officer"})),
    "supervision:gateway_create": ({}, POST_ONLY),
    "supervision:gateway_deactivate": (lambda w: {"gateway_id": w.gateway.pk}, POST_ONLY),
    "supervision:monitoring_list": ({}, page(CASEWORK)),
    "supervision:monitoring_zone_add": ("A", POST_ONLY),
    "supervision:monitoring_zone_remove": (lambda w: {"zone_id": 1}, POST_ONLY),
    "supervision:monitoring_alert_acknowledge": (lambda w: {"alert_id": 1}, POST_ONLY),
    "supervision:monitoring_alert_verify": (lambda w: {"alert_id": 1}, POST_ONLY),
    "supervision:monitoring_alert_close": (lambda w: {"alert_id": 1}, POST_ONLY),
    "assessment:list": ({}, page(CASEWORK)),
    "assessment:case": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "assessment:record": ("A", POST_ONLY),
    "assessment:contest": ("A", POST_ONLY),
    "committee:index": ({}, page(CASEWORK)),
    "committee:members": ({}, page(COMMITTEE_KEEPERS)),
    "committee:member_end": (MEMBER, POST_ONLY),
    "committee:case": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "committee:submit": ("A", POST_ONLY),
    "committee:matter": (MATTER, record(VISIBLE_MATTER, CASEWORK)),
    "committee:withdraw": (MATTER, POST_ONLY),
    "committee:meeting_new": ({}, page(COMMITTEE_RUNNERS)),
    "committee:meeting": (MEETING, record(VISIBLE_MEETING, CASEWORK)),
    "committee:minutes": (MEETING, record(VISIBLE_MEETING, CASEWORK)),
    "committee:attendance": (MEETING, POST_ONLY),
    "committee:deliberate": (DELIBERATION, POST_ONLY),
    "assessment:ratings": ({}, page({"evaluator"})),
    "assessment:rating": ("A", page({"evaluator"})),  # A lives in the evaluator's village (荷花社区)
    "enforcement:list": ({}, page(CASEWORK)),
    "enforcement:case": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "enforcement:attachment": (PHOTO, record(VISIBLE_A, REGISTER_READERS)),
    "enforcement:fact": ("A", POST_ONLY),
    "enforcement:propose": ("A", POST_ONLY),
    "enforcement:level_propose": ("A", POST_ONLY),
    "enforcement:merit_confirm": (MERIT, POST_ONLY),
    "enforcement:decide": (MEASURE, POST_ONLY),
    "enforcement:serve": (MEASURE, POST_ONLY),
    "enforcement:correct": (MEASURE, POST_ONLY),
    "enforcement:level_decide": (REVIEW, POST_ONLY),
    "education:list": ({}, page(CASEWORK)),
    "education:new": ({}, page(EDITORS)),
    "education:session": (EDUCATION, record(VISIBLE_EDUCATION, CASEWORK)),
    "education:enrol": (EDUCATION, POST_ONLY),
    "education:roll_call": (EDUCATION, POST_ONLY),
    "education:checkin_attendance": (EDUCATION, POST_ONLY),
    "education:services": ({}, page(CASEWORK)),
    "education:service_new": ({}, page(EDITORS)),
    "education:service": (SERVICE, record(VISIBLE_EDUCATION, CASEWORK)),
    "education:service_enrol": (SERVICE, POST_ONLY),
    "education:service_roll_call": (SERVICE, POST_ONLY),
    "education:service_helpers": (SERVICE, POST_ONLY),
    "education:helping": ({}, page({"social_worker", "volunteer"})),
    "education:person": ("A", record(VISIBLE_A & CASEWORK, CASEWORK)),
    "education:individual": ("A", POST_ONLY),
    "education:report_read": (REPORT, POST_ONLY),
    "assistance:list": ({}, page(CASEWORK)),
    "assistance:mine": ({}, page(ASSISTANCE_WRITERS)),
    "assistance:coverage": ({}, page(CASEWORK)),
    "assistance:person": ("A", record(VISIBLE_A & ASSISTANCE_READERS, ASSISTANCE_READERS)),
    "assistance:case": (ASSISTANCE_CASE, record(VISIBLE_A & ASSISTANCE_READERS, ASSISTANCE_READERS)),
    "assistance:assess": ("A", POST_ONLY),
    "assistance:open": ("A", POST_ONLY),
    "assistance:step": (ASSISTANCE_CASE, POST_ONLY),
    "lostcontact:list": ({}, page(CASEWORK)),
    "lostcontact:person": ("A", record(VISIBLE_A & CASEWORK, CASEWORK)),
    "lostcontact:open": ("A", POST_ONLY),
    "lostcontact:attempt": ("A", POST_ONLY),
    "lostcontact:notify": ("A", POST_ONLY),
    "lostcontact:refusal": ("A", POST_ONLY),
    "lostcontact:close": ("A", POST_ONLY),
    "safety:list": ({}, page(CASEWORK)),
    "safety:create": ({}, page(EXPORTERS)),  # county and city agencies organise campaigns
    "safety:campaign": (CAMPAIGN, record(VISIBLE_CAMPAIGN, CASEWORK)),
    "safety:screening": (SCREENING, record(EDITABLE_A, EDITORS)),
    "oversight:list": ({}, page(OVERSIGHT_READERS)),
    "oversight:create": ({}, page(PROCURATORS)),
    "oversight:ledger": ({}, page(OVERSIGHT_READERS)),
    "oversight:detail": (OPINION, record(VISIBLE_OPINION, OVERSIGHT_READERS)),
    "oversight:reply": (OPINION, POST_ONLY),
    "supervision:travel": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:travel_list": ({}, page(CASEWORK)),
    "supervision:travel_apply": ("A", POST_ONLY),
    "supervision:travel_decide": (LEAVE, POST_ONLY),
    "supervision:travel_return": (LEAVE, POST_ONLY),
    "supervision:travel_withdraw": (LEAVE, POST_ONLY),
    "supervision:travel_evidence": (LEAVE, record(VISIBLE_A, REGISTER_READERS)),
    "supervision:travel_permit_apply": ("A", POST_ONLY),
    "supervision:travel_permit_decide": (PERMIT, POST_ONLY),
    "supervision:travel_trip_report": (PERMIT, POST_ONLY),
    "supervision:places": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:place_list": ({}, page(CASEWORK)),
    "supervision:place_apply": ("A", POST_ONLY),
    "supervision:place_decide": (ENTRY, POST_ONLY),
    "supervision:place_withdraw": (ENTRY, POST_ONLY),
    "mobile:travel": ({}, page({"supervisee"})),
    "mobile:transfer": ({}, page({"supervisee"})),
    "mobile:places": ({}, page({"supervisee"})),
    "mobile:trips": ({}, page({"supervisee"})),
    "mobile:education": ({}, page({"supervisee"})),
    "mobile:reports": ({}, page({"supervisee"})),
    "mobile:changes": ({}, page({"supervisee"})),
    # Only for a person serving a sentence outside prison; the world's A is on probation.
    "mobile:health": ({}, lambda p: LOGIN if p == ANON else 404 if p == "supervisee" else 403),
    "supervision:health_read": (HEALTH_READ, POST_ONLY),
    "mentoring:mine": ({}, page({"mentor"})),
    "counselling:list": ({}, page(COUNSELLING)),
    "counselling:person": ("A", record(COUNSELLING_A, COUNSELLING)),
    "counselling:case": (CRISIS, record(COUNSELLING_A, COUNSELLING)),
    "counselling:assessment": ("A", POST_ONLY),
    "counselling:crisis_open": ("A", POST_ONLY),
    "counselling:session": ("A", POST_ONLY),
    "counselling:case_close": (CRISIS, POST_ONLY),
    "mentoring:report": ({}, page(CASEWORK)),
    "mentoring:person": ("A", record(MENTORING_A, MENTORING_READERS)),
    "mentoring:trigger": (TRIGGER, record(MENTORING_A, MENTORING_READERS)),
    "mentoring:change": (CHANGE, record(MENTORING_A, MENTORING_READERS)),
    "mentoring:trigger_new": ("A", POST_ONLY),
    "mentoring:visit": ("A", POST_ONLY),
    "mentoring:change_read": (CHANGE_READ, POST_ONLY),
    "supervision:transfer": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "supervision:transfer_list": ({}, page(CASEWORK)),
    "supervision:transfer_apply": ("A", POST_ONLY),
    "supervision:transfer_detail": (TRANSFER, record(VISIBLE_TRANSFER, REGISTER_READERS)),
    "supervision:transfer_proof": (
        lambda w: {"transfer_id": add_transfer(w).pk, "n": 0},
        record(VISIBLE_TRANSFER, REGISTER_READERS),
    ),
    # No notice before the decision: 404 for whoever may look (tests of the transfer download it afterwards).
    "supervision:transfer_notice": (
        lambda w: {"transfer_id": add_transfer(w).pk, "fmt": "pdf"},
        lambda p: LOGIN if p == ANON else 404 if p in REGISTER_READERS else 403,
    ),
    "supervision:transfer_consult": (TRANSFER, POST_ONLY),
    "supervision:transfer_reply": (TRANSFER, POST_ONLY),
    "supervision:transfer_decide": (TRANSFER, POST_ONLY),
    "supervision:transfer_notify": (TRANSFER, POST_ONLY),
    "supervision:transfer_complete": (TRANSFER, POST_ONLY),
    "supervision:transfer_withdraw": (TRANSFER, POST_ONLY),
    "mobile:return_report": ({}, page({"supervisee"})),
    "mobile:account": ({}, page({"supervisee"})),
    "mobile:password_change": ({}, page({"supervisee"})),
    "mobile:device_bind": ({}, POST_ONLY),
    "mobile:device_unbind": ({"device_id": 1}, POST_ONLY),
    "intake:page": ("A", record(VISIBLE_A, REGISTER_READERS)),
    "intake:photo": ("A", lambda p: LOGIN if p == ANON else 404 if p in REGISTER_READERS else 403),  # no photo yet
    "intake:documents": ("A", POST_ONLY),
    "intake:receipt": ("A", POST_ONLY),
    "intake:completion": ("A", POST_ONLY),
    "intake:report_in": ("A", POST_ONLY),
    "intake:no_show": ("A", POST_ONLY),
    "intake:first_interview": ("A", POST_ONLY),
    "intake:team_add": ("A", POST_ONLY),
    "intake:team_remove": (TEAM_MEMBER, POST_ONLY),
    "intake:letter": ("A", POST_ONLY),
    "intake:announcement": ("A", POST_ONLY),
    "intake:plan": ("A", POST_ONLY),
    "organisation:mine": ({}, page(REGISTER_READERS)),
    "audit:list": ({}, page({"auditor"})),
    "rulebook:index": ({}, page(EVERYONE - {"supervisee"})),
    "api:openapi-json": ({}, page(EVERYONE - {"supervisee"})),  # the API's documentation is for staff
    "api:openapi-view": ({}, page(EVERYONE - {"supervisee"})),
    "api:api-root": ({}, lambda p: 404),
    "api:list_supervisees": ({}, page(REGISTER_READERS, anon=401)),
    "api:get_supervisee": ("A", record(VISIBLE_A, REGISTER_READERS, anon=401)),
    "api:checkin_list": ({}, page({"supervisee"}, anon=401)),
    "api:checkin_create": ({}, page({"supervisee"}, anon=401)),  # the same path: GET lists, POST checks in
    "api:reminder_list": ({}, page({"supervisee"}, anon=401)),
    "api:reminder_shown": ({}, POST_ONLY),
    # Partner agencies (decision 0041): a credential's bearer token, never a session (sqjz/exchange/tests).
    "api:partner_message_post": ({}, lambda p: 405),
    "api:partner_message_get": ({"message_id": "HT-1"}, lambda p: 401),
    "api:partner_schema": ({"type": "judgment", "version": 1}, lambda p: 401),
    "exchange:credentials": ({}, page({"admin"})),
    "outbox:list": ({}, page(OUTBOX_READERS)),
    "outbox:detail": (lambda w: {"pk": _outbox_delivery(w).pk}, record(VISIBLE_DELIVERY, OUTBOX_READERS)),
    "outbox:retry": (lambda w: {"pk": 1}, POST_ONLY),
    "outbox:endpoints": ({}, page({"admin"})),
    "outbox:endpoint": (lambda w: {"unit_id": w.units["hongta_court"].pk}, page({"admin"})),
    "exchange:credential_create": ({}, POST_ONLY),
    "exchange:credential_deactivate": (lambda w: {"pk": 1}, POST_ONLY),
    "exchange:messages": ({}, page(EXCHANGE_READERS)),
    "exchange:judgment_new": ({}, page({"judge", "prison_officer", "county_police"})),  # courts, prisons, police
    "exchange:commission_new": ({}, page({"judge", "prison_officer", "county_police"})),
    "exchange:detention_new": ({}, page({"police", "county_police"})),  # public security and police stations
    "exchange:message": (lambda w: {"pk": 1}, record(set(), EXCHANGE_READERS)),  # no message in the world: 404
    "mobile:service_worker": ({}, page({"supervisee"})),
    "api:fixes_post": ({}, lambda p: 405),  # device gateways POST positions (bearer token: test_monitoring_ingest)
    # Social work: a helper's own people and records; the 红塔区 contract for those who follow 红塔区's casework.
    "socialwork:mine": ({}, page({"social_worker", "volunteer"})),
    "socialwork:record": ({}, POST_ONLY),
    "socialwork:records": ({}, page({"social_worker", "volunteer"})),
    "socialwork:person": ("A", record(VISIBLE_A & CASEWORK, CASEWORK)),
    "socialwork:contracts": ({}, page(CASEWORK)),
    "socialwork:contract_new": ({}, page({"county_officer", "county_head", "other_county_officer"})),
    "socialwork:contract": (
        lambda w: {"pk": w.contract.pk},
        record(CASEWORK - {"other_county_officer", "other_procurator"}, CASEWORK),
    ),
    "socialwork:evaluate": (lambda w: {"pk": w.contract.pk}, POST_ONLY),
    "socialwork:pay": (lambda w: {"pk": w.contract.pk, "milestone_id": w.contract.milestones.first().pk}, POST_ONLY),
    # Staffing: every office and county follows its own area's figures; 玉兴's villages for those whose area holds it.
    "staffing:index": ({}, page(CASEWORK)),
    "staffing:villages": (lambda w: {"pk": w.yuxing.pk}, record(VISIBLE_EDUCATION, CASEWORK)),
    "staffing:register": (lambda w: {"pk": w.yuxing.pk}, POST_ONLY),
    "staffing:end": (lambda w: {"pk": w.yuxing.pk, "specialist_id": w.staffing.pk}, POST_ONLY),
    # Appraisal and recidivism: the county agencies and the city; the city's settings; a person's re-offences.
    "appraisal:index": ({}, page({"county_officer", "county_head", "other_county_officer", "city_officer"})),
    "appraisal:quality": ({}, page({"county_officer", "county_head", "other_county_officer", "city_officer"})),
    "appraisal:quality_items": ({}, page({"county_officer", "county_head", "other_county_officer", "city_officer"})),
    "appraisal:recidivism": ({}, page({"county_officer", "county_head", "other_county_officer", "city_officer"})),
    "appraisal:figure": ({}, POST_ONLY),
    "appraisal:settings": ({}, page({"city_officer"})),
    "appraisal:person": ("A", record(VISIBLE_A & CASEWORK, CASEWORK)),
    "appraisal:reoffence": ("A", POST_ONLY),
    # Placement bases and enterprises (红塔区's): those who follow the casework of 红塔区 or the city read them; the
    # offices' officers and the agency of 红塔区 keep them.
    "placement:list": ({}, page(CASEWORK)),
    # The standard statistics of one's area (decision 0043): the offices' officers, the county and city agencies.
    "statistics:index": ({}, page(EDITORS | {"city_officer"})),
    "statistics:export": ({}, page(EDITORS | {"city_officer"})),
    "placement:enterprises": ({}, page(CASEWORK)),
    "placement:offers": ({}, page(CASEWORK)),
    "placement:base_new": ({}, page(EDITORS)),
    "placement:enterprise_new": ({}, page(EDITORS)),
    "placement:base": (
        lambda w: {"pk": w.placement_base.pk},
        record(CASEWORK - {"other_county_officer", "other_procurator"}, CASEWORK),
    ),
    "placement:base_edit": (lambda w: {"pk": w.placement_base.pk}, record(EDITORS - {"other_county_officer"}, EDITORS)),
    "placement:place": (lambda w: {"pk": w.placement_base.pk}, POST_ONLY),
    "placement:end": (lambda w: {"pk": 1}, POST_ONLY),
    "placement:enterprise": (
        lambda w: {"pk": w.enterprise.pk},
        record(CASEWORK - {"other_county_officer", "other_procurator"}, CASEWORK),
    ),
    "placement:offer_new": (lambda w: {"pk": w.enterprise.pk}, POST_ONLY),
    "placement:offer": (
        lambda w: {"pk": w.offer.pk},
        record(CASEWORK - {"other_county_officer", "other_procurator"}, CASEWORK),
    ),
    "placement:match": (lambda w: {"pk": w.offer.pk}, POST_ONLY),
    "placement:decide": (lambda w: {"pk": 1}, POST_ONLY),
    # Funding (decision 0045): the county agencies' staff and the city agency (FUNDING_MANAGE); a ledger is kept by
    # its own agency and by the city (江川区's staff: 404 on 红塔区's).
    "command:screen": ({}, page(COMMANDERS)),
    "command:live": ({}, page(COMMANDERS)),
    "funding:overview": ({}, page(FUNDERS)),
    "funding:ledger": (
        lambda w: {"pk": w.units["hongta_agency"].pk},
        record(FUNDERS - {"other_county_officer"}, FUNDERS),
    ),
    "funding:export": (
        lambda w: {"pk": w.units["hongta_agency"].pk},
        record(FUNDERS - {"other_county_officer"}, FUNDERS),
    ),
    "funding:entry_new": (lambda w: {"pk": w.units["hongta_agency"].pk}, POST_ONLY),
    "funding:reverse": (lambda w: {"pk": 1}, POST_ONLY),
    # Phone courses (decision 0040): 红塔区's course, seen by the county's offices, its agency, its procurators and the
    # city; its file also by A, to whom it is assigned. Publishing: the offices and agencies; the rule: agencies.
    "learning:list": ({}, page(CASEWORK)),
    "learning:new": ({}, page(EDITORS)),
    "learning:rule": ({}, page({"county_officer", "county_head", "other_county_officer"})),
    "learning:course": (COURSE, record(VISIBLE_COURSE, CASEWORK)),
    "learning:assign": (COURSE, POST_ONLY),
    "learning:file": (COURSE, record(VISIBLE_COURSE | {"supervisee"}, CASEWORK | {"supervisee"})),
    "mobile:learning": ({}, page({"supervisee"})),
    "mobile:learning_course": (lambda w: {"pk": w.learning_assignment.pk}, page({"supervisee"})),
    # Publicity (decision 0046): every staff user reads the list; the 红塔区 agency's notice is read by the staff whose
    # unit lies in 红塔区 and by the city's officers; the agencies publish, each for its own area. The notice is
    # published already: its publishers are sent back to it from the edit page.
    "publicity:list": ({}, page(EVERYONE - {"supervisee"})),
    "publicity:new": ({}, page(PUBLISHERS)),
    "publicity:detail": (PUBLICITY_POST, record(READ_POST, EVERYONE - {"supervisee"})),
    "publicity:edit": (
        PUBLICITY_POST,
        lambda p: 302 if p in {"county_officer", "county_head"} else record(set(), PUBLISHERS)(p),
    ),
    "publicity:withdraw": (PUBLICITY_POST, POST_ONLY),
    # Leading groups' and liaison meetings (decision 0047): the county and city agencies; the 红塔区 liaison meeting is
    # read by 红塔区's agency and the city.
    "leadership:list": ({}, page(PUBLISHERS)),
    "leadership:new": ({}, page(PUBLISHERS)),
    "leadership:meeting": (LEADING_MEETING, record(PUBLISHERS - {"other_county_officer"}, PUBLISHERS)),
    "leadership:print": (LEADING_MEETING, record(PUBLISHERS - {"other_county_officer"}, PUBLISHERS)),
    "leadership:task_add": (LEADING_MEETING, POST_ONLY),
    "leadership:task_done": (lambda w: {"pk": 1}, POST_ONLY),
}


def _named_urls(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # the admin is checked below, model by model
            ns = ":".join(filter(None, [namespace, p.namespace])) or None
            yield from _named_urls(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name


def test_every_named_url_has_an_expectation():
    assert set(_named_urls(get_resolver().url_patterns)) == set(EXPECTED)


def _url(world, name: str, kwargs) -> str:
    if callable(kwargs):
        return reverse(name, kwargs=kwargs(world))
    if kwargs == "I":
        return reverse(name, kwargs={"pk": world.investigation.pk})
    if kwargs == "DOC":
        return reverse(name, kwargs={"pk": world.document.pk, "fmt": "pdf"})
    if kwargs == "A":
        key = "supervisee_id" if name.startswith("api:") else "pk"
        return reverse(name, kwargs={key: world.people["A"].pk})
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_role_as_expected(world, client, persona):
    add_records(world)
    if persona != ANON:
        client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    failures = []
    for name, (kwargs, expect) in EXPECTED.items():
        url = _url(world, name, kwargs)
        status = client.get(url).status_code
        if status != expect(persona):
            failures.append(f"{name} {url}: got {status}, expected {expect(persona)}")
    assert not failures, "\n".join(failures)


# Each model of the admin site and the roles that keep it (separation of duties, decision 0012): the system
# administrator the organisation tree, the rule book's figures and the background jobs, the security administrator
# the accounts (and looks up units to put an account in). The auditor's work is the access log, not the admin site.
ADMIN_KEEPERS = {
    "accounts.User": {"security_admin"},
    "organisation.Division": {"admin"},
    "organisation.Unit": {"admin"},
    "rulebook.HolidayDate": {"admin"},
    "rulebook.ParameterVersion": {"admin"},
    "django_tasks_database.DBTaskResult": {"admin"},
    "committee.DeliberationSetting": {"admin"},
    "committee.Committee": {"admin"},
}
ADMIN_LOOKERS = {"organisation.Unit": {"security_admin"}}
WRITTEN_BY_THE_SYSTEM = {
    "django_tasks_database.DBTaskResult",
    "committee.Committee",
}  # committees: on first use  # no add page: the worker records the jobs
ADMIN_SITE_USERS = {"admin", "security_admin"}


def test_every_admin_model_has_its_keepers():
    assert {model._meta.label for model in admin.site._registry} == set(ADMIN_KEEPERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_site_gives_each_model_to_its_keepers_only(world, client, persona):
    if persona != ANON:
        client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    status = client.get(reverse("admin:index")).status_code
    assert status == 200 if persona in ADMIN_SITE_USERS else status in (302, 403), f"{persona}: index {status}"
    for model in admin.site._registry:
        label, info = model._meta.label, f"admin:{model._meta.app_label}_{model._meta.model_name}"
        keepers, lookers = ADMIN_KEEPERS[label], ADMIN_LOOKERS.get(label, set())
        adders = set() if label in WRITTEN_BY_THE_SYSTEM else keepers
        for url, allowed in ((reverse(f"{info}_changelist"), keepers | lookers), (reverse(f"{info}_add"), adders)):
            status = client.get(url).status_code
            if persona in allowed:
                assert status == 200, f"{persona} refused {url} with {status}"
            else:
                assert status in (302, 403), f"{persona} reached {url} with {status}"


def test_admin_site_registers_no_case_data():
    """Separation of duties: the administrator maintains the organisation and accounts, not cases."""
    labels = {model._meta.label for model in admin.site._registry}
    assert not any(label.startswith(("supervisees.", "audit.")) for label in labels)
