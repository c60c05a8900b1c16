"""Each persona's whole job in a real browser (issue 8): Chinese pages, the demo county, no server errors."""

import re
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import LiveServer
from tests.e2e.journeys import browsing, fill_form, follow


def test_a_secretary_records_a_meeting_and_prints_the_minutes(
    browser: Browser, live_server: LiveServer
) -> None:
    with browsing(browser, live_server, "secretary") as page:
        follow(page, page.get_by_role("link", name="安排会议").first)
        fill_form(
            page,
            "plan",
            {
                "organization_id": "和平镇东岭村党支部",
                "kind": "组织生活会",
                "title": "十一月组织生活会：对照党章党规找差距",
                "starts_at": "2015-11-20T19:00",
                "place": "东岭村党员活动室",
            },
        )
        expect(page.locator("h1")).to_contain_text("十一月组织生活会")
        follow(page, page.get_by_role("button", name="会议已召开，开始记录"))
        # The roster lists every member, present by default: only the exception is changed.
        page.get_by_label("许国平的出席情况").select_option(label="缺席")
        page.get_by_label("许国平的原因").fill("外出务工，已书面请假补学")
        follow(page, page.get_by_role("button", name="保存出席情况"))
        expect(page.locator("#attendance")).not_to_contain_text("尚未保存")
        expect(page.get_by_label("许国平的原因")).to_have_value("外出务工，已书面请假补学")
        fill_form(page, "topics", {"title": "对照党章党规，查找在理想信念、纪律作风方面的差距"})
        fill_form(
            page,
            "outlines",
            {
                "author_id": "韩明华",
                "body": "一、学习体会。二、查摆问题：带头学习不够，抓班子不严。",
            },
        )
        for author in ("曹丽娟", "邓永福", "许国平"):
            if author != "许国平":  # absent: no outline
                fill_form(page, "outlines", {"author_id": author, "body": f"{author}的发言提纲。"})
        for speaker in ("韩明华", "曹丽娟", "邓永福"):
            fill_form(
                page,
                "contributions",
                {
                    "speaker_id": speaker,
                    "round": "1",
                    "kind": "重点发言",
                    "content": f"{speaker}：对照党章党规，我在学习上不够深入。",
                },
            )
        fill_form(
            page,
            "contributions",
            {
                "speaker_id": "曹丽娟",
                "round": "2",
                "kind": "批评",
                "target_id": "韩明华",
                "content": "韩书记抓村务公开不够及时，群众有意见。",
            },
        )
        fill_form(
            page,
            "findings",
            {
                "description": "村务公开不及时",
                "cause": "制度执行不严，书记没有带头督促",
                "measure": "每月5日前公开上月收支",
            },
        )
        # The recorder was never named: finalizing is refused with the list, then it goes through.
        follow(page, page.get_by_role("button", name="会议记录定稿"))
        refusal = page.locator("section.refusal[role=alert]")
        expect(refusal).to_be_visible()
        expect(refusal).to_contain_text("记录人")
        fill_form(page, "header", {"chair_id": "韩明华", "recorder_id": "曹丽娟"})
        follow(page, page.get_by_role("button", name="会议记录定稿"))
        # Without JavaScript the question comes as a page: what finalizing locks, and the button.
        expect(page.locator("h1")).to_contain_text("定稿")
        follow(page, page.get_by_role("button", name="会议记录定稿"))
        expect(page.locator(".kicker")).to_contain_text("已定稿")
        # The minutes open inline (the browser's PDF viewer); fetch the link as that viewer would.
        href = page.get_by_role("link", name=re.compile("PDF")).first.get_attribute("href")
        assert href is not None
        pdf = page.request.get(f"{live_server.url}{href}")
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")


def test_an_inspector_draws_checks_and_talks(browser: Browser, live_server: LiveServer) -> None:
    with browsing(browser, live_server, "inspector") as page:
        follow(page, page.get_by_role("link", name="督查看板").first)
        expect(page.locator("h1")).to_contain_text("督查看板")
        expect(page.locator("[data-figure=flags]")).to_have_text("1")  # the demo's 东岭村 make-up
        follow(page, page.get_by_role("link", name="随机抽取会议"))
        page.check("input[name='kind-branch_general_meeting']")
        page.check("input[name='status-held']")
        fill_form(
            page,
            "draw",
            {"sample_size": "1", "weighting": "按风险加权", "seed": "2015-12-journey"},
        )
        expect(page.locator("h1")).to_contain_text("随机抽查抽签")
        follow(page, page.get_by_role("button", name="重新抽取验证"))
        expect(page.locator("#rerun")).to_contain_text("重新抽取结果一致")
        follow(page, page.locator(".checks-list a").first)
        expect(page.locator("h2#h-record")).to_be_visible()
        fill_form(
            page,
            "record",
            {
                "checked_on": "2015-12-03",
                "notes": "党员大会记录简单，未见表决情况，须补课。",
                "verdict": "补课",
            },
        )
        expect(page.locator(".facts")).to_contain_text("补课")
        fill_form(
            page,
            "talk",
            {"level": "约谈", "talked_on": "2015-12-04", "held_by": "县委组织部副部长 王海涛"},
        )
        expect(page.locator("#talks")).to_contain_text("约谈")


def test_a_make_up_session_from_the_flag_to_its_resolution(
    browser: Browser, live_server: LiveServer
) -> None:
    with browsing(browser, live_server, "secretary") as page:
        # The 待办 the secretary lands on says what the inspector ordered; the list marks it too.
        expect(page.locator(".todo-make_up")).to_contain_text("专题组织生活会")
        follow(page, page.locator("header nav").get_by_role("link", name="学习研讨").first)
        flagged = page.locator("tr:has(.flag)").filter(has_text="专题组织生活会")
        expect(flagged.locator(".flag")).to_have_text("须补课")
        original = follow(page, flagged.get_by_role("link").first)
        follow(page, page.get_by_role("link", name="安排补课会议"))
        expect(page.locator("#plan-title")).to_have_value(re.compile("（补课）$"))
        fill_form(page, "plan", {"starts_at": "2015-11-27T19:00", "place": "东岭村党员活动室"})
        follow(page, page.get_by_role("button", name="会议已召开，开始记录"))
        fill_form(page, "header", {"chair_id": "韩明华", "recorder_id": "曹丽娟"})
        follow(page, page.get_by_role("button", name="保存出席情况"))  # everyone present
        for author in ("韩明华", "曹丽娟", "邓永福", "许国平"):
            fill_form(
                page, "outlines", {"author_id": author, "body": f"{author}重写的对照检查材料。"}
            )
        for speaker in ("韩明华", "曹丽娟", "邓永福", "许国平"):
            fill_form(
                page,
                "contributions",
                {
                    "speaker_id": speaker,
                    "round": "1",
                    "kind": "重点发言",
                    "content": "点人点事，不讲空话。",
                },
            )
        follow(page, page.get_by_role("button", name="会议记录定稿"))
        follow(page, page.get_by_role("button", name="会议记录定稿"))  # the confirmation page
        expect(page.locator(".kicker")).to_contain_text("已定稿")
        page.goto(original)
        expect(page.locator("#h-checks")).to_contain_text("已补课，待督查验收")
    with browsing(browser, live_server, "inspector") as page:
        page.goto(original)
        follow(page, page.get_by_role("button", name="补课合格，销去返工标记"))
        follow(page, page.get_by_role("button", name="补课合格，销去返工标记"))  # the question page
        expect(page.locator("#h-checks")).to_contain_text("补课已验收")


def test_an_owner_reports_progress_a_reviewer_closes_and_the_report_opens(
    browser: Browser, live_server: LiveServer
) -> None:
    with browsing(browser, live_server, "secretary") as page:
        follow(page, page.get_by_role("link", name="整改台账").first)
        item = follow(page, page.get_by_role("link", name=re.compile("村务公开栏")).first)
        fill_form(
            page,
            "progress",
            {
                "month": "2015-12",
                "percent": "100",
                "text": "11月份收支逐笔公开，意见箱意见全部答复。",
            },
        )
        expect(page.locator("#progress")).to_contain_text("2015年12月")
    with browsing(browser, live_server, "admin") as page:
        page.goto(item)
        fill_form(
            page,
            "close",
            {
                "result": "村务公开栏按月更新，财务逐笔公开。",
                "early_reason": "进度已报100%，现场核实无误。",  # not marked 已整改待销号
            },
        )
        expect(page.locator("h1")).to_contain_text("销号")  # asked first, without JavaScript
        follow(page, page.locator("section.confirm button[type=submit]"))
        expect(page.locator(".kicker")).to_contain_text("已销号")
        page.goto(f"{live_server.url}/reports/monthly")
        fill_form(page, "report", {"month": "2015-12"})
        expect(page.locator("h1")).to_contain_text("2015年12月")  # months as people write them
        expect(page.locator("[data-figure=progress]")).not_to_have_text("0")


def test_an_administrator_sets_up_a_branch_its_people_and_an_account(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    with browsing(browser, live_server, "admin") as page:
        follow(page, page.get_by_role("link", name="系统管理").first)
        fill_form(
            page,
            "organization",
            {
                "name": "和平镇西岭村党支部",
                "code": "cx-hp-xl",
                "kind": "党支部",
                "parent_id": "和平镇党委",
                "is_weak_unit": "on",
            },
        )
        expect(page.locator("[role=status]")).to_contain_text("和平镇西岭村党支部")
        follow(page, page.get_by_role("link", name="人员").first)
        fill_form(
            page,
            "person",
            {
                "name": "孙志强",
                "organization_id": "和平镇西岭村党支部",
                "post": "村党支部书记",
                "committee_role": "书记",
            },
        )
        expect(page.locator("table")).to_contain_text("孙志强")
        follow(page, page.get_by_role("link", name="账号").first)
        fill_form(
            page,
            "account",
            {"login": "sun.zhiqiang", "password": "short", "organization_id": "和平镇西岭村党支部"},
        )
        expect(page.locator("#account-password-error")).to_be_visible()
        fill_form(
            page,
            "account",
            {
                "password": "xiling-2015-branch",
                "role": "书记或记录人",
                "person_id": "孙志强（村党支部书记）",  # the chosen organization's people
            },
        )
        expect(page.locator("table")).to_contain_text("sun.zhiqiang")
        members = tmp_path / "西岭村党员.csv"
        members.write_text(
            "姓名,党组织代码,职务,委员职务,党员,一把手\n"
            "周桂英,cx-hp-xl,村妇联主席,委员,是,否\n"
            "钱进,cx-hp-xl,种粮大户,,是,否\n",
            encoding="utf-8-sig",
        )
        follow(page, page.get_by_role("link", name="导入").first)
        page.select_option("#import-kind", "people")
        page.set_input_files("#import-file", str(members))
        follow(page, page.locator("form[action='/imports'] button[type=submit]"))
        expect(page.locator(".import-result")).to_contain_text(
            "已检查 2 行，全部有效"
        )  # a dry run first
        page.uncheck("#import-dry-run")
        page.select_option("#import-kind", "people")
        page.set_input_files("#import-file", str(members))
        follow(page, page.locator("form[action='/imports'] button[type=submit]"))
        expect(page.locator(".import-result")).to_contain_text("已导入 2 条记录")
        follow(page, page.get_by_role("link", name="人员").first)
        expect(page.locator("table")).to_contain_text("钱进")
    with browsing(browser, live_server, "sun.zhiqiang", password="xiling-2015-branch") as page:
        expect(page.locator("header .who")).to_have_text("孙志强")  # the person, not the login


def test_an_administrator_corrects_a_person_resets_a_password_and_sets_up_a_campaign(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    """Administration that edits: a member moved to another branch (kept in old minutes), a forgotten
    password reset (its holder must choose their own at the next login), a campaign with a required
    action, and a roster uploaded twice — the second dry run names everybody already on file."""
    roster = tmp_path / "南庄村党员.csv"
    roster.write_text("姓名,党组织代码,职务\n钱小英,cx-hp-nz,村妇联主席\n", encoding="utf-8-sig")
    with browsing(browser, live_server, "admin") as page:
        follow(page, page.get_by_role("link", name="系统管理").first)
        follow(page, page.get_by_role("link", name="人员").first)
        fill_form(page, "people-search", {"q": "唐小军"})
        follow(page, page.locator("table a", has_text="唐小军").first)
        fill_form(
            page, "edit-person", {"post": "镇农业服务中心", "organization_id": "和平镇机关党支部"}
        )
        expect(page.locator("#flash")).to_contain_text("唐小军")
        expect(page.locator("#edit-person-organization_id option:checked")).to_contain_text(
            "机关党支部"
        )
        follow(page, page.locator(".breadcrumb a", has_text="人员"))
        fill_form(page, "people-search", {"organization_id": "和平镇机关党支部"})
        expect(page.locator("table")).to_contain_text("唐小军")

        follow(page, page.get_by_role("link", name="账号").first)
        follow(page, page.locator("table a", has_text="viewer").first)
        follow(page, page.get_by_role("button", name="重置密码"))
        notice = page.locator("#flash").inner_text()
        found = re.search(r"一次性密码：([0-9a-f-]+)", notice)
        assert found, notice

        follow(page, page.locator(".breadcrumb a", has_text="账号"))
        follow(page, page.get_by_role("link", name="专题教育", exact=True))
        fill_form(
            page,
            "campaign",
            {
                "name": "“两学一做”学习教育",
                "launched_by_id": "中共长兴县委",
                "starts_on": "2016-04-01",
                "ends_on": "2016-12-31",
            },
        )
        expect(page.locator("h1")).to_contain_text("两学一做")
        fill_form(page, "theme", {"title": "学党章党规"})
        fill_form(
            page,
            "action",
            {"title": "召开专题组织生活会", "theme_id": "学党章党规", "due_date": "2016-12-31"},
        )
        expect(page.locator("#h-actions")).to_contain_text("（1）")
        expect(page.locator("#actions article input[name=title]")).to_have_value(
            "召开专题组织生活会"
        )

        follow(page, page.locator(".breadcrumb a", has_text="专题教育").first)
        follow(page, page.get_by_role("link", name="导入").first)
        for _ in range(2):  # the result page offers the form again
            page.select_option("#import-kind", "people")
            page.set_input_files("#import-file", str(roster))
            page.uncheck("#import-dry-run")
            follow(page, page.locator("form[action='/imports'] button[type=submit]"))
        expect(page.locator(".import-result")).to_contain_text("已有此人")
        expect(page.locator(".import-result")).to_contain_text("钱小英")

    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/login")
    page.fill("#login-login", "viewer")
    page.fill("#login-password", found.group(1))
    follow(page, page.locator("form[action='/login'] button[type=submit]"))
    expect(page.locator("h1")).to_contain_text("修改密码")  # nothing else until then
    page.goto(f"{live_server.url}/overview")
    expect(page.locator("h1")).to_contain_text("修改密码")
    fill_form(
        page,
        "password",
        {
            "current_password": found.group(1),
            "new_password": "heping-viewer-2016",
            "repeated": "heping-viewer-2016",
        },
    )
    expect(page.locator("h1")).to_contain_text("概览")  # the leader's page, at last
    context.close()
