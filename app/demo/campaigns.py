"""The two campaigns of the demo: 党的群众路线教育实践活动 (2013) and 三严三实专题教育 (2015), with their
themes, aspects and required actions."""

from datetime import date

from app.demo.specs import ActionSpec, CampaignSpec, ThemeSpec
from app.organizations.models import OrganizationKind

SANYAN = "三严三实专题教育"
QUNZHONG = "党的群众路线教育实践活动"

COMMITTEES_AND_GROUPS = (
    OrganizationKind.party_committee,
    OrganizationKind.party_group,
    OrganizationKind.organization_department,
)
BRANCHES = (OrganizationKind.branch, OrganizationKind.general_branch)

CAMPAIGNS: tuple[CampaignSpec, ...] = (
    CampaignSpec(
        name=QUNZHONG,
        description="以为民务实清廉为主要内容，聚焦形式主义、官僚主义、享乐主义和奢靡之风这“四风”问题，坚持学在前、查在前、改在前，确保“规定动作”和“自选动作”一个都不少、参与对象一个都不缺。",
        starts_on=date(2013, 7, 1),
        ends_on=date(2014, 9, 30),
        launched_by="cx",
        themes=(
            ThemeSpec(
                title="学习教育、听取意见",
                description="深入学习党的群众路线理论和为民务实清廉要求，广泛听取干部群众意见。",
                aspects=("学习党的群众路线理论和为民务实清廉要求", "广泛征求干部群众意见建议"),
            ),
            ThemeSpec(
                title="查摆问题、开展批评",
                description="对照“四风”查摆问题，开好专题民主生活会和组织生活会。",
                aspects=("对照检查“四风”问题", "开展批评和自我批评"),
            ),
            ThemeSpec(
                title="整改落实、建章立制",
                description="边查边改、即查即改，实行公开承诺，建立作风建设长效机制。",
                aspects=("集中解决群众反映强烈的突出问题", "建立健全作风建设长效机制"),
            ),
        ),
        actions=(
            ActionSpec(
                title="领导班子广泛征求意见，形成意见清单",
                due_date=date(2013, 10, 31),
                theme="学习教育、听取意见",
            ),
            ActionSpec(
                title="召开专题民主生活会，开展批评和自我批评",
                due_date=date(2014, 1, 31),
                theme="查摆问题、开展批评",
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                title="制定整改方案，实行公开承诺",
                due_date=date(2014, 6, 30),
                theme="整改落实、建章立制",
            ),
        ),
    ),
    CampaignSpec(
        name=SANYAN,
        description="既严以修身、严以用权、严以律己，又谋事要实、创业要实、做人要实。专题教育不分批次、不划阶段、不搞环节，把学习研讨、查摆问题、整改落实贯穿始终；党委（党组）书记带头写发言提纲、带头讲专题党课，坚持边学边查边改，建立问题清单、整改清单、成果清单，逐月报告整改进展。",
        starts_on=date(2015, 5, 1),
        ends_on=date(2015, 12, 31),
        launched_by="cx",
        themes=(
            ThemeSpec(
                title="严以修身",
                description="加强党性修养，坚定理想信念",
                aspects=(
                    "坚定理想信念，补足精神之“钙”",
                    "加强党性修养，坚守道德底线",
                    "追求高尚情操，自觉远离低级趣味",
                ),
            ),
            ThemeSpec(
                title="严以律己",
                description="严守党的纪律和政治规矩，增强政治定力",
                aspects=(
                    "严守政治纪律和政治规矩",
                    "落实中央八项规定精神，持续纠正“四风”",
                    "廉洁自律，管好亲属和身边工作人员",
                ),
            ),
            ThemeSpec(
                title="严以用权",
                description="坚持用权为民，增强按规则、按制度行使权力的自觉",
                aspects=(
                    "坚持用权为民，树立正确政绩观",
                    "按规则按制度行使权力，自觉接受监督",
                    "敢于担当、干事创业，解决“为官不为”问题",
                ),
            ),
        ),
        actions=(
            ActionSpec(
                title="党委（党组）书记带头讲“三严三实”专题党课",
                due_date=date(2015, 6, 30),
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                title="领导班子围绕“严以修身”开展专题学习研讨",
                due_date=date(2015, 7, 31),
                theme="严以修身",
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                title="领导班子围绕“严以律己”开展专题学习研讨",
                due_date=date(2015, 9, 30),
                theme="严以律己",
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                title="领导班子围绕“严以用权”开展专题学习研讨",
                due_date=date(2015, 11, 30),
                theme="严以用权",
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                title="党支部围绕“三严三实”召开支部党员大会开展学习讨论",
                due_date=date(2015, 10, 31),
                organization_kinds=BRANCHES,
            ),
            ActionSpec(
                title="召开“三严三实”专题民主生活会",
                due_date=date(2015, 12, 31),
                organization_kinds=(OrganizationKind.party_committee, OrganizationKind.party_group),
            ),
            ActionSpec(
                title="召开“三严三实”专题组织生活会，开展民主评议党员",
                due_date=date(2015, 12, 31),
                organization_kinds=BRANCHES,
            ),
            ActionSpec(
                title="建立问题清单、整改清单、成果清单，逐月报告整改进展",
                due_date=date(2015, 12, 31),
            ),
            ActionSpec(
                title="镇村干部开展“三严三实”进村入户大走访",
                due_date=date(2015, 9, 30),
                organization="cx-hp",
            ),
        ),
    ),
)
