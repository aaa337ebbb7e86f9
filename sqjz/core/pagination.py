"""Pages of a long list without counting all of it: a jurisdiction of millions of records must not pay an exact
COUNT on every page. The count stops at COUNT_CAP; past it the list says "more than" and pages up to the cap, and
every page shown is still exactly the rows at its place in the order."""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


def bounded_count(queryset, cap: int = COUNT_CAP) -> int:
    """The number of rows, counted up to one past `cap` (a COUNT over a LIMIT subquery, without the list's order:
    which rows reach the limit does not matter, and an order would make the database sort them all)."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    cap: int = COUNT_CAP

    def __init__(self, object_list, per_page, *, known_count: int | None = None, **kwargs) -> None:
        """`known_count`: the number of rows, when the page has counted them already (with its other counts)."""
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = known_count

    @cached_property
    def _bounded_count(self) -> int:
        if self._known_count is not None:
            return min(self._known_count, self.cap + 1)
        return bounded_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def capped(self) -> bool:
        """Whether there are more rows than the pages reach."""
        return self._bounded_count > self.cap
