from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.dependencies import CurrentScope
from app.campaigns import service
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
from app.ids import RecordId
from app.pagination import Page, PageParams

router = APIRouter(tags=["campaigns"])


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
def read_campaign(db: DbSession, scope: CurrentScope, campaign_id: RecordId) -> CampaignDetail:
    """The campaign with its themes, their aspects and its required / optional actions."""
    return service.campaign_detail(db, service.get_campaign(db, scope, campaign_id))


@router.patch("/campaigns/{campaign_id}")
def update_campaign(
    db: DbSession, scope: CurrentScope, campaign_id: RecordId, data: CampaignUpdate
) -> CampaignDetail:
    campaign = service.get_campaign(db, scope, campaign_id, for_change=True)
    return service.campaign_detail(db, service.update_campaign(db, campaign, data))


@router.delete("/campaigns/{campaign_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_campaign(db: DbSession, scope: CurrentScope, campaign_id: RecordId) -> None:
    service.delete_campaign(db, service.get_campaign(db, scope, campaign_id, for_change=True))


@router.get("/campaigns/{campaign_id}/themes")
def list_themes(db: DbSession, scope: CurrentScope, campaign_id: RecordId) -> list[ThemePublic]:
    campaign = service.get_campaign(db, scope, campaign_id)
    return [ThemePublic.model_validate(t) for t in service.list_themes(db, campaign)]


@router.post("/campaigns/{campaign_id}/themes", status_code=status.HTTP_201_CREATED)
def create_theme(
    db: DbSession, scope: CurrentScope, campaign_id: RecordId, data: ThemeCreate
) -> ThemePublic:
    campaign = service.get_campaign(db, scope, campaign_id, for_change=True)
    return ThemePublic.model_validate(service.create_theme(db, campaign, data))


@router.get("/themes/{theme_id}")
def read_theme(db: DbSession, scope: CurrentScope, theme_id: RecordId) -> ThemePublic:
    theme = service.get_theme(db, scope, theme_id)
    result = ThemePublic.model_validate(theme)
    result.aspects = [AspectPublic.model_validate(a) for a in service.list_aspects(db, theme)]
    return result


@router.patch("/themes/{theme_id}")
def update_theme(
    db: DbSession, scope: CurrentScope, theme_id: RecordId, data: ThemeUpdate
) -> ThemePublic:
    theme = service.get_theme(db, scope, theme_id, for_change=True)
    return ThemePublic.model_validate(service.update_theme(db, theme, data))


@router.delete("/themes/{theme_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_theme(db: DbSession, scope: CurrentScope, theme_id: RecordId) -> None:
    service.delete_theme(db, service.get_theme(db, scope, theme_id, for_change=True))


@router.get("/themes/{theme_id}/aspects")
def list_aspects(db: DbSession, scope: CurrentScope, theme_id: RecordId) -> list[AspectPublic]:
    theme = service.get_theme(db, scope, theme_id)
    return [AspectPublic.model_validate(a) for a in service.list_aspects(db, theme)]


@router.post("/themes/{theme_id}/aspects", status_code=status.HTTP_201_CREATED)
def create_aspect(
    db: DbSession, scope: CurrentScope, theme_id: RecordId, data: AspectCreate
) -> AspectPublic:
    theme = service.get_theme(db, scope, theme_id, for_change=True)
    return AspectPublic.model_validate(service.create_aspect(db, theme, data))


@router.get("/aspects/{aspect_id}")
def read_aspect(db: DbSession, scope: CurrentScope, aspect_id: RecordId) -> AspectPublic:
    return AspectPublic.model_validate(service.get_aspect(db, scope, aspect_id))


@router.patch("/aspects/{aspect_id}")
def update_aspect(
    db: DbSession, scope: CurrentScope, aspect_id: RecordId, data: AspectUpdate
) -> AspectPublic:
    aspect = service.get_aspect(db, scope, aspect_id, for_change=True)
    return AspectPublic.model_validate(service.update_aspect(db, aspect, data))


@router.delete("/aspects/{aspect_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_aspect(db: DbSession, scope: CurrentScope, aspect_id: RecordId) -> None:
    service.delete_aspect(db, service.get_aspect(db, scope, aspect_id, for_change=True))


@router.get("/campaigns/{campaign_id}/required-actions")
def list_required_actions(
    db: DbSession, scope: CurrentScope, campaign_id: RecordId
) -> list[RequiredActionPublic]:
    campaign = service.get_campaign(db, scope, campaign_id)
    return [service.required_action_public(a) for a in service.list_required_actions(db, campaign)]


@router.post("/campaigns/{campaign_id}/required-actions", status_code=status.HTTP_201_CREATED)
def create_required_action(
    db: DbSession, scope: CurrentScope, campaign_id: RecordId, data: RequiredActionCreate
) -> RequiredActionPublic:
    campaign = service.get_campaign(db, scope, campaign_id)
    return service.required_action_public(service.create_required_action(db, scope, campaign, data))


@router.get("/required-actions/{action_id}")
def read_required_action(
    db: DbSession, scope: CurrentScope, action_id: RecordId
) -> RequiredActionPublic:
    return service.required_action_public(service.get_required_action(db, scope, action_id))


@router.patch("/required-actions/{action_id}")
def update_required_action(
    db: DbSession, scope: CurrentScope, action_id: RecordId, data: RequiredActionUpdate
) -> RequiredActionPublic:
    action = service.get_required_action(db, scope, action_id, for_change=True)
    campaign = service.get_campaign(db, scope, action.campaign_id)
    return service.required_action_public(
        service.update_required_action(db, campaign, action, data)
    )


@router.delete("/required-actions/{action_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_required_action(db: DbSession, scope: CurrentScope, action_id: RecordId) -> None:
    service.delete_required_action(
        db, service.get_required_action(db, scope, action_id, for_change=True)
    )
