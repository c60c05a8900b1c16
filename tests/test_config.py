import pytest
from pydantic import ValidationError

from app.config import PROJECT_ROOT, Settings


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`YANTAO_{name.upper()}`" in readme, name


def test_production_refuses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YANTAO_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="YANTAO_SECRET_KEY"):
        Settings(environment="production")


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 16"):
        Settings(secret_key="short")
