"""PostgreSQL privileges that make the access log insert-only for the application (docs/security/postgresql-grants.md).

The owner role owns the tables and runs migrations; the application role (the web server's and the worker's
DATABASE_URL) may read and write every table except that it may only append to the access log and only update
the chain head. Owners and superusers ignore privileges, so the application role must be neither.
"""

from django.db import connection

LOG = "audit_accesslog"
HEAD = "audit_chainhead"
OTHER_PRIVILEGES = "REFERENCES, TRIGGER, TRUNCATE"


def grants_sql(role: str) -> list[str]:
    """The statements, in order; re-running them is harmless (run them after every `migrate`)."""
    r = connection.ops.quote_name(role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"REVOKE ALL ON {LOG}, {HEAD} FROM {r}",
        f"GRANT SELECT, INSERT ON {LOG} TO {r}",
        f"GRANT SELECT, UPDATE ON {HEAD} TO {r}",
        f"REVOKE {OTHER_PRIVILEGES} ON ALL TABLES IN SCHEMA public FROM {r}",
    ]


def role_problems(role: str) -> list[str]:
    """Why grants would not bind this role: missing, a superuser, or owner (or member of the owner) of the log."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            return [f"角色 {role} 不存在：请先以所有者身份 CREATE ROLE {role} LOGIN PASSWORD '...'。"]
        problems = ["该角色是超级用户，权限限制对其无效。"] if row[0] else []
        cursor.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = %s", [LOG])
        owner = cursor.fetchone()
        if owner is None:
            return [*problems, f"表 {LOG} 不存在：请先运行 manage.py migrate。"]
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner[0]])
        if cursor.fetchone()[0]:
            problems.append(f"该角色是表的所有者 {owner[0]} 或其成员：所有者不受权限限制，迁移须由另一个角色执行。")
        return problems


def grants_apply(role: str) -> None:
    with connection.cursor() as cursor:
        for statement in grants_sql(role):
            cursor.execute(statement)
