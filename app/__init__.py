"""Yantao (研讨): study and discussion meetings of Party organizations."""

from sqlmodel import SQLModel

# Constraint names are fixed when a table class is defined, so the convention must be in place before
# any domain's models module is imported; the package's own init is the one place that always runs first.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
