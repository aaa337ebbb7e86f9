"""Logging that writes no personal data, whatever level an operator turns on (decision 0015)."""

import logging


class TemplateContextFilter(logging.Filter):
    """django.template logs, at DEBUG, every variable a template could not resolve, with the exception attached; the
    exception's text is the whole template context: the people listed, their names and numbers, the search typed.
    The record keeps its message (variable and template names) and loses the exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def install() -> None:
    """On the logger itself, not in LOGGING: the filter holds whatever configuration the operator writes."""
    logger = logging.getLogger("django.template")
    if not any(isinstance(f, TemplateContextFilter) for f in logger.filters):
        logger.addFilter(TemplateContextFilter())
