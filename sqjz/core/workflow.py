"""One step of a workflow page, the same everywhere: a valid form goes to its service; success gives a message,
clears the form's draft and goes back to the page; a refusal shows the page again (status 400) with what was
typed and the reason beside its field (or above the form)."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from sqjz.core.context_processors import clear_draft
from sqjz.core.errors import ServiceError


def run_step(
    request: HttpRequest,
    *,
    form,
    act: Callable[[dict], object],
    done: str,
    back_to: str,
    rerender: Callable[[], HttpResponse],
    draft_key: str = "",
) -> HttpResponse:
    """`form` may be None for a step that is only a button; its refusal is then shown as a message."""
    if form is None or form.is_valid():
        try:
            act(form.cleaned_data if form is not None else {})
        except ServiceError as error:
            if form is None:
                messages.error(request, error.message)
                return redirect(back_to)
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if draft_key:
                clear_draft(request, draft_key)
            messages.success(request, done)
            return redirect(back_to)
    response = rerender()
    response.status_code = 400
    return response
