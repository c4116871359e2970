"""`tacitus coder start|stop|status`: the resident coder (see tacitus.resident)."""
from __future__ import annotations

import sys
import time

import click

from ..errors import TacitusError
from . import main
from .code_cmd import model_option


@main.group("coder")
def coder() -> None:
    """A resident coder: the pipeline loaded once, used by `tacitus code`.

    While it runs, `tacitus code` (to stdout) sends its run to it and starts
    coding at once; runs with other settings are coded as usual, in their own
    process. The coder listens on a socket in your runtime directory that
    only you can use.
    """


@coder.command("start")
@click.option("--include-negated", is_flag=True, help="As for `tacitus code`.")
@click.option("--include-incomplete", is_flag=True, help="As for `tacitus code`.")
@click.option("--all-sentences", is_flag=True, help="As for `tacitus code`.")
@click.option("--triggers", "triggers_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="As for `tacitus code`.")
@click.option("--actors", "actors_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="As for `tacitus code`.")
@click.option("--event-filter", "event_filter", type=click.Path(file_okay=False, exists=True), default=None,
              help="As for `tacitus code`.")
@model_option
@click.option("--foreground", is_flag=True, help="Serve in this process (stop it with Ctrl-C or SIGTERM).")
def start(include_negated, include_incomplete, all_sentences, triggers_path, actors_path, event_filter,
          model, foreground):
    """Load the pipeline and keep it for `tacitus code` runs with the same options.

    A coder already running with the same settings is left as it is; one with
    other settings is restarted with these.
    """
    from .. import resident

    setting = resident.settings(model=model, include_negated=include_negated,
                                include_incomplete=include_incomplete, all_sentences=all_sentences,
                                triggers=triggers_path, actors=actors_path, event_filter=event_filter)
    try:
        if foreground:
            running = resident.status()
            if running is not None:
                raise TacitusError(f"a resident coder runs already (pid {running['pid']}): "
                                   "`tacitus coder stop` first")
            try:
                resident.serve(setting)
            except KeyboardInterrupt:
                pass
            return
        before = resident.status()
        found = resident.start(setting)
    except TacitusError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    if before is not None and before["pid"] == found["pid"]:
        click.echo(f"the resident coder runs already (pid {found['pid']}, {resident.describe(setting)})")
    else:
        click.echo(f"resident coder started (pid {found['pid']}, {resident.describe(setting)})")


@coder.command("stop")
def stop():
    """Stop the resident coder."""
    from .. import resident

    found = resident.stop()
    if found is None:
        click.echo("no resident coder is running")
    else:
        click.echo(f"resident coder stopped (pid {found['pid']}, served {found['served']} run(s))")


@coder.command("status")
def status():
    """Whether a resident coder runs, with which settings (exit 1 when none runs)."""
    from .. import resident

    found = resident.status()
    if found is None:
        click.echo("no resident coder is running")
        sys.exit(1)
    up = time.time() - found["started"]
    click.echo(f"resident coder running: pid {found['pid']}, {resident.describe(found['setting'])}, "
               f"up {up:.0f} s, served {found['served']} run(s), socket {found['socket']}")
