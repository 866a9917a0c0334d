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

from pathlib import Path
from typing import Any


def default_stages(
    model: str | None = None,
    *,
    model_path: str | None = None,
    use_classifier: bool = True,
    open_candidates: bool = True,
    kb_dir: str | None = None,
    user_kb: bool = True,
    kb: Any = None,
    gazetteer: Any = None,
    lexicon: str | None = None,
    **config: Any,
) -> list[Any]:
    """The stages in order. ``model`` is the spaCy model; ``model_path`` an event classifier
    folder (default: the one shipped in the package, when present); ``use_classifier=False``
    codes with the rules alone; ``open_candidates`` lets the classifier judge verbs the
    lexicon does not know (events/proposals.py) in sentences where the rules coded nothing.
    ``lexicon`` is a TSV of trigger words of one's own (`events.lexicon.load_lexicon`); a
    classifier folder that holds one (``lexicon.tsv``, written by ``dotterel train --lexicon``)
    brings it when ``lexicon`` is not given.

    Resources are built here, once, and handed to the stages that use them: the actor
    knowledge base (``kb``, else ``KnowledgeBase.load(kb_dir, user=user_kb)``) to the
    actors and events stages, the gazetteer (``gazetteer``, else ``Gazetteer().load()``)
    to the places stages. Pass ``kb`` or ``gazetteer`` to inject your own (a fictional
    base in a test)."""
    from .actors import KnowledgeBase, ResolveActors
    from .classifier import ClassifyEvents, shipped_model_path
    from .errors import KnowledgeBaseError
    from .events import CodeEvents
    from .events.domestic import InferActorCountry
    from .events.lexicon import USER_LEXICON, load_lexicon
    from .fuse import FuseDocument
    from .places import AttachPlaces, Gazetteer, PlaceMentions
    from .segment import Parse
    from .time import AttachDates, DateMentions

    if config:
        raise TypeError(f"unknown pipeline options: {', '.join(sorted(config))}")
    if kb is None:
        if kb_dir is not None and user_kb and not Path(kb_dir).is_dir():
            # a mistyped folder would leave the user's entries out without a word
            raise KnowledgeBaseError("E307", f"no knowledge base folder {str(kb_dir)!r} (kb_dir)")
        kb = KnowledgeBase.load(kb_dir, user=user_kb)
    if gazetteer is None:
        gazetteer = Gazetteer().load()
    classify: list[Any] = []
    if use_classifier and (model_path or shipped_model_path()):
        classify = [ClassifyEvents(model_path)]
        if lexicon is None and model_path and (Path(model_path) / USER_LEXICON).is_file():
            lexicon = str(Path(model_path) / USER_LEXICON)  # the trigger words the model was trained with
    return [
        Parse(model),
        ResolveActors(kb),
        PlaceMentions(gazetteer),
        DateMentions(),
        CodeEvents(load_lexicon(lexicon), kb=kb, propose_open=bool(classify) and open_candidates),
        *classify,
        AttachDates(),
        AttachPlaces(gazetteer),
        InferActorCountry(gazetteer),
        FuseDocument(),
    ]
