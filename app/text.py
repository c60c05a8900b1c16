"""Text field rules shared by the API schemas."""

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError


def _not_blank(value: str) -> str:
    # Only checked, never stripped: Chinese paragraphs begin with full-width spaces that must survive.
    if not value.strip():
        raise PydanticCustomError("blank", "This field cannot be empty.")
    return value


NotBlank = AfterValidator(_not_blank)
