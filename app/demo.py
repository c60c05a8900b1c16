"""Realistic Chinese demo data: a county's Party organizations, two campaigns and their minutes.

Everything goes through the services, so the demo obeys the same rules as a secretary typing the
minutes in. The services only flush; the caller commits. Dates and texts are fixed, so every load
produces the same records.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlmodel import Session, select

from app.auth.models import Account, Role
from app.auth.service import create_account
from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme, ThemeAspect
from app.campaigns.schemas import AspectCreate, CampaignCreate, RequiredActionCreate, ThemeCreate
from app.clock import local_to_utc
from app.config import Settings
from app.errors import Conflict
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization, OrganizationKind
from app.organizations.schemas import OrganizationCreate
from app.people import service as people_service
from app.people.models import CommitteeRole, Person
from app.people.schemas import PersonCreate
from app.rectification import service as rectification_service
from app.rectification.models import ItemSource, RectificationItem
from app.rectification.schemas import ItemClose, ItemCreate, ProgressCreate
from app.scope import Scope
from app.spot_checks import sampling
from app.spot_checks import service as spot_check_service
from app.spot_checks.models import AdmonitionLevel, CheckMethod, Verdict, Weighting
from app.spot_checks.schemas import (
    AdmonitionCreate,
    DrawCreate,
    OrderedRectification,
    SpotCheckCreate,
)
from app.study_sessions import lifecycle, parts_service
from app.study_sessions import service as study_session_service
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    Finding,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
)
from app.study_sessions.schemas import (
    AttendanceCreate,
    ContributionCreate,
    FindingCreate,
    SpeechOutlineCreate,
    StudySessionCreate,
    StudySessionUpdate,
    TopicCreate,
)

# The shapes of the data below --------------------------------------------------------------------


class OrganizationSpec(NamedTuple):
    code: str
    name: str
    kind: OrganizationKind
    parent: str | None = None
    is_key_unit: bool = False
    is_power_department: bool = False
    is_weak_unit: bool = False


class PersonSpec(NamedTuple):
    organization: str
    name: str
    post: str
    committee_role: CommitteeRole = CommitteeRole.member
    is_top_leader: bool = False


class ThemeSpec(NamedTuple):
    title: str
    description: str
    aspects: tuple[str, ...]


class ActionSpec(NamedTuple):
    title: str
    due_date: date
    theme: str | None = None
    organization_kinds: tuple[OrganizationKind, ...] = ()
    # Set for a 自选动作 that one organization adds for itself.
    organization: str | None = None


class CampaignSpec(NamedTuple):
    name: str
    description: str
    starts_on: date
    ends_on: date
    launched_by: str
    themes: tuple[ThemeSpec, ...]
    actions: tuple[ActionSpec, ...]


class LeaveSpec(NamedTuple):
    person: str
    reason: str
    status: AttendanceStatus = AttendanceStatus.on_leave


class TopicSpec(NamedTuple):
    title: str
    aspect: str | None = None
    conclusion: str = ""


class OutlineSpec(NamedTuple):
    author: str
    days_before: int
    body: str


class SpeechSpec(NamedTuple):
    round: int
    speaker: str
    kind: ContributionKind
    content: str
    target: str | None = None
    topic: int | None = None  # 1-based position among the session's topics


class FindingSpec(NamedTuple):
    person: str | None  # None: the leadership team's problem
    aspect: str | None
    description: str
    cause: str
    measure: str


class SessionSpec(NamedTuple):
    organization: str
    kind: StudySessionKind
    title: str
    starts_at: datetime
    minutes: int
    place: str
    chair: str
    recorder: str
    campaign: str | None = None
    theme: str | None = None
    held: bool = True
    # Finalized (locked, the PDF/A stored) after loading, as a viewer finds minutes months later.
    finalized: bool = False
    # The campaign's required action (规定动作) the meeting fulfils, by its title.
    fulfils: str | None = None
    # Voting attendees from other organizations (e.g. the organization head at a county lecture).
    guests: tuple[str, ...] = ()
    # 列席: recorders and inspectors who attend without a vote.
    observers: tuple[str, ...] = ()
    leave: tuple[LeaveSpec, ...] = ()
    topics: tuple[TopicSpec, ...] = ()
    outlines: tuple[OutlineSpec, ...] = ()
    speeches: tuple[SpeechSpec, ...] = ()
    findings: tuple[FindingSpec, ...] = ()


KEY = ContributionKind.key_speech
EXCHANGE = ContributionKind.exchange
CRITICISM = ContributionKind.criticism
SELF_CRITICISM = ContributionKind.self_criticism
RESPONSE = ContributionKind.response
SUMMARY = ContributionKind.summary

SECRETARY = CommitteeRole.secretary
DEPUTY = CommitteeRole.deputy_secretary
COMMITTEE = CommitteeRole.committee_member

# Organizations and people ------------------------------------------------------------------------

ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    OrganizationSpec("cx", "中共长兴县委", OrganizationKind.party_committee),
    OrganizationSpec("cx-zzb", "县委组织部", OrganizationKind.organization_department, "cx"),
    OrganizationSpec("cx-zzb-jg", "县委组织部机关党支部", OrganizationKind.branch, "cx-zzb"),
    OrganizationSpec("cx-hp", "和平镇党委", OrganizationKind.party_committee, "cx"),
    OrganizationSpec("cx-hp-jg", "和平镇机关党支部", OrganizationKind.branch, "cx-hp"),
    OrganizationSpec(
        "cx-hp-nz", "和平镇南庄村党支部", OrganizationKind.branch, "cx-hp", is_weak_unit=True
    ),
    OrganizationSpec("cx-hp-dl", "和平镇东岭村党支部", OrganizationKind.branch, "cx-hp"),
    OrganizationSpec(
        "cx-cz", "县财政局党组", OrganizationKind.party_group, "cx", is_power_department=True
    ),
    OrganizationSpec(
        "cx-cz-jg", "县财政局机关党支部", OrganizationKind.branch, "cx-cz", is_key_unit=True
    ),
    OrganizationSpec(
        "cx-gt",
        "县国土资源局党委",
        OrganizationKind.party_committee,
        "cx",
        is_key_unit=True,
        is_power_department=True,
    ),
    OrganizationSpec("cx-gt-jg", "县国土资源局机关党支部", OrganizationKind.branch, "cx-gt"),
    OrganizationSpec(
        "cx-gt-hp",
        "县国土资源局和平国土资源所党支部",
        OrganizationKind.branch,
        "cx-gt",
        is_key_unit=True,
    ),
)

PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("cx", "周立新", "县委书记", SECRETARY, is_top_leader=True),
    PersonSpec("cx", "陈国栋", "县委副书记、县长", DEPUTY),
    PersonSpec("cx", "沈建华", "县委常委、县纪委书记", COMMITTEE),
    PersonSpec("cx", "吴晓燕", "县委常委、宣传部部长", COMMITTEE),
    PersonSpec("cx", "黄晓明", "县委办公室副主任"),
    PersonSpec("cx-zzb", "郑卫东", "县委常委、组织部部长", SECRETARY, is_top_leader=True),
    PersonSpec("cx-zzb", "钱丽萍", "组织部常务副部长", DEPUTY),
    PersonSpec("cx-zzb", "孙浩", "组织部副部长", COMMITTEE),
    PersonSpec("cx-zzb-jg", "李文静", "组织部办公室主任、机关党支部书记", SECRETARY),
    PersonSpec("cx-zzb-jg", "王海涛", "干部监督科科长、督查员", COMMITTEE),
    PersonSpec("cx-zzb-jg", "赵敏", "干部科副科长"),
    PersonSpec("cx-zzb-jg", "蒋雨婷", "组织科科员"),
    PersonSpec("cx-hp", "胡振华", "镇党委书记", SECRETARY, is_top_leader=True),
    PersonSpec("cx-hp", "杨春明", "镇党委副书记、镇长", DEPUTY),
    PersonSpec("cx-hp", "徐建平", "镇党委委员、纪委书记", COMMITTEE),
    PersonSpec("cx-hp", "朱慧芳", "镇党委委员、组织委员", COMMITTEE),
    PersonSpec("cx-hp-jg", "马国强", "镇党政办主任、机关党支部书记", SECRETARY),
    PersonSpec("cx-hp-jg", "何丽", "镇农业服务中心副主任、支部委员", COMMITTEE),
    PersonSpec("cx-hp-jg", "罗斌", "镇财政所科员"),
    PersonSpec("cx-hp-nz", "林德福", "村党支部书记", SECRETARY),
    PersonSpec("cx-hp-nz", "郭建新", "村党支部副书记、村委会主任", DEPUTY),
    PersonSpec("cx-hp-nz", "梁秀英", "村党支部委员、妇女主任", COMMITTEE),
    PersonSpec("cx-hp-nz", "宋长根", "村民小组长"),
    PersonSpec("cx-hp-nz", "唐小军", "外出务工党员"),
    PersonSpec("cx-hp-dl", "韩明华", "村党支部书记、村委会主任", SECRETARY),
    PersonSpec("cx-hp-dl", "曹丽娟", "村党支部委员、村文书", COMMITTEE),
    PersonSpec("cx-hp-dl", "邓永福", "退休教师"),
    PersonSpec("cx-hp-dl", "许国平", "家庭农场主"),
    PersonSpec("cx-cz", "彭志刚", "县财政局党组书记、局长", SECRETARY, is_top_leader=True),
    PersonSpec("cx-cz", "曾庆云", "县财政局党组成员、副局长", COMMITTEE),
    PersonSpec("cx-cz", "谢婷", "县财政局党组成员、副局长", COMMITTEE),
    PersonSpec("cx-cz-jg", "董海燕", "局办公室主任、机关党支部书记", SECRETARY),
    PersonSpec("cx-cz-jg", "袁俊", "预算科科长、支部委员", COMMITTEE),
    PersonSpec("cx-cz-jg", "于洋", "国库集中支付中心主任"),
    PersonSpec("cx-cz-jg", "蔡文博", "预算科科员"),
    PersonSpec("cx-gt", "姜振国", "县国土资源局党委书记、局长", SECRETARY, is_top_leader=True),
    PersonSpec("cx-gt", "范立军", "县国土资源局党委副书记、副局长", DEPUTY),
    PersonSpec("cx-gt", "方红梅", "县国土资源局党委委员、纪委书记", COMMITTEE),
    PersonSpec("cx-gt-jg", "石磊", "局办公室主任、机关党支部书记", SECRETARY),
    PersonSpec("cx-gt-jg", "姚丽", "耕地保护科科长、支部委员", COMMITTEE),
    PersonSpec("cx-gt-jg", "廖晓", "规划科科员"),
    PersonSpec("cx-gt-hp", "邹建军", "和平国土资源所所长、党支部书记", SECRETARY),
    PersonSpec("cx-gt-hp", "熊伟", "和平国土资源所副所长、支部委员", COMMITTEE),
    PersonSpec("cx-gt-hp", "金晓峰", "土地执法监察员"),
    PersonSpec("cx-gt-hp", "陆燕", "所内勤、档案管理员"),
)

# Campaigns ---------------------------------------------------------------------------------------

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
                "学习教育、听取意见",
                "深入学习党的群众路线理论和为民务实清廉要求，广泛听取干部群众意见。",
                ("学习党的群众路线理论和为民务实清廉要求", "广泛征求干部群众意见建议"),
            ),
            ThemeSpec(
                "查摆问题、开展批评",
                "对照“四风”查摆问题，开好专题民主生活会和组织生活会。",
                ("对照检查“四风”问题", "开展批评和自我批评"),
            ),
            ThemeSpec(
                "整改落实、建章立制",
                "边查边改、即查即改，实行公开承诺，建立作风建设长效机制。",
                ("集中解决群众反映强烈的突出问题", "建立健全作风建设长效机制"),
            ),
        ),
        actions=(
            ActionSpec(
                "领导班子广泛征求意见，形成意见清单", date(2013, 10, 31), "学习教育、听取意见"
            ),
            ActionSpec(
                "召开专题民主生活会，开展批评和自我批评",
                date(2014, 1, 31),
                "查摆问题、开展批评",
                COMMITTEES_AND_GROUPS,
            ),
            ActionSpec("制定整改方案，实行公开承诺", date(2014, 6, 30), "整改落实、建章立制"),
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
                "严以修身",
                "加强党性修养，坚定理想信念",
                (
                    "坚定理想信念，补足精神之“钙”",
                    "加强党性修养，坚守道德底线",
                    "追求高尚情操，自觉远离低级趣味",
                ),
            ),
            ThemeSpec(
                "严以律己",
                "严守党的纪律和政治规矩，增强政治定力",
                (
                    "严守政治纪律和政治规矩",
                    "落实中央八项规定精神，持续纠正“四风”",
                    "廉洁自律，管好亲属和身边工作人员",
                ),
            ),
            ThemeSpec(
                "严以用权",
                "坚持用权为民，增强按规则、按制度行使权力的自觉",
                (
                    "坚持用权为民，树立正确政绩观",
                    "按规则按制度行使权力，自觉接受监督",
                    "敢于担当、干事创业，解决“为官不为”问题",
                ),
            ),
        ),
        actions=(
            ActionSpec(
                "党委（党组）书记带头讲“三严三实”专题党课",
                date(2015, 6, 30),
                organization_kinds=COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                "领导班子围绕“严以修身”开展专题学习研讨",
                date(2015, 7, 31),
                "严以修身",
                COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                "领导班子围绕“严以律己”开展专题学习研讨",
                date(2015, 9, 30),
                "严以律己",
                COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                "领导班子围绕“严以用权”开展专题学习研讨",
                date(2015, 11, 30),
                "严以用权",
                COMMITTEES_AND_GROUPS,
            ),
            ActionSpec(
                "党支部围绕“三严三实”召开支部党员大会开展学习讨论",
                date(2015, 10, 31),
                organization_kinds=BRANCHES,
            ),
            ActionSpec(
                "召开“三严三实”专题民主生活会",
                date(2015, 12, 31),
                organization_kinds=(OrganizationKind.party_committee, OrganizationKind.party_group),
            ),
            ActionSpec(
                "召开“三严三实”专题组织生活会，开展民主评议党员",
                date(2015, 12, 31),
                organization_kinds=BRANCHES,
            ),
            ActionSpec(
                "建立问题清单、整改清单、成果清单，逐月报告整改进展",
                date(2015, 12, 31),
            ),
            ActionSpec(
                "镇村干部开展“三严三实”进村入户大走访",
                date(2015, 9, 30),
                organization="cx-hp",
            ),
        ),
    ),
)

# Study sessions ----------------------------------------------------------------------------------

COUNTY_HALL = "县委大楼三楼会议室"
ORG_DEPT_ROOM = "县委大楼五楼组织部会议室"

SESSIONS: tuple[SessionSpec, ...] = (
    # 2013: the organization department leads the mass-line campaign by doing it first.
    SessionSpec(
        organization="cx-zzb",
        kind=StudySessionKind.special_seminar,
        title="部务会专题研讨：组织部门在教育实践活动中如何学在前、查在前、改在前",
        finalized=True,
        starts_at=datetime(2013, 10, 15, 14, 30),
        minutes=180,
        place=ORG_DEPT_ROOM,
        chair="郑卫东",
        recorder="李文静",
        campaign=QUNZHONG,
        theme="学习教育、听取意见",
        observers=("李文静",),
        topics=(
            TopicSpec(
                "如何变被动为主动，做到学在前、查在前、改在前",
                "学习党的群众路线理论和为民务实清廉要求",
                "部里大力倡导“我学习、我快乐”之风，部务会会前学习形成制度；查摆问题、解决问题作为部务会议和组织工作例会的固定议题。",
            ),
            TopicSpec(
                "组织部门如何带头走出机关、广泛听取意见",
                "广泛征求干部群众意见建议",
                "部领导每人联系一个乡镇、两个村，征求到的意见分类梳理，能立即解决的立行立改。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "郑卫东",
                5,
                "一、认识：组织部门既是活动的组织单位，也是参与单位，承担双重职责，必须学在前、查在前、改在前。二、自身差距：理论学习存在以干代学现象，深入基层调研不够，对基层反映的问题回应不及时。三、打算：带头讲党课、带头征求意见、带头查摆整改，坚持一级做给一级看、一级带着一级干。",
            ),
            OutlineSpec(
                "钱丽萍",
                3,
                "围绕“为民务实清廉”主题谈三点：一是防止“被动性”开展，变等上级部署为主动谋划；二是防止“突击性”开展，把查摆问题纳入部务会议、组织工作例会的经常性内容；三是分管的干部工作中，干部群众反映的选人用人问题要第一时间回应。",
            ),
            OutlineSpec(
                "孙浩",
                2,
                "结合分管的基层党建工作，查找自己在联系基层、服务党员方面的差距：下乡调研多在乡镇政府，进村入户少；对软弱涣散村党组织整顿跟踪不紧。下一步把活动参与对象延伸到每一位乡镇组织委员，做到参与对象一个都不缺。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "郑卫东",
                KEY,
                "今天部务会专题研讨，主要是把组织部门在教育实践活动中的定位想清楚。我们既是活动的组织单位，也是参与单位，要求全县做到的，组织部门要首先做到。我先带个头：一年来我在理论学习上有以干代学的倾向，满足于参加会议、传达文件，系统自学少；到基层调研时听汇报多、到村到户少。对照“为民务实清廉”要求，这些都是实实在在的差距。我建议部里大力倡导“我学习、我快乐”之风，采取案例剖析、现场教育、以身说法等形式，把学习搞活，不搞突击学习、突击查摆。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "钱丽萍",
                KEY,
                "我谈三点体会。一是要防止等上级部署、等上级要求，把“规定动作”和“自选动作”一项一项排出时间表，困难的和容易的都要落实；二是查摆问题要经常化，我建议把查摆问题、解决问题作为部务会议、组织工作例会和全体干部会议的固定议题；三是作为分管干部工作的同志，我要带头查找选人用人中群众不满意的地方，比如干部考察谈话范围偏窄、结果反馈不及时等问题。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "孙浩",
                KEY,
                "关于听取意见，我认为组织部门要走出机关。建议部领导每人联系一个乡镇、两个村，采取个别访谈、座谈会、发放征求意见表等方式，直接听基层党员群众的声音。我自己的问题是，下乡多在乡镇政府开座谈会，真正进村入户少，对软弱涣散村党组织的整顿跟踪不紧，南庄村的问题去年就有反映，至今还没有根本改观。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "钱丽萍",
                EXCHANGE,
                "听了孙浩同志的发言很有同感。征求意见不能只发表格、收表格，要注意“回头看”，对征求到的意见分类梳理，能立即解决的立行立改，一时解决不了的要说明情况、公开承诺时限，让群众看到变化。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "孙浩",
                CRITICISM,
                "给丽萍同志提一点意见：你工作标准高、要求严，但有时对下面报上来的材料要求过细，乡镇组织委员反映一份干部考察材料要改三四遍，客观上增加了基层负担。建议在抓落实上多看实效、少抠形式，这也是反对形式主义的题中之义。",
                target="钱丽萍",
            ),
            SpeechSpec(
                2,
                "郑卫东",
                SELF_CRITICISM,
                "我也作个自我批评。作为部长，我对部里干部要求“部外做到的，部内要首先做到”，但自己有时会议多、下基层少，对组工干部的思想状况了解不深，谈心谈话不经常。今后我每季度至少和部里每位干部谈一次心，每月至少有四天在基层。",
            ),
            SpeechSpec(
                3,
                "孙浩",
                RESPONSE,
                "接受大家的意见。我表个态：本月内跑遍全县软弱涣散村党组织，逐村建立整顿台账，实行部领导联系包干，每月实地督导一次，年底前向部务会交账，整顿不到位的村，我本人向部务会作说明。",
            ),
            SpeechSpec(
                3,
                "郑卫东",
                SUMMARY,
                "今天的研讨，大家谈得实、查得准。会后请办公室把征求到的意见和今天查摆的问题汇总，形成问题清单，每条明确责任领导和完成时限。部里实行部内和部外一个标准、对上和对下一个标准、小事和大事一个标准，是问题就查、查之即改、改必到位。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "学习党的群众路线理论和为民务实清廉要求",
                "部领导班子理论学习存在以干代学现象，学习形式单一，满足于传达文件、集中读报。",
                "对理论学习的重要性认识不足，认为组工干部业务忙、学习可以往后放，没有把学习当作硬任务。",
                "建立部务会会前学习制度，每月开展一次案例剖析或现场教育，部领导每半年讲一次党课。",
            ),
            FindingSpec(
                "孙浩",
                "广泛征求干部群众意见建议",
                "对软弱涣散村党组织整顿跟踪不紧，南庄村的问题反映后整改进展缓慢。",
                "联系基层不深入，下乡多停留在乡镇层面，督促落实缺乏台账管理。",
                "逐村建立整顿台账，部领导联系包干，每月实地督导一次，2013年12月底前完成第一轮整顿评估。",
            ),
            FindingSpec(
                "钱丽萍",
                "对照检查“四风”问题",
                "干部考察材料要求过细、反复退改，客观上增加了基层负担。",
                "存在重形式、轻实效的思维惯性，对基层工作实际体谅不够。",
                "修订干部考察材料规范，明确必备要素，原则上一次退改到位，2013年11月底前印发。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-zzb-jg",
        kind=StudySessionKind.branch_general_meeting,
        title="支部党员大会：对照“四风”查摆问题，开展批评与自我批评",
        finalized=True,
        starts_at=datetime(2013, 11, 20, 15, 0),
        minutes=150,
        place="县委大楼五楼组织部小会议室",
        chair="李文静",
        recorder="赵敏",
        campaign=QUNZHONG,
        theme="查摆问题、开展批评",
        leave=(LeaveSpec("蒋雨婷", "赴省委党校参加全省组工干部业务培训"),),
        topics=(
            TopicSpec(
                "对照“四风”查摆组工干部作风上的突出问题",
                "对照检查“四风”问题",
                "支部形成问题清单报部务会；部机关发给乡镇的通知一律提前三天，能合并的合并。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "李文静",
                4,
                "一、对照“四风”，查摆支部和个人在形式主义、官僚主义方面的问题：会议多、文件多，调研成果转化少。二、原因剖析：宗旨意识不强，习惯于以文件落实文件。三、整改措施：精简会议文件，推动调研成果转化为工作措施。",
            ),
            OutlineSpec(
                "王海涛",
                2,
                "对照“四风”查摆：下基层督查时听汇报多、看现场少；对基层反映的问题回应不及时。原因在于群众观点树得不牢。整改：督查以现场查看为主，基层反映的问题一周内答复。",
            ),
            OutlineSpec(
                "赵敏",
                2,
                "对照“四风”查摆：干部档案审核有时图快不图实；服务基层干部态度不够热情。整改：对今年审核过的档案进行复核，落实首问负责制。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "李文静",
                KEY,
                "按照部里的安排，今天支部党员大会对照“四风”开展查摆。我先带头查。支部在形式主义方面的问题比较突出：会议多、文件多，有的材料层层转发，基层反映“材料比干的多”；调研报告写得多，转化为政策措施的少。我个人存在以文件落实文件的倾向，有时满足于发通知、要报表。这些问题要敢于揭丑亮短，真查真摆。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "王海涛",
                KEY,
                "我在干部监督科工作。对照“四风”，我在官僚主义方面有问题：下基层督查时听汇报多、看现场少，有时看材料就打分；对基层反映的问题回应不及时，有个乡镇反映的干部档案问题拖了一个多月才答复。这是对基层群众感情不深的表现。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "赵敏",
                KEY,
                "我对照“四风”查摆：一是在干部档案审核中，有时图快不图实，对“三龄两历”的审核没有逐项核对原始材料；二是基层干部来部里办事，有时态度不够热情，解释政策不耐心。组织部是“干部之家”，这样的作风必须改。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "王海涛",
                CRITICISM,
                "给李主任提个意见：办公室发通知、要材料有时太急，上午发通知、下午就要报，乡镇同志只能加班应付，材料质量也不高。建议统筹安排，能合并的合并，能不要的不要，真正为基层减负。",
                target="李文静",
            ),
            SpeechSpec(
                2,
                "李文静",
                CRITICISM,
                "赵敏同志业务熟练，我提个意见：档案审核是干部工作的基础，容不得半点马虎，图快不图实是要出问题的。希望你严格按照干部档案专项审核的要求，逐项核对原始材料，发现问题及时报告。",
                target="赵敏",
            ),
            SpeechSpec(
                2,
                "赵敏",
                SELF_CRITICISM,
                "接受批评。档案审核图快，是因为当时任务重、时间紧，但这不能成为理由。我会对今年审核过的档案进行一次复核，确保不出差错。对待基层来办事的同志，要像对待家人一样热情耐心，做到首问负责。",
            ),
            SpeechSpec(
                3,
                "李文静",
                SUMMARY,
                "今天大家敢于揭丑亮短，查摆的问题比较具体。会后，一是支部把问题汇总，形成问题清单，报部务会；二是从下个月起，部机关发给乡镇的通知一律提前三天，能合并的合并；三是蒋雨婷同志在省委党校培训，回来后补做查摆，支部安排专人与她谈心谈话。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "对照检查“四风”问题",
                "会议多、文件多，有的材料层层转发，调研成果转化为工作措施的少。",
                "宗旨意识不强，习惯于以会议落实会议、以文件落实文件，对基层负担体谅不够。",
                "精简部机关会议和发文，发给乡镇的通知一律提前三天；每项调研报告明确转化措施和责任人。",
            ),
            FindingSpec(
                "王海涛",
                "对照检查“四风”问题",
                "下基层督查听汇报多、看现场少，对基层反映的问题回应不及时。",
                "群众观点树得不牢，存在坐在机关等材料的官僚主义作风。",
                "督查以现场查看为主，基层反映的问题一周内答复，答复情况每月在支部通报。",
            ),
            FindingSpec(
                "赵敏",
                "开展批评和自我批评",
                "干部档案审核图快不图实，服务基层干部态度不够热情。",
                "责任意识不强，对档案审核的严肃性认识不足。",
                "2013年12月底前对本年度审核过的档案全部复核；落实首问负责制。",
            ),
        ),
    ),
    # 2015: the 三严三实 special education.
    SessionSpec(
        organization="cx",
        kind=StudySessionKind.party_lecture,
        title="县委书记讲“三严三实”专题党课",
        fulfils="党委（党组）书记带头讲“三严三实”专题党课",
        finalized=True,
        starts_at=datetime(2015, 5, 28, 14, 30),
        minutes=120,
        place="县行政中心一号会议室",
        chair="陈国栋",
        recorder="黄晓明",
        campaign=SANYAN,
        guests=("郑卫东", "胡振华", "彭志刚", "姜振国"),
        observers=("黄晓明",),
        leave=(LeaveSpec("吴晓燕", "赴省委宣传部参加全省宣传部长会议"),),
        topics=(TopicSpec("践行“三严三实”，做忠诚干净担当的领导干部"),),
        outlines=(
            OutlineSpec(
                "周立新",
                10,
                "党课提纲：一、深刻认识开展“三严三实”专题教育的重大意义；二、对照检查全县领导干部中存在的“不严不实”问题；三、以“三严三实”推动全县各项工作，坚持边学边查边改。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "周立新",
                KEY,
                "今天我和大家一起学习“三严三实”，讲三个问题。第一，深刻认识开展专题教育的重大意义。“三严三实”是党员干部的修身之本、为政之道、成事之要。第二，对照检查全县领导干部中存在的“不严不实”问题：有的理想信念淡化，“总开关”拧得不紧；有的纪律规矩意识不强，“小节”不拘；有的为官不为，遇到矛盾绕着走；有的作风不实，满足于开会发文。第三，专题教育不分批次、不划阶段、不搞环节，关键是把学习研讨、查摆问题、整改落实贯穿始终，坚持边学边查边改。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "胡振华",
                EXCHANGE,
                "听了周书记的党课很受触动。作为乡镇党委书记，我们离群众最近，“不严不实”的问题群众看得最清楚。和平镇将把专题教育与村级组织建设结合起来，重点抓好南庄村等软弱涣散村党组织的整顿，镇党委书记带头联系最难的村，做到问题不解决不撒手。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "彭志刚",
                EXCHANGE,
                "财政局是权力部门，管钱管账，最容易出问题。周书记讲的“为官不为”和“小节不拘”两个问题，在我们局里都不同程度存在。局党组将把专题教育与财政资金专项检查结合起来，对资金拨付、政府采购等关键环节逐一查找风险点，用制度管权管事管人。",
                topic=1,
            ),
            SpeechSpec(
                3,
                "陈国栋",
                SUMMARY,
                "周书记的党课站位高、问题准、要求实。会后，各乡镇、各部门一把手要对照今天的党课，结合本单位实际讲好专题党课，6月底前全部完成。县委组织部要加强督查，对党课讲得空、讲得虚的，要指出来，督促重新讲。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "坚定理想信念，补足精神之“钙”",
                "部分领导干部理想信念淡化，理论学习浮在面上，“总开关”拧得不紧。",
                "重业务轻学习，理论武装没有转化为自觉行动，学习制度执行不严。",
                "县委中心组每月集中学习一次，各乡镇、部门一把手6月底前讲完专题党课，组织部逐一督查。",
            ),
            FindingSpec(
                None,
                "敢于担当、干事创业，解决“为官不为”问题",
                "一些部门存在“为官不为”现象，遇到矛盾绕着走、碰到难题往上推。",
                "考核评价导向不够鲜明，对庸懒散问题问责不严，干部担当意识不强。",
                "开展“为官不为”专项整治，对群众反映的推诿扯皮问题建立台账、限期办结，典型问题公开通报。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx",
        kind=StudySessionKind.central_group_study,
        title="县委中心组“严以修身”专题学习研讨",
        fulfils="领导班子围绕“严以修身”开展专题学习研讨",
        starts_at=datetime(2015, 7, 16, 8, 30),
        minutes=210,
        place=COUNTY_HALL,
        chair="周立新",
        recorder="黄晓明",
        campaign=SANYAN,
        theme="严以修身",
        guests=("郑卫东",),
        observers=("黄晓明",),
        topics=(
            TopicSpec(
                "坚定理想信念，补足精神之“钙”",
                "坚定理想信念，补足精神之“钙”",
                "严格执行中心组学习制度，每位常委年内完成一篇调研文章。",
            ),
            TopicSpec("加强党性修养，坚守道德底线", "加强党性修养，坚守道德底线"),
        ),
        outlines=(
            OutlineSpec(
                "周立新",
                6,
                "一、学习体会：严以修身是“三严三实”的基础，核心是坚定理想信念、加强党性修养。二、对照检查：理论学习有时满足于“读文件、划重点”，学用结合不够；在经济下行压力下，有过“重发展、轻党建”的念头。三、努力方向：带头读原著、学原文、悟原理，带头讲党课，带头接受监督，以上率下抓好全县专题教育。",
            ),
            OutlineSpec(
                "陈国栋",
                4,
                "作为县长，重点从严以修身与推动发展的关系谈认识：一是理想信念要体现在为群众办实事上；二是对照检查自己在项目推进中急于求成、对群众利益考虑不周的问题；三是今后重大决策前坚持深入调研、充分听取群众意见。",
            ),
            OutlineSpec(
                "沈建华",
                3,
                "结合纪检监察工作谈体会：党员干部出问题往往从理想信念动摇、放松自我修养开始。对照自身，存在监督执纪“宽松软”、对苗头性问题提醒不够及时的问题。今后要把纪律挺在前面，抓早抓小。",
            ),
            OutlineSpec(
                "吴晓燕",
                3,
                "从宣传思想工作角度谈严以修身：一是坚持学习在前，带头读原著学原文；二是查找理论武装与宣传实践结合不紧、网络舆论引导主动发声不够的问题；三是把“三严三实”宣传引向深入，讲好身边典型的故事。",
            ),
            OutlineSpec(
                "郑卫东",
                3,
                "组织部门是专题教育的牵头部门，要学在前、查在前、改在前。对照严以修身，自己存在抓党建重部署、轻督查，对基层学习研讨质量把关不严的问题。下一步把学习研讨作为督查重点，研讨不深入的约谈一把手、责令补课。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "周立新",
                KEY,
                "按照县委专题教育实施方案，今天中心组围绕“严以修身”进行第一次专题研讨。我先带头发言。严以修身，核心是坚定理想信念、加强党性修养。对照这一要求，我感到自己在三个方面有差距：一是理论学习系统性不够，读原著、学原文少，以干代学的情况时有发生；二是在经济下行压力面前，有时存在“重发展、轻党建”的念头，对基层党建研究不多；三是深入基层不够，听汇报多、到群众中去少。这些问题，根子在于党性修养上放松了自我要求。希望同志们把自己摆进去，不讲空话套话。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "陈国栋",
                KEY,
                "我谈谈学习体会和对照检查情况。理想信念是共产党人的精神之“钙”，落到政府工作上，就是要把人民群众的利益放在第一位。对照检查，我在抓项目、抓投资中存在急于求成的问题，有的项目前期调研不充分，对征迁群众的诉求考虑不周，导致矛盾上交。这反映出我在政绩观上还有偏差。今后重大决策要坚持调研在先、公开听证，决不以牺牲群众利益换取一时的发展速度。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "沈建华",
                KEY,
                "从纪检监察工作看，党员干部违纪违法，往往是从理想信念动摇、道德底线失守开始的。今年以来全县查处的违反中央八项规定精神问题中，有不少是“小节”问题演变而来。对照自己，我在监督执纪中有时存在“宽松软”的倾向，对一些苗头性、倾向性问题提醒不及时，怕得罪人。今后要把纪律挺在前面，抓早抓小，动辄则咎。",
                topic=2,
            ),
            SpeechSpec(
                1,
                "吴晓燕",
                KEY,
                "我结合宣传思想工作谈几点体会。严以修身首先要在学习上严起来，做到真学真懂真信真用。对照检查，我存在理论学习与工作实践结合不紧的问题，在网络舆论引导中主动发声、敢于亮剑不够。下一步，宣传部门要把“三严三实”宣传引向深入，既挖掘宣传身边的先进典型，也用好反面典型的警示教育作用，做到知行合一。",
                topic=2,
            ),
            SpeechSpec(
                1,
                "郑卫东",
                KEY,
                "组织部门是专题教育的牵头部门，必须学在前、查在前、改在前。对照严以修身要求，我自己存在抓基层党建重部署、轻督查的问题，对各单位学习研讨的质量把关不严，有的单位研讨一次就过关，问题没有查透。下一步，组织部将把学习研讨作为督查重点，采取列席、暗访、随机抽查等方式，对研讨不深入、效果不好的，约谈一把手，责令“补课”返工。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "陈国栋",
                CRITICISM,
                "我给周书记提一条意见。书记工作抓得紧、标准高，但有时在会上直接拍板，班子成员充分发表意见的时间不够，个别重大项目的决策讨论还不够充分。建议今后在常委会上先让分管同志和其他常委把意见讲透，再集中决策，更好地发扬民主。",
                target="周立新",
            ),
            SpeechSpec(
                2,
                "沈建华",
                CRITICISM,
                "给陈县长提个意见：政府工作任务重，您经常一竿子插到底，亲力亲为是好的，但有时对分管副县长的工作干预过细，影响了分管同志的主动性；另外对部门“为官不为”的问题，批评多、问责少，震慑作用不够。建议在压实责任上再严一些。",
                target="陈国栋",
            ),
            SpeechSpec(
                2,
                "周立新",
                CRITICISM,
                "晓燕同志工作热情高、点子多，我提一点意见：宣传工作有时重活动、轻效果，一些宣传活动声势大，但群众知晓率、参与度不高，带有“突击性”开展的痕迹。建议多到基层听听群众对宣传工作的评价，把工夫下在入心入脑上。",
                target="吴晓燕",
            ),
            SpeechSpec(
                2,
                "郑卫东",
                SELF_CRITICISM,
                "我作个自我批评。组织部要求各单位书记带头写发言提纲、带头查摆问题，但部里自己开展专题学习有时也存在以会代学的现象；对软弱涣散基层党组织的整顿，我亲自跑得不够，南庄村的问题督促了几次仍未根本改观。这说明我在抓落实上还不够严、不够实，请同志们监督。",
            ),
            SpeechSpec(
                3,
                "陈国栋",
                RESPONSE,
                "大家提的意见我诚恳接受。会后我将把今天查摆的问题逐条列入个人整改清单，明确时限。对重大项目决策，严格执行调研论证、风险评估、集体讨论决定的程序；对部门“为官不为”的问题，配合纪委开展专项督查，该问责的坚决问责。",
            ),
            SpeechSpec(
                3,
                "周立新",
                SUMMARY,
                "今天的研讨，大家都把自己摆了进去，谈认识有深度，查问题不遮掩，批评意见点到了要害，达到了红红脸、出出汗的效果。会后请县委办汇总形成班子和个人的问题清单、整改清单，边学边查边改，能立行立改的马上改。组织部要加强对各乡镇、部门学习研讨的督查，研讨不深入的要回炉补课。下一次专题研讨围绕“严以律己”进行，请大家提前准备发言提纲。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "坚定理想信念，补足精神之“钙”",
                "县委中心组理论学习系统性不够，读原著、学原文少，存在以干代学、以会代学的现象。",
                "对理论武装的极端重要性认识不足，把业务工作当“硬任务”、理论学习当“软任务”，学习制度执行不严。",
                "严格执行中心组学习制度，每月集中学习不少于一次，每次明确一个专题、确定重点发言人；年底前每位常委完成一篇调研文章。",
            ),
            FindingSpec(
                "陈国栋",
                "坚持用权为民，树立正确政绩观",
                "重大项目推进中存在急于求成倾向，前期调研不充分，对征迁群众诉求考虑不周。",
                "政绩观存在偏差，对“快”与“稳”的关系把握不当，群众观点树得不牢。",
                "重大项目决策严格执行调研论证、风险评估、合法性审查和集体讨论决定程序；在建项目征迁遗留问题逐一排查，2015年11月底前提出化解方案。",
            ),
            FindingSpec(
                "郑卫东",
                "加强党性修养，坚守道德底线",
                "对基层学习研讨质量督查不严，对软弱涣散村党组织整顿跟踪不够。",
                "抓党建重部署、轻督查，敢于较真碰硬不够。",
                "建立学习研讨列席、暗访和随机抽查制度，研讨不深入的约谈一把手并责令补课；部领导每人联系一个软弱涣散村党组织。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-zzb",
        kind=StudySessionKind.special_seminar,
        title="部务会“严以修身”专题研讨",
        fulfils="领导班子围绕“严以修身”开展专题学习研讨",
        starts_at=datetime(2015, 7, 22, 14, 30),
        minutes=150,
        place=ORG_DEPT_ROOM,
        chair="郑卫东",
        recorder="李文静",
        campaign=SANYAN,
        theme="严以修身",
        observers=("李文静",),
        topics=(
            TopicSpec(
                "组工干部如何在严以修身上作表率",
                "加强党性修养，坚守道德底线",
                "实行部内部外一个标准；部领导每人联系一个软弱涣散村党组织，每月至少下村一次。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "郑卫东",
                5,
                "一、严以修身对组工干部的特殊要求：公道正派是组工干部的立身之本。二、对照检查：干部工作中有时存在“好人主义”，对干部的批评教育不够严；联系基层不够。三、整改方向：带头讲党课，带头接受监督，严格执行干部选拔任用工作纪实。",
            ),
            OutlineSpec(
                "钱丽萍",
                3,
                "围绕干部工作谈严以修身：一是坚持公道正派，严把选人用人关；二是查找自身在干部考察中考察谈话范围偏窄、对干部“八小时以外”了解不够的问题；三是完善干部日常管理监督机制。",
            ),
            OutlineSpec(
                "孙浩",
                2,
                "结合基层党建工作谈认识：一是组工干部要带头过好双重组织生活；二是查找自己在抓软弱涣散党组织整顿中的不严不实问题；三是每月在南庄村蹲点不少于两天。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "郑卫东",
                KEY,
                "组织部门是“党员之家”“干部之家”，组工干部修身要比别人更严。今天研讨，我先对照检查：一是在干部工作中有时存在“好人主义”，对个别干部的苗头性问题提醒谈话不够及时；二是下基层多是带着任务去，了解真实情况不够；三是部内干部教育管理上，对年轻同志压担子多、谈心少。根子还是党性修养上有“松一松”的想法。我们要求部外做到的，部内要首先做到。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "钱丽萍",
                KEY,
                "我结合分管的干部工作谈体会。严以修身落到组工干部身上，首先是公道正派。对照检查，我在干部考察中存在考察谈话范围偏窄、对干部“八小时以外”了解不够的问题，有时对干部的评价主要依靠年度考核结果，群众评价用得不充分。下一步要完善干部考察办法，扩大谈话范围，把平时考核与年度考核结合起来。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "孙浩",
                KEY,
                "我负责基层党建，对照严以修身，最大的差距是抓软弱涣散党组织整顿不够实。南庄村是确定的整顿对象，一年多来换了支部委员，但党员大会开得不正常，“三会一课”记录不全，我督促了几次都停留在打电话、发通知上，到村里蹲点少。这反映出我作风不实、敢于碰硬不够。我表个态：从下个月起，每月在南庄村蹲点不少于两天。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "钱丽萍",
                CRITICISM,
                "我给郑部长提一条意见：部长对部里工作要求很严，但有时安排工作急，临时性任务多，部里同志经常加班赶材料，材料写得多了，下基层调研的时间就少了。建议统筹一下工作节奏，减少不必要的文字材料，让大家多到基层去。",
                target="郑卫东",
            ),
            SpeechSpec(
                2,
                "孙浩",
                SELF_CRITICISM,
                "我再作个自我批评。去年部里推“党员闪光言行考评”，我分管的部分推进不力，个别乡镇流于形式，我没有及时纠正，表面上是怕给基层增加负担，实际上是怕麻烦、怕得罪人。这是作风上的“不实”，我要认真反思，年底前把这项工作抓出实效。",
            ),
            SpeechSpec(
                3,
                "郑卫东",
                SUMMARY,
                "今天大家敞开心扉，谈得坦诚。组织部门要带头做好自身的专题教育，以自身过硬带动全县。会后请办公室汇总问题清单和整改清单，每项明确责任领导、责任人和完成时限，每月在部务会上通报一次整改进展。接下来部领导分头列席各乡镇、部门的专题研讨，发现研讨不深入的，及时指出、督促补课。",
            ),
        ),
        findings=(
            FindingSpec(
                "郑卫东",
                "加强党性修养，坚守道德底线",
                "干部工作中存在“好人主义”，对个别干部的苗头性问题提醒谈话不及时。",
                "碍于情面，担心影响干部积极性，从严管理干部的责任意识不够强。",
                "建立干部苗头性问题提醒谈话台账，发现即谈、谈必记录；部长每季度与部机关干部逐一谈心一次。",
            ),
            FindingSpec(
                "孙浩",
                "敢于担当、干事创业，解决“为官不为”问题",
                "抓软弱涣散村党组织整顿不实，督促停留在电话和通知上，到村蹲点少。",
                "作风不深入，敢于碰硬不够，对整顿工作的长期性、复杂性认识不足。",
                "每月在南庄村蹲点不少于两天，帮助村党支部规范“三会一课”，2015年12月底前完成整顿验收。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-hp",
        kind=StudySessionKind.central_group_study,
        title="镇党委中心组“严以修身”专题学习研讨",
        fulfils="领导班子围绕“严以修身”开展专题学习研讨",
        starts_at=datetime(2015, 7, 28, 8, 30),
        minutes=180,
        place="和平镇政府二楼会议室",
        chair="胡振华",
        recorder="朱慧芳",
        campaign=SANYAN,
        theme="严以修身",
        observers=("王海涛",),
        topics=(
            TopicSpec("坚定理想信念，补足精神之“钙”", "坚定理想信念，补足精神之“钙”"),
            TopicSpec(
                "追求高尚情操，自觉远离低级趣味",
                "追求高尚情操，自觉远离低级趣味",
                "镇纪委每季度对各村“三资”管理抽查一次；建立“三会一课”月报制度。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "胡振华",
                5,
                "一、学习体会：乡镇干部处在服务群众的第一线，严以修身要体现在为民办事的态度上。二、对照检查：理论学习不系统；对村级组织建设重视不够，南庄村班子软弱涣散问题长期未解决。三、整改措施：镇党委书记联系南庄村，年内完成整顿。",
            ),
            OutlineSpec(
                "杨春明",
                3,
                "结合政府工作谈严以修身：一是查找自己在征地拆迁中工作方法简单、与群众沟通不够的问题；二是查找招商引资中重数量、轻质量的倾向；三是提出改进打算。",
            ),
            OutlineSpec(
                "徐建平",
                2,
                "结合纪检工作谈体会：查找自己在村级“三资”监管中监督不到位、对村干部的廉政提醒不经常的问题，提出加强日常监督的措施。",
            ),
            OutlineSpec(
                "朱慧芳",
                2,
                "结合组织工作谈体会：查找“三会一课”督查不严、对村党支部书记培训不够的问题，提出建立“三会一课”月报制度的打算。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "胡振华",
                KEY,
                "镇党委中心组今天围绕“严以修身”开展专题研讨，我先带头讲。乡镇干部处在服务群众的第一线，群众看党员干部，首先看我们的修养和作风。对照检查，我自己存在三个问题：一是理论学习不系统，常常以工作忙为由，把学习排在最后；二是抓村级组织建设重视不够，南庄村班子软弱涣散，群众意见大，我虽然去过几次，但没有下决心解决；三是有时对群众来访不够耐心，把矛盾推给分管领导。这些问题归根到底是理想信念上补“钙”不足，宗旨意识淡化。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "杨春明",
                KEY,
                "我对照严以修身要求谈几点。一是在征地拆迁工作中，有时工作方法简单，讲政策多、听诉求少，个别群众的合理诉求没有及时回应；二是在招商引资中存在重数量、轻质量的倾向，对项目的环保和用地效益把关不够严；三是理论学习浮于表面，满足于会议传达。我要从思想上查根源，树牢以人民为中心的理念。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "徐建平",
                KEY,
                "我结合纪检工作谈体会。严以修身就要自觉远离低级趣味，守住道德底线。对照检查，我对村级“三资”的监管不够到位，个别村的集体资产出租没有公开招标，我没有及时发现；对村干部的廉政提醒不经常，大多是出了问题才去找。今后要加强日常监督，每季度对各村“三资”管理开展一次抽查。",
                topic=2,
            ),
            SpeechSpec(
                1,
                "朱慧芳",
                KEY,
                "我分管组织工作，对照严以修身，存在的主要问题是对“三会一课”制度落实督查不严，个别村党支部的会议记录补写、代写，我检查时没有较真；对村党支部书记的培训不够，培训内容针对性不强。下一步要建立“三会一课”月报制度，对软弱涣散村党组织实行一村一策。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "杨春明",
                CRITICISM,
                "我给胡书记提一条意见。书记工作很拼，但有时对班子成员分管的工作干预过多，事无巨细都要亲自过问，大家放不开手脚；另外南庄村的问题，班子里讨论过多次，书记态度不够坚决，一直没有动真格。建议书记在抓大事、抓难事上多用力。",
                target="胡振华",
                topic=1,
            ),
            SpeechSpec(
                2,
                "胡振华",
                CRITICISM,
                "建平同志工作认真负责，我提一点意见：纪委工作有时“等案子上门”，主动发现问题的意识不强，对村干部“小微权力”的监督还有盲区。希望今后多下村查账，把问题解决在萌芽状态，做到抓早抓小。",
                target="徐建平",
                topic=2,
            ),
            SpeechSpec(
                2,
                "朱慧芳",
                SELF_CRITICISM,
                "我作个自我批评。上半年检查各村“三会一课”，发现南庄村记录不全，我只是口头提醒，没有跟踪整改，也没有向党委如实报告问题的严重程度，存在“老好人”思想。这是对党的组织生活制度不严肃的表现，我一定改正。",
            ),
            SpeechSpec(
                3,
                "王海涛",
                EXCHANGE,
                "受县委组织部委派列席今天的研讨。总体看，镇党委书记带头写了发言提纲，班子成员都作了重点发言，批评有具体事例，问题查摆较为深入。也提两点建议：一是查摆的问题要形成清单，明确整改时限；二是南庄村党支部的学习研讨要跟上，组织部将对该村研讨情况进行随机抽查。",
            ),
            SpeechSpec(
                3,
                "胡振华",
                SUMMARY,
                "感谢组织部的指导。今天的研讨达到了预期效果。会后，一是班子成员按照今天查摆的问题修改完善个人问题清单，一周内报党委；二是我本人联系南庄村，8月底前组织该村召开专题支部党员大会；三是各村党支部要按照“三严三实”要求开好学习研讨，镇党委将逐村督查，研讨不深入的要补课。",
            ),
        ),
        findings=(
            FindingSpec(
                "胡振华",
                "坚定理想信念，补足精神之“钙”",
                "抓村级组织建设重视不够，南庄村班子软弱涣散问题长期未得到解决。",
                "重经济发展、轻党的建设，抓基层党建的第一责任意识不强，遇到难题缺乏动真碰硬的决心。",
                "镇党委书记挂钩联系南庄村，选派一名机关干部担任第一书记，2015年12月底前完成整顿并接受县委组织部验收。",
            ),
            FindingSpec(
                "杨春明",
                "坚持用权为民，树立正确政绩观",
                "征地拆迁中工作方法简单，个别群众合理诉求未及时回应；招商引资重数量、轻质量。",
                "群众观点不牢，片面追求项目落地速度，对发展质量和群众利益统筹不够。",
                "建立征迁群众诉求台账，逐一回应、限期办结；招商项目引入前一律开展环保和用地效益评估。",
            ),
            FindingSpec(
                "朱慧芳",
                "加强党性修养，坚守道德底线",
                "对“三会一课”制度落实督查不严，个别村会议记录补写、代写问题未较真处理。",
                "存在“老好人”思想，怕得罪人，对组织生活制度的严肃性认识不足。",
                "建立“三会一课”月报制度，每季度逐村检查原始记录；对补写、代写问题一经发现即约谈村党支部书记。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-cz-jg",
        kind=StudySessionKind.branch_general_meeting,
        title="支部党员大会：“严以律己”专题学习讨论",
        fulfils="党支部围绕“三严三实”召开支部党员大会开展学习讨论",
        starts_at=datetime(2015, 8, 20, 15, 0),
        minutes=120,
        place="县财政局一楼党员活动室",
        chair="董海燕",
        recorder="蔡文博",
        campaign=SANYAN,
        theme="严以律己",
        leave=(LeaveSpec("于洋", "因病住院治疗"),),
        topics=(
            TopicSpec(
                "财政干部如何落实中央八项规定精神",
                "落实中央八项规定精神，持续纠正“四风”",
            ),
            TopicSpec(
                "守住廉洁底线，管好“钱袋子”",
                "廉洁自律，管好亲属和身边工作人员",
                "推动局里公开预算审核标准，审核意见一律书面反馈。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "董海燕",
                4,
                "一、财政干部每天和钱打交道，严以律己就是守住底线、不越红线。二、对照检查：支部组织生活有时以会代学，党员教育管理偏软；公务接待审核把关不严。三、整改：规范“三会一课”，严格执行公务接待公函制度。",
            ),
            OutlineSpec(
                "袁俊",
                2,
                "对照严以律己，查找预算审核中“看人下菜”、对“四风”隐形变异新表现识别不足的问题，提出公开审核标准的建议。",
            ),
            OutlineSpec(
                "蔡文博",
                2,
                "作为年轻党员，查找工作纪律意识不强、业务学习不深入的问题，提出从小事做起、严守工作纪律的打算。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "董海燕",
                KEY,
                "今天支部党员大会围绕“严以律己”开展学习讨论，我先带头发言。财政干部每天和钱打交道，严以律己就是要守住底线、不越红线。对照检查，我作为支部书记，存在支部组织生活有时“以会代学”、党员教育管理偏软的问题；作为办公室主任，在公务接待审核中有时把关不严，个别接待没有严格执行公函制度。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "袁俊",
                KEY,
                "我在预算科工作，对照严以律己，感到自己存在两个问题：一是对部门预算审核有时“看人下菜”，熟悉的单位审核就松一些；二是对中央八项规定精神的学习停留在条文上，对“四风”隐形变异的新表现认识不足，比如以培训名义变相旅游等问题，审核时没有识别出来。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "蔡文博",
                KEY,
                "我是一名年轻党员，参加工作三年。对照严以律己，我的问题是纪律意识还不够强，有时把上班时间用在与工作无关的事情上；对财政业务学习不够深入，工作中依赖老同志。今后要从小事做起，严守工作纪律，加强业务学习，早日独当一面。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "袁俊",
                EXCHANGE,
                "我补充谈一点交流体会。管好“钱袋子”，关键是制度。建议支部推动局里把预算审核的标准公开，审核意见书面反馈，减少自由裁量的空间，这样既能防止“看人下菜”，也能保护干部。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "董海燕",
                CRITICISM,
                "袁俊同志业务精，我给你提个意见：你刚才讲到审核“看人下菜”，这个问题其他科室也有反映，说明不是偶然的。你是支部委员，要带头较真碰硬，不能因为关系熟就降低标准，否则制度再好也会走样。",
                target="袁俊",
                topic=2,
            ),
            SpeechSpec(
                2,
                "蔡文博",
                SELF_CRITICISM,
                "接着作个自我批评：上个月我有两次上班时间处理私事，被科长提醒过，当时觉得是小事。今天学习了“严以律己”的要求，认识到纪律无小事，小节不守、大节难保，今后一定严格遵守工作纪律，请大家监督。",
            ),
            SpeechSpec(
                3,
                "董海燕",
                SUMMARY,
                "今天大家发言都比较实在。会后，一是支部把大家查摆的问题汇总成问题清单，报局党组；二是推动预算审核标准公开、意见书面反馈；三是于洋同志因病住院未能参会，会后由我向他传达会议精神并听取他的意见。",
            ),
        ),
        findings=(
            FindingSpec(
                "董海燕",
                "落实中央八项规定精神，持续纠正“四风”",
                "公务接待审核把关不严，个别接待未严格执行公函制度。",
                "对中央八项规定精神的刚性约束认识不足，碍于部门间情面放松了审核。",
                "严格执行“无公函不接待”，接待清单每月在局内公开，2015年9月起执行。",
            ),
            FindingSpec(
                "袁俊",
                "廉洁自律，管好亲属和身边工作人员",
                "预算审核存在“看人下菜”现象，对熟悉单位审核偏松。",
                "审核标准不公开、自由裁量空间大，个人原则性不够强。",
                "2015年10月底前制定并公开预算审核标准，审核意见一律书面反馈，科内交叉复核。",
            ),
            FindingSpec(
                "蔡文博",
                "严守政治纪律和政治规矩",
                "工作纪律意识不强，上班时间处理私事。",
                "对“纪律无小事”认识不足，自我要求不严。",
                "严格遵守考勤和工作纪律，由科长结对带教，每季度向支部书面汇报思想工作情况。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-hp-nz",
        kind=StudySessionKind.branch_general_meeting,
        title="支部党员大会：学习“三严三实”有关精神",
        fulfils="党支部围绕“三严三实”召开支部党员大会开展学习讨论",
        starts_at=datetime(2015, 8, 26, 19, 0),
        minutes=60,
        place="南庄村村委会会议室",
        chair="林德福",
        recorder="梁秀英",
        campaign=SANYAN,
        theme="严以修身",
        leave=(LeaveSpec("唐小军", "在外地务工，未能返回"),),
        topics=(TopicSpec("学习“三严三实”有关文件", "坚定理想信念，补足精神之“钙”"),),
        outlines=(
            OutlineSpec(
                "林德福",
                1,
                "一、传达学习县委、镇党委关于开展“三严三实”专题教育的文件。二、结合村里工作谈几点认识。三、下一步打算。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "林德福",
                KEY,
                "今天召开支部党员大会，主要是传达学习县委、镇党委关于开展“三严三实”专题教育的文件精神。我把文件读了一遍，大家要认真学习，领会精神。我们村党员要带好头，把学习和村里的中心工作结合起来，把秋收和环境整治工作抓好。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "郭建新",
                RESPONSE,
                "刚才林书记传达了文件精神，我完全赞同。作为村委会主任，我要带头学习，把“三严三实”的要求落实到村里各项工作中，配合支部把秋收和环境整治工作做好，不辜负党员群众的信任。",
            ),
            SpeechSpec(
                1,
                "林德福",
                SUMMARY,
                "今天的会就开到这里。大家回去后要加强学习，有什么意见和建议随时向支部反映。会议记录由梁秀英同志整理，报镇党委。下次支部党员大会时间另行通知，请大家按时参加，不要无故缺席。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "坚定理想信念，补足精神之“钙”",
                "党员学习不够深入。",
                "平时村里事务多，集中学习时间少。",
                "加强学习。",
            ),
            FindingSpec(
                None,
                None,
                "个别党员参加组织生活不积极。",
                "外出务工党员多。",
                "加强联系。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-cz",
        kind=StudySessionKind.special_seminar,
        title="局党组“严以律己”专题研讨",
        fulfils="领导班子围绕“严以律己”开展专题学习研讨",
        starts_at=datetime(2015, 9, 17, 8, 30),
        minutes=180,
        place="县财政局四楼党组会议室",
        chair="彭志刚",
        recorder="董海燕",
        campaign=SANYAN,
        theme="严以律己",
        observers=("董海燕", "王海涛"),
        topics=(
            TopicSpec("严守政治纪律和政治规矩", "严守政治纪律和政治规矩"),
            TopicSpec(
                "落实中央八项规定精神，持续纠正“四风”",
                "落实中央八项规定精神，持续纠正“四风”",
                "对政府采购和资金拨付开展全面自查；局党组每季度专题研究一次党风廉政建设。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "彭志刚",
                6,
                "一、认识：财政部门是权力部门，严以律己是财政干部的“护身符”。二、对照检查：执行请示报告制度有时不及时；对局属单位公务接待、公车使用监督不够。三、整改措施：健全财政资金拨付、政府采购内控制度，带头执行中央八项规定精神。",
            ),
            OutlineSpec(
                "曾庆云",
                3,
                "对照严以律己要求，查找分管的政府采购工作中程序不规范、对代理机构监管不严，以及涉及利害关系未主动回避的问题。",
            ),
            OutlineSpec(
                "谢婷",
                2,
                "对照严以律己要求，查找分管的预算管理中“三公”经费预算执行监督不到位、“只管拨钱、不问绩效”的问题。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "彭志刚",
                KEY,
                "财政局管钱管账，是群众眼中的权力部门，严以律己对我们来说不是一般要求，而是“护身符”。我先对照检查：一是执行请示报告制度有时不够及时，个别重大资金调度事项事后才向县政府报告；二是对局属单位的公务接待、公车使用监督不够，去年审计发现有超标准接待的情况；三是对身边工作人员要求不够严，存在“灯下黑”的隐患。这些问题说明自己纪律规矩意识还不够强。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "曾庆云",
                KEY,
                "我分管政府采购。对照检查，一是采购程序不够规范，个别项目以“时间紧”为由化整为零，规避公开招标；二是对采购代理机构监管不严，评审专家抽取存在漏洞；三是自己有时碍于情面，对熟人打招呼没有坚决拒绝，虽然没有违规，但也没有及时报告。这是严以律己不到位的表现。",
                topic=2,
            ),
            SpeechSpec(
                1,
                "谢婷",
                KEY,
                "我分管预算管理。对照中央八项规定精神，“三公”经费预算编制较严，但执行监督不到位，个别部门会议费、培训费列支不规范，我们审核时把关不严。另外，自己在工作中有时存在“只管拨钱、不问绩效”的思想。今后要建立预算执行动态监控，对“三公”经费按月公开。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "曾庆云",
                CRITICISM,
                "给彭局长提个意见：局长抓业务很有一套，但抓党建相对较弱，党组会研究党风廉政建设的次数少，有时一年只有一两次；对干部的廉政谈话多是程序性的，谈得不深不透。建议局长切实履行第一责任人职责，把党建和业务一起谋划。",
                target="彭志刚",
                topic=1,
            ),
            SpeechSpec(
                2,
                "彭志刚",
                CRITICISM,
                "谢婷同志业务能力强，我提一点意见：预算管理中对一些部门的不合理支出，有时只是“提醒一下”，没有坚决退回，存在“好人主义”；对局里年轻干部的带教也不够，传帮带做得少。希望今后敢于碰硬，该退的坚决退、该批的坚决批。",
                target="谢婷",
                topic=2,
            ),
            SpeechSpec(
                2,
                "曾庆云",
                SELF_CRITICISM,
                "我再补充一个自我批评。去年一个采购项目，供应商是老同学的亲戚，我当时没有主动申请回避，虽然最后评审结果是合规的，但这本身就是纪律规矩意识不强的表现。今后凡涉及利害关系的，一律主动回避并书面报告。",
            ),
            SpeechSpec(
                3,
                "谢婷",
                RESPONSE,
                "诚恳接受彭局长的批评。我表个态：一是本月底前出台部门预算执行动态监控办法，对“三公”经费、会议费、培训费实行按月预警；二是对不合理支出，一律按规定退回并书面说明；三是本人结对带教一名年轻干部。",
            ),
            SpeechSpec(
                3,
                "王海涛",
                EXCHANGE,
                "我代表县委组织部督查组列席今天的研讨，谈一点观察。局党组班子成员都写了发言提纲，批评意见有事例、有分量，曾庆云同志的自我批评很深刻。建议：一是把今天的问题与全市38项专项整治结合起来，列出整改清单；二是对政府采购、资金拨付等权力运行关键环节建立风险防控台账，逐月报告整改进展。",
            ),
            SpeechSpec(
                3,
                "彭志刚",
                SUMMARY,
                "感谢督查组的指导。局党组今天的研讨，大家红了脸、出了汗，达到了目的。会后，一是9月底前形成班子和个人问题清单、整改清单；二是对政府采购和资金拨付开展一次全面自查，用制度管权管事管人；三是局党组每季度专题研究一次党风廉政建设。整改情况每月向县委组织部报告。",
            ),
        ),
        findings=(
            FindingSpec(
                "彭志刚",
                "严守政治纪律和政治规矩",
                "执行请示报告制度不够及时，个别重大资金调度事项事后报告；对局属单位公务接待、公车使用监督不够。",
                "重业务、轻党建，对“一岗双责”理解不深，履行党风廉政建设第一责任人职责不到位。",
                "重大资金调度事项一律事前书面请示；局党组每季度专题研究一次党风廉政建设，2015年10月底前完成局属单位公务接待、公车使用专项检查。",
            ),
            FindingSpec(
                "曾庆云",
                "廉洁自律，管好亲属和身边工作人员",
                "政府采购程序不规范，个别项目化整为零规避公开招标；涉及利害关系时未主动回避。",
                "纪律规矩意识不强，对采购领域廉政风险估计不足，碍于情面。",
                "修订政府采购内控制度，化整为零项目一律重新审查；建立利害关系回避登记制度，2015年11月底前完成。",
            ),
            FindingSpec(
                None,
                "落实中央八项规定精神，持续纠正“四风”",
                "党组研究党风廉政建设次数少，对干部的廉政谈话流于程序。",
                "党组班子对财政权力运行的廉政风险认识不足，主体责任压得不实。",
                "制定党组廉政谈话制度，班子成员每半年与分管科室负责人谈话一次并记录在案；建立权力运行风险防控台账，逐月报告整改进展。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-gt",
        kind=StudySessionKind.central_group_study,
        title="局党委中心组“严以律己”专题学习研讨",
        fulfils="领导班子围绕“严以律己”开展专题学习研讨",
        starts_at=datetime(2015, 9, 24, 8, 30),
        minutes=180,
        place="县国土资源局三楼会议室",
        chair="姜振国",
        recorder="石磊",
        campaign=SANYAN,
        theme="严以律己",
        observers=("石磊",),
        topics=(
            TopicSpec(
                "廉洁自律，管好亲属和身边工作人员",
                "廉洁自律，管好亲属和身边工作人员",
                "班子成员10月底前如实报告亲属从事与国土资源相关经营活动的情况。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "姜振国",
                5,
                "一、国土部门手握土地审批、执法等权力，严以律己必须从一把手做起。二、对照检查：对亲属从事与土地相关经营活动的情况掌握不全；对基层国土所执法监督不够。三、整改：建立领导干部亲属经商办企业报告制度，开展国土所执法专项检查。",
            ),
            OutlineSpec(
                "范立军",
                3,
                "对照严以律己，查找分管的用地审批中审批时限长、“中梗阻”问题，对窗口工作人员要求不严，以及本人接受服务对象宴请的问题。",
            ),
            OutlineSpec(
                "方红梅",
                2,
                "对照严以律己，查找纪委监督“探头”作用发挥不够、对基层国土所监督存在盲区、信访核查不深入的问题。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "姜振国",
                KEY,
                "国土部门手握土地审批、执法监察等权力，群众关注度高，严以律己必须从一把手做起。对照检查，我存在两个方面的问题：一是管好亲属和身边工作人员还不到位，对亲属从事与土地相关经营活动的情况掌握不全，没有定期过问；二是对基层国土所的执法监督不够，个别所对违法用地“以罚代管”，我们没有及时纠正。这些问题根子在于纪律意识上有松懈。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "范立军",
                KEY,
                "我分管用地审批。对照严以律己，存在的问题：一是审批环节多、时限长，企业和群众反映有“中梗阻”；二是对窗口工作人员要求不严，个别人员存在“门难进、脸难看”的现象；三是自己有时接受服务对象的宴请，虽然说是工作餐，但也违反了中央八项规定精神。这个问题我在这里作深刻检讨。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "方红梅",
                KEY,
                "作为局纪委书记，我的问题是监督“探头”作用发挥不够。对局机关监督多，对基层国土所监督少，存在盲区；对信访举报反映的问题，有时核查不深入，以“查无实据”了结。今后要加大对基层所的巡查力度，每半年对各所开展一次专项检查，对问题线索一查到底。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "方红梅",
                CRITICISM,
                "我给姜局长提一条意见。局长对业务抓得紧，但对党风廉政建设主体责任落实不够到位，局党委研究廉政工作的次数偏少；对中层干部的苗头性问题，有时碍于情面，批评教育不严。建议局长带头签订廉政承诺，定期听取纪委工作汇报。",
                target="姜振国",
            ),
            SpeechSpec(
                2,
                "姜振国",
                CRITICISM,
                "立军同志分管审批，工作量很大，我提一点意见：对窗口作风问题，群众投诉了几次，你都只是内部批评了事，没有严肃处理，导致问题反复；对自己接受宴请的问题，今天能主动讲出来，这很好，但要真正吸取教训，举一反三。",
                target="范立军",
            ),
            SpeechSpec(
                2,
                "范立军",
                SELF_CRITICISM,
                "诚恳接受批评。接受服务对象宴请的问题，暴露出我在严以律己上放松了要求，把“小节”不当回事。我会向局党委作出书面检查，并在分管科室开展一次警示教育，把问题讲透，把规矩立起来。",
            ),
            SpeechSpec(
                3,
                "姜振国",
                SUMMARY,
                "今天的研讨，大家开门见山，触及了思想、触及了问题。会后，一是局党委班子成员如实报告亲属从事与国土资源相关经营活动的情况，10月底前完成；二是开展基层国土所执法专项检查，对“以罚代管”问题坚决纠正；三是压缩用地审批时限，窗口作风问题纳入绩效考核。整改进展每月在局党委会上通报。",
            ),
        ),
        findings=(
            FindingSpec(
                "姜振国",
                "廉洁自律，管好亲属和身边工作人员",
                "对亲属从事与土地相关经营活动的情况掌握不全，没有定期过问。",
                "对“管好亲属和身边工作人员”的要求重视不够，认为亲属的经营活动与本人无关。",
                "2015年10月底前班子成员如实报告亲属从事与国土资源相关经营活动的情况，此后每年更新一次，由局纪委存档备查。",
            ),
            FindingSpec(
                "范立军",
                "落实中央八项规定精神，持续纠正“四风”",
                "接受服务对象宴请；对窗口作风问题处理失之于宽，问题反复出现。",
                "把“小节”不当回事，对中央八项规定精神的严肃性认识不足。",
                "向局党委作出书面检查；在分管科室开展警示教育；窗口作风问题纳入绩效考核，群众投诉一律书面回复。",
            ),
            FindingSpec(
                None,
                "按规则按制度行使权力，自觉接受监督",
                "用地审批环节多、时限长，存在“中梗阻”；个别基层国土所执法“以罚代管”。",
                "权力运行流程不够公开透明，对基层所的监督存在盲区。",
                "2015年12月底前公布压缩后的用地审批流程和时限；局纪委每半年对各国土所开展一次执法专项检查。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-gt-hp",
        kind=StudySessionKind.theme_party_day,
        title="主题党日：走进田间地头，严以用权守护耕地红线",
        starts_at=datetime(2015, 10, 15, 8, 30),
        minutes=210,
        place="和平国土资源所会议室、东岭村基本农田保护区",
        chair="邹建军",
        recorder="陆燕",
        campaign=SANYAN,
        theme="严以用权",
        topics=(
            TopicSpec(
                "按规则按制度行使执法权，自觉接受群众监督",
                "按规则按制度行使权力，自觉接受监督",
                "全所开展执法案卷自查，严格执行执法案件集体研究制度。",
            ),
            TopicSpec("执法监察中如何做到用权为民", "坚持用权为民，树立正确政绩观"),
        ),
        outlines=(
            OutlineSpec(
                "邹建军",
                3,
                "一、主题党日安排：现场察看基本农田保护区，重温入党誓词，开展研讨。二、对照检查：所内执法监察存在“以罚代管”问题，对违法用地制止不及时。三、整改打算：建立巡查台账，执法全过程记录。",
            ),
            OutlineSpec(
                "熊伟",
                2,
                "对照严以用权要求，查找自己在土地执法中存在的选择性执法、对熟人违法用地处理偏软的问题。",
            ),
            OutlineSpec(
                "金晓峰",
                1,
                "对照严以用权，查找动态巡查不到位、巡查记录事后补写、发现问题报告不及时的问题。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "邹建军",
                KEY,
                "今天的主题党日，我们先到东岭村基本农田保护区现场察看，又一起重温了入党誓词。国土所是基层执法单位，权力虽小，但直接关系群众切身利益。对照严以用权，我所存在“以罚代管”的问题，对违法用地罚款了事，没有坚决拆除恢复；对违法苗头制止不及时，等形成事实再处理。作为所长和支部书记，我负主要责任。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "熊伟",
                KEY,
                "我分管执法监察。对照严以用权，我存在选择性执法的问题，对熟人或者有关系的违法用地，处理偏软、拖着不办，群众看在眼里，影响了执法公信力。这说明我在用权为民上思想不纯，必须彻底改正。今后所有执法案件一律集体研究、全程记录、结果公开。",
                topic=2,
            ),
            SpeechSpec(
                1,
                "金晓峰",
                KEY,
                "我是一线执法监察员。对照检查，我在动态巡查中存在走马观花的现象，有的巡查记录是事后补的；发现违法用地苗头后，报告不及时，错过了最佳制止时机。今后要按照网格化巡查要求，做到每周巡查全覆盖，发现问题当天报告。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "陆燕",
                KEY,
                "我负责所里的内勤和档案。对照严以用权，我存在执法案卷整理不规范、对外公开信息不及时的问题，群众来查询时有时找不到材料。今后要规范案卷管理，按时在村务公开栏公布执法结果，主动接受群众监督。",
                topic=2,
            ),
            SpeechSpec(
                2,
                "熊伟",
                CRITICISM,
                "给邹所长提个意见：所长对外协调多，所内管理抓得不够细，执法案件的集体研究制度执行得不严，有时所长一个人拍板定案；对我们执法中的问题，批评不够及时。建议所长把制度立起来、严起来，也是对大家的保护。",
                target="邹建军",
                topic=1,
            ),
            SpeechSpec(
                2,
                "邹建军",
                CRITICISM,
                "晓峰同志工作辛苦，但我要提一点意见：巡查记录事后补写，这是原则问题，不是小事。执法记录是法律文书，一旦出问题，所里和你个人都要承担责任。希望你严格按规定执法，做到规范、如实。",
                target="金晓峰",
                topic=1,
            ),
            SpeechSpec(
                2,
                "金晓峰",
                SELF_CRITICISM,
                "接受所长的批评。巡查记录补写的问题，主要是我嫌麻烦、图省事，对执法规范的严肃性认识不足。我保证今后巡查记录当天填写、当天上传，发现问题当天报告，请所里和群众监督。",
            ),
            SpeechSpec(
                3,
                "邹建军",
                SUMMARY,
                "今天的主题党日，现场看、对照查、相互帮，效果较好。会后，一是全所开展执法案卷自查，10月底前完成；二是严格执行执法案件集体研究制度；三是建立网格化巡查台账，每周通报。请陆燕同志把今天查摆的问题整理成清单，报局机关党委。",
            ),
        ),
        findings=(
            FindingSpec(
                None,
                "按规则按制度行使权力，自觉接受监督",
                "执法监察中存在“以罚代管”问题，对违法用地苗头制止不及时。",
                "执法为民意识不强，怕矛盾、图省事，执法案件集体研究制度执行不严。",
                "2015年10月底前完成执法案卷自查；所有执法案件集体研究、全程记录，执法结果在村务公开栏公布。",
            ),
            FindingSpec(
                "熊伟",
                "坚持用权为民，树立正确政绩观",
                "执法中存在选择性执法，对熟人违法用地处理偏软、拖着不办。",
                "",
                "所有执法案件一律集体研究、全程记录、结果公开；2015年11月底前对近三年执法案件开展一次回头看。",
            ),
            FindingSpec(
                "金晓峰",
                "按规则按制度行使权力，自觉接受监督",
                "动态巡查走马观花，个别巡查记录事后补写，发现问题报告不及时。",
                "图省事，对执法规范的严肃性认识不足。",
                "实行网格化巡查，巡查记录当天填写、当天上传，每周在所务会上通报巡查台账。",
            ),
        ),
    ),
    SessionSpec(
        organization="cx-hp-dl",
        kind=StudySessionKind.org_life_meeting,
        title="专题组织生活会：对照“三严三实”开展批评与自我批评",
        fulfils="召开“三严三实”专题组织生活会，开展民主评议党员",
        starts_at=datetime(2015, 10, 22, 19, 0),
        minutes=150,
        place="东岭村党员活动室",
        chair="韩明华",
        recorder="曹丽娟",
        campaign=SANYAN,
        theme="严以用权",
        topics=(
            TopicSpec(
                "村务公开和村级工程建设中如何做到用权为民",
                "坚持用权为民，树立正确政绩观",
                "村级工程一律按“五议两公开”程序办理，五万元以上的一律公开招标；村务、财务每月公开一次。",
            ),
        ),
        outlines=(
            OutlineSpec(
                "韩明华",
                4,
                "一、对照检查：村级工程建设中存在程序不规范、村务公开不及时的问题；“一肩挑”后对自身权力监督不够。二、原因：规矩意识不强，有时图省事。三、整改：严格执行村级小微权力清单，村级工程一律公开招标。",
            ),
            OutlineSpec(
                "曹丽娟",
                2,
                "对照检查：作为村文书，村务公开栏更新不及时，财务公开明细不够细；党员大会记录有时会后补写。",
            ),
            OutlineSpec(
                "邓永福",
                2,
                "作为老党员，对照“三严三实”要求，查找自己发挥作用不够，对村里的事有意见当面不说、背后议论的问题。",
            ),
            OutlineSpec(
                "许国平",
                1,
                "对照检查：忙于农场经营，参加组织生活不够积极，带动周边群众增收不够。",
            ),
        ),
        speeches=(
            SpeechSpec(
                1,
                "韩明华",
                KEY,
                "今天召开专题组织生活会，我先对照“三严三实”要求作检查。我是村党支部书记兼村委会主任，“一肩挑”以后权力更集中，更要严以用权。对照检查，一是村级道路硬化工程，没有严格按照“五议两公开”程序办理，有的事情班子商量后就定了；二是村务公开不及时，群众对账目有疑问；三是对自己权力的监督，主动接受不够。这些问题根子在于规矩意识不强，图省事。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "曹丽娟",
                KEY,
                "我是村文书，负责村务公开和会议记录。对照检查，村务公开栏有时两三个月才更新一次，财务公开只公布大项，明细不够细，群众看不明白；党员大会的记录有时会后补写。这些都不符合“严”和“实”的要求，我要负直接责任。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "邓永福",
                KEY,
                "我是老党员，退休前当了三十多年教师。对照“三严三实”，我的问题是发挥作用不够，对村里的一些事情有看法，但当面不说，回家和邻居议论，这不符合党员的要求。今天借这个机会，把意见当面讲出来，也请大家帮我指出问题。",
                topic=1,
            ),
            SpeechSpec(
                1,
                "许国平",
                KEY,
                "我是一名家庭农场主，也是党员。对照检查，我的问题是忙于农场经营，参加组织生活不够积极，有两次支部活动请假；带动周边群众增收致富做得不够，党员的示范作用发挥不好。今后要带头参加组织生活，带动五户以上农户发展特色种植。",
                topic=1,
            ),
            SpeechSpec(
                2,
                "邓永福",
                CRITICISM,
                "我给韩书记提一条意见。村道硬化工程，施工队是怎么定的，很多党员群众不清楚，私下有议论。书记为村里办了不少实事，但程序上要更严一些，该上党员大会的要上，该公开的要公开，这样大家才放心，也是对书记自己的保护。",
                target="韩明华",
                topic=1,
            ),
            SpeechSpec(
                2,
                "韩明华",
                CRITICISM,
                "丽娟同志工作很辛苦，村里大小事都要经手，我提一点意见：村务公开栏更新不及时、会议记录补写，这些虽然是具体工作，但影响的是村党支部的公信力。希望今后按月公开，会议记录当场记、当场签。",
                target="曹丽娟",
                topic=1,
            ),
            SpeechSpec(
                2,
                "许国平",
                SELF_CRITICISM,
                "我作个自我批评：这一年我把主要精力放在农场上，支部安排的帮扶困难户任务，我只去过一次，没有真正放在心上。作为党员，先富要带后富，今后我每月至少走访一次结对户，帮他们解决实际困难。",
            ),
            SpeechSpec(
                3,
                "韩明华",
                RESPONSE,
                "感谢邓老师的批评，批评得很中肯。我表个态：一是村道硬化工程的施工队确定过程和资金使用情况，下周在党员大会上作专门说明并张榜公布；二是今后村级工程一律按“五议两公开”程序办理，五万元以上的一律公开招标；三是村务、财务每月公开一次。",
            ),
            SpeechSpec(
                3,
                "韩明华",
                SUMMARY,
                "今天的组织生活会，大家敞开思想，批评与自我批评开展得比较好。会后，支部按照民主评议党员的要求，组织党员进行测评；把今天查摆的问题列入整改清单，明确责任人和完成时限，在村务公开栏公示，接受群众监督。",
            ),
        ),
        findings=(
            FindingSpec(
                "韩明华",
                "坚持用权为民，树立正确政绩观",
                "村道硬化工程未严格执行“五议两公开”程序，施工队确定过程不公开。",
                "“一肩挑”后规矩意识不强，图省事，主动接受党员群众监督不够。",
                "2015年10月底前在党员大会上说明村道硬化工程施工队确定过程和资金使用情况并张榜公布；今后五万元以上村级工程一律公开招标。",
            ),
            FindingSpec(
                "曹丽娟",
                "按规则按制度行使权力，自觉接受监督",
                "村务公开栏更新不及时，财务公开不够细；党员大会记录会后补写。",
                "对村务公开和组织生活记录的严肃性认识不足。",
                "村务、财务每月5日前公开，财务公开到明细；会议记录当场记录、当场签字。",
            ),
            FindingSpec(
                "许国平",
                "敢于担当、干事创业，解决“为官不为”问题",
                "参加组织生活不积极，带动群众增收作用发挥不够。",
                "忙于个人经营，党员意识淡化。",
                "每月至少走访一次结对困难户，2016年带动五户以上农户发展特色种植。",
            ),
        ),
    ),
    # Planned: the year-end democratic life meeting and the third theme's seminar of a branch.
    SessionSpec(
        organization="cx-gt-jg",
        kind=StudySessionKind.special_seminar,
        title="机关党支部“严以用权”专题研讨",
        starts_at=datetime(2015, 11, 26, 14, 30),
        minutes=150,
        place="县国土资源局三楼会议室",
        chair="石磊",
        recorder="廖晓",
        campaign=SANYAN,
        theme="严以用权",
        held=False,
    ),
    SessionSpec(
        organization="cx",
        kind=StudySessionKind.democratic_life_meeting,
        title="县委常委班子“三严三实”专题民主生活会",
        fulfils="召开“三严三实”专题民主生活会",
        starts_at=datetime(2015, 12, 28, 8, 30),
        minutes=480,
        place=COUNTY_HALL,
        chair="周立新",
        recorder="黄晓明",
        campaign=SANYAN,
        held=False,
        guests=("郑卫东",),
        observers=("黄晓明",),
    ),
)


class LedgerSpec(NamedTuple):
    """An item of 东岭村's ledger from the opinions solicited before its 组织生活会, with its progress."""

    problem: str
    measure: str
    responsible: str
    leader: str
    due_on: date
    progress: tuple[tuple[str, str, int], ...] = ()  # (month, text, percent)
    result: str = ""  # closed (销号) by the town's administrator with this result


LEDGER_OPENED = datetime(
    2015, 10, 12, 9, 0
)  # opinions solicited before the 组织生活会 of 2015-10-22
LEDGER = (
    LedgerSpec(
        "村务公开栏有时两三个月才更新一次，财务公开只公布大项，群众看不明白。",
        "每月10日前更新村务公开栏；财务收支逐笔公开，重大开支附说明；设意见箱，每月开箱。",
        "曹丽娟",
        "韩明华",
        date(2015, 12, 31),
        (
            ("2015-10", "已公开9月份全部收支明细，设立意见箱。", 40),
            ("2015-11", "10月份收支按时公开；意见箱收到意见3条，均已答复。", 70),
        ),
    ),
    LedgerSpec(
        "村级道路硬化工程没有严格按照“五议两公开”程序办理，有的事情班子商量后就定了。",
        "今后村级工程一律按“五议两公开”程序办理；对已完工程补开党员大会和村民代表会议说明情况。",
        "韩明华",
        "胡振华",
        date(2015, 11, 30),
        (("2015-11", "已召开村民代表会议说明道路工程情况，补充公开工程结算。", 60),),
    ),
    LedgerSpec(
        "党员活动室平时锁着，利用率不高，老党员反映学习没有地方。",
        "党员活动室每周二、五下午开放，安排专人管理，订阅党报党刊。",
        "邓永福",
        "韩明华",
        date(2015, 10, 31),
        (("2015-10", "活动室已按时开放，订阅《浙江共产党员》。", 100),),
        "活动室每周开放两次，十月份接待党员学习42人次。",
    ),
)


# Loading -----------------------------------------------------------------------------------------


# One account per persona; README lists them. Demo passwords are for trying the product only.
DEMO_PASSWORD = "yantao-demo-2015"
DEMO_ACCOUNTS: tuple[tuple[str, Role, str, bool, str | None], ...] = (
    ("admin", Role.admin, "cx", True, None),  # the county's administrator: the whole tree
    (
        "inspector",
        Role.inspector,
        "cx",
        True,
        "王海涛",
    ),  # 组织部 督查员: the county as jurisdiction
    ("secretary", Role.secretary, "cx-hp-dl", False, "韩明华"),  # 东岭村党支部书记
    ("viewer", Role.viewer, "cx-hp", True, "胡振华"),  # 镇党委书记 reading finalized minutes
)


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo created."""

    organizations: int
    people: int
    campaigns: int
    study_sessions: int
    contributions: int
    findings: int
    finalized: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} organizations, {self.people} people, "
            f"{self.campaigns} campaigns, {self.study_sessions} study sessions "
            f"({self.finalized} finalized), {self.contributions} contributions, "
            f"{self.findings} findings"
        )


@dataclass
class _Loaded:
    """Records created so far, found by the names the data above uses for them."""

    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    themes: dict[tuple[str, str], CampaignTheme] = field(default_factory=dict)
    aspects: dict[str, ThemeAspect] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)  # title → id
    study_sessions: int = 0
    contributions: int = 0
    findings: int = 0

    def organization_id(self, code: str) -> int:
        return _id(self.organizations[code].id)

    def person_id(self, name: str) -> int:
        return _id(self.people[name].id)

    def aspect_id(self, title: str | None) -> int | None:
        return None if title is None else _id(self.aspects[title].id)


def _id(value: int | None) -> int:
    assert value is not None, "flushed records have ids"
    return value


def is_empty(db: Session) -> bool:
    """Whether the database has no organization yet (the demo loads only into such a database)."""
    return db.exec(select(Organization.id).limit(1)).first() is None


def load_demo(db: Session, settings: Settings) -> DemoSummary:
    """Create the demo county, its people, campaigns and minutes; flush only, the caller commits.

    Some sessions are finalized, which prints and stores their PDF (``settings`` names the fonts)."""
    if not is_empty(db):
        raise Conflict(
            mark("The demo loads only into an empty database."), code="database_not_empty"
        )
    scope = Scope.everything()
    loaded = _Loaded()
    for organization in ORGANIZATIONS:
        _load_organization(db, scope, loaded, organization)
    for person in PEOPLE:
        _load_person(db, scope, loaded, person)
    for campaign in CAMPAIGNS:
        _load_campaign(db, scope, loaded, campaign)
    for spec in SESSIONS:
        study_session = _load_study_session(db, scope, loaded, spec)
        if spec.finalized:
            lifecycle.finalize(db, settings, study_session, account_id=None)
            # As if finalized a few days after the meeting, back then: the ledger's dates follow.
            for item in db.exec(
                select(RectificationItem)
                .join(Finding)
                .where(Finding.study_session_id == study_session.id)
            ).all():
                item.created_at = local_to_utc(spec.starts_at + timedelta(days=3))
    accounts = {
        login: create_account(
            db,
            login=login,
            password=DEMO_PASSWORD,
            role=role,
            organization_id=loaded.organization_id(code),
            include_subtree=subtree,
            person_id=loaded.person_id(person_name) if person_name else None,
        )
        for login, role, code, subtree, person_name in DEMO_ACCOUNTS
    }
    for ledger_spec in LEDGER:
        _load_ledger_item(
            db, loaded, ledger_spec, reporter=accounts["secretary"], reviewer=accounts["admin"]
        )
    _load_inspection(db, loaded, accounts["inspector"])
    return DemoSummary(
        organizations=len(loaded.organizations),
        people=len(loaded.people),
        campaigns=len(loaded.campaigns),
        study_sessions=loaded.study_sessions,
        contributions=loaded.contributions,
        findings=loaded.findings,
        finalized=sum(spec.finalized for spec in SESSIONS),
    )


def _session_id(db: Session, title: str) -> int:
    return _id(db.exec(select(StudySession.id).where(StudySession.title == title)).one())


def _load_inspection(db: Session, loaded: _Loaded, inspector: Account) -> None:
    """The organization department's autumn 2015 inspection: a risk-weighted draw of the summer and
    autumn meetings (its checks still to be carried out), a records review that sent 东岭村's
    organizational life meeting back for a make-up, with ordered rectification and a reminder talk
    with the branch secretary, and an on-site check of 南庄村 that passed."""
    scope = Scope.everything()
    county = loaded.organization_id("cx")
    draw = sampling.create_draw(
        db,
        scope,
        inspector,
        DrawCreate(
            organization_id=county,
            starts_from=date(2015, 7, 1),
            starts_until=date(2015, 10, 31),
            statuses=[StudySessionStatus.held, StudySessionStatus.finalized],
            sample_size=3,
            weighting=Weighting.risk_weighted,
            seed="2015-11-督查",
        ),
    )
    draw.drawn_at = local_to_utc(datetime(2015, 11, 2, 9, 0))
    dongling = _session_id(db, "专题组织生活会：对照“三严三实”开展批评与自我批评")
    meeting = study_session_service.get_study_session(db, scope, dongling)
    suggested = {
        s.code: s.score
        for s in spot_check_service.suggested_scores(db, meeting)
        if s.score is not None
    }
    check = spot_check_service.create_spot_check(
        db,
        scope,
        inspector,
        SpotCheckCreate(
            study_session_id=dongling,
            checked_on=date(2015, 11, 5),
            method=CheckMethod.records_review,
            scores=suggested | {"preparation": 50, "criticism_names": 40, "attendance": 90},
            override_reasons={
                "criticism_names": "批评多是“希望”“建议”，点人点事的只有一条，辣味不足"
            },
            notes="发言提纲会前未交齐；相互批评避重就轻，“一团和气”。请于十一月底前补课，"
            "书记带头重写对照检查材料。",
            verdict=Verdict.make_up,
        ),
    )
    spot_check_service.order_rectification(
        db,
        scope,
        inspector,
        _id(check.id),
        OrderedRectification(
            problem="专题组织生活会批评和自我批评不够深入，提纲会前未交齐。",
            measure="十一月底前召开补课会议，书记带头重写对照检查材料，逐一开展相互批评。",
            responsible_leader_id=loaded.person_id("韩明华"),
            due_on=date(2015, 11, 30),
        ),
    )
    spot_check_service.record_admonition(
        db,
        scope,
        inspector,
        loaded.organization_id("cx-hp-dl"),
        AdmonitionCreate(
            person_id=loaded.person_id("韩明华"),
            level=AdmonitionLevel.reminder,
            talked_on=date(2015, 11, 6),
            held_by="县委组织部副部长 王海涛",
            notes="指出组织生活会准备不足、批评辣味不足，要求书记履行第一责任人职责，按时补课。",
            spot_check_id=check.id,
        ),
    )
    nanzhuang = _session_id(db, "支部党员大会：学习“三严三实”有关精神")
    spot_check_service.create_spot_check(
        db,
        scope,
        inspector,
        SpotCheckCreate(
            study_session_id=nanzhuang,
            checked_on=date(2015, 11, 12),
            method=CheckMethod.on_site_feedback,
            notes="软弱涣散村整顿有起色，党员大会按时召开，记录完整。",
            verdict=Verdict.passed,
        ),
    )


def _load_ledger_item(
    db: Session, loaded: _Loaded, spec: LedgerSpec, *, reporter: Account, reviewer: Account
) -> None:
    item = rectification_service.create_item(
        db,
        Scope.everything(),
        ItemCreate(
            organization_id=loaded.organization_id("cx-hp-dl"),
            source=ItemSource.solicited_opinion,
            problem=spec.problem,
            measure=spec.measure,
            responsible_person_id=loaded.person_id(spec.responsible),
            responsible_leader_id=loaded.person_id(spec.leader),
            due_on=spec.due_on,
        ),
    )
    for month, text, percent in spec.progress:
        entry = rectification_service.add_progress(
            db, item, ProgressCreate(month=month, text=text, percent=percent), reporter
        )
        entry.created_at = local_to_utc(datetime.fromisoformat(f"{month}-25T17:00"))
    if spec.result:
        rectification_service.close_item(db, item, ItemClose(result=spec.result), reviewer)
        item.closed_at = local_to_utc(datetime(2015, 10, 30, 16, 0))
    item.created_at = local_to_utc(LEDGER_OPENED)  # after the services' last re-read of the row
    db.flush()


def _load_organization(db: Session, scope: Scope, loaded: _Loaded, spec: OrganizationSpec) -> None:
    parent_id = loaded.organization_id(spec.parent) if spec.parent else None
    loaded.organizations[spec.code] = organization_service.create_organization(
        db,
        scope,
        OrganizationCreate(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            parent_id=parent_id,
            is_key_unit=spec.is_key_unit,
            is_power_department=spec.is_power_department,
            is_weak_unit=spec.is_weak_unit,
        ),
    )


def _load_person(db: Session, scope: Scope, loaded: _Loaded, spec: PersonSpec) -> None:
    loaded.people[spec.name] = people_service.create_person(
        db,
        scope,
        PersonCreate(
            organization_id=loaded.organization_id(spec.organization),
            name=spec.name,
            post=spec.post,
            committee_role=spec.committee_role,
            is_top_leader=spec.is_top_leader,
        ),
    )


def _load_campaign(db: Session, scope: Scope, loaded: _Loaded, spec: CampaignSpec) -> None:
    campaign = campaign_service.create_campaign(
        db,
        scope,
        CampaignCreate(
            name=spec.name,
            description=spec.description,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            launched_by_id=loaded.organization_id(spec.launched_by),
        ),
    )
    loaded.campaigns[spec.name] = campaign
    for theme_spec in spec.themes:
        theme = campaign_service.create_theme(
            db, campaign, ThemeCreate(title=theme_spec.title, description=theme_spec.description)
        )
        loaded.themes[(spec.name, theme_spec.title)] = theme
        for aspect_title in theme_spec.aspects:
            aspect = campaign_service.create_aspect(db, theme, AspectCreate(title=aspect_title))
            loaded.aspects[aspect_title] = aspect
    for action in spec.actions:
        theme_id = _id(loaded.themes[(spec.name, action.theme)].id) if action.theme else None
        organization_id = (
            loaded.organization_id(action.organization) if action.organization else None
        )
        created = campaign_service.create_required_action(
            db,
            scope,
            campaign,
            RequiredActionCreate(
                title=action.title,
                theme_id=theme_id,
                due_date=action.due_date,
                organization_kinds=list(action.organization_kinds),
                organization_id=organization_id,
            ),
        )
        loaded.actions[action.title] = _id(created.id)


def _voting_attendees(spec: SessionSpec) -> list[str]:
    """The organization's members (recorders sitting in excepted) and the voting guests."""
    members = [
        person.name
        for person in PEOPLE
        if person.organization == spec.organization and person.name not in spec.observers
    ]
    return members + list(spec.guests)


def _load_study_session(
    db: Session, scope: Scope, loaded: _Loaded, spec: SessionSpec
) -> StudySession:
    voting = _voting_attendees(spec)
    campaign_id = _id(loaded.campaigns[spec.campaign].id) if spec.campaign else None
    theme_id = (
        _id(loaded.themes[(spec.campaign, spec.theme)].id) if spec.campaign and spec.theme else None
    )
    study_session = study_session_service.create_study_session(
        db,
        scope,
        StudySessionCreate(
            organization_id=loaded.organization_id(spec.organization),
            kind=spec.kind,
            title=spec.title,
            starts_at=spec.starts_at,
            ends_at=spec.starts_at + timedelta(minutes=spec.minutes),
            place=spec.place,
            chair_id=loaded.person_id(spec.chair),
            recorder_id=loaded.person_id(spec.recorder),
            campaign_id=campaign_id,
            theme_id=theme_id,
            required_action_id=loaded.actions[spec.fulfils] if spec.fulfils else None,
            expected_count=len(voting),
        ),
    )
    loaded.study_sessions += 1
    if not spec.held:
        return study_session
    study_session_service.update_study_session(
        db, scope, study_session, StudySessionUpdate(status=StudySessionStatus.held)
    )
    _record_attendance(db, scope, loaded, study_session, spec, voting)
    topic_ids = [
        _id(
            parts_service.create_topic(
                db,
                scope,
                study_session,
                TopicCreate(
                    title=topic.title,
                    aspect_id=loaded.aspect_id(topic.aspect),
                    conclusion=topic.conclusion,
                ),
            ).id
        )
        for topic in spec.topics
    ]
    _record_outlines(db, scope, loaded, study_session, spec)
    for speech in spec.speeches:
        parts_service.create_contribution(
            db,
            scope,
            study_session,
            ContributionCreate(
                speaker_id=loaded.person_id(speech.speaker),
                round=speech.round,
                kind=speech.kind,
                content=speech.content,
                topic_id=topic_ids[speech.topic - 1] if speech.topic else None,
                target_id=loaded.person_id(speech.target) if speech.target else None,
            ),
        )
        loaded.contributions += 1
    for finding in spec.findings:
        parts_service.create_finding(
            db,
            scope,
            study_session,
            FindingCreate(
                description=finding.description,
                person_id=loaded.person_id(finding.person) if finding.person else None,
                aspect_id=loaded.aspect_id(finding.aspect),
                cause=finding.cause,
                measure=finding.measure,
            ),
        )
        loaded.findings += 1
    return study_session


def _record_attendance(
    db: Session,
    scope: Scope,
    loaded: _Loaded,
    study_session: StudySession,
    spec: SessionSpec,
    voting: list[str],
) -> None:
    """Everyone expected, present unless on leave; then the non-voting attendees (列席)."""
    leave = {entry.person: entry for entry in spec.leave}
    for name in voting:
        entry = leave.get(name)
        parts_service.create_attendance(
            db,
            scope,
            study_session,
            AttendanceCreate(
                person_id=loaded.person_id(name),
                status=entry.status if entry else AttendanceStatus.present,
                reason=entry.reason if entry else "",
            ),
        )
    for name in spec.observers:
        parts_service.create_attendance(
            db,
            scope,
            study_session,
            AttendanceCreate(
                person_id=loaded.person_id(name),
                status=AttendanceStatus.present,
                is_non_voting=True,
            ),
        )


def _record_outlines(
    db: Session, scope: Scope, loaded: _Loaded, study_session: StudySession, spec: SessionSpec
) -> None:
    """Outlines handed in at nine on the given day before the meeting, in the order listed."""
    meeting_day = spec.starts_at.date()
    for index, outline in enumerate(spec.outlines):
        submitted_on = meeting_day - timedelta(days=outline.days_before)
        submitted_at = datetime.combine(submitted_on, time(9, 0)) + timedelta(minutes=20 * index)
        parts_service.create_outline(
            db,
            scope,
            study_session,
            SpeechOutlineCreate(
                author_id=loaded.person_id(outline.author),
                body=outline.body,
                submitted_at=submitted_at,
            ),
        )
