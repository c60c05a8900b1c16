"""Deleting a record that records of higher domains may refer to: each domain above it is asked, in
order, and the record's own domain refuses with its own reason (409) or deletes it."""

from sqlmodel import Session

from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme, ThemeAspect
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.people import service as people_service
from app.people.models import Person
from app.study_sessions import service as study_session_service


def delete_organization(db: Session, organization: Organization) -> None:
    """An organization without sub-organizations, people, meetings, campaigns or actions of its own."""
    assert organization.id is not None
    organization_id = organization.id
    organization_service.delete_organization(
        db,
        organization,
        referred_by=[
            ("people", lambda: people_service.people_in_organization(db, organization_id)),
            (
                "study_sessions",
                lambda: study_session_service.meetings_of_organization(db, organization_id),
            ),
            ("campaigns", lambda: campaign_service.launched_by(db, organization_id)),
            ("required_actions", lambda: campaign_service.actions_of(db, organization_id)),
        ],
    )


def delete_person(db: Session, person: Person) -> None:
    """A person who appears in no minutes."""
    assert person.id is not None
    person_id = person.id
    people_service.delete_person(
        db, person, in_minutes=lambda: study_session_service.person_in_minutes(db, person_id)
    )


def _minutes_name(db: Session, aspect: ThemeAspect) -> bool:
    return aspect.id is not None and study_session_service.minutes_name_aspect(db, aspect.id)


def delete_campaign(db: Session, campaign: Campaign) -> None:
    """A campaign no meeting belongs to and whose aspects no minutes name, with its parts."""
    assert campaign.id is not None
    campaign_id = campaign.id
    campaign_service.delete_campaign(
        db,
        campaign,
        sessions_use_it=lambda: study_session_service.meetings_in_campaign(db, campaign_id),
        minutes_use=lambda aspect: _minutes_name(db, aspect),
    )


def delete_theme(db: Session, theme: CampaignTheme) -> None:
    assert theme.id is not None
    theme_id = theme.id
    campaign_service.delete_theme(
        db,
        theme,
        sessions_use_it=lambda: study_session_service.meetings_in_theme(db, theme_id),
        minutes_use=lambda aspect: _minutes_name(db, aspect),
    )


def delete_aspect(db: Session, aspect: ThemeAspect) -> None:
    campaign_service.delete_aspect(db, aspect, minutes_use=lambda found: _minutes_name(db, found))
