"""Campaigns with their ordered themes, aspects and required / optional actions."""

from typing import Annotated

from fastapi import Query, status

from app.access import CurrentScope
from app.campaigns import service
from app.campaigns.permissions import (
    AspectInScope,
    AspectToChange,
    CampaignInScope,
    CampaignToChange,
    RequiredActionInScope,
    RequiredActionToChange,
    ThemeInScope,
    ThemeToChange,
)
from app.campaigns.schemas import (
    AspectCreate,
    AspectPublic,
    AspectUpdate,
    CampaignCreate,
    CampaignDetail,
    CampaignPublic,
    CampaignUpdate,
    RequiredActionCreate,
    RequiredActionPublic,
    RequiredActionUpdate,
    ThemeCreate,
    ThemePublic,
    ThemeUpdate,
)
from app.db import DbSession
from app.flows import records
from app.pagination import Page, PageParams
from app.web.routing import NamedRouter

router = NamedRouter("api.campaigns", tags=["campaigns"])


@router.get("/campaigns")
def list_campaigns(
    db: DbSession, scope: CurrentScope, page: Annotated[PageParams, Query()]
) -> Page[CampaignPublic]:
    rows, next_cursor = service.list_campaigns(db, scope, cursor=page.cursor, limit=page.limit)
    return Page(items=[CampaignPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("/campaigns", status_code=status.HTTP_201_CREATED)
def create_campaign(db: DbSession, scope: CurrentScope, data: CampaignCreate) -> CampaignDetail:
    return service.campaign_detail(db, service.create_campaign(db, scope, data))


@router.get("/campaigns/{campaign_id}")
def read_campaign(db: DbSession, campaign: CampaignInScope) -> CampaignDetail:
    """The campaign with its themes, their aspects and its required / optional actions."""
    return service.campaign_detail(db, campaign)


@router.patch("/campaigns/{campaign_id}")
def update_campaign(
    db: DbSession, campaign: CampaignToChange, data: CampaignUpdate
) -> CampaignDetail:
    return service.campaign_detail(db, service.update_campaign(db, campaign, data))


@router.delete("/campaigns/{campaign_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_campaign(db: DbSession, campaign: CampaignToChange) -> None:
    records.delete_campaign(db, campaign)


@router.get("/campaigns/{campaign_id}/themes")
def list_themes(db: DbSession, campaign: CampaignInScope) -> list[ThemePublic]:
    return [ThemePublic.model_validate(t) for t in service.list_themes(db, campaign)]


@router.post("/campaigns/{campaign_id}/themes", status_code=status.HTTP_201_CREATED)
def create_theme(db: DbSession, campaign: CampaignToChange, data: ThemeCreate) -> ThemePublic:
    return ThemePublic.model_validate(service.create_theme(db, campaign, data))


@router.get("/themes/{theme_id}")
def read_theme(db: DbSession, theme: ThemeInScope) -> ThemePublic:
    result = ThemePublic.model_validate(theme)
    result.aspects = [AspectPublic.model_validate(a) for a in service.list_aspects(db, theme)]
    return result


@router.patch("/themes/{theme_id}")
def update_theme(db: DbSession, theme: ThemeToChange, data: ThemeUpdate) -> ThemePublic:
    return ThemePublic.model_validate(service.update_theme(db, theme, data))


@router.delete("/themes/{theme_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_theme(db: DbSession, theme: ThemeToChange) -> None:
    records.delete_theme(db, theme)


@router.get("/themes/{theme_id}/aspects")
def list_aspects(db: DbSession, theme: ThemeInScope) -> list[AspectPublic]:
    return [AspectPublic.model_validate(a) for a in service.list_aspects(db, theme)]


@router.post("/themes/{theme_id}/aspects", status_code=status.HTTP_201_CREATED)
def create_aspect(db: DbSession, theme: ThemeToChange, data: AspectCreate) -> AspectPublic:
    return AspectPublic.model_validate(service.create_aspect(db, theme, data))


@router.get("/aspects/{aspect_id}")
def read_aspect(aspect: AspectInScope) -> AspectPublic:
    return AspectPublic.model_validate(aspect)


@router.patch("/aspects/{aspect_id}")
def update_aspect(db: DbSession, aspect: AspectToChange, data: AspectUpdate) -> AspectPublic:
    return AspectPublic.model_validate(service.update_aspect(db, aspect, data))


@router.delete("/aspects/{aspect_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_aspect(db: DbSession, aspect: AspectToChange) -> None:
    records.delete_aspect(db, aspect)


@router.get("/campaigns/{campaign_id}/required-actions")
def list_required_actions(db: DbSession, campaign: CampaignInScope) -> list[RequiredActionPublic]:
    return [service.required_action_public(a) for a in service.list_required_actions(db, campaign)]


@router.post("/campaigns/{campaign_id}/required-actions", status_code=status.HTTP_201_CREATED)
def create_required_action(
    db: DbSession, scope: CurrentScope, campaign: CampaignInScope, data: RequiredActionCreate
) -> RequiredActionPublic:
    return service.required_action_public(service.create_required_action(db, scope, campaign, data))


@router.get("/required-actions/{action_id}")
def read_required_action(action: RequiredActionInScope) -> RequiredActionPublic:
    return service.required_action_public(action)


@router.patch("/required-actions/{action_id}")
def update_required_action(
    db: DbSession, scope: CurrentScope, action: RequiredActionToChange, data: RequiredActionUpdate
) -> RequiredActionPublic:
    campaign = service.get_campaign(db, scope, action.campaign_id)
    return service.required_action_public(
        service.update_required_action(db, campaign, action, data)
    )


@router.delete("/required-actions/{action_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_required_action(db: DbSession, action: RequiredActionToChange) -> None:
    service.delete_required_action(db, action)
