"""Compare cache stores for 250,000 entries: one SQLite file vs one JSON file per shard.

    python benchmarks/cache_backends.py [--entries 250000] [--workdir /tmp/x]

Each entry is a 64-hex key and a value of about 600 bytes (the size of an encoded
result with a few findings). Times: writing every entry (in batches, as the parent
does), then reading every entry back by key in a fresh process-like state.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

VALUE = json.dumps([None, {"date": "2007-02-27", "origin": "MUSCAT", "sha256": "0" * 64},
                    None, [["CL301", "banner-level", "error", "x" * 200, 1, 1, 1, 9, "", "", None, "f" * 16]] * 2, []])


def keys(count: int):
    return [hashlib.sha256(str(i).encode()).hexdigest() for i in range(count)]


def bench_sqlite(folder: Path, all_keys) -> tuple[float, float, int]:
    path = folder / "cache.sqlite"
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("CREATE TABLE results (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    for start in range(0, len(all_keys), 2000):
        with connection:
            connection.executemany("INSERT INTO results VALUES (?, ?)", [(k, VALUE) for k in all_keys[start:start + 2000]])
    connection.close()
    write = time.perf_counter() - started
    started = time.perf_counter()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for key in all_keys:
        reader.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
    read = time.perf_counter() - started
    return write, read, 1


def bench_shards(folder: Path, all_keys) -> tuple[float, float, int]:
    """One JSON file per shard (first two hex digits: 256 shards)."""
    started = time.perf_counter()
    shards: dict[str, dict] = {}
    for key in all_keys:
        shards.setdefault(key[:2], {})[key] = VALUE
    for shard, entries in shards.items():
        (folder / f"{shard}.json").write_text(json.dumps(entries))
    write = time.perf_counter() - started
    started = time.perf_counter()
    loaded: dict[str, dict] = {}
    for key in all_keys:
        shard = key[:2]
        if shard not in loaded:
            loaded[shard] = json.loads((folder / f"{shard}.json").read_text())
        loaded[shard].get(key)
    read = time.perf_counter() - started
    return write, read, len(shards)


def bench_files(folder: Path, all_keys) -> tuple[float, float, int]:
    """One file per entry, in 256 sub-folders (ruff-style)."""
    started = time.perf_counter()
    for key in all_keys:
        sub = folder / key[:2]
        sub.mkdir(exist_ok=True)
        (sub / key).write_text(VALUE)
    write = time.perf_counter() - started
    started = time.perf_counter()
    for key in all_keys:
        (folder / key[:2] / key).read_text()
    read = time.perf_counter() - started
    return write, read, len(all_keys)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=250_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    all_keys = keys(args.entries)
    base = Path(tempfile.mkdtemp(dir=args.workdir))
    results = {}
    try:
        for name, bench in (("sqlite (one file)", bench_sqlite), ("json shards (256 files)", bench_shards),
                            ("one file per entry", bench_files)):
            folder = base / name.split()[0]
            folder.mkdir()
            write, read, files = bench(folder, all_keys)
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            results[name] = {"write_s": round(write, 2), "read_s": round(read, 2), "files": files,
                             "mb": round(size / 1e6, 1)}
            print(f"{name:<26} write {write:6.2f} s  read {read:6.2f} s  files {files:>7}  {size / 1e6:7.1f} MB",
                  flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
