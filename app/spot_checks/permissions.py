"""Route dependencies for spot checks and draws in the caller's scope (404 outside it). Planned checks
— an unannounced visit among them — and the draws that planned them are the inspectors' until carried
out: for anyone else they do not exist yet."""

from typing import Annotated

from fastapi import Depends, Request

from app.access import Caller, CurrentScope, caller_of
from app.auth.models import Account
from app.db import DbSession
from app.ids import RecordId
from app.spot_checks import circulars, sampling, service
from app.spot_checks.models import Circular, SamplingDraw, SpotCheck


def sees_planned(caller: Caller | Account | None) -> bool:
    """Planned checks (e.g. an unannounced visit) are the inspectors' business until carried out."""
    return caller is not None and caller.role in sampling.INSPECTING_ROLES


def spot_check_in_scope(
    request: Request, db: DbSession, scope: CurrentScope, spot_check_id: RecordId
) -> SpotCheck:
    planned_visible = sees_planned(caller_of(request))
    return service.get_spot_check(db, scope, spot_check_id, planned_visible=planned_visible)


def draw_in_scope(
    request: Request, db: DbSession, scope: CurrentScope, draw_id: RecordId
) -> SamplingDraw:
    return sampling.get_draw(db, scope, draw_id, planned_visible=sees_planned(caller_of(request)))


def circular_in_scope(db: DbSession, scope: CurrentScope, circular_id: RecordId) -> Circular:
    return circulars.get_circular(db, scope, circular_id)


SpotCheckInScope = Annotated[SpotCheck, Depends(spot_check_in_scope)]
DrawInScope = Annotated[SamplingDraw, Depends(draw_in_scope)]
CircularInScope = Annotated[Circular, Depends(circular_in_scope)]
