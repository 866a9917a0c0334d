"""The web dashboard and REST API over the store (`dotterel serve`, docs/web.md).

    >>> from dotterel.web import create_app               # doctest: +SKIP
    >>> app = create_app("corpus.duckdb")                 # an ASGI app (FastAPI)

Pages: Overview, Timeline, Map, Network, Evidence; each has a JSON twin under /api. All
JavaScript, CSS and the world map ship in ``dotterel/web/static`` (see its vendor/README.md).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "TOKEN_ENV"]

#: the environment variable whose value, when set, enables writing (with `Authorization: Bearer ...`)
TOKEN_ENV = "DOTTEREL_WEB_TOKEN"


def create_app(url: str, **kw: Any):
    from .app import create_app as _create

    return _create(url, **kw)
