"""The one place the version number lives (read by packaging, About and --version)."""

__version__ = "0.1.0"
