"""The package's version, in one place: the build metadata (hatch), `__version__`, the
User-Agent and the CLI read it."""

__version__ = "0.2.0"
