"""Commands: see cli/__init__.py."""
