"""Actors: who is who, and when.

    KnowledgeBase.load()     the knowledge base (shipped tables + user imports), from its
                             prebuilt index; no process-wide copy: pass it to what needs it
    resolve(text, date, kb=) a free phrase -> Entity(code, sector, name, kb_id) or None
    ResolveActors(kb)        pipeline stage: actor mentions of body sentences

See `kb` (the base and its data files), `sectors` (the sector lexicon), `variants`
(misspelled names), `normalize` (lookup and phonetic keys), `importers` (CAMEO/PETRARCH dictionaries, Wikidata dumps).
"""

from __future__ import annotations

from .kb import Entry, KnowledgeBase, Match, Role, norm, user_kb_dir
from .stage import ResolveActors, resolve

__all__ = [
    "ResolveActors",
    "resolve",
    "user_kb_dir",
    "KnowledgeBase",
    "Entry",
    "Role",
    "Match",
    "norm",
]
