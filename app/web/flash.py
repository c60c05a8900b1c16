"""A one-time message for the next page ("Saved."): kept in the signed session cookie by the view
that redirects, shown and forgotten by the page it redirects to."""

from fastapi import Request

SESSION_FLASH = "flash"


def flash(request: Request, message: str) -> None:
    """Show ``message`` (already in the reader's language) on the next page rendered."""
    request.session[SESSION_FLASH] = message


def take_flash(request: Request) -> str:
    """The waiting message, once: a reload does not show it again."""
    if "session" not in request.scope:
        return ""
    return str(request.session.pop(SESSION_FLASH, "") or "")
