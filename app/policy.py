"""Who may call which route: the one table, checked on every request by ``authorize``.

Every route of the application must appear here (a test enumerates them); a route missing from the
table is refused for everyone. Roles decide which routes; the caller's scope then decides which records.
"""

from collections.abc import Callable
from typing import Any

from fastapi import Request

from app.auth.dependencies import OptionalAccount
from app.auth.models import Role
from app.errors import Forbidden, Unauthenticated
from app.i18n import mark

PUBLIC: frozenset[Role] = frozenset()  # no account needed
EVERYONE = frozenset(Role)
MINUTES = frozenset({Role.admin, Role.secretary})
ADMIN = frozenset({Role.admin})
SECRETARY_OWN = frozenset({Role.admin, Role.secretary})  # e.g. an organization's own 自选动作
AUDITORS = frozenset({Role.admin, Role.inspector})
# The ledger: secretaries keep their organization's; inspectors open (责令整改) and close (销号) items too.
LEDGER = frozenset({Role.admin, Role.secretary})
REVIEWERS = frozenset({Role.admin, Role.secretary, Role.inspector})

API = "/api/v1"


def _crud(
    collection: str, item: str, *, read: frozenset[Role], write: frozenset[Role]
) -> dict[tuple[str, str], frozenset[Role]]:
    return {
        ("GET", f"{API}{collection}"): read,
        ("POST", f"{API}{collection}"): write,
        ("GET", f"{API}{item}"): read,
        ("PATCH", f"{API}{item}"): write,
        ("DELETE", f"{API}{item}"): write,
    }


def _parts(name: str, item: str) -> dict[tuple[str, str], frozenset[Role]]:
    return _crud(f"/study-sessions/{{study_session_id}}/{name}", item, read=EVERYONE, write=MINUTES)


POLICY: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): EVERYONE,
    ("GET", "/openapi.json"): EVERYONE,
    ("GET", "/docs"): EVERYONE,
    **_crud("/organizations", "/organizations/{organization_id}", read=EVERYONE, write=ADMIN),
    **_crud("/people", "/people/{person_id}", read=EVERYONE, write=ADMIN),
    **_crud("/campaigns", "/campaigns/{campaign_id}", read=EVERYONE, write=ADMIN),
    ("GET", f"{API}/campaigns/{{campaign_id}}/themes"): EVERYONE,
    ("POST", f"{API}/campaigns/{{campaign_id}}/themes"): ADMIN,
    ("GET", f"{API}/themes/{{theme_id}}"): EVERYONE,
    ("PATCH", f"{API}/themes/{{theme_id}}"): ADMIN,
    ("DELETE", f"{API}/themes/{{theme_id}}"): ADMIN,
    ("GET", f"{API}/themes/{{theme_id}}/aspects"): EVERYONE,
    ("POST", f"{API}/themes/{{theme_id}}/aspects"): ADMIN,
    ("GET", f"{API}/aspects/{{aspect_id}}"): EVERYONE,
    ("PATCH", f"{API}/aspects/{{aspect_id}}"): ADMIN,
    ("DELETE", f"{API}/aspects/{{aspect_id}}"): ADMIN,
    ("GET", f"{API}/campaigns/{{campaign_id}}/required-actions"): EVERYONE,
    ("POST", f"{API}/campaigns/{{campaign_id}}/required-actions"): SECRETARY_OWN,
    ("GET", f"{API}/campaigns/{{campaign_id}}/completeness"): EVERYONE,
    ("GET", "/campaigns/{campaign_id}/completeness"): EVERYONE,
    ("GET", "/campaigns/completeness"): EVERYONE,
    ("POST", f"{API}/imports/{{kind}}"): ADMIN,
    ("GET", "/imports"): ADMIN,
    ("POST", "/imports"): ADMIN,
    ("GET", "/organizations"): ADMIN,
    ("POST", "/organizations"): ADMIN,
    ("GET", "/people"): ADMIN,
    ("POST", "/people"): ADMIN,
    ("GET", "/accounts"): ADMIN,
    ("POST", "/accounts"): ADMIN,
    ("GET", f"{API}/required-actions/{{action_id}}"): EVERYONE,
    ("PATCH", f"{API}/required-actions/{{action_id}}"): SECRETARY_OWN,
    ("DELETE", f"{API}/required-actions/{{action_id}}"): SECRETARY_OWN,
    **_crud("/study-sessions", "/study-sessions/{study_session_id}", read=EVERYONE, write=MINUTES),
    ("GET", f"{API}/study-sessions/{{study_session_id}}/review"): EVERYONE,
    ("GET", f"{API}/study-sessions/{{study_session_id}}/indicators"): EVERYONE,
    ("GET", f"{API}/study-sessions/{{study_session_id}}/minutes.pdf"): EVERYONE,
    ("GET", "/study-sessions/{study_session_id}/minutes.pdf"): EVERYONE,
    ("POST", f"{API}/study-sessions/{{study_session_id}}/hold"): MINUTES,
    ("POST", f"{API}/study-sessions/{{study_session_id}}/finalize"): MINUTES,
    ("GET", f"{API}/study-sessions/{{study_session_id}}/amendments"): EVERYONE,
    ("POST", f"{API}/study-sessions/{{study_session_id}}/amendments"): MINUTES,
    ("POST", "/study-sessions/{study_session_id}/amend"): MINUTES,
    ("POST", "/study-sessions/{study_session_id}/header"): MINUTES,
    ("POST", "/study-sessions/{study_session_id}/hold"): MINUTES,
    ("POST", "/study-sessions/{study_session_id}/finalize"): MINUTES,
    **_parts("attendance", "/attendance/{attendance_id}"),
    **_parts("topics", "/topics/{topic_id}"),
    **_parts("outlines", "/outlines/{outline_id}"),
    **_parts("contributions", "/contributions/{contribution_id}"),
    **_parts("findings", "/findings/{finding_id}"),
    ("GET", f"{API}/rectification-items"): EVERYONE,
    ("GET", f"{API}/rectification-items.xlsx"): EVERYONE,
    ("GET", f"{API}/rectification-items.csv"): EVERYONE,
    ("POST", f"{API}/rectification-items"): REVIEWERS,
    ("GET", f"{API}/rectification-items/{{item_id}}"): EVERYONE,
    ("PATCH", f"{API}/rectification-items/{{item_id}}"): LEDGER,
    ("POST", f"{API}/rectification-items/{{item_id}}/close"): REVIEWERS,
    ("POST", f"{API}/rectification-items/{{item_id}}/reopen"): REVIEWERS,
    ("GET", f"{API}/rectification-items/{{item_id}}/progress"): EVERYONE,
    ("POST", f"{API}/rectification-items/{{item_id}}/progress"): LEDGER,
    ("PATCH", f"{API}/progress-entries/{{entry_id}}"): LEDGER,
    ("GET", f"{API}/spot-check-criteria"): EVERYONE,
    ("GET", f"{API}/spot-checks"): EVERYONE,
    ("POST", f"{API}/spot-checks"): AUDITORS,
    ("GET", f"{API}/spot-checks/{{spot_check_id}}"): EVERYONE,
    ("POST", f"{API}/spot-checks/{{spot_check_id}}/record"): AUDITORS,
    ("POST", f"{API}/spot-checks/{{spot_check_id}}/rectification-items"): AUDITORS,
    ("GET", f"{API}/study-sessions/{{study_session_id}}/suggested-scores"): AUDITORS,
    ("GET", f"{API}/sampling-draws"): EVERYONE,
    ("POST", f"{API}/sampling-draws"): AUDITORS,
    ("GET", f"{API}/sampling-draws/{{draw_id}}"): EVERYONE,
    ("GET", f"{API}/sampling-draws/{{draw_id}}/rerun"): EVERYONE,
    ("GET", f"{API}/organizations/{{organization_id}}/admonitions"): EVERYONE,
    # The dashboard counts meetings still being written: not for viewers (finalized minutes only).
    ("GET", f"{API}/dashboard"): REVIEWERS,
    ("GET", "/inspection"): REVIEWERS,
    ("GET", "/inspection/circular.pdf"): AUDITORS,
    ("GET", "/draws/new"): AUDITORS,
    ("POST", "/draws"): AUDITORS,
    ("GET", "/draws/{draw_id}"): EVERYONE,
    ("GET", "/spot-checks"): EVERYONE,
    ("GET", "/spot-checks/new"): AUDITORS,
    ("POST", "/spot-checks"): AUDITORS,
    ("GET", "/spot-checks/{spot_check_id}"): EVERYONE,
    ("POST", "/spot-checks/{spot_check_id}/record"): AUDITORS,
    ("POST", "/spot-checks/{spot_check_id}/rectification"): AUDITORS,
    ("POST", "/spot-checks/{spot_check_id}/talk"): AUDITORS,
    ("POST", "/study-sessions/{study_session_id}/rework/resolve"): AUDITORS,
    ("POST", f"{API}/organizations/{{organization_id}}/admonitions"): AUDITORS,
    ("POST", f"{API}/study-sessions/{{study_session_id}}/rework/resolve"): AUDITORS,
    ("GET", f"{API}/tokens"): EVERYONE,
    ("POST", f"{API}/tokens"): EVERYONE,
    ("DELETE", f"{API}/tokens/{{token_id}}"): EVERYONE,
    # Accounts are disabled (PATCH active=false), never deleted: the audit log refers to them.
    ("GET", f"{API}/accounts"): ADMIN,
    ("POST", f"{API}/accounts"): ADMIN,
    ("GET", f"{API}/accounts/{{account_id}}"): ADMIN,
    ("PATCH", f"{API}/accounts/{{account_id}}"): ADMIN,
    ("GET", f"{API}/audit-events"): AUDITORS,
    ("GET", "/audit"): AUDITORS,
    ("GET", "/reports/monthly"): EVERYONE,
    ("GET", "/reports/monthly.pdf"): EVERYONE,
    ("GET", "/reports/monthly.xlsx"): EVERYONE,
    ("GET", "/ledger"): EVERYONE,
    ("GET", "/ledger/new"): REVIEWERS,
    ("POST", "/ledger"): REVIEWERS,
    ("GET", "/ledger/{item_id}"): EVERYONE,
    ("POST", "/ledger/{item_id}/edit"): LEDGER,
    ("POST", "/ledger/{item_id}/progress"): LEDGER,
    ("POST", "/ledger/{item_id}/close"): REVIEWERS,
    ("POST", "/ledger/{item_id}/reopen"): REVIEWERS,
    ("GET", "/"): EVERYONE,
    ("GET", "/study-sessions/new"): MINUTES,
    ("POST", "/study-sessions"): MINUTES,
    ("GET", "/study-sessions/{study_session_id}"): EVERYONE,
    ("POST", "/study-sessions/{study_session_id}/{part}"): MINUTES,
}


def route_key(request: Request) -> tuple[str, str] | None:
    """(method, full path template) of the matched route, from the paths recorded in create_app."""
    paths: dict[Callable[..., Any], str] = request.app.state.route_paths
    endpoint = request.scope.get("endpoint")
    path = paths.get(endpoint) if endpoint is not None else None
    if path is None:
        return None
    method = "GET" if request.method == "HEAD" else request.method
    return method, path


async def authorize(request: Request, account: OptionalAccount) -> None:
    """Refuse the request unless the policy table lets the caller's role use this route.

    ``async`` because it does no I/O: FastAPI runs it on the event loop instead of a worker thread.
    """
    key = route_key(request)
    allowed = POLICY.get(key) if key else None
    if allowed is None:
        raise Forbidden(mark("You may not do this."), code="route_not_in_policy")
    if allowed is PUBLIC:
        return
    if account is None:
        raise Unauthenticated(mark("Please log in."))
    if account.role not in allowed:
        raise Forbidden(mark("You may not do this."), code="role_not_allowed")
