from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.forms import AccessLogFilterForm
from sqjz.audit.models import AccessLog
from sqjz.audit.selectors import access_log_search


@capability_required(Capability.AUDIT_VIEW)
def access_log_list_view(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        logs = AccessLog.objects.none()  # never show everything when the filter was not understood
    else:
        logs = access_log_search(**(form.cleaned_data if form.is_bound else {}))
    page = Paginator(logs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page, "crumbs": [("访问日志", None)]})
