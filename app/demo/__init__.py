"""Realistic Chinese demo data: a county's Party organizations, two campaigns and their minutes.

The data is split by topic (``organizations``, ``campaigns``, the meetings of 2013 and of 2015 by the
county, its bureaus and a town, ``ledger``, ``accounts``), written with keyword specs (``specs``), and
loaded through the services (``loader``).
"""

from app.demo.accounts import DEMO_PASSWORD
from app.demo.loader import DemoSummary, is_empty, load_demo

__all__ = ["DEMO_PASSWORD", "DemoSummary", "is_empty", "load_demo"]
