"""Keep the seven editions of the open letter true to one source."""

__version__ = "0.1.0"
