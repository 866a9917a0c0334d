"""The default stage list, in order (see design.md, "The flow of one article")."""

from __future__ import annotations

from typing import Any


def default_stages(model: str | None = None, **config: Any) -> list[Any]:
    from .segment import Parse

    return [Parse(model)]
