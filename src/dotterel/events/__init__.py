"""Event coding: triggers (lexicon), status, arguments, PLOVER rules."""

from .coder import CodeEvents, EventCoder
from .lexicon import Lexicon, default_lexicon

__all__ = ["CodeEvents", "EventCoder", "Lexicon", "default_lexicon"]
