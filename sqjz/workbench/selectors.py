"""Reads of the to-do inbox for one user: the items they must act on ("mine") and, for those who follow the casework
of an area, the other items in their jurisdiction ("watched"). Who may see an item follows the person's record when it
concerns one (jurisdiction, sealed minors) and otherwise the duty's own rule."""

from django.db.models import Q, QuerySet

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.inbox.models import InboxItem
from sqjz.inbox.registry import duties
from sqjz.supervisees.permissions import NOTHING, jurisdiction_offices_q, jurisdiction_q


def visible_q(user) -> Q:
    return _about_people_q(user) | _about_records_q(user)


def _about_people_q(user) -> Q:
    return Q(supervisee__isnull=False) & jurisdiction_q(user, prefix="supervisee__")


def _about_records_q(user) -> Q:
    q = NOTHING
    for d in duties():
        if d.watch is not None:
            q |= Q(kind=d.kind, supervisee__isnull=True) & d.watch(user)
    return q


def mine_q(user) -> Q:
    """Items the user must act on: named to them, or at their unit for a duty whose capability they have."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    kinds = [d.kind for d in duties() if has_capability(user, d.capability)]
    at_unit = Q(actor_user__isnull=True, actor_unit_id=user.unit_id, kind__in=kinds) if user.unit_id else NOTHING
    return Q(actor_user=user) | at_unit


def _open(user) -> QuerySet[InboxItem]:
    return InboxItem.objects.filter(visible_q(user), state=InboxItem.State.OPEN)


def my_items(user, *, kind: str = "") -> QuerySet[InboxItem]:
    mine = _open(user).filter(mine_q(user))
    mine = mine.filter(kind=kind) if kind else mine
    # By id, in a subquery, then sorted: with the OR of visible_q and the state in one query, the database walks the
    # city's open items by date to spare itself sorting the user's few.
    items = InboxItem.objects.filter(pk__in=mine.values("pk"))
    return items.select_related("actor_unit", "actor_user").order_by("due", "id")


def my_item_count(user) -> int:
    return _open(user).filter(mine_q(user)).count()


def can_act(user) -> bool:
    """Whether some registered duty may ask this user to act."""
    return user.unit_id is not None and any(has_capability(user, d.capability) for d in duties())


def can_watch(user) -> bool:
    return has_capability(user, Capability.CASEWORK_VIEW)


def kinds_for(user) -> list[tuple[str, str]]:
    """The kinds of to-do the user's home page filters by: every kind for those who follow the casework, otherwise
    only the kinds the user may be asked to act on (a court sees its proposals, not travel approvals)."""
    if can_watch(user):
        return [(d.kind, d.label) for d in duties()]
    return [(d.kind, d.label) for d in duties() if has_capability(user, d.capability)]


def watched_items(user, *, office: int | None = None, kind: str = "") -> QuerySet[InboxItem]:
    """Open items in the user's jurisdiction that others must act on."""
    if not can_watch(user):
        return InboxItem.objects.none()
    # Not _open(user): its one OR over every duty's rule leads the database to walk the whole city's open items in
    # date order, joining each to its person (seconds at national volume). The items about people start from the
    # offices in the user's jurisdiction (the item's own office column, an index); the few about other records are
    # found first by their own rules.
    about_records = InboxItem.objects.filter(_about_records_q(user), state=InboxItem.State.OPEN)
    records = list(about_records.values_list("pk", flat=True))
    offices = jurisdiction_offices_q(user, "office")
    if offices:
        # An office's or a county's items, by id (a few thousand at most): an OR of subqueries in the outer query
        # let PostgreSQL scan the whole inbox (90 ms at 700,000 people) and SQLite walk it by date.
        about_people = InboxItem.objects.filter(_about_people_q(user) & offices, state=InboxItem.State.OPEN)
        watched = InboxItem.objects.filter(pk__in=list(about_people.values_list("pk", flat=True)) + records)
    else:  # the whole city, or a court's people: most open items are the user's to watch, in date order
        watched = InboxItem.objects.filter(_about_people_q(user) | Q(pk__in=records), state=InboxItem.State.OPEN)
    items = watched.exclude(mine_q(user)).select_related("actor_unit", "actor_user", "office")
    if office:
        items = items.filter(office_id=office)
    if kind:
        items = items.filter(kind=kind)
    return items.order_by("due", "id")
