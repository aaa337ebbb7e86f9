"""Rule modules; importing this package registers every rule (see statute.registry), in the order of the
officer's paperwork, which is the order of the rule book page."""

# isort: off
from sqjz.statute.rules import deadlines, intake, terms, travel, monitoring  # noqa: F401
from sqjz.statute.rules import discipline, commutation, assessment, supervision, checkin, minors, safety, oversight  # noqa: F401
from sqjz.statute.rules import measures  # noqa: F401
from sqjz.statute.rules import lostcontact  # noqa: F401
from sqjz.statute.rules import places  # noqa: F401
from sqjz.statute.rules import education  # noqa: F401
from sqjz.statute.rules import assistance  # noqa: F401
from sqjz.statute.rules import mentoring  # noqa: F401
from sqjz.statute.rules import counselling  # noqa: F401
from sqjz.statute.rules import socialwork  # noqa: F401
from sqjz.statute.rules import staffing  # noqa: F401
from sqjz.statute.rules import placement  # noqa: F401
from sqjz.statute.rules import funding  # noqa: F401
