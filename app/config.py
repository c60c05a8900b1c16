"""Settings read from the environment (prefix ``YANTAO_``), validated at start."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Locale = Literal["zh-CN", "en"]
SUPPORTED_LOCALES: tuple[Locale, ...] = ("zh-CN", "en")

# Placeholder secrets are refused in production; in development a fixed key keeps `make run` one command.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-change-me"


class Settings(BaseSettings):
    """Typed configuration; every field maps to a ``YANTAO_*`` environment variable."""

    model_config = SettingsConfigDict(env_prefix="YANTAO_", env_file=".env", extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    database_url: str = "sqlite:///./var/yantao.db"
    secret_key: str = DEVELOPMENT_SECRET_KEY
    default_locale: Locale = "zh-CN"
    # The language of printed and stored documents (minutes, reports, circulars), whatever the
    # language of the user who prints them.
    document_locale: Locale = "zh-CN"
    # The office's own Word template of the minutes (a .docx with docxtpl tags and its styles); empty:
    # templates/word/minutes.docx.
    word_template_minutes: str = ""
    # The office's own Word template of the reports (monthly report); empty: templates/word/report.docx.
    word_template_report: str = ""
    # The office's own Word template of the circular (通报); empty: templates/word/circular.docx.
    word_template_circular: str = ""
    sqlite_busy_timeout_ms: int = Field(default=30_000, ge=0)
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    pdf_workers: int = Field(default=2, ge=0)
    pdf_timeout_seconds: float = Field(default=120, gt=0)
    # Address space of a PDF rendering process; a document that needs more is refused (503).
    pdf_memory_mb: int = Field(default=2048, ge=256)
    # The fair print queue (app.printing.queue): renderings one account runs at once, and how many
    # more it may have waiting; drafts kept rendered in memory (0: none).
    pdf_renders_per_account: int = Field(default=1, ge=1)
    pdf_queue_per_account: int = Field(default=3, ge=0)
    pdf_cache_mb: int = Field(default=64, ge=0)
    # The largest request body; the biggest is an import file (50,000 people as XLSX are ~2 MB).
    max_request_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    log_level: str = "info"
    # Log lines of ``yantao serve``: one JSON object per line (for a log collector) or readable text.
    log_format: Literal["json", "text"] = "json"
    # The bearer token Prometheus sends to GET /metrics; unset, /metrics does not exist (404).
    metrics_token: str = ""
    # Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated addresses or
    # networks, e.g. "127.0.0.1" behind a local nginx); none by default, so a client cannot make up
    # its own address (login throttling counts failures per address).
    trusted_proxies: str = ""
    session_idle_minutes: int = Field(default=120, ge=1)
    session_lifetime_hours: int = Field(default=12, ge=1)
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    token_days_default: int = Field(default=90, ge=1)
    democratic_life_meeting_quorum: float = Field(default=2 / 3, gt=0, le=1)
    # CSS font stacks of the printed documents: the faces GB/T 9704 names (仿宋 body, 黑体 and 楷体
    # headings) first, so an office's licensed fonts are used where installed, then open fonts.
    pdf_font_serif: str = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
    pdf_font_sans: str = '"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
    pdf_font_kai: str = '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC", serif'

    @field_validator("pdf_font_serif", "pdf_font_sans", "pdf_font_kai")
    @classmethod
    def _font_stack_is_a_family_list(cls, value: str) -> str:
        # The value goes into the print CSS: a list of family names, nothing that could end the rule.
        if not value.strip() or any(character in value for character in ";{}<>\\\n"):
            raise ValueError(
                'a CSS font-family list, e.g. "仿宋_GB2312", "Noto Serif CJK SC", serif'
            )
        return value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token_is_long_enough(cls, value: str) -> str:
        if value and len(value) < 16:
            raise ValueError("YANTAO_METRICS_TOKEN must be at least 16 characters (or unset)")
        return value

    @field_validator("secret_key")
    @classmethod
    def _secret_key_is_long_enough(cls, value: str) -> str:
        if len(value) < 16:
            raise ValueError("YANTAO_SECRET_KEY must be at least 16 characters")
        return value

    def model_post_init(self, __context: object) -> None:
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET_KEY:
            raise ValueError("set YANTAO_SECRET_KEY to a random value in production")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
