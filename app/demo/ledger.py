"""东岭村's rectification ledger: the opinions solicited before its 组织生活会, with their progress."""

from datetime import date, datetime

from app.demo.specs import LedgerSpec, ProgressSpec

LEDGER_OPENED = datetime(
    2015, 10, 12, 9, 0
)  # opinions solicited before the 组织生活会 of 2015-10-22
LEDGER = (
    LedgerSpec(
        problem="村务公开栏有时两三个月才更新一次，财务公开只公布大项，群众看不明白。",
        measure="每月10日前更新村务公开栏；财务收支逐笔公开，重大开支附说明；设意见箱，每月开箱。",
        responsible="曹丽娟",
        leader="韩明华",
        due_on=date(2015, 12, 31),
        progress=(
            ProgressSpec(month="2015-10", text="已公开9月份全部收支明细，设立意见箱。", percent=40),
            ProgressSpec(
                month="2015-11",
                text="10月份收支按时公开；意见箱收到意见3条，均已答复。",
                percent=70,
            ),
        ),
    ),
    LedgerSpec(
        problem="村级道路硬化工程没有严格按照“五议两公开”程序办理，有的事情班子商量后就定了。",
        measure="今后村级工程一律按“五议两公开”程序办理；对已完工程补开党员大会和村民代表会议说明情况。",
        responsible="韩明华",
        leader="胡振华",
        due_on=date(2015, 11, 30),
        progress=(
            ProgressSpec(
                month="2015-11",
                text="已召开村民代表会议说明道路工程情况，补充公开工程结算。",
                percent=60,
            ),
        ),
    ),
    LedgerSpec(
        problem="党员活动室平时锁着，利用率不高，老党员反映学习没有地方。",
        measure="党员活动室每周二、五下午开放，安排专人管理，订阅党报党刊。",
        responsible="邓永福",
        leader="韩明华",
        due_on=date(2015, 10, 31),
        progress=(
            ProgressSpec(
                month="2015-10", text="活动室已按时开放，订阅《浙江共产党员》。", percent=100
            ),
        ),
        result="活动室每周开放两次，十月份接待党员学习42人次。",
    ),
)
