"""Log lines as JSON objects (or readable text), each request's lines carrying its request id.

structlog's ``ProcessorFormatter`` sits on the standard library's logging, so every logger — ours,
uvicorn's, WeasyPrint's — comes out in one format without changing how anything logs. The request id
is bound in a context variable by ``RequestMiddleware`` (app.operations.middleware) and merged into
every line written while the request runs; fields passed as ``extra=`` become keys of the line.
"""

import json
import logging
from typing import Any

import structlog

ACCESS_LOGGER = "yantao.access"

_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.ExtraAdder(),
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
]


def _json(value: Any, **options: Any) -> str:
    # Chinese stays readable in the line (a collector reads UTF-8).
    return json.dumps(value, ensure_ascii=False, **options)


def formatter(log_format: str = "json") -> logging.Formatter:
    """The formatter of every handler: ``json`` (one object per line) or ``text``."""
    renderer: Any
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer(serializer=_json)
        tracebacks: Any = structlog.processors.dict_tracebacks
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
        tracebacks = structlog.processors.format_exc_info
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_SHARED,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            tracebacks,
            renderer,
        ],
    )


def uvicorn_config(log_format: str, level: str) -> dict[str, Any]:
    """The ``log_config`` of ``yantao serve``: one handler on the root logger, uvicorn's loggers sent
    to it, uvicorn's own access lines off (RequestMiddleware writes a line per request instead)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"yantao": {"()": "app.operations.logs.formatter", "log_format": log_format}},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "yantao",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["default"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},
        },
    }
