"""Find the documents to check: walk folders in sorted order, honour globs and
ignore files, open zip and tar archives in place, and stream `cables.csv` exports.

Discovery yields `WorkItem`s in a deterministic order. It decides only what can be
told from names (and, for archives, a few magic bytes); whether a file is text, too
large or a cable at all is decided where its bytes are read (`validator.audit.worker`),
so that work runs in parallel. Nothing found is dropped: a file that cannot be used
becomes a `skip` item with the reason.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from validator.audit.globs import IGNORE_FILE, PatternSet

# Forms the readers know, by extension (lower case, with the dot).
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".html", ".htm", ".md", ".markdown"})
CSV_EXTENSIONS = frozenset({".csv"})
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# A file whose name ends otherwise is read by a worker as it is (`Discovery._file`).
_NOT_PLAIN_SUFFIXES = (*ARCHIVE_SUFFIXES, *CSV_EXTENSIONS)
# Folders nobody wants checked; like ruff's default excludes they are skipped quietly.
DEFAULT_EXCLUDED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".cable-lint-cache", "__pycache__", ".venv", "node_modules"}
)


@dataclass(slots=True)
class WorkItem:
    """One unit of work for a checker.

    kind: "path" (a file on disk, read by the worker), "bytes" (an archive member,
    read here), "csv-part" (a stretch of whole rows of a `cables.csv` export,
    `offset`/`length` bytes from `fs_path`, read by the worker), "document" (a row
    already read, from an export inside an archive), "skip" (not checkable;
    `reason` says why).
    """

    kind: str
    path: str  # as shown to the user
    fs_path: Optional[str] = None
    data: Optional[bytes] = None
    document: object = None
    reason: Optional[str] = None
    explicit: bool = False  # named on the command line: checked whatever its extension
    offset: int = 0  # csv-part: where the stretch starts in the file
    length: int = 0  # csv-part: its size in bytes
    line_offset: int = 0  # csv-part: lines of the file before the stretch
    part: int = 0  # csv-part: its index in the file

    def __reduce__(self):
        # Sent to the workers by the hundred thousand: a file's item travels as its
        # path alone (a third of the bytes and of the pickling time of all its fields).
        if self.kind == "path" and self.fs_path == self.path:
            return _file_item, (self.path, self.explicit)
        return WorkItem, tuple(getattr(self, name) for name in self.__slots__)


def _file_item(path: str, explicit: bool) -> WorkItem:
    """A file on disk to check, as discovery makes it and a worker rebuilds it."""
    return WorkItem("path", path, fs_path=path, explicit=explicit)


@dataclass
class DiscoveryOptions:
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    use_ignore_files: bool = True
    max_size: Optional[int] = None
    excluded_count: int = field(default=0, init=False)


def archive_kind(name: str) -> Optional[str]:
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "tar"
    return None


def _names_in(folder: str) -> tuple[list[str], list[str], set[str]]:
    """The names of a folder's files and of its subfolders, each sorted, and which of
    the files are special (FIFOs, sockets, devices: opening a FIFO would wait for a
    writer forever). Names only, not the scan's entries: a folder of an archive may hold
    tens of thousands of files, and each entry holds its path as well (about 4x the
    memory of a name). A broken link is a file: reading it reports why it cannot be read."""
    files: list[str] = []
    folders: list[str] = []
    special: set[str] = set()
    with os.scandir(folder) as scan:
        for entry in scan:
            try:
                if entry.is_dir():
                    folders.append(entry.name)
                    continue
                if not entry.is_file() and not (entry.is_symlink() and not os.path.exists(entry.path)):
                    special.add(entry.name)
            except OSError:
                pass
            files.append(entry.name)
    files.sort()
    folders.sort()
    return files, folders, special


NOT_A_FILE = "unknown form: not a regular file or folder"


def _folder_identity(folder: str) -> tuple[int, int]:
    status = os.stat(folder)
    return status.st_dev, status.st_ino


def _is_csv(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in CSV_EXTENSIONS


class Discovery:
    """Turns the command-line inputs into work items, in input order."""

    def __init__(self, options: DiscoveryOptions) -> None:
        self.options = options
        self.include = PatternSet(options.include)
        self.exclude = PatternSet(options.exclude)
        self.excluded = 0  # files left out by a glob or an ignore file

    # ------------------------------------------------------------------ inputs

    def items(self, inputs: Iterable[str]) -> Iterator[WorkItem]:
        for raw in inputs:
            yield from self._input(raw)

    def _input(self, raw: str) -> Iterator[WorkItem]:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield WorkItem("bytes", "<stdin>", data=data, explicit=True)
            return
        try:
            mode = os.stat(raw).st_mode
        except OSError as error:
            yield WorkItem("skip", raw, reason=f"unreadable: {error.strerror or error}")
            return
        if stat.S_ISDIR(mode):
            yield from self._walk(raw)
        elif stat.S_ISREG(mode):
            yield from self._file(raw, explicit=True)
        else:
            yield WorkItem("skip", raw, reason=NOT_A_FILE)

    # ------------------------------------------------------------------ folders

    def _walk(self, root: str) -> Iterator[WorkItem]:
        # Stack of (folder, relative path from root, ignore sets in force).
        root_ignores = self._ignores_in(root, "", ())
        stack = [(root, "", root_ignores)]
        walked: set[tuple[int, int]] = set()  # (device, inode) of every folder entered
        while stack:
            folder, relative, ignores = stack.pop()
            try:
                identity = _folder_identity(folder)
                if identity in walked:  # a link to a folder walked already (or a loop)
                    yield WorkItem("skip", folder, reason="not walked: a link to a folder walked already")
                    continue
                walked.add(identity)
                file_names, folder_names, special_names = _names_in(folder)
            except OSError as error:
                yield WorkItem("skip", folder, reason=f"unreadable: {error.strerror or error}")
                continue
            prefix = os.path.join(folder, "")  # the folder and one separator
            subfolders = []
            for name in folder_names:
                child_relative = f"{relative}/{name}" if relative else name
                if name in DEFAULT_EXCLUDED_DIRS or self._excluded(child_relative, True, ignores):
                    continue
                subfolders.append((prefix + name, child_relative))
            for name in file_names:
                if name == IGNORE_FILE:
                    continue
                child_relative = f"{relative}/{name}" if relative else name
                if self._excluded(child_relative, False, ignores):
                    self.excluded += 1
                    continue
                if self.include and not self.include.matches(child_relative):
                    self.excluded += 1
                    continue
                if name in special_names:
                    yield WorkItem("skip", prefix + name, reason=NOT_A_FILE)
                elif name.lower().endswith(_NOT_PLAIN_SUFFIXES):
                    yield from self._file(prefix + name, explicit=False)
                else:  # most files of an archive: no archive or export to open
                    yield _file_item(prefix + name, False)
            # Depth-first in sorted order: push in reverse so the first pops first.
            for path, child_relative in reversed(subfolders):
                stack.append((path, child_relative, self._ignores_in(path, child_relative, ignores)))

    def _ignores_in(self, folder: str, relative: str, inherited: tuple) -> tuple:
        if not self.options.use_ignore_files:
            return inherited
        ignore_file = Path(folder) / IGNORE_FILE
        if not ignore_file.is_file():
            return inherited
        return inherited + ((relative, PatternSet.from_file(ignore_file)),)

    def _excluded(self, relative: str, is_dir: bool, ignores: tuple) -> bool:
        if self.exclude.matches(relative, is_dir):
            return True
        verdict = None
        for base, patterns in ignores:
            below = relative[len(base) + 1 :] if base else relative
            decided = patterns.decide(below, is_dir)
            if decided is not None:
                verdict = decided
        return bool(verdict)

    # ------------------------------------------------------------------ files

    def _file(self, path: str, explicit: bool) -> Iterator[WorkItem]:
        kind = archive_kind(path)
        if kind == "zip":
            yield from self._zip(path)
        elif kind == "tar":
            yield from self._tar(path)
        elif _is_csv(path):
            yield from self._csv(path)
        else:
            yield _file_item(path, explicit)

    def _csv(self, path: str) -> Iterator[WorkItem]:
        """Cut the export into stretches of whole rows for the workers to read.

        Reading a 2 GB export is most of the work of checking it, so it is shared
        out: the boundaries are found here from the bytes alone (a line ending a
        quoted field followed by a line starting a row, `"<digits>","`), and each
        worker reads its stretch with the cables.csv reader. Rows keep their file
        line numbers and row numbers (`validator.audit.runner` shifts them back).
        """
        try:
            handle = open(path, "rb")
        except OSError as error:
            yield WorkItem("skip", path, reason=f"unreadable: {error.strerror or error}")
            return
        with handle:
            try:
                yield from _csv_parts(handle, path)
            except OSError as error:
                yield WorkItem("skip", path, reason=f"unreadable: {error.strerror or error}")

    def _member_allowed(self, name: str) -> bool:
        if self.exclude.matches(name):
            self.excluded += 1
            return False
        if self.include and not self.include.matches(name):
            self.excluded += 1
            return False
        return True

    def _too_large(self, size: int) -> Optional[str]:
        limit = self.options.max_size
        if limit is not None and size > limit:
            return f"too large: {size} bytes, over the limit of {limit} (--max-size)"
        return None

    def _zip(self, path: str) -> Iterator[WorkItem]:
        import zipfile  # only archive runs pay for these imports

        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            yield WorkItem("skip", path, reason=f"unreadable: not a readable zip archive ({error})")
            return
        with archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = f"{path}!{info.filename}"
                if not self._member_allowed(info.filename):
                    continue
                yield from self._member(name, info.filename, info.file_size, lambda i=info: archive.read(i))

    def _tar(self, path: str) -> Iterator[WorkItem]:
        import tarfile

        try:
            archive = tarfile.open(path, mode="r:*")
        except (OSError, tarfile.TarError) as error:
            yield WorkItem("skip", path, reason=f"unreadable: not a readable tar archive ({error})")
            return
        with archive:
            try:
                for info in archive:  # streamed in archive order
                    if not info.isfile():
                        continue
                    name = f"{path}!{info.name}"
                    if not self._member_allowed(info.name):
                        continue

                    def read(info=info) -> bytes:
                        handle = archive.extractfile(info)
                        return handle.read() if handle is not None else b""

                    yield from self._member(name, info.name, info.size, read)
            except (OSError, tarfile.TarError, EOFError) as error:
                yield WorkItem("skip", path, reason=f"unreadable: damaged tar archive ({error})")

    def _member(self, name: str, member: str, size: int, read) -> Iterator[WorkItem]:
        too_large = self._too_large(size)
        if too_large:
            yield WorkItem("skip", name, reason=too_large)
            return
        if archive_kind(member):
            yield WorkItem("skip", name, reason="unknown form: an archive inside an archive")
            return
        try:
            data = read()
        except Exception as error:  # zlib.error, BadZipFile, CRC errors ...
            yield WorkItem("skip", name, reason=f"unreadable: {error}")
            return
        if _is_csv(member):
            from validator.readers import ReadError, read_bytes

            try:
                for document in read_bytes(data, name):
                    yield WorkItem("document", document.path, document=document)
            except ReadError as error:
                yield WorkItem("skip", error.path, reason=f"unreadable: {error.reason}")
            return
        yield WorkItem("bytes", name, data=data)


CSV_PART_BYTES = 2 << 20
_ROW_BOUNDARY = re.compile(rb'(?<!\\)"\r?\n(?="\d+",")')


def _csv_parts(handle, path: str) -> Iterator[WorkItem]:
    offset = line_offset = part = 0
    pending = b""
    at_end = False
    while pending or not at_end:
        cut = None
        if at_end:
            cut = len(pending)
        elif len(pending) >= CSV_PART_BYTES:
            match = _ROW_BOUNDARY.search(pending, CSV_PART_BYTES - 1)
            cut = match.end() if match else None
        if cut is None:  # too little yet, or a row longer than a part: read on
            block = handle.read(CSV_PART_BYTES)
            at_end = not block
            pending += block
            continue
        yield WorkItem("csv-part", path, fs_path=path, offset=offset, length=cut,
                       line_offset=line_offset, part=part)
        line_offset += pending.count(b"\n", 0, cut)
        offset += cut
        part += 1
        pending = pending[cut:]


def read_files_from(source: str) -> list[str]:
    """The paths listed in a `--files-from` file (or `-` for stdin), one a line."""
    if source == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            from validator.cli import UsageError

            raise UsageError(f"--files-from {source}: cannot read the list: {error}") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
