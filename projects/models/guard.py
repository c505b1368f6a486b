"""Keeps `stage` writes inside the stage service.

Only code running inside `stage_writes_allowed()` (the stage service, and the demo generator that
builds gate-consistent data in bulk) may change a project's stage; a plain save(), a queryset
update() or a bulk write that touches the stage is refused.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_allowed: ContextVar[bool] = ContextVar("stage_writes_allowed", default=False)


class StageBypassError(RuntimeError):
    """Code tried to change a project's stage without the stage service."""


@contextmanager
def stage_writes_allowed():
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)


def stage_writes_are_allowed() -> bool:
    return _allowed.get()


def refuse_stage_write(what: str) -> None:
    if not stage_writes_are_allowed():
        raise StageBypassError(f"{what} would change a project's stage; use projects.services.project_move_stage().")
