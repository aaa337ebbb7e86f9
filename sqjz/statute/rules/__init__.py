"""Rule modules; importing this package registers every rule (see statute.registry)."""

from sqjz.statute.rules import deadlines, minors  # noqa: F401
