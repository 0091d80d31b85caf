"""backcoach: a guided lower-back stretching coach."""

__version__ = "0.1.0"
