"""The `tacitus` command: thin wrappers over the library.

Each submodule registers its commands on ``main``; a submodule is imported
only when one of its commands runs (so `tacitus events` does not pay for the
evaluation or web modules at start-up). Library errors become clear messages
(``TacitusError``), never tracebacks.
"""
from __future__ import annotations

import importlib

import click

#: command -> the module of this package that registers it
COMMANDS = {
    "code": "code_cmd",
    "coder": "coder_cmd",
    "demo": "code_cmd",
    "eval": "eval_cmd",
    "serve": "serve_cmd",
    "ingest": "store_cmd",
    "events": "store_cmd",
    "dyads": "store_cmd",
    "actors": "store_cmd",
    "sql": "store_cmd",
    "export": "store_cmd",
}

#: key of ctx.meta holding the arguments of the command line, as given
RAW_ARGS = "tacitus.raw_args"


class _LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(COMMANDS) | set(self.commands))

    def parse_args(self, ctx, args):
        # the command line as given: `tacitus code` hands it to the resident coder
        ctx.meta[RAW_ARGS] = list(args)
        return super().parse_args(ctx, args)

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMANDS:
            importlib.import_module(f"{__name__}.{COMMANDS[name]}")
        return self.commands.get(name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def main() -> None:
    """tacitus: political event data from news text, offline."""
