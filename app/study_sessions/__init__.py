"""Study sessions (学习研讨) and their minutes; importing the package installs the session hook that
keeps the minutes' search index current (``search_index``)."""

from app.study_sessions import search_index as _search_index  # noqa: F401
