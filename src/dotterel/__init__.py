"""dotterel: who did what to whom, when and where, from news text (PLOVER).

    >>> import dotterel
    >>> records = dotterel.extract_text("Kenya accused Uganda of violating the border deal.",
    ...                                 date="2024-02-01")          # doctest: +SKIP
    >>> with dotterel.open_store("corpus.duckdb") as store:        # doctest: +SKIP
    ...     store.ingest(["news/"])

The public surface is ``__all__`` (pinned by tests/test_public_api.py). Only the
exceptions are imported eagerly; everything else is imported on first use
(PEP 562 module ``__getattr__``), so ``import dotterel`` stays fast and loads
neither spaCy, DuckDB nor pandas.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # not `from typing import ...`: importing typing alone costs milliseconds

__version__ = "0.1.0"

from .errors import (
    DotterelError,
    InputError,
    KnowledgeBaseError,
    ModelNotFound,
    PipelineError,
    StoreError,
)

if TYPE_CHECKING:  # for type checkers and IDEs; at run time see __getattr__
    from typing import Any

    from .api import extract, extract_text
    from .document import Document, Entity, Event, Failure, Location, Mention, Meta, Sentence, Trigger
    from .pipeline import Pipeline
    from .store import Store, open_store

# public name -> module that defines it (imported on first access)
_LAZY = {
    "extract": ".api",
    "extract_text": ".api",
    "Pipeline": ".pipeline",
    "open_store": ".store",
    "Store": ".store",
    "Document": ".document",
    "Entity": ".document",
    "Event": ".document",
    "Failure": ".document",
    "Location": ".document",
    "Mention": ".document",
    "Meta": ".document",
    "Sentence": ".document",
    "Trigger": ".document",
}

__all__ = [
    "__version__",
    # coding text
    "extract",
    "extract_text",
    "Pipeline",
    # the corpus store
    "open_store",
    "Store",
    # the data model
    "Document",
    "Entity",
    "Event",
    "Failure",
    "Location",
    "Mention",
    "Meta",
    "Sentence",
    "Trigger",
    # errors
    "DotterelError",
    "InputError",
    "KnowledgeBaseError",
    "ModelNotFound",
    "PipelineError",
    "StoreError",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dotterel' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
