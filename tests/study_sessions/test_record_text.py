"""Reading typed text into the parts of the minutes: the rules that decide where a speech or an
outline starts, on the edge cases the page tests do not reach."""

from datetime import date

from app.study_sessions.models import ContributionKind
from app.study_sessions.record_text import parse_outlines, parse_record

PEOPLE = {"韩明华": 1, "曹丽娟": 2, "欧阳晓": 3}


def test_a_heading_then_the_authors_name_is_one_outline_and_a_sentence_about_outlines_is_not_one() -> (
    None
):
    read = parse_outlines(
        "请会前提交发言提纲：\n韩明华同志发言提纲\n韩明华：一、学习体会\n提纲写得不够具体的要重写。\n",
        PEOPLE,
    )
    assert [(o.author_id, o.paragraphs) for o in read.outlines] == [
        (1, ["一、学习体会", "提纲写得不够具体的要重写。"])
    ]
    assert [(u.line, u.why) for u in read.unmatched] == [(1, "before_first_author")]


def test_only_the_first_date_line_is_the_day_handed_in_and_an_impossible_date_is_text() -> None:
    read = parse_outlines(
        "发言提纲（欧阳晓）\n2015年2月30日\n2015年7月20日\n2015年7月21日\n正文。\n", PEOPLE
    )
    (outline,) = read.outlines
    assert outline.author_id == 3
    assert outline.submitted_on == date(2015, 7, 20)
    assert outline.paragraphs == ["2015年2月30日", "2015年7月21日", "正文。"]


def test_a_heading_naming_nobody_on_the_roster_is_kept_for_the_secretary_to_choose() -> None:
    read = parse_outlines("王大力同志对照检查发言提纲\n内容。\n", PEOPLE)
    assert [(o.author_name, o.author_id, o.body) for o in read.outlines] == [
        ("王大力同志对照检查发言提纲", None, "内容。")
    ]
    assert [u.why for u in read.unmatched] == ["unknown_author"]


def test_a_round_heading_and_a_criticism_note_are_read_from_the_record() -> None:
    record = parse_record("第二轮：相互批评\n曹丽娟（批评韩明华）：不够深入。\n", PEOPLE)
    (speech,) = record.speeches
    assert (speech.round, speech.kind, speech.target_id) == (2, ContributionKind.criticism, 1)
