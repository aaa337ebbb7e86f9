"""Rule modules; importing this package registers every rule (see statute.registry), in the order of the
officer's paperwork, which is the order of the rule book page."""

from sqjz.statute.rules import deadlines, intake, travel, monitoring, discipline, assessment, supervision, minors  # noqa: F401, I001
