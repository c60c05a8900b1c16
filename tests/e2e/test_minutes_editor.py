"""The reference meeting recorded by a secretary in the browser, with JavaScript on and off: 11 members
(1 on leave, 1 absent, 1 late), 2 topics, 3 outlines, 16 speeches in 2 rounds, 4 problems — and the
mistakes a secretary makes, each fixed on the pages: a speech with the wrong speaker, a problem without
a cause, a member's outline dated before the secretary's, a member missing from the attendance, and
after finalizing a typo in a speech. Full page loads are counted."""

import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import PASSWORD, LiveServer
from tests.e2e.journeys import follow

RECORD = (Path(__file__).parent.parent / "fixtures" / "record_16_speeches.txt").read_text(
    encoding="utf-8"
)
NEW_MEMBERS = ("周海燕", "李建军", "王小红", "陈志强", "孙美华", "吴国庆")  # the demo branch has 4
LATE_MEMBER = "赵立新"  # joins the branch while the minutes are written: the 11th member


def _add_members(server: LiveServer, names: tuple[str, ...]) -> None:
    """People the administrator put into 和平镇东岭村党支部 (set-up, not the secretary's journey)."""
    engine = create_engine(server.database_url)
    with engine.begin() as connection:
        branch = connection.execute(
            text("SELECT id FROM organization WHERE name = '和平镇东岭村党支部'")
        ).scalar_one()
        for name in names:
            if connection.execute(
                text("SELECT 1 FROM person WHERE organization_id = :o AND name = :n"),
                {"o": branch, "n": name},
            ).first():
                continue  # the other run on this server added them already
            connection.execute(
                text(
                    "INSERT INTO person (organization_id, name, post, committee_role,"
                    " is_party_member, is_top_leader, active, created_at)"
                    " VALUES (:o, :n, '', 'member', true, false, true, CURRENT_TIMESTAMP)"
                ),
                {"o": branch, "n": name},
            )
    engine.dispose()


class Journey:
    """The browser with the page loads counted, and a submit that waits for whatever it causes: a
    page load without JavaScript, the section swapped in place with it."""

    def __init__(self, page: Page, javascript: bool) -> None:
        self.page, self.javascript, self.loads = page, javascript, 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self) -> None:
        self.loads += 1

    def submit(self, button: Locator) -> None:
        if not self.javascript:
            follow(self.page, button)
            return
        with self.page.expect_response(lambda r: r.request.method == "POST"):
            button.click()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )

    def fill(self, form: str, fields: dict[str, str]) -> Locator:
        """Fill the fields ``{form}-{name}`` (opening their <details>); returns the form."""
        first = self.page.locator(f"[id='{form}-{next(iter(fields))}']")
        details = self.page.locator(f"details:has([id='{form}-{next(iter(fields))}'])")
        if details.count() and details.first.get_attribute("open") is None:
            details.first.locator("summary").first.click()
        for name, value in fields.items():
            field = self.page.locator(f"[id='{form}-{name}']")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(label=value)
            else:
                field.fill(value)
        return first.locator("xpath=ancestor::form")

    def save(self, form: str, fields: dict[str, str]) -> None:
        self.submit(self.fill(form, fields).locator("button[type=submit]").first)

    def row_id(self, section: str, text_in_row: str) -> str:
        row = self.page.locator(
            f"#{section} [id^='{section if section != 'speeches' else 'contributions'}-']",
            has_text=text_in_row,
        )
        return row.first.get_attribute("id") or ""


@contextmanager
def secretary(browser: Browser, server: LiveServer, javascript: bool) -> Iterator[Journey]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", java_script_enabled=javascript
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "finalize?", "delete?": yes
    journey = Journey(page, javascript)
    failures: list[str] = []
    page.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None
    )
    try:
        yield journey
    finally:
        context.close()
    assert not failures, failures


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_reference_meeting_recorded_fixed_finalized_and_amended(
    browser: Browser, live_server: LiveServer, javascript: bool, tmp_path: Path
) -> None:
    # The two runs may share the module's server (or not, under xdist): the members are added once.
    _add_members(live_server, NEW_MEMBERS)
    title = f"“严以律己”专题研讨（{'甲' if javascript else '乙'}）"
    with secretary(browser, live_server, javascript) as journey:
        page = journey.page
        page.goto(f"{live_server.url}/login")
        page.fill("#login-login", "secretary")
        page.fill("#login-password", PASSWORD)
        follow(page, page.locator("form[action='/login'] button[type=submit]"))
        follow(page, page.get_by_role("link", name="安排会议").first)
        journey.fill(
            "plan",
            {
                "organization_id": "和平镇东岭村党支部",
                "kind": "专题研讨",
                "title": title,
                "starts_at": "2015-11-20T19:00",
                "place": "东岭村党员活动室",
            },
        )
        follow(page, page.locator("form button[type=submit]").last)
        follow(page, page.get_by_role("button", name="会议已召开，开始记录"))
        url = page.url.split("?")[0].split("#")[0]

        journey.save("header", {"chair_id": "韩明华", "recorder_id": "曹丽娟"})
        # Attendance: the roster lists every member present; only the exceptions are changed.
        page.get_by_label("孙美华的出席情况").select_option(label="请假")
        page.get_by_label("孙美华的原因").fill("县里培训")
        page.get_by_label("吴国庆的出席情况").select_option(label="缺席")
        page.get_by_label("吴国庆的原因").fill("外出务工，联系不上")
        page.get_by_label("王小红的出席情况").select_option(label="迟到")
        journey.submit(page.get_by_role("button", name="保存出席情况"))
        expect(page.locator("#flash")).to_contain_text("出席情况已保存")

        for topic in ("如何做到严以律己", "村务公开中的用权问题"):
            journey.save("topics", {"title": topic})
        expect(page.locator("#topics li")).to_have_count(2)
        # A member's outline is typed first and dated before the secretary's (a mistake).
        for author, day in (
            ("曹丽娟", "2015-11-18"),
            ("韩明华", "2015-11-19"),
            ("邓永福", "2015-11-19"),
        ):
            journey.save(
                "outlines",
                {
                    "author_id": author,
                    "submitted_at": day,
                    "body": f"一、{author}的学习体会\n二、查摆的问题\n三、整改打算",
                },
            )
        expect(page.locator("#outlines article.outline")).to_have_count(3)

        # The speeches: paste the typed record, check the preview, leave the stray line out, save.
        page.locator("details:has(#paste-text) > summary").click()
        page.fill("#paste-text", RECORD)
        follow(page, page.get_by_role("button", name="识别发言"))
        expect(page.locator("h1")).to_contain_text("识别的发言")
        stray = page.locator("li.speech", has=page.locator("strong", has_text="王大力"))
        stray.get_by_label("不保存这一条").check()
        follow(page, page.get_by_role("button", name="保存全部发言"))
        expect(page.locator("#speeches li.speech")).to_have_count(16)
        # A speech with the wrong speaker, corrected in place.
        wrong = journey.row_id("speeches", "听了大家的发言很受教育")
        row = page.locator(f"#{wrong}")
        row.locator("details.edit > summary").click()
        journey.fill(wrong, {"speaker_id": "陈志强"})
        journey.submit(row.get_by_role("button", name="保存", exact=True))
        expect(page.locator(f"#{wrong} .speech-head")).to_contain_text("陈志强")

        problems = [
            ("理论学习不够系统", "重业务轻学习", "每周集中学习一次"),
            ("村务公开不及时", "", "每月5日前公开上月收支"),  # no cause yet (a mistake)
            ("联系群众不够经常", "宗旨意识淡化", "每月走访农户十户"),
            ("遇到矛盾绕着走", "担当精神不足", "难题由班子成员领办"),
        ]
        for description, cause, measure in problems:
            fields = {"description": description, "measure": measure, "due_on": "2015-12-31"}
            if cause:
                fields["cause"] = cause
            journey.save("findings", fields)
        expect(page.locator("#findings article.finding")).to_have_count(4)

        # A member joins the branch meanwhile; finalizing is refused, naming every item.
        _add_members(live_server, (f"{LATE_MEMBER}{'' if javascript else '乙'}",))
        late = f"{LATE_MEMBER}{'' if javascript else '乙'}"
        follow(page, page.get_by_role("button", name="会议记录定稿"))
        refusal = page.locator("section.refusal[role=alert]")
        expect(refusal).to_contain_text(f"未记录{late}的出席情况")
        expect(refusal).to_contain_text("曹丽娟的发言提纲日期早于书记的提纲")
        expect(refusal).to_contain_text("第2条查摆问题缺少原因剖析")

        journey.submit(page.get_by_role("button", name="保存出席情况"))  # now with the new member
        outline = journey.row_id("outlines", "曹丽娟的学习体会")
        page.locator(f"#{outline} details.edit > summary").click()
        journey.fill(outline, {"submitted_at": "2015-11-19"})
        journey.submit(page.locator(f"#{outline}").get_by_role("button", name="保存", exact=True))
        finding = journey.row_id("findings", "村务公开不及时")
        page.locator(f"#{finding} details.edit > summary").click()
        journey.fill(finding, {"cause": "制度执行不严，书记没有带头督促"})
        journey.submit(page.locator(f"#{finding}").get_by_role("button", name="保存", exact=True))

        follow(page, page.get_by_role("button", name="会议记录定稿"))
        if not javascript:  # the question comes as a page
            follow(page, page.get_by_role("button", name="会议记录定稿"))
        expect(page.locator(".kicker")).to_contain_text("已定稿")

        # After finalizing: a typo in a speech, amended with its reason.
        typo = journey.row_id("speeches", "韩书记抓村务公开不够及时")
        page.locator(f"#{typo} details.edit > summary").click()
        journey.fill(
            typo,
            {"reason": "发言记录有错字", "content": "韩书记抓村务公开不够及时，群众意见较大。"},
        )
        journey.submit(page.locator(f"#{typo}").get_by_role("button", name="保存修订"))
        expect(page.locator("#amendments")).to_contain_text("第1次修订")

        loads = journey.loads
        pdf = page.request.get(f"{url}/minutes.pdf")
        assert pdf.status == 200
        path = tmp_path / "minutes.pdf"
        path.write_bytes(pdf.body())
        printed = re.sub(
            r"\s+",
            "",
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout,
        )
    assert "韩书记抓村务公开不够及时，群众意见较大。" in printed
    assert re.search(r"第1次修订（\d{4}年\d+月\d+日\d{2}:\d{2}，[^）]+）：发言记录有错字", printed)
    print(f"page loads with JavaScript {'on' if javascript else 'off'}: {loads}")
    if javascript:
        assert loads <= 12, loads
