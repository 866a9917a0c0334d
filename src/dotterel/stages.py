"""The default stage list, in order (see design.md, "The flow of one article").

    parse        spaCy: tokens, sentences (with heading/boilerplate kinds), entities
    actors       actor mentions resolved to country/IGO codes, sectors, KB entries
    places       place mentions resolved in the gazetteer
    dates        date mentions
    events       PLOVER events with status, actor(s), recipient(s), evidence
    classify     the learned classifier vetoes or re-types each event (when a model is present)
    event_dates  each event's date (relative to publication); historical; date checks
    event_places each event's location
    actor_countries  "police", "protesters": the country where they act (flagged)
    fuse         reports of the same event inside the document become one
"""

from __future__ import annotations

from typing import Any


def default_stages(
    model: str | None = None,
    *,
    model_path: str | None = None,
    use_classifier: bool = True,
    open_candidates: bool = True,
    **config: Any,
) -> list[Any]:
    """The stages in order. ``model`` is the spaCy model; ``model_path`` an event classifier
    folder (default: the one shipped in the package, when present); ``use_classifier=False``
    codes with the rules alone; ``open_candidates`` lets the classifier judge verbs the
    lexicon does not know (events/proposals.py) in sentences where the rules coded nothing."""
    from .actors import ResolveActors
    from .classifier import ClassifyEvents, shipped_model_path
    from .events import CodeEvents
    from .events.domestic import InferActorCountry
    from .fuse import FuseDocument
    from .places import AttachPlaces, PlaceMentions
    from .segment import Parse
    from .time import AttachDates, DateMentions

    if config:
        raise TypeError(f"unknown pipeline options: {', '.join(sorted(config))}")
    classify: list[Any] = []
    if use_classifier and (model_path or shipped_model_path()):
        classify = [ClassifyEvents(model_path)]
    return [
        Parse(model),
        ResolveActors(),
        PlaceMentions(),
        DateMentions(),
        CodeEvents(propose_open=bool(classify) and open_candidates),
        *classify,
        AttachDates(),
        AttachPlaces(),
        InferActorCountry(),
        FuseDocument(),
    ]
