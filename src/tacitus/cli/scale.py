"""Options and progress shared by `tacitus code` and `tacitus ingest` when they
run in partitions (``--scheduler``, ``--output DIR``): see tacitus.dist."""
from __future__ import annotations

import click

from ..ingest.partitions import DEFAULT_PARTITION_SIZE


def scheduler_options(func):
    options = [
        click.option("--scheduler", metavar="ADDRESS",
                     help="Code on Dask: local:N (a local cluster of N worker processes), a scheduler "
                          "address (tcp://host:8786) or a scheduler file (scheduler.json). "
                          "Needs pip install 'tacitus[dask]'."),
        click.option("--partition-size", default=DEFAULT_PARTITION_SIZE, show_default=True,
                     type=click.IntRange(1, None),
                     help="Lines of a JSON Lines file (records of a WARC file) per partition; Parquet "
                          "files split by row group, other files are one partition each."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def run_partitions(sources, output, settings, *, scheduler, partition_size, processes=1, quiet=False):
    """``tacitus.dist.run`` with a progress bar on stderr (partitions and articles
    done, articles/s, time left) and the Dask dashboard link when there is one."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..dist import run

    console = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("coding"),
        BarColumn(),
        TextColumn("{task.fields[parts]} partitions"),
        TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet,
    )
    state = {"task": None, "total": 0, "done": 0, "articles": 0, "by_articles": False, "coded": 0, "start": 0.0}

    def on_start(plan, result):
        import time

        if result.dashboard:
            console.print(f"Dask dashboard: {result.dashboard}")
        known = [p.articles for p in plan]
        state["by_articles"] = all(n is not None for n in known)
        total = sum(known) if state["by_articles"] else len(plan)
        state["total"] = len(plan)
        state["plan"] = plan
        state["start"] = time.perf_counter()
        state["task"] = progress.add_task("coding", total=total, parts=f"0/{len(plan)}", articles=0, rate="")
        if not quiet and result.workers:
            console.print(f"{len(plan)} partitions on {result.workers} worker(s)")

    def on_partition(done):
        import time

        state["done"] += 1
        state["articles"] += done.articles
        if done.status == "coded":
            state["coded"] += done.articles
        elapsed = time.perf_counter() - state["start"]
        rate = f"{state['coded'] / elapsed:.1f} articles/s" if elapsed > 0 and state["coded"] else ""
        advance = state["plan"][done.index].articles if state["by_articles"] else 1
        progress.update(state["task"], advance=advance, parts=f"{state['done']}/{state['total']}",
                        articles=state["articles"], rate=rate)

    with progress:
        return run(sources, output, settings, scheduler=scheduler, partition_size=partition_size,
                   processes=processes, on_start=on_start, on_partition=on_partition)


def describe(result) -> str:
    """One line about a run: partitions coded, skipped and failed, articles, events."""
    rate = result.articles / result.seconds if result.seconds else 0.0
    return (f"partitions: {result.count('coded')} coded, {result.count('skipped')} already done, "
            f"{result.count('failed')} failed; {result.articles} articles, {result.events} events, "
            f"{result.failures} failures ({result.seconds:.1f} s, {rate:.1f} articles/s)")
