"""Reader throughput on the shared corpus: documents/s and MB/s per form.

    python benchmarks/bench_readers.py [CORPUS] [--repeat N]

Reads every file of txt/, html/, old/ and a cables.csv built from the corpus texts
(each cable as one row, written with the export's escapes) and prints the best of N
runs. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from validator.readers import read_path  # noqa: E402


def csv_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def build_csv(texts: list[Path], target: Path) -> None:
    with io.open(target, "w", encoding="utf-8", newline="\n") as out:
        for number, path in enumerate(texts, 1):
            text = path.read_text(encoding="utf-8", errors="replace")
            header, _, content = text.partition("\n\n")
            columns = [str(number), "1/1/2009 10:00", path.stem, "Embassy X", "CONFIDENTIAL", "",
                       header, content]
            out.write(",".join(f'"{csv_escape(c)}"' for c in columns) + "\n")


def measure(paths: list[Path], repeat: int) -> tuple[int, int, float, float]:
    """Documents, bytes, best wall time and best CPU time (robust on a busy machine)."""
    size = sum(os.path.getsize(p) for p in paths)
    best_wall = best_cpu = float("inf")
    documents = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        documents = sum(1 for path in paths for _ in read_path(str(path)))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return documents, size, best_wall, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(REPO / ".." / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "cables.csv"
        build_csv(sorted((corpus / "txt").glob("*.txt")), csv_path)
        sets = {
            "txt": sorted((corpus / "txt").glob("*.txt")),
            "html": sorted((corpus / "html").glob("*.html")),
            "old": sorted((corpus / "old").glob("*.txt")),
            "cables.csv": [csv_path],
        }
        print(f"{'form':<11} {'docs':>6} {'MB':>6}   {'docs/s':>7} {'MB/s':>6}   "
              f"{'docs/cpu-s':>10} {'MB/cpu-s':>8}")
        for name, paths in sets.items():
            documents, size, wall, cpu = measure(paths, args.repeat)
            megabytes = size / 1e6
            print(f"{name:<11} {documents:>6} {megabytes:>6.1f}   {documents / wall:>7.0f} "
                  f"{megabytes / wall:>6.1f}   {documents / cpu:>10.0f} {megabytes / cpu:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
