"""Run the checks over every input: discovery, worker processes, cache, baseline.

`iter_results` yields one `DocumentResult` per document found, in input order
whatever `--jobs` is, so any report written from it is byte-identical for any N
(or, given a finisher, a `Finished` for each stretch of documents the workers
finished themselves).
Work goes to the workers in chunks through a bounded window, and results come back
in the order the chunks were sent: neither the inputs nor the results are ever all
in memory, so peak memory does not grow with the size of the archive.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import itertools
import json
import os
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

from validator import __version__
from validator.audit import codec
from validator.audit.discovery import Discovery, DiscoveryOptions, WorkItem, read_files_from
from validator.audit.worker import Checker, Finished, WorkerSetup
from validator.model import DocumentResult

# Documents per task sent to a worker. A task's results (its documents' report text)
# are held by the worker until the task is done, then travel to and wait in the parent
# as one piece: a stretch of cables with long reports (5 KB each) raised a run's peak
# memory by about 6 MB with tasks of 128, under 2 MB with tasks of 32. But each task
# costs a hand-off (about 0.1-0.2 ms of CPU): a lot for documents the cache holds (about
# 40 us each), little for documents checked (about 0.4 ms each). So tasks are small
# unless a cache is used.
CHUNK_ITEMS = 32
CHUNK_ITEMS_WITH_CACHE = 128
CHUNK_BYTES = 4 << 20  # ... or fewer, when they carry their bytes
WINDOW_PER_JOB = 4  # chunks in flight per worker
INLINE_BELOW = 64  # fewer documents than this: no worker processes at all


@dataclass
class RunOptions:
    """The options of a run; `from_namespace` reads them from the parsed command line."""

    paths: Sequence[str] = ()
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    files_from: Optional[str] = None
    jobs: Optional[int] = None
    progress: bool = True
    cache: bool = True
    cache_dir: Optional[str] = None
    baseline: Optional[str] = None
    as_of: Optional[_dt.date] = None
    max_size: Optional[int] = None
    use_ignore_files: bool = True
    hash_inputs: bool = False  # record each input's SHA-256 in its facts (audit manifests)
    # Below this many documents the cache costs more (sqlite, a file to open and
    # write) than it saves: a one-file or pre-commit run does not use it.
    cache_min_documents: int = INLINE_BELOW
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_namespace(cls, options: Any) -> "RunOptions":
        if isinstance(options, RunOptions):
            return options
        get = lambda name, default=None: getattr(options, name, default)  # noqa: E731
        paths = get("paths") or get("path") or []
        return cls(
            paths=list(paths),
            include=list(get("include") or ()),
            exclude=list(get("exclude") or ()),
            files_from=get("files_from"),
            jobs=get("jobs"),
            progress=not (get("no_progress", False) or get("quiet", False)),
            cache=bool(get("cache", True)),
            cache_dir=get("cache_dir"),
            baseline=get("baseline"),
            as_of=get("as_of"),
            max_size=get("max_size"),
            hash_inputs=bool(get("hash_inputs", False)),
        )

    def job_count(self) -> int:
        if self.jobs:
            return max(1, int(self.jobs))
        return default_jobs()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------- hashing


def config_hash(config: Any) -> str:
    """A stable hash of the effective configuration (whatever object holds it)."""
    if config is None:
        return "none"
    for attribute in ("hash", "config_hash"):
        value = getattr(config, attribute, None)
        if isinstance(value, str):
            return value
        if callable(value):
            try:
                result = value()
            except TypeError:
                result = None
            if isinstance(result, str):
                return result
    data = config
    if hasattr(config, "to_dict"):
        data = config.to_dict()
    elif hasattr(config, "__dict__") and not isinstance(config, dict):
        data = vars(config)
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# Settings that shape only how results are shown or which files are found, not what
# a check of one document produces: they stay out of the cache key.
_NOT_IN_CACHE_KEY = frozenset({
    "format", "fail-on", "min-severity", "waivers", "per-file-ignores", "include", "exclude",
    "jobs", "cache", "cache-dir", "baseline", "max-size", "output", "statistics", "quiet",
})


# Settings of how a run goes, which change none of what it finds or writes: they stay
# out of the configuration hash an audit's manifest records.
_RUN_ONLY = frozenset({"jobs", "cache", "cache-dir"})


def cache_config_hash(config: Any) -> str:
    """The hash of the settings that can change a document's findings."""
    return _hash_leaving_out(config, _NOT_IN_CACHE_KEY)


def run_config_hash(config: Any) -> str:
    """The hash of the settings that can change a run's results and outputs (not the
    number of jobs, nor the cache): the same audit run twice records the same hash."""
    return _hash_leaving_out(config, _RUN_ONLY)


def _hash_leaving_out(config: Any, keys: frozenset) -> str:
    if config is None:
        return "none"
    data = None
    if hasattr(config, "to_dict"):
        data = config.to_dict()
    elif isinstance(config, dict):
        data = config
    if not isinstance(data, dict):
        return config_hash(config)
    relevant = {key: value for key, value in data.items() if key not in keys}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:16]


def ruleset_hash(ruleset: Any) -> str:
    value = getattr(ruleset, "hash", None)
    if callable(value):
        value = value()
    return str(value) if value else "unhashed"


def config_excludes(config: Any) -> list[str]:
    if config is None:
        return []
    value = config.get("exclude") if isinstance(config, dict) else getattr(config, "exclude", None)
    if isinstance(value, str):
        return [value]
    return list(value or [])


# ------------------------------------------------------------------- the run


class Run:
    """One run over the inputs; iterate it for the results. Counters for the summary."""

    def __init__(self, options: Any, ruleset: Any, config: Any = None, finisher: Any = None) -> None:
        """`finisher(results) -> (payload, findings)`, picklable: what the caller does with
        the results of each stretch of documents (an iterator, read once, that hands
        over each result as it is done), run in the worker processes, so the
        parent only gathers. The run then yields a `Finished` for such a stretch
        instead of its `DocumentResult`s. Used only with worker processes and without a
        baseline (whose matching spans the whole run)."""
        self.options = RunOptions.from_namespace(options)
        self.finisher = finisher
        self.ruleset = ruleset
        self.config = config
        self.config_hash = run_config_hash(config)
        self.ruleset_hash = ruleset_hash(ruleset)
        self._namespace: Optional[str] = None
        self.discovery = Discovery(
            DiscoveryOptions(
                include=self.options.include,
                exclude=list(self.options.exclude) + config_excludes(config),
                use_ignore_files=self.options.use_ignore_files,
                max_size=self.options.max_size,
            )
        )
        self.baseline = None
        if self.options.baseline:
            from validator.audit.baseline import Baseline

            self.baseline = Baseline.load(self.options.baseline)
        self.cache_writer = None
        self.documents = 0
        self.findings = 0
        self.cache_hits = 0

    @property
    def namespace(self) -> str:
        """The cache's namespace: rule set, configuration, tool version and code."""
        if self._namespace is None:
            self._namespace = _namespace(self.ruleset_hash, cache_config_hash(self.config))
        return self._namespace

    # inputs ------------------------------------------------------------------

    def inputs(self) -> list[str]:
        paths = list(self.options.paths)
        if self.options.files_from:
            paths += read_files_from(self.options.files_from)
        return paths

    def items(self) -> Iterator[WorkItem]:
        return self.discovery.items(self.inputs())

    # results -----------------------------------------------------------------

    def __iter__(self) -> Iterator["DocumentResult | Finished"]:
        items = self.items()
        head, documents = _head(items, max(INLINE_BELOW, self.options.cache_min_documents))
        jobs = self.options.job_count()
        inline = jobs <= 1 or documents < INLINE_BELOW
        finisher = None if inline or self.baseline is not None else self.finisher
        setup = self._setup(use_cache=documents >= self.options.cache_min_documents, finisher=finisher)
        pool = None
        if inline:
            outputs = self._inline(setup, itertools.chain(head, items))
        else:
            # The pool forks before any thread (progress) starts: forking a process
            # with running threads can leave locks held in the children.
            pool = self._start_pool(setup, jobs)
            chunk_items = CHUNK_ITEMS_WITH_CACHE if setup.cache_path is not None else CHUNK_ITEMS
            outputs = self._parallel(pool, itertools.chain(head, items), jobs, chunk_items)
        progress = self._progress()
        try:
            rows_before: dict[str, int] = {}  # cables.csv parts: rows of the earlier parts
            for output in outputs:
                if type(output) is Finished:
                    self._store(output.entries)
                    self.cache_hits += output.hits
                    self.documents += output.documents
                    self.findings += output.findings
                    if progress is not None:
                        progress.advance(output.findings, output.documents)
                    yield output
                    continue
                records, entry, hit, shift = output
                if entry is not None:
                    self._store((entry,))
                self.cache_hits += hit
                if shift is not None:
                    records = _shift_rows(records, shift, rows_before)
                else:
                    records = [(path, encoded, 0) for path, encoded in records]
                for path, encoded, line_shift in records:
                    result = codec.decode(path, encoded, line_shift)
                    if self.baseline is not None:
                        self.baseline.apply(result)
                    self.documents += 1
                    self.findings += len(result.findings)
                    if progress is not None:
                        progress.advance(len(result.findings))
                    yield result
        finally:
            if progress is not None:
                progress.stop()
            if hasattr(outputs, "close"):
                outputs.close()
            if pool is not None:
                pool.terminate()
                pool.join()
            if self.cache_writer is not None:
                self.cache_writer.close()

    def _store(self, entries) -> None:
        if self.cache_writer is not None:
            for entry in entries:
                self.cache_writer.put(*entry)

    def _setup(self, use_cache: bool, finisher: Any = None) -> WorkerSetup:
        cache_path = None
        if self.options.cache and use_cache:
            from validator.audit.cache import CacheWriter, default_dir

            directory = Path(self.options.cache_dir) if self.options.cache_dir else default_dir()
            self.cache_writer = CacheWriter.open(directory, self.namespace)
            if self.cache_writer is not None:
                cache_path = str(self.cache_writer.path)
        return WorkerSetup(self.ruleset, cache_path, self.namespace, self.options.max_size,
                           hash_inputs=self.options.hash_inputs, finisher=finisher)

    def _inline(self, setup: WorkerSetup, items: Iterable[WorkItem]) -> Iterator[tuple]:
        checker = Checker(setup)
        for item in items:
            yield checker.run(item)

    @staticmethod
    def _start_pool(setup: WorkerSetup, jobs: int):
        import multiprocessing

        from validator.audit import worker

        method = "fork" if sys.platform.startswith("linux") else None
        context = multiprocessing.get_context(method)
        if method == "fork":
            # Work a rule set would do in each worker is done once here and shared:
            # compiling its generated code also takes memory that stays with the process.
            # Not with a cache: a re-run checks few documents or none (a worker that
            # does check enough compiles the code itself), and compiling takes ~80 ms.
            prepare = getattr(setup.ruleset, "compile_resolver", None)
            if callable(prepare) and setup.cache_path is None:
                prepare()
            # What is loaded so far (modules, the rule set) lives as long as the run:
            # out of the collector's reach, the workers' collections do not write to
            # (and so copy) the pages they share with the parent.
            gc.freeze()
        return _pool_class()(jobs, initializer=worker.init_worker, initargs=(setup,), context=context)

    def _parallel(self, pool, items: Iterable[WorkItem], jobs: int, chunk_items: int) -> Iterator[tuple]:
        from validator.audit import worker

        pending: deque = deque()
        window = jobs * WINDOW_PER_JOB
        try:
            for chunk in _chunks(items, chunk_items):
                pending.append(pool.apply_async(worker.run_chunk_in_worker, (chunk,)))
                while len(pending) >= window:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    def _progress(self):
        if not self.options.progress or not sys.stderr.isatty():
            return None
        from validator.audit.progress import ProgressBar

        return ProgressBar.start(self)


def _pool_class():
    """`multiprocessing.Pool`, with its worker-minding thread woken only by what it
    minds: a worker that ended, or the pool's own notices.

    The standard pool also wakes that thread whenever a result waits in the results
    pipe, and until the result thread has read it, the thread spins: about 6 us of the
    parent's CPU a document in a warm-cache run, taken from the workers' two CPUs.
    Workers here never end on their own (no `maxtasksperchild`), so the pipe tells
    that thread nothing."""
    import multiprocessing.pool

    class Pool(multiprocessing.pool.Pool):
        def _get_sentinels(self):
            return [self._change_notifier._reader]

    return Pool


def _head(items: Iterator[WorkItem], documents: int) -> tuple[list[WorkItem], int]:
    """The first items, up to about `documents` documents (a part of a cables.csv
    export holds many), and how many documents they hold."""
    head: list[WorkItem] = []
    count = 0
    for item in items:
        head.append(item)
        count += max(1, item.length // 8192) if item.kind == "csv-part" else 1
        if count >= documents:
            break
    return head, count


def _shift_rows(records: list, shift: tuple[int, int], rows_before: dict[str, int]) -> list:
    """Rows of a cables.csv part, renumbered and moved to their place in the file.

    A worker reads a part as if it were a file of its own: its rows count from 1 and
    its lines from the part's start. Parts come back in order, so the rows of the
    earlier parts of the same file are known here."""
    line_offset, part = shift
    files = {path.rpartition("#row ")[0] for path, _ in records if "#row " in path}
    if part == 0:  # a file's first part (the same export may be named twice)
        for file in files:
            rows_before[file] = 0
    shifted = []
    for path, encoded in records:
        file, marker, row = path.rpartition("#row ")
        if not marker or not row.isdigit():  # not a row (e.g. the part could not be read)
            shifted.append((path, encoded, line_offset))
            continue
        before = rows_before.get(file, 0)
        shifted.append((f"{file}#row {int(row) + before}", encoded, line_offset))
    for file in files:
        numbers = [int(p.rpartition("#row ")[2]) for p, _ in records
                   if p.rpartition("#row ")[0] == file and p.rpartition("#row ")[2].isdigit()]
        rows_before[file] = rows_before.get(file, 0) + max(numbers, default=0)
    return shifted


def _chunks(items: Iterable[WorkItem], chunk_items: int = CHUNK_ITEMS) -> Iterator[list[WorkItem]]:
    chunk: list[WorkItem] = []
    size = 0
    for item in items:
        chunk.append(item)
        if item.data is not None:
            size += len(item.data)
        elif item.length:
            size += item.length
        elif item.document is not None:
            size += len(item.document.text)
        if len(chunk) >= chunk_items or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _namespace(ruleset_hash: str, config_hash: str) -> str:
    from validator.audit.cache import namespace

    return namespace(ruleset_hash, config_hash, __version__)


def iter_results(options: Any, ruleset: Any, *, config: Any = None, finisher: Any = None) -> Iterator[Any]:
    """Every input's result, in input order: checked, or `not_checked` with the reason
    (with a `finisher`, some come as `Finished` stretches: see `Run`)."""
    yield from Run(options, ruleset, config, finisher)


def options_namespace(**values: Any):
    """A namespace with every audit option at its default, for callers without argparse."""
    import argparse

    from validator.audit.options import add_arguments

    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    add_arguments(parser)
    namespace = parser.parse_args([])
    for name, value in values.items():
        setattr(namespace, name, value)
    return namespace
