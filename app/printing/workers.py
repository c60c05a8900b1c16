"""PDF rendering in worker processes, so that one PDF never holds up the API.

WeasyPrint is pure Python: a 20-page PDF keeps one core busy for most of a second, and inside the web
process it would hold the interpreter lock all that time, so every other request of that process would
wait behind it. The web app therefore hands each rendering to a small pool of separate processes
(``YANTAO_PDF_WORKERS``, 2 by default; 0 renders in the calling thread). The request's thread waits
for the result without holding the lock. A rendering that takes longer than
``YANTAO_PDF_TIMEOUT_SECONDS`` is given up: its processes are stopped (the pool starts afresh on the
next rendering) and the caller gets :class:`RenderingTimedOut`, a 503 with a readable message. Each
process may use at most ``YANTAO_PDF_MEMORY_MB`` of address space: a document that needs more fails in
its own process (:class:`RenderingTooLarge`, 503), never the web server's memory.

Commands that render many PDFs (``yantao export minutes --jobs N``) run their own processes and render
in them directly.
"""

import resource
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import TypeVar

from app.config import Settings
from app.errors import DomainError
from app.i18n import mark
from app.printing import queue

Result = TypeVar("Result")

_pool: ProcessPoolExecutor | None = None
_pool_shape: tuple[int, int] = (0, 0)  # (processes, memory limit in MB)
_lock = threading.Lock()


class RenderingTimedOut(DomainError):
    status_code = 503
    code = "pdf_timeout"


class RenderingFailed(DomainError):
    status_code = 503
    code = "pdf_worker_failed"


class RenderingTooLarge(DomainError):
    status_code = 503
    code = "pdf_too_large"


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (a rendering process's initializer)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 1024 * 1024
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )


def _get_pool(size: int, memory_mb: int) -> ProcessPoolExecutor:
    global _pool, _pool_shape
    with _lock:
        if _pool is None or _pool_shape != (size, memory_mb):
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            # "spawn": a fresh interpreter, never a fork of a process that has threads and sockets.
            _pool = ProcessPoolExecutor(
                max_workers=size,
                mp_context=get_context("spawn"),
                initializer=limit_memory,
                initargs=(memory_mb,),
            )
            _pool_shape = (size, memory_mb)
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool``'s processes (a rendering that ran too long is still working) and forget it."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    # The executor has no public way to stop a busy worker before Python 3.14.
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def limits(settings: Settings) -> queue.Limits:
    return queue.Limits(
        processes=max(settings.pdf_workers, 1),
        per_owner=settings.pdf_renders_per_account,
        waiting_per_owner=settings.pdf_queue_per_account,
        wait_seconds=settings.pdf_timeout_seconds,
    )


def run(
    settings: Settings, function: Callable[..., Result], *arguments: object, size: int = 0
) -> Result:
    """``function(*arguments)`` in a rendering process (see the module docstring), when the print
    queue (app.printing.queue) gives this document of ``size`` characters its turn.

    ``function`` must be a module-level function and ``arguments`` picklable.
    """
    with queue.QUEUE.slot(queue.requester.get(), size, limits(settings)):
        return _run(settings, function, *arguments)


def _run(settings: Settings, function: Callable[..., Result], *arguments: object) -> Result:
    if settings.pdf_workers == 0:
        return function(*arguments)
    pool = _get_pool(settings.pdf_workers, settings.pdf_memory_mb)
    try:
        future = pool.submit(function, *arguments)
        return future.result(timeout=settings.pdf_timeout_seconds)
    except MemoryError:
        # The process that ran out is left in an unknown state: start afresh.
        _discard(pool)
        raise RenderingTooLarge(
            mark("This document needs more memory to print than the server allows.")
        ) from None
    except FutureTimeout:
        _discard(pool)
        raise RenderingTimedOut(
            mark("Printing took too long and was stopped. Please try again later.")
        ) from None
    except BrokenProcessPool:
        _discard(pool)
        raise RenderingFailed(
            mark("The printing process stopped unexpectedly. Please try again.")
        ) from None


def shutdown() -> None:
    """Stop the pool (the application's shutdown)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
