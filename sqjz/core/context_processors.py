"""Parts of the page shell that every page needs: the form drafts a successful save made obsolete."""


def cleared_drafts(request) -> dict:
    """Draft keys a successful save made obsolete (see core.views.clear_draft); shown once."""
    session = getattr(request, "session", None)
    if session is None or "cleared_drafts" not in session:
        return {}
    return {"cleared_drafts": session.pop("cleared_drafts")}


def clear_draft(request, key: str) -> None:
    """Tell the next page the browser may drop the form draft saved under `key`."""
    request.session["cleared_drafts"] = [*request.session.get("cleared_drafts", []), key]
