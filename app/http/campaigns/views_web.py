"""The administrator's campaign pages (专题教育): the campaigns of the scope and a form to launch one; a
page per campaign to edit it, its themes (专题) with their aspects (方面), and its required actions
(规定动作). Every part can be corrected or removed where no minutes or ledger name it; errors show next
to their field and nothing is written — the rules are the API's (the same services)."""

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from app.access import CurrentScope
from app.campaigns import service
from app.campaigns.models import Campaign
from app.campaigns.permissions import (
    AspectToChange,
    CampaignToChange,
    RequiredActionToChange,
    ThemeToChange,
)
from app.campaigns.schemas import (
    AspectCreate,
    AspectUpdate,
    CampaignCreate,
    CampaignUpdate,
    RequiredActionCreate,
    RequiredActionUpdate,
    ThemeCreate,
    ThemeUpdate,
)
from app.db import DbSession, Session
from app.flows import records
from app.i18n import gettext
from app.organizations import service as organization_service
from app.organizations.models import OrganizationKind
from app.scope import Scope
from app.web.flash import flash
from app.web.forms import (
    FormErrors,
    FormState,
    FormValues,
    PostedForm,
    attempt,
    list_cursor,
    parse_form,
    validation_form_errors,
)
from app.web.labels import label
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("campaigns", include_in_schema=False)
LIST = "campaigns/list.html"
DETAIL = "campaigns/detail.html"
KIND_PREFIX = "kind."  # one checkbox per kind of organization an action applies to


def _list_page(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    campaigns, next_cursor = service.list_campaigns(
        db, scope, cursor=list_cursor(request), limit=100
    )
    return {
        "form": form,
        "campaigns": campaigns,
        "next_cursor": next_cursor,
        "organization_options": organization_service.indented_options(db, scope),
        "organization_names": organization_service.names(
            db, [campaign.launched_by_id for campaign in campaigns]
        ),
    }


@router.get("/campaigns")
def list_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    return render(request, LIST, _list_page(request, db, scope, FormState("campaign", {})))


@router.post("/campaigns")
def create(request: Request, db: DbSession, scope: CurrentScope, values: PostedForm) -> Response:
    data, errors = parse_form(CampaignCreate, values)
    status = 422
    if data is not None:
        done = attempt(db, lambda: service.create_campaign(db, scope, data))
        if done.result is not None:
            flash(request, gettext("Saved: %(name)s") % {"name": done.result.name})
            return redirect_to(request, "campaigns.page", campaign_id=done.result.id)
        errors, status = done.errors, done.error.status_code if done.error else 422
    context = _list_page(request, db, scope, FormState("campaign", values, errors))
    return render(request, LIST, context, status)


def _detail(db: Session, campaign: Campaign, forms: dict[str, FormState]) -> dict[str, Any]:
    detail = service.campaign_detail(db, campaign)
    defaults = {
        "edit-campaign": FormState(
            "edit-campaign",
            {
                "name": campaign.name,
                "description": campaign.description,
                "starts_on": campaign.starts_on.isoformat(),
                "ends_on": campaign.ends_on.isoformat(),
            },
        ),
        "theme": FormState("theme", {}),
        "action": FormState("action", {}),
    }
    for theme in detail.themes:
        defaults[f"theme-{theme.id}"] = FormState(f"theme-{theme.id}", {"title": theme.title})
        defaults[f"aspect-new-{theme.id}"] = FormState(f"aspect-new-{theme.id}", {})
        for aspect in theme.aspects:
            defaults[f"aspect-{aspect.id}"] = FormState(
                f"aspect-{aspect.id}", {"title": aspect.title}
            )
    for action in detail.required_actions:
        defaults[f"action-{action.id}"] = FormState(
            f"action-{action.id}",
            {
                "title": action.title,
                "theme_id": str(action.theme_id or ""),
                "due_date": action.due_date.isoformat() if action.due_date else "",
            }
            | {f"{KIND_PREFIX}{kind}": "on" for kind in action.organization_kinds},
        )
    return {
        "campaign": detail,
        "launched_by": organization_service.names(db, [campaign.launched_by_id]).get(
            campaign.launched_by_id, ""
        ),
        "forms": defaults | forms,
        "theme_options": [(theme.id, theme.title) for theme in detail.themes],
        "theme_titles": {theme.id: theme.title for theme in detail.themes},
        "kind_options": [
            (kind.value, label(kind))
            for kind in OrganizationKind
            if kind != OrganizationKind.organization_department
        ],
    }


@router.get("/campaigns/{campaign_id:int}")
def page(request: Request, db: DbSession, campaign: CampaignToChange) -> Response:
    return render(request, DETAIL, _detail(db, campaign, {}))


def _save(
    request: Request,
    db: Session,
    campaign: Campaign,
    form_id: str,
    values: FormValues,
    parsed: tuple[Any, FormErrors],
    write: Callable[[Any], object],
    fragment: str,
) -> Response:
    """Parse, write in a savepoint, and go back to the campaign's page — or show it again with this
    form as it was typed and its errors."""
    data, errors = parsed
    status = 422
    if data is not None:
        done = attempt(db, lambda: write(data))
        if done.error is None:
            flash(request, gettext("Saved."))
            return redirect_to(
                request, "campaigns.page", campaign_id=campaign.id, fragment=fragment
            )
        errors, status = done.errors, done.error.status_code
    context = _detail(db, campaign, {form_id: FormState(form_id, values, errors)})
    return render(request, DETAIL, context, status)


def _removed(
    request: Request,
    db: Session,
    campaign: Campaign,
    remove: Callable[[], object],
    form_id: str,
    *,
    back_to_list: bool = False,
) -> Response:
    done = attempt(db, remove)
    if done.error is None:
        flash(request, gettext("Deleted."))
        if back_to_list:
            return redirect_to(request, "campaigns.list_page")
        return redirect_to(request, "campaigns.page", campaign_id=campaign.id)
    context = _detail(db, campaign, {form_id: FormState(form_id, {}, done.errors)})
    return render(request, DETAIL, context, done.error.status_code)


def _kinds(values: FormValues) -> dict[str, Any]:
    """The action form's fields, with the kinds of organization it applies to as a list."""
    data = {k: v for k, v in values.items() if not k.startswith(KIND_PREFIX)}
    kinds = [k.removeprefix(KIND_PREFIX) for k in values if k.startswith(KIND_PREFIX)]
    return data | {"organization_kinds": kinds}


def _parse_action(
    schema: Any, values: FormValues, required: tuple[str, ...]
) -> tuple[Any, FormErrors]:
    """The action form as ``schema``: the kinds of organization from their checkboxes; on an edit, a
    theme or due date emptied is cleared (not left unchanged)."""
    fields = _kinds(values)
    kinds = fields.pop("organization_kinds")
    data, errors = parse_form(schema, fields, required=required)
    if data is None:
        return None, errors
    cleared = {
        name: None
        for name in ("theme_id", "due_date")
        if schema is RequiredActionUpdate and name in values and not values[name].strip()
    }
    try:
        return schema.model_validate(
            data.model_dump(exclude_unset=True) | cleared | {"organization_kinds": kinds}
        ), {}
    except ValidationError as exc:  # a kind that is none of the checkboxes'
        return None, validation_form_errors(exc)


@router.post("/campaigns/{campaign_id:int}")
def update(
    request: Request, db: DbSession, campaign: CampaignToChange, values: PostedForm
) -> Response:
    parsed = parse_form(CampaignUpdate, values, required=("name", "starts_on", "ends_on"))
    return _save(
        request,
        db,
        campaign,
        "edit-campaign",
        values,
        parsed,
        lambda data: service.update_campaign(db, campaign, data),
        "",
    )


@router.post("/campaigns/{campaign_id:int}/delete")
def delete(request: Request, db: DbSession, campaign: CampaignToChange) -> Response:
    return _removed(
        request,
        db,
        campaign,
        lambda: records.delete_campaign(db, campaign),
        "edit-campaign",
        back_to_list=True,
    )


@router.post("/campaigns/{campaign_id:int}/themes")
def create_theme(
    request: Request, db: DbSession, campaign: CampaignToChange, values: PostedForm
) -> Response:
    return _save(
        request,
        db,
        campaign,
        "theme",
        values,
        parse_form(ThemeCreate, values),
        lambda data: service.create_theme(db, campaign, data),
        "themes",
    )


@router.post("/campaigns/{campaign_id:int}/required-actions")
def create_action(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    campaign: CampaignToChange,
    values: PostedForm,
) -> Response:
    return _save(
        request,
        db,
        campaign,
        "action",
        values,
        _parse_action(RequiredActionCreate, values, ()),
        lambda data: service.create_required_action(db, scope, campaign, data),
        "actions",
    )


def _campaign_of(db: Session, scope: Scope, campaign_id: int) -> Campaign:
    return service.get_campaign(db, scope, campaign_id, for_change=True)


@router.post("/themes/{theme_id:int}")
def update_theme(
    request: Request, db: DbSession, scope: CurrentScope, theme: ThemeToChange, values: PostedForm
) -> Response:
    campaign = _campaign_of(db, scope, theme.campaign_id)
    return _save(
        request,
        db,
        campaign,
        f"theme-{theme.id}",
        values,
        parse_form(ThemeUpdate, values, required=("title",)),
        lambda data: service.update_theme(db, theme, data),
        f"theme-{theme.id}",
    )


@router.post("/themes/{theme_id:int}/delete")
def delete_theme(
    request: Request, db: DbSession, scope: CurrentScope, theme: ThemeToChange
) -> Response:
    campaign = _campaign_of(db, scope, theme.campaign_id)
    return _removed(
        request, db, campaign, lambda: records.delete_theme(db, theme), f"theme-{theme.id}"
    )


@router.post("/themes/{theme_id:int}/aspects")
def create_aspect(
    request: Request, db: DbSession, scope: CurrentScope, theme: ThemeToChange, values: PostedForm
) -> Response:
    campaign = _campaign_of(db, scope, theme.campaign_id)
    return _save(
        request,
        db,
        campaign,
        f"aspect-new-{theme.id}",
        values,
        parse_form(AspectCreate, values),
        lambda data: service.create_aspect(db, theme, data),
        f"theme-{theme.id}",
    )


@router.post("/aspects/{aspect_id:int}")
def update_aspect(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    aspect: AspectToChange,
    values: PostedForm,
) -> Response:
    theme = service.get_theme(db, scope, aspect.theme_id, for_change=True)
    campaign = _campaign_of(db, scope, theme.campaign_id)
    return _save(
        request,
        db,
        campaign,
        f"aspect-{aspect.id}",
        values,
        parse_form(AspectUpdate, values, required=("title",)),
        lambda data: service.update_aspect(db, aspect, data),
        f"theme-{theme.id}",
    )


@router.post("/aspects/{aspect_id:int}/delete")
def delete_aspect(
    request: Request, db: DbSession, scope: CurrentScope, aspect: AspectToChange
) -> Response:
    theme = service.get_theme(db, scope, aspect.theme_id, for_change=True)
    campaign = _campaign_of(db, scope, theme.campaign_id)
    return _removed(
        request, db, campaign, lambda: records.delete_aspect(db, aspect), f"aspect-{aspect.id}"
    )


@router.post("/required-actions/{action_id:int}")
def update_action(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    action: RequiredActionToChange,
    values: PostedForm,
) -> Response:
    campaign = _campaign_of(db, scope, action.campaign_id)
    return _save(
        request,
        db,
        campaign,
        f"action-{action.id}",
        values,
        _parse_action(RequiredActionUpdate, values, ("title",)),
        lambda data: service.update_required_action(db, campaign, action, data),
        f"action-{action.id}",
    )


@router.post("/required-actions/{action_id:int}/delete")
def delete_action(
    request: Request, db: DbSession, scope: CurrentScope, action: RequiredActionToChange
) -> Response:
    campaign = _campaign_of(db, scope, action.campaign_id)
    return _removed(
        request,
        db,
        campaign,
        lambda: service.delete_required_action(db, action),
        f"action-{action.id}",
    )
