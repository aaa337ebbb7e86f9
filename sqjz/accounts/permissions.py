"""What each role may do: capabilities per role, and the decorators views use to require them.

Whom a user may see (jurisdiction) is decided in supervisees.permissions; this module decides which
pages and actions a role has at all. A page checks its capability here and reaches records only
through the jurisdiction functions.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sqjz.accounts.models import Role


class Capability(StrEnum):
    SUPERVISEE_VIEW = "supervisee_view"  # open the register and records within jurisdiction
    SUPERVISEE_VIEW_IDENTITY = "supervisee_view_identity"  # see full identity and phone numbers on a record
    SUPERVISEE_EDIT = "supervisee_edit"  # register and edit supervisees within jurisdiction
    SUPERVISEE_EXPORT = "supervisee_export"  # export the register
    CASEWORK_VIEW = "casework_view"  # follow the casework of one's area: the work lists and everyone's to-dos
    REGISTRATION_CONFLICT_HANDLE = "registration_conflict_handle"  # check identity numbers refused at registration
    INVESTIGATION_VIEW = "investigation_view"  # open investigations within jurisdiction
    INVESTIGATION_EDIT = "investigation_edit"  # register commissions, record interviews and findings, deliver
    INVESTIGATION_APPROVE = "investigation_approve"  # approve or return an investigation opinion (county agency)
    TRAVEL_DECIDE = "travel_decide"  # approve or refuse leave to travel, at the level the statute assigns
    OVERSIGHT_VIEW = "oversight_view"  # read correction opinions and recommendations within jurisdiction
    OVERSIGHT_ISSUE = "oversight_issue"  # issue correction opinions and recommendations (procurators)
    OVERSIGHT_REPLY = "oversight_reply"  # reply to them in writing (the agency or office addressed)
    MONITORING_APPROVE = "monitoring_approve"  # approve, refuse or extend electronic monitoring (bureau head)
    MONITORING_DEVICES = "monitoring_devices"  # keep the county agency's devices: register, assign, return, repair
    MONITORING_GATEWAYS = "monitoring_gateways"  # create and deactivate the device gateways of one's agency
    SCREENING_MANAGE = "screening_manage"  # organise screening campaigns for one's county or city
    COMMITTEE_VIEW = "committee_view"  # the review committee's matters and meetings within jurisdiction
    COMMITTEE_MANAGE = "committee_manage"  # keep one's agency's review committee: members (county head, city)
    ENFORCEMENT_PROPOSE = "enforcement_propose"  # record facts, propose commendations, admonitions, warnings, levels
    ENFORCEMENT_DECIDE = "enforcement_decide"  # decide them and confirm meritorious acts (county agency)
    PROPOSAL_DRAFT = "proposal_draft"  # draft a proposal to another body (police penalty, revocation, commutation)
    PROPOSAL_PREPARE = "proposal_prepare"  # put it to the committee, enter a paper reply, mark a penalty corrected
    PROPOSAL_SIGN = "proposal_sign"  # sign and send a proposal to the body it is addressed to (county head)
    PROPOSAL_DECIDE = "proposal_decide"  # record one's own body's decision on a proposal addressed to it
    COMMUNITY_RATE = "community_rate"  # rate the people of one's village each assessment period (评议员)
    EDUCATION_RECORD = "education_record"  # organise group education, take its roll, record individual education
    ASSISTANCE_RECORD = "assistance_record"  # assess needs, open and refer assistance cases, record steps and outcomes
    MENTORING_MANAGE = "mentoring_manage"  # record the occasions for the mentor's five mandatory visits (五必访)
    MENTORING_VISIT = "mentoring_visit"  # visit one's paired people and record the visits (结对干警)
    LEARNING_MANAGE = "learning_manage"  # phone courses: publish, assign, the county's counting rule
    COUNSELLING_RECORD = "counselling_record"  # psychological assessment, counselling, crisis cases (restricted)
    HELP_RECORD = "help_record"  # record the help one gives the people assigned to one (social workers, volunteers)
    CONTRACT_MANAGE = "contract_manage"  # purchased social-work services: contracts, evaluations, payments
    STAFFING_MANAGE = "staffing_manage"  # register village correction specialists; keep staffing figures (county)
    # transitional placement bases and enterprises' offers (county agency, offices)
    PLACEMENT_MANAGE = "placement_manage"
    COMMAND_VIEW = "command_view"  # the command centre's live screen of one's area (office, county, city)
    STATISTICS_VIEW = "statistics_view"  # standard statistics of one's area for any period, and their Excel
    APPRAISAL_VIEW = "appraisal_view"  # appraisal indicators, ranking, office quality, recidivism (county, city)
    APPRAISAL_CONFIGURE = "appraisal_configure"  # indicator weights, the provincial recidivism figure (city)
    FUNDING_MANAGE = "funding_manage"  # subsidy computation, wages and purchased services, earmarked funds ledger
    PUBLICITY_PUBLISH = "publicity_publish"  # publish the bureau's notices and typical cases (county, city)
    LEADERSHIP_MANAGE = "leadership_manage"  # leading groups' and liaison meetings: attendance, decisions, tasks
    EXCHANGE_SUBMIT = "exchange_submit"  # a partner agency's clerk: register commissions, judgments, notices on pages
    EXCHANGE_VIEW = "exchange_view"  # messages received from and deliveries sent to partner agencies of one's area
    CASE_CLOSE = "case_close"  # discharge at the end of the term or record a termination (county agency)
    LOST_CONTACT_FINDING = "lost_contact_finding"  # find that a person refuses to report whereabouts (county agency)
    ORGANISATION_VIEW = "organisation_view"  # see one's own unit in the organisation tree
    AUDIT_VIEW = "audit_view"  # search the access log
    RULEBOOK_VIEW = "rulebook_view"  # read the rules, their articles, figures and worked examples
    ADMIN_SITE = "admin_site"  # enter the admin site (what each role finds there is decided model by model)
    SYSTEM_CONFIGURE = "system_configure"  # the organisation tree, holidays, rule parameters, background jobs
    ACCOUNTS_MANAGE = "accounts_manage"  # staff accounts, their roles and units, unlocking them


C = Capability
_CASE_READERS = {C.SUPERVISEE_VIEW, C.SUPERVISEE_VIEW_IDENTITY, C.ORGANISATION_VIEW, C.RULEBOOK_VIEW}
_CASE_HELPERS = {C.SUPERVISEE_VIEW, C.ORGANISATION_VIEW, C.RULEBOOK_VIEW}
_INVESTIGATORS = {C.INVESTIGATION_VIEW, C.INVESTIGATION_EDIT}
_OVERSEEN = {C.OVERSIGHT_VIEW, C.OVERSIGHT_REPLY}
_CORRECTION_STAFF = _CASE_READERS | {C.CASEWORK_VIEW, C.COMMITTEE_VIEW}
_COUNTY_AGENCY = (
    _CORRECTION_STAFF
    | _INVESTIGATORS
    | _OVERSEEN
    | {C.CASE_CLOSE, C.SCREENING_MANAGE, C.SUPERVISEE_EDIT, C.SUPERVISEE_EXPORT, C.TRAVEL_DECIDE}
    | {C.ENFORCEMENT_DECIDE}
    | {C.LOST_CONTACT_FINDING}
    | {C.PROPOSAL_DRAFT, C.PROPOSAL_PREPARE}
    | {C.MONITORING_DEVICES}
    | {C.EDUCATION_RECORD, C.LEARNING_MANAGE, C.ASSISTANCE_RECORD, C.MENTORING_MANAGE}
    | {C.CONTRACT_MANAGE, C.STAFFING_MANAGE}
    | {C.PLACEMENT_MANAGE}
    | {C.COMMAND_VIEW, C.STATISTICS_VIEW, C.APPRAISAL_VIEW, C.FUNDING_MANAGE, C.PUBLICITY_PUBLISH}
    | {C.LEADERSHIP_MANAGE, C.EXCHANGE_VIEW}
)

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.OFFICE_OFFICER: frozenset(
        _CORRECTION_STAFF
        | _INVESTIGATORS
        | _OVERSEEN
        | {C.SUPERVISEE_EDIT, C.TRAVEL_DECIDE}
        | {C.ENFORCEMENT_PROPOSE, C.PROPOSAL_DRAFT}
        | {C.EDUCATION_RECORD, C.LEARNING_MANAGE, C.ASSISTANCE_RECORD, C.MENTORING_MANAGE, C.COUNSELLING_RECORD}
        | {C.PLACEMENT_MANAGE}
        | {C.COMMAND_VIEW, C.STATISTICS_VIEW}
    ),
    Role.COUNTY_OFFICER: frozenset(_COUNTY_AGENCY),
    Role.COUNTY_HEAD: frozenset(
        _COUNTY_AGENCY
        | {C.INVESTIGATION_APPROVE, C.MONITORING_APPROVE, C.COMMITTEE_MANAGE, C.PROPOSAL_SIGN}
        | {C.MONITORING_GATEWAYS}
    ),
    Role.CITY_OFFICER: frozenset(
        _CORRECTION_STAFF
        | {C.INVESTIGATION_VIEW, C.OVERSIGHT_VIEW, C.SCREENING_MANAGE, C.SUPERVISEE_EXPORT, C.TRAVEL_DECIDE}
        | {C.REGISTRATION_CONFLICT_HANDLE, C.COMMITTEE_MANAGE, C.MONITORING_GATEWAYS}
        | {C.COMMAND_VIEW, C.STATISTICS_VIEW, C.APPRAISAL_VIEW, C.APPRAISAL_CONFIGURE, C.FUNDING_MANAGE}
        | {C.PUBLICITY_PUBLISH, C.LEADERSHIP_MANAGE, C.EXCHANGE_VIEW}
    ),
    Role.PROCURATOR: frozenset(_CORRECTION_STAFF | {C.INVESTIGATION_VIEW, C.OVERSIGHT_VIEW, C.OVERSIGHT_ISSUE}),
    Role.JUDGE: frozenset(_CASE_READERS | {C.INVESTIGATION_VIEW, C.PROPOSAL_DECIDE, C.EXCHANGE_SUBMIT}),
    Role.POLICE: frozenset(_CASE_READERS | {C.INVESTIGATION_VIEW, C.PROPOSAL_DECIDE, C.EXCHANGE_SUBMIT}),
    Role.PRISON_OFFICER: frozenset(_CASE_READERS | {C.INVESTIGATION_VIEW, C.PROPOSAL_DECIDE, C.EXCHANGE_SUBMIT}),
    Role.SOCIAL_WORKER: frozenset(_CASE_HELPERS | {C.ASSISTANCE_RECORD, C.HELP_RECORD, C.COUNSELLING_RECORD}),
    Role.VOLUNTEER: frozenset(_CASE_HELPERS | {C.HELP_RECORD}),
    Role.MENTOR: frozenset(_CASE_HELPERS | {C.MENTORING_VISIT}),
    Role.EVALUATOR: frozenset(_CASE_HELPERS | {C.COMMUNITY_RATE}),
    Role.SUPERVISEE: frozenset(),
    # Separation of duties (三权分立, decision 0012): the system administrator configures, the security administrator
    # keeps the accounts, the auditor reads the access log; none of them sees cases or does another's work.
    Role.ADMIN: frozenset({C.ADMIN_SITE, C.SYSTEM_CONFIGURE, C.RULEBOOK_VIEW}),
    Role.SECURITY_ADMIN: frozenset({C.ADMIN_SITE, C.ACCOUNTS_MANAGE, C.RULEBOOK_VIEW}),
    Role.AUDITOR: frozenset({C.AUDIT_VIEW, C.RULEBOOK_VIEW}),
}


def has_capability(user, capability: Capability) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return capability in ROLE_CAPABILITIES.get(user.role, frozenset())


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages for staff of any role (the API's documentation): anonymous users go to the login page, supervisees get
    403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role == Role.SUPERVISEE or not request.user.is_active:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def capability_required(capability: Capability) -> Callable:
    """Anonymous users go to the login page; signed-in users without the capability get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_capability(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator
