"""Exceptions raised by dotterel.

    DotterelError                 base class; every error carries a code and a fix
    ├── PipelineError             a stage is mis-declared or misbehaves (E0xx)
    ├── InputError                a document cannot be read (E1xx); names the document
    ├── ModelNotFound             the spaCy model is not installed (E201)
    ├── KnowledgeBaseError        a dictionary or dump cannot be imported (E3xx)
    └── StoreError                the database refuses an operation (E4xx)
"""

from __future__ import annotations


class DotterelError(Exception):
    code = "E000"

    def __init__(self, code: str | None, message: str):
        if code:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class PipelineError(DotterelError):
    code = "E001"


class InputError(DotterelError):
    code = "E100"

    def __init__(self, code: str | None, message: str, *, source: str | None = None):
        self.source = source
        super().__init__(code, f"{source}: {message}" if source else message)


class ModelNotFound(DotterelError):
    code = "E201"


class KnowledgeBaseError(DotterelError):
    code = "E300"


class StoreError(DotterelError):
    code = "E400"
