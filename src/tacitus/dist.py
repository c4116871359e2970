"""Coding a corpus in partitions, on this machine or on a Dask cluster.

    from tacitus.dist import Settings, run
    result = run(["corpus/"], "out/", Settings(), scheduler="local:4")
    result.keys                        # the partitions' keys, in input order

The inputs are split into partitions (``tacitus.ingest.partitions``); each is
read, screened and coded as ``tacitus code`` would, and written to a Parquet
dataset (``tacitus.store.dataset``) under a name that hashes its bytes and the
settings, so a run started again skips what is done. With a scheduler, each
Dask worker builds the coder once (a worker plugin) and codes whole
partitions; a worker that dies costs only its unfinished partitions, which
Dask gives to another worker, and since every file is written atomically
under a deterministic name the dataset ends the same. A partition that cannot
be read or coded is recorded in the dataset's failures and the run goes on.

``scheduler`` is ``None`` (code here, in this process), ``"local:N"`` (a
local Dask cluster of N worker processes), the address of a running
scheduler (``tcp://host:8786``) or a scheduler file (``scheduler.json``, as
written by ``dask scheduler --scheduler-file`` and dask-jobqueue). A script
that starts a local cluster needs the ``if __name__ == "__main__":`` guard:
the worker processes are started afresh and import the script's module.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

from .errors import TacitusError
from .ingest import screen_article
from .ingest.notice import Notice, error
from .ingest.partitions import DEFAULT_PARTITION_SIZE, Partition, partition_key, plan_partitions, read_partition
from .ingest.readers import ReadOptions
from .records import Article
from .store.dataset import CodedPartition, Dataset

PLUGIN_NAME = "tacitus-coder"
#: names the file of settings a local cluster's fork server builds its coder from
PRELOAD_ENV = "TACITUS_DASK_PRELOAD"

#: Dask settings for the workers of a local cluster. Coding is pure-Python,
#: GIL-bound work: Dask's statistical profiler (a thread sampling the task's
#: stack every 10 ms) and frequent monitoring cost it about a tenth of its CPU
#: time, measured on a local:1 cluster against the same partitions coded in
#: one process. A cluster of your own keeps your settings (see docs/scale.md).
#: seconds a worker's coding thread keeps the GIL before it must let the
#: worker's own threads (heartbeats, transfers) run
SWITCH_INTERVAL = 0.05

#: glibc's largest mmap threshold on 64-bit systems (its dynamic threshold grows up to it)
MMAP_THRESHOLD = 32 * 1024 * 1024

LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "500ms",
}


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a partition codes to (and so its key)."""

    model: str | None = None
    include_negated: bool = False
    include_incomplete: bool = False
    skip_eventless: bool = True
    triggers: str | None = None  # the text of a user's triggers.tsv (sent to the workers)
    actors: str | None = None  # the text of a user's actors file (likewise)
    read: tuple[tuple[str, Any], ...] = ()  # ReadOptions fields other than the defaults
    english_only: bool = True

    @classmethod
    def of(cls, *, triggers_path: str | None = None, actors_path: str | None = None,
           read_options: dict[str, Any] | None = None, **coder_options: Any) -> Settings:
        def text(path: str | None) -> str | None:
            if not path:
                return None
            with open(path, encoding="utf-8") as f:
                return f.read()

        read = tuple(sorted((k, v) for k, v in (read_options or {}).items() if v is not None))
        return cls(triggers=text(triggers_path), actors=text(actors_path), read=read,
                   **coder_options)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        data["read"] = tuple(tuple(pair) for pair in data["read"])
        return cls(**data)

    def read_options(self) -> ReadOptions:
        return ReadOptions(**dict(self.read))

    def fingerprint(self) -> str:
        """Hash of the settings, tacitus' version and the model's: part of every key."""
        from .modelname import model_name

        name = model_name(self.model)
        versions = {}
        for package in ("tacitus", name.replace("_", "-"), "spacy"):
            try:
                versions[package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                versions[package] = None
        data = json.dumps([asdict(self), name, versions], sort_keys=True, default=str)
        return hashlib.sha1(data.encode("utf-8")).hexdigest()

    def build_coder(self):
        from .coder import Coder

        def written(text: str | None, name: str) -> str | None:
            if text is None:
                return None
            handle, path = tempfile.mkstemp(prefix=f"tacitus-{name}-", suffix=".tsv")
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                f.write(text)
            return path

        triggers, actors = written(self.triggers, "triggers"), written(self.actors, "actors")
        try:
            return Coder(self.model, include_negated=self.include_negated, skip_eventless=self.skip_eventless,
                         triggers=triggers, include_incomplete=self.include_incomplete, actors=actors)
        finally:
            for path in (triggers, actors):
                if path:
                    os.unlink(path)


@dataclass
class PartitionResult:
    """What coding one partition did (sent back to the client: small)."""

    index: int
    key: str | None
    status: str  # "coded", "skipped" (done before), "failed"
    articles: int = 0
    events: int = 0
    failures: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the thread that coded it (less noisy than seconds on a busy machine)
    message: str = ""


@dataclass
class RunResult:
    partitions: list[PartitionResult] = field(default_factory=list)
    seconds: float = 0.0
    dashboard: str | None = None
    workers: int = 0

    @property
    def keys(self) -> list[str]:
        """Keys of the partitions in the dataset (a failed one: its failures), in input order."""
        return [p.key for p in self.partitions if p.key is not None]

    def count(self, status: str) -> int:
        return sum(p.status == status for p in self.partitions)

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.partitions)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.partitions)

    @property
    def failures(self) -> int:
        return sum(p.failures for p in self.partitions)


def code_articles(coder, articles: list[Article], processes: int = 1) -> tuple[list[tuple[Article, list]], list[Notice]]:
    """Code ``articles``; an article whose coding raises becomes an error notice
    instead of stopping the rest."""
    notices: list[Notice] = []

    def failed(article: Article, reason: str) -> None:
        notices.append(error(article.source or "", article.line, f"article {article.id!r}: {reason}", article.id))

    return list(coder.pipe(articles, processes=processes, on_error=failed)), notices


def code_partition(index: int, partition: Partition, settings: Settings, output: str, coder,
                   salt: str | None = None, processes: int = 1) -> PartitionResult:
    """Read, screen, code and write one partition (skipped when already in the dataset)."""
    started, cpu = time.perf_counter(), time.thread_time()
    dataset = Dataset(output)
    options = settings.read_options()
    key = None
    try:
        key = partition_key(partition, salt or settings.fingerprint())
        if dataset.done(key):
            return PartitionResult(index, key, "skipped", dataset.n_articles(key), seconds=time.perf_counter() - started)
        articles, notices = [], []
        for item in read_partition(partition, options):
            if isinstance(item, Article):
                refused = screen_article(item, max_bytes=options.max_bytes, english_only=settings.english_only)
                item = item if refused is None else refused
            (articles if isinstance(item, Article) else notices).append(item)
        coded, failed = code_articles(coder, articles, processes)
        part = CodedPartition(coded, notices + failed)
        n_events = dataset.write(key, part)
    except Exception as exc:  # an unreadable partition is recorded, and the run goes on
        return _failed(dataset, index, partition, key, f"{type(exc).__name__}: {exc}", started)
    n_failures = sum(n.level == "error" for n in part.notices)
    return PartitionResult(index, key, "coded", len(coded), n_events, n_failures, time.perf_counter() - started,
                           time.thread_time() - cpu)


def _failed(dataset: Dataset, index: int, partition: Partition, key: str | None, why: str,
            started: float) -> PartitionResult:
    line = partition.first_line if (partition.start or partition.stop is not None) else None
    notice = error(partition.url, line, f"partition {partition.label} was not coded: {why}")
    failure_key = "failed-" + hashlib.sha1(partition.label.encode("utf-8")).hexdigest()[:24]
    try:
        dataset.write_failures(failure_key, [notice])
    except Exception:  # the output itself is unreachable: the result still says so
        pass
    return PartitionResult(index, failure_key, "failed", failures=1, message=notice.message,
                           seconds=time.perf_counter() - started)


# -- Dask ---------------------------------------------------------------------

def _require_dask():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise TacitusError("--scheduler needs Dask: pip install 'tacitus[dask]'") from None


_worker_coder: tuple[str, Any] | None = None  # (settings' fingerprint, coder) of this worker process


def worker_coder(settings: Settings):
    """The coder of this process for ``settings``: built once, kept for the next
    run with the same settings (a client that runs again, a worker forked from a
    fork server that built it already)."""
    global _worker_coder
    fingerprint = settings.fingerprint()
    if _worker_coder is None or _worker_coder[0] != fingerprint:
        _worker_coder = None  # the old coder's memory is freed before the new one loads
        _worker_coder = (fingerprint, settings.build_coder())
    return _worker_coder[1]


def _plugin_class():
    from distributed import WorkerPlugin

    class CoderPlugin(WorkerPlugin):
        """Builds the coder once per worker, when the worker starts (or joins)."""

        name = PLUGIN_NAME

        def __init__(self, settings: Settings):
            self.settings = settings
            self.coder = None

        def setup(self, worker):
            restore_mmap_threshold()
            self.coder = worker_coder(self.settings)
            # the task thread holds the GIL for long stretches of coding; handing it to the
            # worker's event loop every 5 ms (Python's default) stalls it on a busy machine
            sys.setswitchinterval(SWITCH_INTERVAL)

    return CoderPlugin


def restore_mmap_threshold() -> bool:
    """Undo what Dask's nanny does to glibc's allocator in its workers.

    The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (to hand
    freed memory back to the system). Setting any of glibc's thresholds also
    turns off its dynamic mmap threshold, which stays at 128 KiB: every
    array larger than that (the model's layer outputs, a parse's arrays) is
    then mapped and unmapped afresh, and coding took 19% more CPU time, most
    of it in the kernel. The mmap threshold is set to where glibc's dynamic
    one ends up; the trim threshold is left as the cluster set it. True when
    it was changed (glibc, the variable set, ``MALLOC_MMAP_THRESHOLD_`` not)."""
    if not sys.platform.startswith("linux") or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    if not any(f"MALLOC_{name}_" in os.environ for name in ("TRIM_THRESHOLD", "TOP_PAD", "MMAP_MAX")):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    m_mmap_threshold = -3
    return mallopt(m_mmap_threshold, MMAP_THRESHOLD) == 1


def _code_on_worker(index: int, partition: Partition, settings: Settings, output: str, salt: str) -> PartitionResult:
    from distributed import get_worker

    coder = get_worker().plugins[PLUGIN_NAME].coder
    return code_partition(index, partition, settings, output, coder, salt)


def parse_scheduler(scheduler: str) -> tuple[str, Any]:
    """("local", N), ("file", path) or ("address", address)."""
    if scheduler.startswith("local:") or scheduler == "local":
        count = scheduler.partition(":")[2] or str(os.cpu_count() or 1)
        if not count.isdigit() or int(count) < 1:
            raise TacitusError(f"--scheduler {scheduler!r}: give local:N with N a number of workers, e.g. local:4")
        return "local", int(count)
    if scheduler.endswith(".json"):
        if not os.path.exists(scheduler):
            raise TacitusError(f"--scheduler {scheduler}: no such scheduler file")
        return "file", scheduler
    return "address", scheduler


@contextmanager
def connect(scheduler: str, *, dashboard: bool = True, settings: Settings | None = None):
    """A Dask client for ``scheduler`` (see the module's doc); a local cluster is
    shut down on exit, a remote one is left running. With ``settings``, a local
    cluster's workers start with the coder for them already loaded."""
    _require_dask()
    import dask
    from distributed import Client, LocalCluster

    kind, value = parse_scheduler(scheduler)
    if kind == "local":
        with dask.config.set(LOCAL_WORKER_CONFIG), _forkserver(settings):
            cluster = LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                   dashboard_address=":8787" if dashboard else None, silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler_file=value) if kind == "file" else Client(value, timeout="20s")
    except OSError as exc:
        raise TacitusError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        yield client


@contextmanager
def _forkserver(settings: Settings | None):
    """Start a local cluster's workers from a fork server that has imported
    Dask, spaCy and tacitus and built the coder for ``settings`` (the module
    ``tacitus.dask_preload``), where the system has one (Linux, macOS).

    Dask's default, a fresh interpreter per worker, imports everything and
    loads the model again in every worker (3.4-3.7 s against 1.4 s for a
    ``--processes`` worker), and each keeps its own copy; forked from the
    server they start with the model loaded, share its memory pages as
    ``--processes`` workers do, and a worker that replaces a killed one is up
    at once. The fork server lives as long as this process."""
    import multiprocessing

    import dask

    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield
        return
    from distributed.utils import get_mp_context

    path = None
    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
        get_mp_context()  # Dask's own preload list (Dask, NumPy, ...), set once per process
        from multiprocessing import forkserver

        preload = list(getattr(forkserver._forkserver, "_preload_modules", None) or ["distributed"])
        if "tacitus.dask_preload" not in preload:
            multiprocessing.get_context("forkserver").set_forkserver_preload(preload + ["tacitus.dask_preload"])
        if settings is not None:  # read by the fork server when it starts (the first worker)
            handle, path = tempfile.mkstemp(prefix="tacitus-settings-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                f.write(settings.to_json())
            os.environ[PRELOAD_ENV] = path
        try:
            yield
        finally:
            if path:
                os.environ.pop(PRELOAD_ENV, None)
                os.unlink(path)


def dashboard_link(client) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:
        return None
    return client.dashboard_link if "dashboard" in services else None


# -- running --------------------------------------------------------------------

def run(sources: list[str], output: str, settings: Settings | None = None, *, scheduler: str | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE, client=None, coder=None, processes: int = 1,
        on_start: Callable[[list[Partition], RunResult], None] | None = None,
        on_partition: Callable[[PartitionResult], None] | None = None) -> RunResult:
    """Code ``sources`` into the Parquet dataset at ``output`` (a path or fsspec
    URL), partition by partition; see the module's doc. Without ``scheduler``
    (or a Dask ``client``) it codes here, with ``coder`` if given (it must
    match ``settings``) and ``processes`` worker processes. ``on_start(plan, result)``
    is called once the plan is made and the workers are up (``result.dashboard``,
    ``result.workers``), ``on_partition(result)`` as each partition ends."""
    settings = settings or Settings()
    plan = plan_partitions(list(sources), partition_size)
    started = time.perf_counter()
    result = RunResult()
    salt = settings.fingerprint()
    if scheduler is None and client is None:
        coder = coder or settings.build_coder()
        result.workers = 1
        if on_start:
            on_start(plan, result)
        for index, partition in enumerate(plan):
            done = code_partition(index, partition, settings, output, coder, salt, processes)
            result.partitions.append(done)
            if on_partition:
                on_partition(done)
    elif client is not None:
        _run_on(client, plan, settings, output, salt, result, on_start, on_partition)
    else:
        with connect(scheduler, settings=settings) as own:
            _run_on(own, plan, settings, output, salt, result, on_start, on_partition)
    result.partitions.sort(key=lambda p: p.index)
    result.seconds = time.perf_counter() - started
    return result


def _run_on(client, plan, settings, output, salt, result: RunResult, on_start, on_partition) -> None:
    from distributed import as_completed

    client.register_plugin(_plugin_class()(settings), name=PLUGIN_NAME)
    result.workers = len(client.scheduler_info().get("workers", {}))
    result.dashboard = dashboard_link(client)
    if on_start:
        on_start(plan, result)
    futures, run_id = {}, uuid.uuid4().hex[:12]
    for index, partition in enumerate(plan):
        future = client.submit(_code_on_worker, index, partition, settings, output, salt,
                               key=f"tacitus-partition-{run_id}-{index}")
        futures[future] = index
    for future in as_completed(list(futures)):
        index = futures[future]
        try:
            done = future.result()
        except Exception as exc:  # the task itself died (killed its workers too often, ...)
            done = _failed(Dataset(output), index, plan[index], None, f"{type(exc).__name__}: {exc}",
                           time.perf_counter())
        result.partitions.append(done)
        if on_partition:
            on_partition(done)
        future.release()


__all__ = ["PartitionResult", "RunResult", "Settings", "code_articles", "code_partition", "connect",
           "parse_scheduler", "run"]
