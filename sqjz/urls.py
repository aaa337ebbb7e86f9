from django.contrib import admin
from django.urls import include, path

from sqjz.accounts.views import admin_login_view
from sqjz.api import api

# A database that cannot be reached answers 503 with Retry-After, wherever the error was raised (sqjz/core/outage.py).
handler400 = "sqjz.core.outage.bad_request"
handler500 = "sqjz.core.outage.server_error"

urlpatterns = [
    path("", include("sqjz.workbench.urls")),
    path("", include("sqjz.core.urls")),
    path("accounts/", include("sqjz.accounts.urls")),
    path("supervisees/", include("sqjz.supervisees.urls")),
    path("investigations/", include("sqjz.investigation.urls")),
    path("intake/", include("sqjz.intake.urls")),
    path("documents/", include("sqjz.documents.urls")),
    path("discharge/", include("sqjz.discharge.urls")),
    path("supervision/", include("sqjz.supervision.urls")),
    path("app/", include("sqjz.mobile.urls")),
    path("oversight/", include("sqjz.oversight.urls")),
    path("assessment/", include("sqjz.assessment.urls")),
    path("enforcement/", include("sqjz.enforcement.urls")),
    path("lostcontact/", include("sqjz.lostcontact.urls")),
    path("safety/", include("sqjz.safety.urls")),
    path("committee/", include("sqjz.committee.urls")),
    path("proposals/", include("sqjz.proposals.urls")),
    path("education/", include("sqjz.education.urls")),
    path("assistance/", include("sqjz.assistance.urls")),
    path("mentoring/", include("sqjz.mentoring.urls")),
    path("counselling/", include("sqjz.counselling.urls")),
    path("socialwork/", include("sqjz.socialwork.urls")),
    path("staffing/", include("sqjz.staffing.urls")),
    path("placement/", include("sqjz.placement.urls")),
    path("learning/", include("sqjz.learning.urls")),
    path("command/", include("sqjz.command.urls")),
    path("exchange/", include("sqjz.exchange.urls")),
    path("outbox/", include("sqjz.outbox.urls")),
    path("statistics/", include("sqjz.statistics.urls")),
    path("appraisal/", include("sqjz.appraisal.urls")),
    path("funding/", include("sqjz.funding.urls")),
    path("publicity/", include("sqjz.publicity.urls")),
    path("leadership/", include("sqjz.leadership.urls")),
    path("organisation/", include("sqjz.organisation.urls")),
    path("audit/", include("sqjz.audit.urls")),
    path("rules/", include("sqjz.rulebook.urls")),
    # The admin signs in through the same login (lockout, two-factor) as everyone else.
    path("admin/login/", admin_login_view),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
