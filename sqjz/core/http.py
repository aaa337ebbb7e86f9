"""Reading request parameters the same way on every page."""


def int_param(value: str | None) -> int | None:
    """A positive whole number from a query parameter, or None for anything else (never an error)."""
    return int(value) if value and value.isdigit() else None


def client_ip(request) -> str | None:
    """The REMOTE_ADDR the server saw. Behind a proxy, configure the proxy to set it (no header trust)."""
    return request.META.get("REMOTE_ADDR") or None
