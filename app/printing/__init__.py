"""Printed documents: HTML to PDF (PDF/A-3b for filing) in worker processes, with a URL fetcher that
reads nothing but the app's own static files, and the fonts fontconfig gives each style.

Used by the minutes, the monthly report and the circular; it knows none of them.
"""

import warnings

# Our own font check (app.printing.fonts) says what to do; WeasyPrint's import-time warning does not.
warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
