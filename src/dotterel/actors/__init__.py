"""Actors: who is who, and when.

    get_kb()                 the process-wide knowledge base (shipped tables + user imports)
    resolve(text, date)      a free phrase -> Entity(code, sector, name, kb_id) or None
    ResolveActors            pipeline stage: actor mentions of body sentences

See `kb` (the base and its data files), `sectors` (the sector lexicon), `variants`
(misspelled names), `importers` (CAMEO/PETRARCH dictionaries, Wikidata dumps).
"""

from __future__ import annotations

from .kb import Entry, KnowledgeBase, Match, Role, get_kb, norm, reset_kb, user_kb_dir
from .stage import ResolveActors, resolve

__all__ = [
    "ResolveActors",
    "resolve",
    "get_kb",
    "reset_kb",
    "user_kb_dir",
    "KnowledgeBase",
    "Entry",
    "Role",
    "Match",
    "norm",
]
