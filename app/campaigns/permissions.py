"""Route dependencies for a campaign and its parts. A campaign launched above the caller's organization
is readable (``…InScope``) but changed only inside the scope (``…ToChange``); 404 otherwise."""

from typing import Annotated

from fastapi import Depends

from app.access import CurrentScope
from app.campaigns import service
from app.campaigns.models import Campaign, CampaignTheme, RequiredAction, ThemeAspect
from app.db import DbSession
from app.ids import RecordId


def campaign_in_scope(db: DbSession, scope: CurrentScope, campaign_id: RecordId) -> Campaign:
    return service.get_campaign(db, scope, campaign_id)


def campaign_to_change(db: DbSession, scope: CurrentScope, campaign_id: RecordId) -> Campaign:
    return service.get_campaign(db, scope, campaign_id, for_change=True)


def theme_in_scope(db: DbSession, scope: CurrentScope, theme_id: RecordId) -> CampaignTheme:
    return service.get_theme(db, scope, theme_id)


def theme_to_change(db: DbSession, scope: CurrentScope, theme_id: RecordId) -> CampaignTheme:
    return service.get_theme(db, scope, theme_id, for_change=True)


def aspect_in_scope(db: DbSession, scope: CurrentScope, aspect_id: RecordId) -> ThemeAspect:
    return service.get_aspect(db, scope, aspect_id)


def aspect_to_change(db: DbSession, scope: CurrentScope, aspect_id: RecordId) -> ThemeAspect:
    return service.get_aspect(db, scope, aspect_id, for_change=True)


def action_in_scope(db: DbSession, scope: CurrentScope, action_id: RecordId) -> RequiredAction:
    return service.get_required_action(db, scope, action_id)


def action_to_change(db: DbSession, scope: CurrentScope, action_id: RecordId) -> RequiredAction:
    return service.get_required_action(db, scope, action_id, for_change=True)


CampaignInScope = Annotated[Campaign, Depends(campaign_in_scope)]
CampaignToChange = Annotated[Campaign, Depends(campaign_to_change)]
ThemeInScope = Annotated[CampaignTheme, Depends(theme_in_scope)]
ThemeToChange = Annotated[CampaignTheme, Depends(theme_to_change)]
AspectInScope = Annotated[ThemeAspect, Depends(aspect_in_scope)]
AspectToChange = Annotated[ThemeAspect, Depends(aspect_to_change)]
RequiredActionInScope = Annotated[RequiredAction, Depends(action_in_scope)]
RequiredActionToChange = Annotated[RequiredAction, Depends(action_to_change)]
