"""dotterel: who did what to whom, when and where, from news text (PLOVER)."""

from __future__ import annotations

__version__ = "0.1.0"

from .document import Document, Entity, Event, Failure, Location, Mention, Meta, Sentence, Trigger
from .errors import DotterelError, InputError, ModelNotFound, PipelineError
from .pipeline import Pipeline

__all__ = [
    "__version__",
    "Document",
    "Entity",
    "Event",
    "Failure",
    "Location",
    "Mention",
    "Meta",
    "Sentence",
    "Trigger",
    "DotterelError",
    "InputError",
    "ModelNotFound",
    "PipelineError",
    "Pipeline",
]
