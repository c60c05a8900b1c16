"""One account per persona; README lists them. Demo passwords are for trying the product only."""

from app.access import Role
from app.demo.specs import AccountSpec

# One account per persona; README lists them. Demo passwords are for trying the product only.
DEMO_PASSWORD = "yantao-demo-2015"
DEMO_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        login="admin", role=Role.admin, organization="cx", subtree=True, person=None
    ),  # the county's administrator: the whole tree
    AccountSpec(
        login="inspector", role=Role.inspector, organization="cx", subtree=True, person="王海涛"
    ),  # 组织部 督查员: the county as jurisdiction
    AccountSpec(
        login="secretary",
        role=Role.secretary,
        organization="cx-hp-dl",
        subtree=False,
        person="韩明华",
    ),  # 东岭村党支部书记
    AccountSpec(
        login="viewer", role=Role.viewer, organization="cx-hp", subtree=True, person="胡振华"
    ),  # 镇党委书记 reading finalized minutes
)
