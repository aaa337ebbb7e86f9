"""Search by the start of a text, in the form each database's index answers."""

from django.db import connection
from django.db.models import Q

# Above every character a text can hold: in SQLite's byte order of UTF-8, "abc" + MAX_CHAR sorts after every text
# that starts with "abc".
MAX_CHAR = "\U0010ffff"


def prefix_q(field: str, text: str) -> Q:
    """Rows whose `field` starts with `text`, case as given. PostgreSQL answers `LIKE 'text%'` from a
    varchar_pattern_ops index; SQLite never answers Django's `LIKE … ESCAPE '\\'` from an index (and its LIKE
    ignores ASCII case), so there the same rows are asked for as a range of the field's ordinary index."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": text, f"{field}__lt": text + MAX_CHAR})
    return Q(**{f"{field}__startswith": text})
