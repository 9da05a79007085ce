"""The floor: what any Python checker must at least do for each document.

    python benchmarks/floor.py PATH [--jobs N]

Walks PATH in sorted order, and for every file reads its bytes, decodes them as
UTF-8 and runs one regular expression (the E.O. line) over the text, over N
worker processes, like `cable-lint --jobs N` does. Prints the count and the time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import time

EO_LINE = re.compile(r"^\s*E\.?\s?O\.?\s?\d{5}.*$", re.MULTILINE)


def check(path: str) -> int:
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    return len(EO_LINE.findall(text))


def walk(root: str):
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            yield os.path.join(folder, name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    count = matches = 0
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for found in pool.imap(check, walk(args.path), chunksize=256):
            count += 1
            matches += found
    elapsed = time.perf_counter() - started
    print(f"{count} documents, {matches} E.O. lines, {elapsed:.2f} s")


if __name__ == "__main__":
    main()
