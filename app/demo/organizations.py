"""The demo county: its Party organizations and their people."""

from app.demo.specs import COMMITTEE, DEPUTY, SECRETARY, OrganizationSpec, PersonSpec
from app.organizations.models import OrganizationKind

ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    OrganizationSpec(code="cx", name="中共长兴县委", kind=OrganizationKind.party_committee),
    OrganizationSpec(
        code="cx-zzb", name="县委组织部", kind=OrganizationKind.organization_department, parent="cx"
    ),
    OrganizationSpec(
        code="cx-zzb-jg", name="县委组织部机关党支部", kind=OrganizationKind.branch, parent="cx-zzb"
    ),
    OrganizationSpec(
        code="cx-hp", name="和平镇党委", kind=OrganizationKind.party_committee, parent="cx"
    ),
    OrganizationSpec(
        code="cx-hp-jg", name="和平镇机关党支部", kind=OrganizationKind.branch, parent="cx-hp"
    ),
    OrganizationSpec(
        code="cx-hp-nz",
        name="和平镇南庄村党支部",
        kind=OrganizationKind.branch,
        parent="cx-hp",
        is_weak_unit=True,
    ),
    OrganizationSpec(
        code="cx-hp-dl", name="和平镇东岭村党支部", kind=OrganizationKind.branch, parent="cx-hp"
    ),
    OrganizationSpec(
        code="cx-cz",
        name="县财政局党组",
        kind=OrganizationKind.party_group,
        parent="cx",
        is_power_department=True,
    ),
    OrganizationSpec(
        code="cx-cz-jg",
        name="县财政局机关党支部",
        kind=OrganizationKind.branch,
        parent="cx-cz",
        is_key_unit=True,
    ),
    OrganizationSpec(
        code="cx-gt",
        name="县国土资源局党委",
        kind=OrganizationKind.party_committee,
        parent="cx",
        is_key_unit=True,
        is_power_department=True,
    ),
    OrganizationSpec(
        code="cx-gt-jg", name="县国土资源局机关党支部", kind=OrganizationKind.branch, parent="cx-gt"
    ),
    OrganizationSpec(
        code="cx-gt-hp",
        name="县国土资源局和平国土资源所党支部",
        kind=OrganizationKind.branch,
        parent="cx-gt",
        is_key_unit=True,
    ),
)


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(
        organization="cx",
        name="周立新",
        post="县委书记",
        committee_role=SECRETARY,
        is_top_leader=True,
    ),
    PersonSpec(organization="cx", name="陈国栋", post="县委副书记、县长", committee_role=DEPUTY),
    PersonSpec(
        organization="cx", name="沈建华", post="县委常委、县纪委书记", committee_role=COMMITTEE
    ),
    PersonSpec(
        organization="cx", name="吴晓燕", post="县委常委、宣传部部长", committee_role=COMMITTEE
    ),
    PersonSpec(organization="cx", name="黄晓明", post="县委办公室副主任"),
    PersonSpec(
        organization="cx-zzb",
        name="郑卫东",
        post="县委常委、组织部部长",
        committee_role=SECRETARY,
        is_top_leader=True,
    ),
    PersonSpec(
        organization="cx-zzb", name="钱丽萍", post="组织部常务副部长", committee_role=DEPUTY
    ),
    PersonSpec(organization="cx-zzb", name="孙浩", post="组织部副部长", committee_role=COMMITTEE),
    PersonSpec(
        organization="cx-zzb-jg",
        name="李文静",
        post="组织部办公室主任、机关党支部书记",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-zzb-jg",
        name="王海涛",
        post="干部监督科科长、督查员",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-zzb-jg", name="赵敏", post="干部科副科长"),
    PersonSpec(organization="cx-zzb-jg", name="蒋雨婷", post="组织科科员"),
    PersonSpec(
        organization="cx-hp",
        name="胡振华",
        post="镇党委书记",
        committee_role=SECRETARY,
        is_top_leader=True,
    ),
    PersonSpec(
        organization="cx-hp", name="杨春明", post="镇党委副书记、镇长", committee_role=DEPUTY
    ),
    PersonSpec(
        organization="cx-hp", name="徐建平", post="镇党委委员、纪委书记", committee_role=COMMITTEE
    ),
    PersonSpec(
        organization="cx-hp", name="朱慧芳", post="镇党委委员、组织委员", committee_role=COMMITTEE
    ),
    PersonSpec(
        organization="cx-hp-jg",
        name="马国强",
        post="镇党政办主任、机关党支部书记",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-hp-jg",
        name="何丽",
        post="镇农业服务中心副主任、支部委员",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-hp-jg", name="罗斌", post="镇财政所科员"),
    PersonSpec(
        organization="cx-hp-nz", name="林德福", post="村党支部书记", committee_role=SECRETARY
    ),
    PersonSpec(
        organization="cx-hp-nz",
        name="郭建新",
        post="村党支部副书记、村委会主任",
        committee_role=DEPUTY,
    ),
    PersonSpec(
        organization="cx-hp-nz",
        name="梁秀英",
        post="村党支部委员、妇女主任",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-hp-nz", name="宋长根", post="村民小组长"),
    PersonSpec(organization="cx-hp-nz", name="唐小军", post="外出务工党员"),
    PersonSpec(
        organization="cx-hp-dl",
        name="韩明华",
        post="村党支部书记、村委会主任",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-hp-dl",
        name="曹丽娟",
        post="村党支部委员、村文书",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-hp-dl", name="邓永福", post="退休教师"),
    PersonSpec(organization="cx-hp-dl", name="许国平", post="家庭农场主"),
    PersonSpec(
        organization="cx-cz",
        name="彭志刚",
        post="县财政局党组书记、局长",
        committee_role=SECRETARY,
        is_top_leader=True,
    ),
    PersonSpec(
        organization="cx-cz",
        name="曾庆云",
        post="县财政局党组成员、副局长",
        committee_role=COMMITTEE,
    ),
    PersonSpec(
        organization="cx-cz", name="谢婷", post="县财政局党组成员、副局长", committee_role=COMMITTEE
    ),
    PersonSpec(
        organization="cx-cz-jg",
        name="董海燕",
        post="局办公室主任、机关党支部书记",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-cz-jg", name="袁俊", post="预算科科长、支部委员", committee_role=COMMITTEE
    ),
    PersonSpec(organization="cx-cz-jg", name="于洋", post="国库集中支付中心主任"),
    PersonSpec(organization="cx-cz-jg", name="蔡文博", post="预算科科员"),
    PersonSpec(
        organization="cx-gt",
        name="姜振国",
        post="县国土资源局党委书记、局长",
        committee_role=SECRETARY,
        is_top_leader=True,
    ),
    PersonSpec(
        organization="cx-gt",
        name="范立军",
        post="县国土资源局党委副书记、副局长",
        committee_role=DEPUTY,
    ),
    PersonSpec(
        organization="cx-gt",
        name="方红梅",
        post="县国土资源局党委委员、纪委书记",
        committee_role=COMMITTEE,
    ),
    PersonSpec(
        organization="cx-gt-jg",
        name="石磊",
        post="局办公室主任、机关党支部书记",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-gt-jg",
        name="姚丽",
        post="耕地保护科科长、支部委员",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-gt-jg", name="廖晓", post="规划科科员"),
    PersonSpec(
        organization="cx-gt-hp",
        name="邹建军",
        post="和平国土资源所所长、党支部书记",
        committee_role=SECRETARY,
    ),
    PersonSpec(
        organization="cx-gt-hp",
        name="熊伟",
        post="和平国土资源所副所长、支部委员",
        committee_role=COMMITTEE,
    ),
    PersonSpec(organization="cx-gt-hp", name="金晓峰", post="土地执法监察员"),
    PersonSpec(organization="cx-gt-hp", name="陆燕", post="所内勤、档案管理员"),
)
