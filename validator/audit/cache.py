"""The content-hash cache: results keyed by the SHA-256 of a document's bytes.

One SQLite file per namespace (rule-set hash + configuration hash + tool version)
under `<cache dir>/<format>/`, so changing a rule or the configuration starts a fresh file
and never replays stale results. Workers read (many readers at once, WAL mode); only
the parent writes, in batches. A cache that cannot be opened, read or written is
reported once on stderr and the run goes on without it.

(Measured against one JSON file per shard for 250,000 entries: see
docs/performance.md. SQLite keeps the file count at one and a warm lookup costs
under 10 microseconds.)
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    import sqlite3

from validator import __version__

CACHE_FORMAT = "v4"
DEFAULT_DIR = ".cable-lint-cache"
ENV_DIR = "CABLE_LINT_CACHE_DIR"
# A rowid table, values stored in insertion order and the keys in their own small
# index: random SHA-256 keys then touch few pages. (Keyed WITHOUT ROWID, every insert
# landed in a random page of the whole value tree: 2.5x the insert cost and 3x the
# lookup cost at 100,000 entries.)
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def warn(message: str) -> None:
    print(f"cable-lint: warning: {message}", file=sys.stderr)


def default_dir() -> Path:
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


def namespace(ruleset_hash: str, config_hash: str, version: str = __version__) -> str:
    text = f"{CACHE_FORMAT}\0{version}\0{code_fingerprint()}\0{ruleset_hash}\0{config_hash}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def code_fingerprint() -> str:
    """The size and time of every module of the package: a parser or reader changed
    without a new version number (a checkout, an editable install) must not replay
    results made by the old code. About a millisecond."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(package):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder[len(package):]}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def cache_file(directory: Path, name: str) -> Path:
    return Path(directory) / CACHE_FORMAT / f"{name}.sqlite"


class CacheReader:
    """Read-only access for workers."""

    def __init__(self, connection: Optional["sqlite3.Connection"]) -> None:
        self.connection = connection

    @classmethod
    def open(cls, path: str) -> "CacheReader":
        import sqlite3  # here, not at the top: runs without the cache do not pay for it

        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT 1 FROM results LIMIT 1").fetchall()
        except sqlite3.Error:
            return cls(None)  # the parent has already warned
        return cls(connection)

    def get(self, key: str) -> Optional[str]:
        if self.connection is None:
            return None
        import sqlite3

        try:
            row = self.connection.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.connection = None
            return None
        return row[0] if row else None

    def get_many(self, keys: list[str]) -> dict[str, str]:
        """The values stored for those of `keys` the cache holds (at most 999 keys, the
        oldest SQLite's limit of parameters)."""
        if self.connection is None or not keys:
            return {}
        import sqlite3

        query = f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(keys))})"
        try:
            return dict(self.connection.execute(query, keys).fetchall())
        except sqlite3.Error:
            self.connection = None
            return {}


class CacheWriter:
    """The parent's side: creates the file, stores new results in batches."""

    BATCH = 2000

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection: Optional["sqlite3.Connection"] = None
        self.pending: list[tuple[str, str]] = []
        self.written = 0

    @classmethod
    def open(cls, directory: Path, name: str) -> Optional["CacheWriter"]:
        """The writer, or None (after a warning) when the cache cannot be used."""
        import sqlite3

        writer = cls(cache_file(directory, name))
        try:
            writer._connect()
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, sqlite3.DatabaseError) and writer.path.exists():
                warn(f"cache {writer.path} is damaged ({error}); starting a new one")
                try:
                    writer.path.unlink()
                    writer._connect()
                    return writer
                except (sqlite3.Error, OSError) as second:
                    error = second
            warn(f"cache {writer.path} cannot be used ({error}); running without the cache")
            return None
        return writer

    def _connect(self) -> None:
        import sqlite3

        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write_cachedir_tag(self.path.parent.parent)
        connection = sqlite3.connect(str(self.path), timeout=30)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(_SCHEMA)
            connection.execute("SELECT 1 FROM results LIMIT 1").fetchall()
            connection.commit()
        except sqlite3.Error:
            connection.close()
            raise
        self.connection = connection

    def put(self, key: str, value: str) -> None:
        if self.connection is None:
            return
        self.pending.append((key, value))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.connection is None or not self.pending:
            return
        import sqlite3

        try:
            with self.connection:
                self.connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", self.pending)
            self.written += len(self.pending)
        except sqlite3.Error as error:
            warn(f"cannot write the cache {self.path} ({error}); going on without storing results")
            self.connection = None
        self.pending.clear()

    def close(self) -> None:
        self.flush()
        if self.connection is not None:
            import sqlite3

            try:
                self.connection.close()
            except sqlite3.Error:
                pass
            self.connection = None


def _write_cachedir_tag(directory: Path) -> None:
    """Mark the folder as a cache for backup tools (and say what it is)."""
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        try:
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This folder is a cache made by cable-lint; it can be deleted.\n"
            )
        except OSError:
            pass
