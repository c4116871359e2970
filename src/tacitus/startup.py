"""Importing spaCy without the parts tacitus never runs.

Two exact shortcuts, applied once per process by :func:`import_spacy` (the
coder calls it before anything imports spaCy):

1. ``import spacy`` imports spaCy's command-line package (``spacy.cli``:
   typer, weasel, requests, httpx, a YAML file of training recommendations,
   about 350 modules) only to offer ``spacy.info``. tacitus imports spaCy
   with a stand-in for that one name, which imports the real ``spacy.cli``
   when called; the stand-in is removed right after the import, so a later
   ``import spacy.cli`` gets the real package. This saves about a third of
   spaCy's import time.
2. spaCy, thinc and srsly look up plugins ("entry points") in their
   registries: srsly for each msgpack blob it reads (128 while the model
   loads), spaCy for each component it builds. Each look-up scans every
   entry point of every installed package. The entry points are read once,
   at the same moment as before, and indexed by group, so each look-up finds
   the same plugins with one dict access.
"""
from __future__ import annotations

import sys
import types


def import_spacy():
    """Import spaCy (once per process) with the shortcuts above; returns the module."""
    if "spacy" in sys.modules:
        _index_entry_points()
        return sys.modules["spacy"]
    stand_in = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        """spaCy's ``spacy.info``, imported when it is called."""
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    stand_in.info = info
    sys.modules["spacy.cli.info"] = stand_in
    try:
        import spacy
    finally:
        if sys.modules.get("spacy.cli.info") is stand_in:
            del sys.modules["spacy.cli.info"]
    _index_entry_points()
    return spacy


def _index_entry_points() -> None:
    """Entry points indexed by group for catalogue's registries (shortcut 2)."""
    catalogue = sys.modules.get("catalogue")
    if catalogue is None:
        return
    found = catalogue.AVAILABLE_ENTRY_POINTS
    if type(found) is dict or not hasattr(found, "select"):
        return  # already indexed (or an interface this does not know)
    groups: dict[str, list] = {}
    if isinstance(found, dict):  # Python < 3.12: a dict of groups that filters on select()
        for group, entry_points in dict.items(found):
            groups[group] = list(entry_points)
    else:
        for entry_point in found:
            groups.setdefault(entry_point.group, []).append(entry_point)
    catalogue.AVAILABLE_ENTRY_POINTS = groups
