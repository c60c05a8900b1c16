"""The caller's organization scope, passed to every service query (see app.auth.dependencies)."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement


@dataclass(frozen=True)
class Scope:
    """An organization path prefix (materialized path) or everything."""

    organization_path: str | None
    include_subtree: bool = True
    # Viewers read finalized minutes only.
    finalized_only: bool = False

    @classmethod
    def everything(cls) -> "Scope":
        return cls(organization_path=None)

    @property
    def is_unrestricted(self) -> bool:
        return self.organization_path is None

    def covers(self, path: str) -> bool:
        """Whether an organization with materialized path ``path`` is inside this scope."""
        if self.organization_path is None:
            return True
        if self.include_subtree:
            return path.startswith(self.organization_path)
        return path == self.organization_path


def in_scope(path_column: Any, scope: Scope) -> ColumnElement[bool]:
    """SQL condition: the organization whose path is ``path_column`` lies in ``scope``."""
    if scope.organization_path is None:
        return sa.true()
    if scope.include_subtree:
        return path_column.startswith(scope.organization_path, autoescape=True)  # type: ignore[no-any-return]
    return path_column == scope.organization_path  # type: ignore[no-any-return]
