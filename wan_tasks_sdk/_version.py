"""The package version, in one place: the build metadata (hatch) and `__version__` read it."""

__version__ = "0.2.0"
