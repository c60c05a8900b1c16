"""The printed reports (the ledger's monthly report, the inspectors' circular) share one A4 stylesheet."""

from typing import Any

from app.config import PROJECT_ROOT, Settings
from app.printing.pdf import print_template

REPORT_CSS = PROJECT_ROOT / "templates" / "reports" / "pdf" / "report.css"


def print_report(template: str, settings: Settings, **context: Any) -> bytes:
    """An A4 report in the minutes' fonts, as PDF."""
    return print_template(template, REPORT_CSS, settings, **context)
