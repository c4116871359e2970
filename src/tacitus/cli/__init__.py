"""The `tacitus` command: thin wrappers over the library.

Each submodule registers its commands on ``main``; library errors become
clear messages (``TacitusError``), never tracebacks.
"""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def main() -> None:
    """tacitus: political event data from news text, offline."""


def _register() -> None:
    from . import code_cmd, eval_cmd, serve_cmd, store_cmd  # noqa: F401  (registers commands)


_register()
