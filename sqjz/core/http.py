"""Reading request parameters the same way on every page."""

# The largest id a database row can have (bigint); a larger number in a URL is no id (PostgreSQL would fail on it).
MAX_ID = 2**63 - 1


def int_param(value: str | None) -> int | None:
    """A positive whole number from a query parameter, or None for anything else (never an error): ASCII digits
    only (int() refuses some that isdigit() accepts, such as "²") and no larger than a database id can be."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def client_ip(request) -> str | None:
    """The REMOTE_ADDR the server saw. Behind a proxy, configure the proxy to set it (no header trust)."""
    return request.META.get("REMOTE_ADDR") or None
