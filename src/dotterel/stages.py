"""The default stage list, in order (see design.md, "The flow of one article").

    parse        spaCy: tokens, sentences (with heading/boilerplate kinds), entities
    actors       actor mentions resolved to country/IGO codes, sectors, KB entries
    places       place mentions resolved in the gazetteer
    dates        date mentions
    events       PLOVER events with status, actor(s), recipient(s), evidence
    event_dates  each event's date (relative to publication); historical; date checks
    event_places each event's location
    actor_countries  "police", "protesters": the country where they act (flagged)
    fuse         reports of the same event inside the document become one
"""

from __future__ import annotations

from typing import Any


def default_stages(model: str | None = None, **config: Any) -> list[Any]:
    from .actors import ResolveActors
    from .events import CodeEvents
    from .events.domestic import InferActorCountry
    from .fuse import FuseDocument
    from .places import AttachPlaces, PlaceMentions
    from .segment import Parse
    from .time import AttachDates, DateMentions

    return [
        Parse(model),
        ResolveActors(),
        PlaceMentions(),
        DateMentions(),
        CodeEvents(),
        AttachDates(),
        AttachPlaces(),
        InferActorCountry(),
        FuseDocument(),
    ]
