"""Depth indicators: every value checked against a hand count of one session built here."""

from datetime import datetime

import pytest
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions import parts_service
from app.study_sessions.indicators import OWNER_AND_DUE_DATE_NOTE, indicators
from app.study_sessions.models import AttendanceStatus, ContributionKind
from app.study_sessions.schemas import FindingCreate, SpeechOutlineCreate
from tests import factories
from tests.fixtures.databases import QueryCounter


@pytest.fixture
def branch(db: Session):
    return factories.create_organization(db, name="南庄村党支部")


@pytest.fixture
def people(db: Session, branch):
    """Secretary, deputy and two members (voting); one absent member; one non-voting inspector."""
    inspection = factories.create_organization(db, name="县委巡察组")
    return {
        "secretary": factories.create_person(
            db, branch, name="林德福", role=CommitteeRole.secretary
        ),
        "deputy": factories.create_person(
            db, branch, name="郭建新", role=CommitteeRole.deputy_secretary
        ),
        "member1": factories.create_person(db, branch, name="党员甲"),
        "member2": factories.create_person(db, branch, name="党员乙"),
        "absent": factories.create_person(db, branch, name="党员丙"),
        "inspector": factories.create_person(db, inspection, name="巡察员"),
    }


def _attend(db: Session, study_session, people) -> None:
    for key in ("secretary", "deputy", "member1"):
        factories.create_attendance(db, study_session, people[key])
    factories.create_attendance(db, study_session, people["member2"], status=AttendanceStatus.late)
    factories.create_attendance(
        db, study_session, people["absent"], status=AttendanceStatus.on_leave, reason="外出学习"
    )
    factories.create_attendance(db, study_session, people["inspector"], is_non_voting=True)


def _outline(db: Session, study_session, person, submitted_at: datetime) -> None:
    data = SpeechOutlineCreate(author_id=person.id, body="对照检查提纲", submitted_at=submitted_at)
    parts_service.create_outline(db, factories.EVERYTHING, study_session, data)
    db.commit()


def _finding(db: Session, study_session, *, cause: str = "", measure: str = "") -> None:
    data = FindingCreate(description="理论学习不够系统", cause=cause, measure=measure)
    parts_service.create_finding(db, factories.EVERYTHING, study_session, data)
    db.commit()


def test_every_indicator_of_a_full_session(
    db: Session, branch, people, count_queries: QueryCounter
) -> None:
    study_session = factories.create_study_session(db, branch)
    _attend(db, study_session, people)
    # Present voting: secretary, deputy, member1, member2 (late counts) = 4.
    # Not counted: absent (on leave), inspector (non-voting).
    _outline(db, study_session, people["deputy"], datetime(2015, 6, 10, 10, 0))
    _outline(db, study_session, people["secretary"], datetime(2015, 6, 10, 9, 0))  # earliest
    _outline(db, study_session, people["member1"], datetime(2015, 6, 11, 8, 0))

    speak = ContributionKind
    # Round 1: secretary opens (position 1), then deputy, member1, and the non-voting inspector.
    for key in ("secretary", "deputy", "member1", "inspector"):
        factories.create_contribution(db, study_session, people[key], round=1)
    # Round 2: two criticisms, both naming a person (the service requires a target).
    factories.create_contribution(
        db,
        study_session,
        people["deputy"],
        round=2,
        kind=speak.criticism,
        target=people["secretary"],
    )
    factories.create_contribution(
        db, study_session, people["member1"], round=2, kind=speak.criticism, target=people["deputy"]
    )
    # Round 3: member2 only answers (no key speech), the secretary sums up.
    factories.create_contribution(
        db, study_session, people["member2"], round=3, kind=speak.response
    )
    factories.create_contribution(
        db, study_session, people["secretary"], round=3, kind=speak.summary
    )

    _finding(db, study_session, cause="宗旨意识淡化", measure="每月集中学习一次")
    _finding(db, study_session, cause="制度执行不严", measure="")
    _finding(
        db, study_session, cause="  \n\u3000", measure="建立台账"
    )  # blank cause does not count

    db.refresh(study_session)  # load the expired row before counting
    with count_queries:
        result = indicators(db, study_session)
    assert count_queries.count == 5

    assert result.study_session_id == study_session.id
    assert result.present_voting_members == 4
    # Key speakers among present voting: secretary, deputy, member1 (inspector excluded) → 3 / 4.
    assert result.key_speech_participation.model_dump() == {
        "numerator": 3,
        "denominator": 4,
        "value": 0.75,
    }
    assert result.rounds.model_dump() == {"round_numbers": [1, 2, 3], "value": 3}
    secretary_id = people["secretary"].id
    assert result.secretary_led.model_dump() == {
        "secretary_ids": [secretary_id],
        "first_outline_author_id": secretary_id,
        "first_speaker_id": secretary_id,
        "outline_first": True,
        "spoke_first": True,
        "value": True,
    }
    # 2 criticisms / 4 present voting = 0.5; both name a person → 2 / 2.
    assert result.criticisms_per_participant.model_dump() == {
        "numerator": 2,
        "denominator": 4,
        "value": 0.5,
    }
    assert result.share_naming_a_person.model_dump() == {
        "numerator": 2,
        "denominator": 2,
        "value": 1.0,
    }
    # 3 findings / 4 present voting; 2 of 3 have a non-blank cause.
    assert result.findings_per_participant.model_dump() == {
        "numerator": 3,
        "denominator": 4,
        "value": 0.75,
    }
    assert result.findings_with_cause_share.numerator == 2
    assert result.findings_with_cause_share.denominator == 3
    assert result.findings_with_cause_share.value == pytest.approx(2 / 3)
    # No owner or due date in the model yet: inputs only, no value.
    assert result.measures_with_owner_and_due_date_share.model_dump() == {
        "findings": 3,
        "findings_with_measure": 2,
        "value": None,
        "note": OWNER_AND_DUE_DATE_NOTE,
    }


@pytest.mark.parametrize("first", ["outline", "speech"])
def test_secretary_not_first_is_not_secretary_led(db: Session, branch, people, first: str) -> None:
    study_session = factories.create_study_session(db, branch)
    _attend(db, study_session, people)
    secretary, deputy = people["secretary"], people["deputy"]
    # "outline": the deputy hands in an outline before the secretary; the secretary still speaks first.
    # "speech": the secretary's outline is first, but the deputy opens round 1.
    early, late = datetime(2015, 6, 10, 9, 0), datetime(2015, 6, 10, 10, 0)
    _outline(db, study_session, deputy, early if first == "outline" else late)
    _outline(db, study_session, secretary, late if first == "outline" else early)
    speakers = [secretary, deputy] if first == "outline" else [deputy, secretary]
    for person in speakers:
        factories.create_contribution(db, study_session, person, round=1)

    led = indicators(db, study_session).secretary_led

    assert led.outline_first is (first == "speech")
    assert led.spoke_first is (first == "outline")
    assert led.first_outline_author_id == (deputy.id if first == "outline" else secretary.id)
    assert led.first_speaker_id == (secretary.id if first == "outline" else deputy.id)
    assert led.value is False


def test_empty_session_has_no_values(db: Session, branch, people) -> None:
    study_session = factories.create_study_session(db, branch)

    result = indicators(db, study_session)

    assert result.present_voting_members == 0
    for ratio in (
        result.key_speech_participation,
        result.criticisms_per_participant,
        result.share_naming_a_person,
        result.findings_per_participant,
        result.findings_with_cause_share,
    ):
        assert (ratio.numerator, ratio.denominator, ratio.value) == (0, 0, None)
    assert result.rounds.value == 0
    assert result.rounds.round_numbers == []
    assert result.secretary_led.secretary_ids == [people["secretary"].id]
    assert result.secretary_led.first_outline_author_id is None
    assert result.secretary_led.first_speaker_id is None
    assert result.secretary_led.value is False
    assert result.measures_with_owner_and_due_date_share.findings == 0
    assert result.measures_with_owner_and_due_date_share.value is None
