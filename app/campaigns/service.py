"""Campaigns: readable by the organizations that launched them and everyone below; changed by the former."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, func, literal, or_
from sqlmodel import Session, col, select

from app.campaigns.models import Campaign, CampaignTheme, RequiredAction, ThemeAspect
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
from app.crud import InUse, apply_changes, changes_of
from app.errors import Conflict, InvalidInput, NotFound
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization, OrganizationKind
from app.pagination import keyset_page
from app.scope import Scope, in_scope

AspectInUse = Callable[[ThemeAspect], bool]
"""Whether minutes name the aspect (asked of the minutes, which sit above campaigns)."""


def _readable(scope: Scope) -> ColumnElement[bool]:
    """Launched inside the scope, or by an ancestor of the scope's organization."""
    if scope.organization_path is None:
        return in_scope(col(Organization.path), scope)
    ancestor = literal(scope.organization_path).startswith(col(Organization.path))
    return or_(in_scope(col(Organization.path), scope), ancestor)


def get_campaign(
    db: Session,
    scope: Scope,
    campaign_id: int,
    *,
    for_change: bool = False,
    field: str | None = None,
) -> Campaign:
    """The campaign if the caller may read it (``for_change``: may change it); 404 otherwise."""
    row = db.exec(
        select(Campaign, Organization.path)
        .join(Organization, col(Organization.id) == Campaign.launched_by_id)
        .where(Campaign.id == campaign_id)
    ).first()
    if row is None:
        raise NotFound(mark("Campaign not found."), code="campaign_not_found", field=field)
    campaign, path = row
    visible = scope.covers(path) or (
        scope.organization_path is not None and scope.organization_path.startswith(path)
    )
    if not visible or (for_change and not scope.covers(path)):
        raise NotFound(mark("Campaign not found."), code="campaign_not_found", field=field)
    return campaign


def list_campaigns(
    db: Session, scope: Scope, *, cursor: str | None = None, limit: int = 50
) -> tuple[list[Campaign], str | None]:
    statement = (
        select(Campaign)
        .join(Organization, col(Organization.id) == Campaign.launched_by_id)
        .where(_readable(scope))
    )
    return keyset_page(
        db, statement, keys=[col(Campaign.id)], key_of=lambda c: [c.id], cursor=cursor, limit=limit
    )


def _check_period(campaign: Campaign) -> None:
    if campaign.ends_on < campaign.starts_on:
        raise InvalidInput(
            mark("The end date is before the start date."),
            code="ends_before_starts",
            field="ends_on",
        )


def create_campaign(db: Session, scope: Scope, data: CampaignCreate) -> Campaign:
    organization_service.get_organization(db, scope, data.launched_by_id, field="launched_by_id")
    campaign = Campaign(**data.model_dump())
    _check_period(campaign)
    db.add(campaign)
    db.flush()
    return campaign


def update_campaign(db: Session, campaign: Campaign, data: CampaignUpdate) -> Campaign:
    changes = {k: v for k, v in changes_of(data).items() if v is not None}
    starts_on = changes.get("starts_on", campaign.starts_on)
    ends_on = changes.get("ends_on", campaign.ends_on)
    if ends_on < starts_on:
        raise InvalidInput(
            mark("The end date is before the start date."),
            code="ends_before_starts",
            field="ends_on",
        )
    apply_changes(campaign, changes)
    db.flush()
    return campaign


def delete_campaign(
    db: Session, campaign: Campaign, *, sessions_use_it: InUse, minutes_use: AspectInUse
) -> None:
    """Delete a campaign with its themes, aspects and actions unless sessions or minutes use them
    (``sessions_use_it`` and ``minutes_use`` ask the minutes: app.flows.records)."""
    if sessions_use_it():
        raise Conflict(mark("Study sessions belong to this campaign."), code="campaign_in_use")
    themes = db.exec(select(CampaignTheme).where(CampaignTheme.campaign_id == campaign.id)).all()
    aspects = db.exec(
        select(ThemeAspect)
        .join(CampaignTheme, col(CampaignTheme.id) == ThemeAspect.theme_id)
        .where(CampaignTheme.campaign_id == campaign.id)
    ).all()
    # A session moved to another campaign may still name an aspect of this one in its minutes.
    for aspect in aspects:
        _ensure_aspect_unused(aspect, minutes_use)
    for action in db.exec(
        select(RequiredAction).where(RequiredAction.campaign_id == campaign.id)
    ).all():
        db.delete(action)
    for aspect in aspects:
        db.delete(aspect)
    db.flush()
    for theme in themes:
        db.delete(theme)
    db.flush()
    db.delete(campaign)
    db.flush()


def campaign_detail(db: Session, campaign: Campaign) -> CampaignDetail:
    """The campaign with its ordered themes, their aspects and its actions (three queries)."""
    themes = db.exec(
        select(CampaignTheme)
        .where(CampaignTheme.campaign_id == campaign.id)
        .order_by(col(CampaignTheme.position), col(CampaignTheme.id))
    ).all()
    aspects = db.exec(
        select(ThemeAspect)
        .join(CampaignTheme, col(CampaignTheme.id) == ThemeAspect.theme_id)
        .where(CampaignTheme.campaign_id == campaign.id)
        .order_by(col(ThemeAspect.position), col(ThemeAspect.id))
    ).all()
    actions = db.exec(
        select(RequiredAction)
        .where(RequiredAction.campaign_id == campaign.id)
        .order_by(col(RequiredAction.id))
    ).all()
    theme_items = []
    for theme in themes:
        item = ThemePublic.model_validate(theme)
        item.aspects = [AspectPublic.model_validate(a) for a in aspects if a.theme_id == theme.id]
        theme_items.append(item)
    return CampaignDetail(
        **CampaignPublic.model_validate(campaign).model_dump(),
        themes=theme_items,
        required_actions=[required_action_public(a) for a in actions],
    )


# Themes ---------------------------------------------------------------------------------------


def get_theme(
    db: Session, scope: Scope, theme_id: int, *, for_change: bool = False, field: str | None = None
) -> CampaignTheme:
    theme = db.get(CampaignTheme, theme_id)
    if theme is None:
        raise NotFound(mark("Theme not found."), code="theme_not_found", field=field)
    try:
        get_campaign(db, scope, theme.campaign_id, for_change=for_change)
    except NotFound:
        raise NotFound(mark("Theme not found."), code="theme_not_found", field=field) from None
    return theme


def list_themes(db: Session, campaign: Campaign) -> list[CampaignTheme]:
    return list(
        db.exec(
            select(CampaignTheme)
            .where(CampaignTheme.campaign_id == campaign.id)
            .order_by(col(CampaignTheme.position), col(CampaignTheme.id))
        ).all()
    )


def create_theme(db: Session, campaign: Campaign, data: ThemeCreate) -> CampaignTheme:
    position = data.position or _next_position(
        db, col(CampaignTheme.position), CampaignTheme.campaign_id == campaign.id
    )
    assert campaign.id is not None
    theme = CampaignTheme(
        campaign_id=campaign.id, title=data.title, description=data.description, position=position
    )
    db.add(theme)
    db.flush()
    return theme


def update_theme(db: Session, theme: CampaignTheme, data: ThemeUpdate) -> CampaignTheme:
    apply_changes(theme, {k: v for k, v in changes_of(data).items() if v is not None})
    db.flush()
    return theme


def delete_theme(
    db: Session, theme: CampaignTheme, *, sessions_use_it: InUse, minutes_use: AspectInUse
) -> None:
    """Delete a theme and its aspects unless sessions, actions or minutes refer to any of them."""
    if sessions_use_it():
        raise Conflict(mark("Study sessions belong to this theme."), code="theme_in_use")
    if db.exec(select(func.count()).where(RequiredAction.theme_id == theme.id)).one():
        raise Conflict(mark("Required actions belong to this theme."), code="theme_in_use")
    aspects = db.exec(select(ThemeAspect).where(ThemeAspect.theme_id == theme.id)).all()
    for aspect in aspects:
        _ensure_aspect_unused(aspect, minutes_use)
    for aspect in aspects:
        db.delete(aspect)
    db.flush()
    db.delete(theme)
    db.flush()


def _next_position(db: Session, position_column: Any, condition: Any) -> int:
    current = db.exec(select(func.max(position_column)).where(condition)).one()
    return int(current or 0) + 1


# Aspects --------------------------------------------------------------------------------------


def get_aspect(
    db: Session, scope: Scope, aspect_id: int, *, for_change: bool = False, field: str | None = None
) -> ThemeAspect:
    aspect = db.get(ThemeAspect, aspect_id)
    if aspect is None:
        raise NotFound(mark("Aspect not found."), code="aspect_not_found", field=field)
    try:
        get_theme(db, scope, aspect.theme_id, for_change=for_change)
    except NotFound:
        raise NotFound(mark("Aspect not found."), code="aspect_not_found", field=field) from None
    return aspect


def list_aspects(db: Session, theme: CampaignTheme) -> list[ThemeAspect]:
    return list(
        db.exec(
            select(ThemeAspect)
            .where(ThemeAspect.theme_id == theme.id)
            .order_by(col(ThemeAspect.position), col(ThemeAspect.id))
        ).all()
    )


def create_aspect(db: Session, theme: CampaignTheme, data: AspectCreate) -> ThemeAspect:
    assert theme.id is not None
    position = data.position or _next_position(
        db, col(ThemeAspect.position), ThemeAspect.theme_id == theme.id
    )
    aspect = ThemeAspect(theme_id=theme.id, title=data.title, position=position)
    db.add(aspect)
    db.flush()
    return aspect


def update_aspect(db: Session, aspect: ThemeAspect, data: AspectUpdate) -> ThemeAspect:
    apply_changes(aspect, {k: v for k, v in changes_of(data).items() if v is not None})
    db.flush()
    return aspect


def _ensure_aspect_unused(aspect: ThemeAspect, minutes_use: AspectInUse) -> None:
    if minutes_use(aspect):
        raise Conflict(mark("Minutes refer to this aspect."), code="aspect_in_use")


def delete_aspect(db: Session, aspect: ThemeAspect, *, minutes_use: AspectInUse) -> None:
    _ensure_aspect_unused(aspect, minutes_use)
    db.delete(aspect)
    db.flush()


# Required actions ----------------------------------------------------------------------------


def required_action_public(action: RequiredAction) -> RequiredActionPublic:
    assert action.id is not None
    kinds = [OrganizationKind(k) for k in action.organization_kinds.split(",") if k]
    return RequiredActionPublic(
        id=action.id,
        campaign_id=action.campaign_id,
        theme_id=action.theme_id,
        title=action.title,
        due_date=action.due_date,
        organization_kinds=kinds,
        is_optional=action.is_optional,
        organization_id=action.organization_id,
    )


def get_required_action(
    db: Session, scope: Scope, action_id: int, *, for_change: bool = False
) -> RequiredAction:
    action = db.get(RequiredAction, action_id)
    if action is None:
        raise NotFound(mark("Required action not found."), code="required_action_not_found")
    try:
        get_campaign(
            db, scope, action.campaign_id, for_change=for_change and action.organization_id is None
        )
        if action.organization_id is not None:
            organization_service.get_organization(db, scope, action.organization_id)
    except NotFound:
        raise NotFound(
            mark("Required action not found."), code="required_action_not_found"
        ) from None
    return action


def list_required_actions(db: Session, campaign: Campaign) -> list[RequiredAction]:
    return list(
        db.exec(
            select(RequiredAction)
            .where(RequiredAction.campaign_id == campaign.id)
            .order_by(col(RequiredAction.id))
        ).all()
    )


def _check_theme_of(db: Session, campaign: Campaign, theme_id: int | None) -> None:
    if theme_id is None:
        return
    theme = db.get(CampaignTheme, theme_id)
    if theme is None or theme.campaign_id != campaign.id:
        raise NotFound(
            mark("Theme not found in this campaign."), code="theme_not_found", field="theme_id"
        )


def create_required_action(
    db: Session, scope: Scope, campaign: Campaign, data: RequiredActionCreate
) -> RequiredAction:
    """A 规定动作 (campaign owners) or, with ``organization_id``, an organization's own 自选动作."""
    _check_theme_of(db, campaign, data.theme_id)
    if data.organization_id is not None:
        organization_service.get_organization(
            db, scope, data.organization_id, field="organization_id"
        )
    else:
        get_campaign(db, scope, campaign.id or 0, for_change=True)
    assert campaign.id is not None
    action = RequiredAction(
        campaign_id=campaign.id,
        theme_id=data.theme_id,
        title=data.title,
        due_date=data.due_date,
        organization_kinds=",".join(data.organization_kinds),
        is_optional=data.is_optional or data.organization_id is not None,
        organization_id=data.organization_id,
    )
    db.add(action)
    db.flush()
    return action


def update_required_action(
    db: Session, campaign: Campaign, action: RequiredAction, data: RequiredActionUpdate
) -> RequiredAction:
    changes = changes_of(data)
    if "theme_id" in changes:
        _check_theme_of(db, campaign, changes["theme_id"])
    if "organization_kinds" in changes:
        changes["organization_kinds"] = ",".join(changes["organization_kinds"] or [])
    if changes.get("title") is None:
        changes.pop("title", None)
    apply_changes(action, changes)
    db.flush()
    return action


def delete_required_action(db: Session, action: RequiredAction) -> None:
    db.delete(action)
    db.flush()


def applies(action: RequiredAction, organization: Organization) -> bool:
    """Whether a required action is meant for this organization (its kind, or it alone)."""
    kinds = [kind for kind in action.organization_kinds.split(",") if kind]
    if action.organization_id is not None and action.organization_id != organization.id:
        return False
    return not kinds or OrganizationKind(organization.kind) in kinds


def launched_by(db: Session, organization_id: int) -> bool:
    """Whether the organization launched a campaign."""
    statement = select(Campaign.id).where(Campaign.launched_by_id == organization_id).limit(1)
    return db.exec(statement).first() is not None


def actions_of(db: Session, organization_id: int) -> bool:
    """Whether the organization added required (optional) actions of its own."""
    statement = (
        select(RequiredAction.id).where(RequiredAction.organization_id == organization_id).limit(1)
    )
    return db.exec(statement).first() is not None


def fitting_required_action(
    db: Session, action_id: int, organization: Organization, campaign_id: int | None
) -> RequiredAction:
    """The required action a session or ledger item of ``organization`` says it fulfils, if it can:
    it exists, belongs to the record's campaign (when one is set) and is meant for this organization."""
    action = db.get(RequiredAction, action_id)
    if action is None:
        raise InvalidInput(
            mark("This required action does not exist."),
            code="required_action_not_found",
            field="required_action_id",
        )
    if campaign_id is not None and action.campaign_id != campaign_id:
        raise InvalidInput(
            mark("This required action belongs to another campaign."),
            code="required_action_other_campaign",
            field="required_action_id",
        )
    if not applies(action, organization):
        raise InvalidInput(
            mark("This required action is not meant for this organization."),
            code="required_action_not_applicable",
            field="required_action_id",
        )
    return action


# Pick lists of the pages -------------------------------------------------------------------------


def newest_first(db: Session) -> list[Campaign]:
    """Every campaign, the newest first."""
    return list(db.exec(select(Campaign).order_by(col(Campaign.starts_on).desc())).all())


def all_themes(db: Session) -> list[CampaignTheme]:
    """Every theme, campaign by campaign in their order."""
    statement = select(CampaignTheme).order_by(
        col(CampaignTheme.campaign_id), col(CampaignTheme.position)
    )
    return list(db.exec(statement).all())


def all_required_actions(db: Session) -> list[RequiredAction]:
    """Every required action, campaign by campaign by due date."""
    statement = select(RequiredAction).order_by(
        col(RequiredAction.campaign_id), col(RequiredAction.due_date)
    )
    return list(db.exec(statement).all())


def aspects_of_campaign(db: Session, campaign_id: int) -> list[ThemeAspect]:
    """The aspects of every theme of a campaign, theme by theme in their order."""
    statement = (
        select(ThemeAspect)
        .join(CampaignTheme, col(CampaignTheme.id) == ThemeAspect.theme_id)
        .where(CampaignTheme.campaign_id == campaign_id)
        .order_by(col(CampaignTheme.position), col(ThemeAspect.position))
    )
    return list(db.exec(statement).all())
