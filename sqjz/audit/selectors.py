from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from sqjz.audit.models import AccessLog


def access_log_search(
    *, actor: str = "", supervisee: str = "", action: str = "", ip_address: str = "", date_from=None, date_to=None
) -> QuerySet[AccessLog]:
    logs = AccessLog.objects.select_related("actor", "supervisee", "investigation").order_by("-seq")
    if actor:
        logs = logs.filter(Q(actor__username=actor) | Q(actor__full_name__contains=actor))
    if supervisee:
        # Minors' names are sealed, even from auditors: a name search never finds them.
        logs = logs.filter(
            Q(supervisee__name__contains=supervisee, supervisee__is_minor=False)
            | Q(investigation__name__contains=supervisee, investigation__is_minor=False)
        )
    if action:
        logs = logs.filter(action=action)
    if ip_address:
        logs = logs.filter(ip_address=ip_address)
    tz = timezone.get_current_timezone()
    if date_from:
        logs = logs.filter(at__gte=datetime.combine(date_from, time.min, tz))
    if date_to:
        logs = logs.filter(at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tz))
    return logs
