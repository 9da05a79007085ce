"""Check work items: read the bytes, decide whether they are a cable at all, look
the result up in the cache, else read, parse and check the document.

Runs inside worker processes (or inline for `--jobs 1`). What goes back to the
parent is small: for each document its path and an encoded result (`codec`),
plus, for cache misses, the cache key so the parent can store it; or, when the
caller gave a finisher, what the finisher made of a stretch of documents
(`Finished`: e.g. their report text and counts).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional

from validator.audit import codec
from validator.audit.discovery import TEXT_EXTENSIONS, WorkItem

SNIFF_BYTES = 8192
# Extensions the readers do not know: text with one of these is checked only when
# it looks like a cable.
_CABLE_SIGNS = re.compile(
    rb"(?:\bUNCLAS|\bC ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L\b|\bS ?E ?C ?R ?E ?T\b"
    rb"|\bE\. ?O\. ?1\d{4}|\bTAGS\b|\bSUBJECT\b|\bLIMITED OFFICIAL USE\b)",
    re.IGNORECASE,
)
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"MZ",
)


@dataclass(slots=True)
class Finished:
    """Documents a finisher has dealt with in a worker: what it made of them (opaque
    here), how many documents and findings they held, and their cache entries."""

    payload: Any
    documents: int
    findings: int
    entries: list
    hits: int


class _Stretch:
    """Documents in a row that the finisher takes. Each result goes to the finisher as
    its item is done, and its document (the whole text) is dropped: a worker holds
    neither the documents nor the results of a task, only what the finisher makes of
    them (a task full of findings, a folder of one post's cables, would otherwise
    raise its memory)."""

    def __init__(self, checker: "Checker", items: Iterable[WorkItem]) -> None:
        self.checker = checker
        self.items = items
        self.reads_facts = getattr(checker.setup.finisher, "reads_facts", True)
        self.documents = 0
        self.entries: list = []
        self.hits = 0

    def results(self) -> Iterator[Any]:
        for records, entry, hit, _ in self.checker.run_all(self.items):
            if entry is not None:
                self.entries.append(entry)
            self.hits += hit
            self.documents += len(records)
            for path, value in records:
                yield codec.result_of(path, value, self.reads_facts)

    def finish(self) -> Finished:
        payload, findings = self.checker.setup.finisher(self.results())
        return Finished(payload, self.documents, findings, self.entries, self.hits)


@dataclass(slots=True)
class WorkerSetup:
    """What every worker needs; sent once when a worker starts."""

    ruleset: object
    cache_path: Optional[str]  # sqlite file, read-only in workers
    namespace: str  # rule set + config + tool version
    max_size: Optional[int]
    # The SHA-256 of each input, for an audit's manifest (with a cache it is the key
    # anyway); a plain check does not pay for it.
    hash_inputs: bool = True
    # What the caller makes of each document's result, done here rather than in the
    # parent (`Finished`); None: the results go back as they are. It is called with an
    # iterator, read once, that hands over each result as it is done. A finisher
    # whose `reads_facts` is False gets the results without their facts.
    finisher: Optional[Callable[[Iterator[Any]], tuple[Any, int]]] = None


class Checker:
    """Checks work items with one loaded rule set (one per process)."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.setup = setup
        self.cache = None
        if setup.cache_path:
            from validator.audit.cache import CacheReader

            self.cache = CacheReader.open(setup.cache_path)

    def run_chunk(self, items: list[WorkItem]) -> list:
        """Each item's output (see `run`); with a finisher, the items it can take are
        finished together, their outputs replaced by one `Finished` per stretch."""
        if self.setup.finisher is None:
            return list(self.run_all(items))
        outputs: list = []
        for is_part, stretch in itertools.groupby(items, key=_is_export_part):
            if not is_part:
                outputs.append(_Stretch(self, stretch).finish())
                continue
            for item in stretch:  # renumbered by the parent, which knows the rows before
                records, entry, hit, shift = self.run(item)
                outputs.append(([(path, codec.text_of(value)) for path, value in records], entry, hit, shift))
        return outputs

    def run_all(self, items: Iterable[WorkItem]) -> Iterator[tuple]:
        """Each item's output (see `run`), in order, one at a time. With a cache, a few
        files are read ahead and looked up in one query: per key, that costs half as
        much as a query each, and a warm run is mostly lookups."""
        if self.cache is None:
            yield from map(self.run, items)
            return
        batch: list = []
        size = 0
        for item in items:
            read = self._bytes_ahead(item)
            batch.append((item, read))
            size += len(read.data) if read is not None else 0
            if len(batch) >= READ_AHEAD_FILES or size >= READ_AHEAD_BYTES:
                yield from self._run_looked_up(batch)
                batch, size = [], 0
        yield from self._run_looked_up(batch)

    def _run_looked_up(self, batch: list) -> Iterator[tuple]:
        found = self.cache.get_many([read.key for _, read in batch if read is not None and read.key])
        for item, read in batch:
            cached = found.get(read.key) if read is not None else None
            if cached is not None:  # what `run` gives for a hit, without its steps
                yield codec.rebase(cached, item.path), None, True, None
            else:
                yield self.run(item, read)

    def run(self, item: WorkItem, ahead: "Optional[_Ahead]" = None) -> tuple:
        """(records, cache entry, cache hit, row shift): records [(path, encoded or
        `codec.Fresh`)], entry (key, value) or None, shift (line offset, part) for a
        part of a cables.csv export, else None. `ahead`: the file's bytes, already
        read and looked up (`run_all`)."""
        shift = (item.line_offset, item.part) if _is_export_part(item) else None
        try:
            return (*self._run(item, ahead), shift)
        except Exception as error:  # a bug in a reader must not end an archive run
            reason = f"internal error while reading: {type(error).__name__}: {error}"
            return [(item.path, codec.not_checked(reason))], None, False, shift

    def _bytes_ahead(self, item: WorkItem) -> "Optional[_Ahead]":
        """A file's or archive member's bytes and cache key, for `run_all`; None for
        the other kinds of item, and when reading fails (`run` reports it)."""
        if item.kind not in ("path", "bytes"):
            return None
        try:
            data, problem = self._bytes_of(item)
            if problem:
                return _Ahead(data, problem)
            digest = hashlib.sha256(data)
            return _Ahead(data, None, digest, cache_key(digest, _file_name(item)))
        except Exception:
            return None

    def _run(self, item: WorkItem, ahead: "Optional[_Ahead]" = None) -> tuple:
        if item.kind == "skip":
            return [(item.path, codec.not_checked(item.reason))], None, False
        if item.kind == "document":
            document = item.document
            data = document.text.encode("utf-8", "surrogatepass")
            return self._lint_documents(item.path, data, lambda: [document], name=_document_key(document),
                                        per_document_hash=True)
        if item.kind == "csv-part":
            data, problem = self._read_range(item.fs_path, item.offset, item.length)
            if problem:
                return [(item.path, codec.not_checked(problem))], None, False
            name = os.path.basename(item.path)
            return self._lint_documents(item.path, data, lambda: self._read(data, item.path), name=name,
                                        per_document_hash=True)
        if ahead is None:
            ahead = _Ahead(*self._bytes_of(item))
        data = ahead.data
        if ahead.problem:
            return [(item.path, codec.not_checked(ahead.problem))], None, False
        name = _file_name(item) if ahead.key is None else None  # (a key read ahead holds it)
        return self._lint_documents(item.path, data, lambda: self._read(data, item.path), name=name,
                                    sniff=lambda: self._sniff(item.path, data, item.explicit), ahead=ahead)

    # ----------------------------------------------------------------- reading

    def _bytes_of(self, item: WorkItem) -> tuple[bytes, Optional[str]]:
        """A file's or archive member's bytes, or why they cannot be checked."""
        if item.kind == "path":
            return self._read_file(item.fs_path)
        data = item.data or b""
        return data, self._too_large(len(data))

    def _too_large(self, size: int) -> Optional[str]:
        limit = self.setup.max_size
        if limit is not None and size > limit:
            return f"too large: {size} bytes, over the limit of {limit} (--max-size)"
        return None

    def _read_file(self, path: str) -> tuple[bytes, Optional[str]]:
        # os-level calls, and no fstat: a system call costs about as much as reading
        # an 8 KB cable, and a short read of a regular file means its end
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as error:
            return b"", f"unreadable: {error.strerror or error}"
        try:
            limit = self.setup.max_size
            data = _read_up_to(descriptor, limit + 1 if limit is not None else None)
            if limit is not None and len(data) > limit:
                return b"", self._too_large(os.fstat(descriptor).st_size) or self._too_large(len(data))
            return data, None
        except OSError as error:
            return b"", f"unreadable: {error.strerror or error}"
        finally:
            os.close(descriptor)

    @staticmethod
    def _read_range(path: str, offset: int, length: int) -> tuple[bytes, Optional[str]]:
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                return handle.read(length), None
        except OSError as error:
            return b"", f"unreadable: {error.strerror or error}"

    @staticmethod
    def _sniff(path: str, data: bytes, explicit: bool) -> Optional[str]:
        head = data[:SNIFF_BYTES]
        if head.startswith(_BINARY_MAGIC) or b"\x00" in head and not _utf16(head):
            return "binary: not a text file"
        if not head or head.isspace():  # (not head.strip(): without copying the bytes)
            return "unknown form: empty file"
        extension = os.path.splitext(path.rsplit("!", 1)[-1])[1].lower()
        if extension in TEXT_EXTENSIONS:
            return None
        if _CABLE_SIGNS.search(data[:65536]) is None:
            what = f"'{extension}' file" if extension else "file without an extension"
            return f"unknown form: a {what} with no cable marking in it"
        return None

    @staticmethod
    def _read(data: bytes, name: str) -> list:
        from validator.readers import read_bytes

        return list(read_bytes(data, name))

    # ----------------------------------------------------------------- checking

    def _lint_documents(self, path: str, data: bytes, documents, name: Optional[str], per_document_hash: bool = False,
                        sniff=None, ahead: "Optional[_Ahead]" = None) -> tuple:
        """`sniff()`: why the bytes are not worth reading, or None. Asked only on a cache
        miss: the key holds the bytes and the name (its extension), all a sniff looks
        at, and only what passed it was stored. `ahead`: the bytes' digest and key,
        when they were read ahead and looked up already (and missed: `run_all`)."""
        hashing = self.cache is not None or self.setup.hash_inputs
        digest = key = None
        if ahead is not None and ahead.key is not None:
            digest, key = ahead.digest, ahead.key
        elif hashing:
            digest = hashlib.sha256(data)
        sha256 = digest.hexdigest() if digest is not None else None
        if self.cache is not None and key is None:
            key = cache_key(digest, name)
            cached = self.cache.get(key)
            if cached is not None:
                return codec.rebase(cached, path), None, True
        problem = sniff() if sniff is not None else None
        if problem:
            return [(path, codec.not_checked(problem, data))], None, False
        from validator.readers import ReadError

        try:
            docs = documents()
        except ReadError as error:
            records = [(error.path, codec.not_checked(f"unreadable: {error.reason}", data))]
            return records, None, False
        records = []
        for document in docs:
            if per_document_hash:  # a row of an export: the row's own text identifies it
                text = document.text.encode("utf-8", "surrogatepass")
                row_sha256 = hashlib.sha256(text).hexdigest() if hashing else None
                records.append((document.path, self._lint_one(document, row_sha256, len(text))))
            else:
                records.append((document.path, self._lint_one(document, sha256, len(data))))
        if not records:
            records = [(path, codec.not_checked("unknown form: no cable in the file", data))]
        value = codec.relative(records, path) if key is not None else None
        entry = (key, value) if value is not None else None
        return records, entry, False

    def _lint_one(self, document, sha256: Optional[str], size: int) -> "str | codec.Fresh":
        """The document's result, encoded; with a finisher, fresh (encoded only if
        it goes into the cache or back to the parent)."""
        from validator.lint import lint_cable

        try:
            result, cable = lint_cable(document, self.setup.ruleset)
        except Exception as error:  # a crash in a rule must not end an archive run
            return codec.not_checked(f"internal error while checking: {type(error).__name__}: {error}")
        if sha256 is not None:
            result.facts["sha256"] = sha256
        result.facts["bytes"] = size
        fresh = codec.Fresh(result, document)
        return fresh if self.setup.finisher is not None else fresh.encoded()


@dataclass(slots=True)
class _Ahead:
    """A file's bytes read ahead of their turn (or why they cannot be read), their
    digest and cache key."""

    data: bytes
    problem: Optional[str]
    digest: Any = None
    key: Optional[str] = None


# With a cache, a worker reads at most this many files, or about this many bytes, ahead
# of the one it checks.
READ_AHEAD_FILES = 32
READ_AHEAD_BYTES = 1 << 20


def _file_name(item: WorkItem) -> str:
    """The name a file's cache key holds: its own, or an archive member's."""
    return os.path.basename(item.path.rsplit("!", 1)[-1])


READ_BLOCK = 1 << 16


def _read_up_to(descriptor: int, limit: Optional[int]) -> bytes:
    """The file's bytes, at most `limit` of them (None: all)."""
    chunks = []
    total = 0
    while limit is None or total < limit:
        wanted = READ_BLOCK if limit is None else min(READ_BLOCK, limit - total)
        chunk = os.read(descriptor, wanted)
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < wanted:
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def cache_key(digest, name: str) -> str:
    """The cache key: the bytes' SHA-256 plus the file name (the parser reads ids from it)."""
    keyed = digest.copy()
    keyed.update(b"\0" + name.encode("utf-8", "replace"))
    return keyed.hexdigest()


def _document_key(document) -> str:
    """What besides its text shapes a streamed row's result: the export's columns and
    where the row starts in the file (findings carry file positions)."""
    external = document.external
    columns = ()
    if external is not None:
        columns = (external.reference_id, external.created, external.released,
                   external.classification, external.origin, external.references)
    start = document.source_map.position(1, 1)
    return repr((document.form, document.file_cable_id, columns, start))


# ------------------------------------------------------------ process plumbing

_checker: Optional[Checker] = None


def init_worker(setup: WorkerSetup) -> None:
    global _checker
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _checker = Checker(setup)


def run_chunk_in_worker(items: list[WorkItem]) -> list[tuple]:
    assert _checker is not None
    return _checker.run_chunk(items)


def _is_export_part(item: WorkItem) -> bool:
    return item.kind == "csv-part"
