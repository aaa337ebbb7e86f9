"""Writing many rows' changed fields at once.

Django's `bulk_update` builds one CASE expression per field over every row of a batch; resolving those expressions
costs about 4 ms a row (3.9 s for the to-do items of 1,000 people whose monitoring devices all reported a low battery
in one batch, bench/RESULTS.md). `rows_update` runs one plain prepared UPDATE per row instead, all sent in one
`executemany` (psycopg pipelines them on PostgreSQL): a few hundredths of a millisecond a row."""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def rows_update(objs: Sequence[Model], fields: Sequence[str]) -> int:
    """Write `fields` (attribute values, no expressions) of model instances of one model that have primary keys, in
    the caller's transaction. Returns how many were written."""
    if not objs:
        return 0
    meta = type(objs[0])._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    # Only the model's own table and column names, quoted, go into the text; every value is a parameter.
    assignments = ", ".join(f"{quote(c.column)} = %s" for c in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608  # nosec B608
    params = [[*(c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns), obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(params)


def pg_array(values, text=str) -> str:
    """A PostgreSQL array literal of plain values (numbers, booleans as text("t"/"f"), ISO timestamps, None) for a
    parameter of `pg_execute`: psycopg's adaptation of a long Python list costs more than the statement it feeds."""
    return "{" + ",".join("NULL" if v is None else text(v) for v in values) + "}"


def pg_execute(sql: str, params: Sequence) -> None:
    """PostgreSQL: run a statement with its parameters sent apart from its text (server-side binding), in the
    caller's transaction. Django's cursors quote every parameter into the text, which for arrays of thousands of
    values (UPDATE … FROM unnest) costs more than the statement itself."""
    import psycopg

    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params)
