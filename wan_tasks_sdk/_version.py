"""The package's version, in one place: `__version__`, the User-Agent and the CLI read it."""

__version__ = "0.1.0"
