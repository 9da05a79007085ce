"""Build a synthetic archive of N cables (default 250,000) from the real corpus.

    python benchmarks/build_archive.py --workdir /tmp/cable-bench [--count 250000]

Writes, under the work folder (never inside the repository):

    tree/<YY>/<ORIGIN>/<ID>.txt   one cable a file (the Cablegate text form)
    cables.csv                    the same cables as a `cables.csv` export
    tree-25k/...                  the first 25,000 of them, for the memory comparison

Each synthetic cable is a real cable of ../shared/corpus/txt with a new, unique cable
number: the id (`07MUSCAT4711`) and the number wherever the text repeats it (banner,
continuation lines) are rewritten together, so ids and texts stay consistent. Years,
origins and dates are those of the source cable, so the archive has the corpus's
spread of eras. About 9.7 KB a cable: 250,000 cables come to about 2.4 GB per form.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
ID_RE = re.compile(r"^(\d{2})([A-Z][A-Z]+?)(\d+)$")
DTG_RE = re.compile(r"\b(\d{2})(\d{2})(\d{2})Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(\d{2,4})\b")
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def load_manifest(corpus: Path) -> dict[str, tuple[str, str]]:
    """id -> (publisher's origin, classification) from MANIFEST.tsv."""
    table = {}
    lines = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) >= 4:
            table[cells[0]] = (cells[2], cells[3])
    return table


def load_sources(corpus: Path) -> list[tuple[str, str, str, str, str]]:
    """(id, year digits, origin, number, text) of every corpus cable with a regular id."""
    sources = []
    for path in sorted((corpus / "txt").glob("*.txt")):
        match = ID_RE.match(path.stem)
        if not match:
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        sources.append((path.stem, match.group(1), match.group(2), match.group(3), text))
    return sources


def renumber(text: str, origin: str, old: str, new: int) -> str:
    """Replace the cable number on lines that name the origin, keeping its width."""
    pattern = re.compile(r"(?<!\d)0*" + re.escape(old) + r"(?!\d)")
    word = origin[:6]

    def fix_line(line: str) -> str:
        if word not in line.replace(" ", ""):
            return line
        return pattern.sub(lambda m: str(new).zfill(len(m.group(0))), line)

    return "\n".join(fix_line(line) for line in text.split("\n"))


def created_of(text: str, year: str) -> str:
    match = DTG_RE.search(text[:4000])
    full_year = int(year) + (1900 if int(year) >= 60 else 2000)
    if match:
        day, hour, minute, month = int(match.group(1)), int(match.group(2)), int(match.group(3)), MONTHS[match.group(4)]
        if 1 <= day <= 28 and hour < 24 and minute < 60:
            return f"{month}/{day}/{full_year} {hour}:{minute:02d}"
    return f"1/1/{full_year} 0:00"


def csv_field(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build(corpus: Path, workdir: Path, count: int, small: int, seed: int) -> None:
    sources = load_sources(corpus)
    manifest = load_manifest(corpus)
    if not sources:
        sys.exit(f"no cables under {corpus}/txt")
    random.Random(seed).shuffle(sources)
    for name in ("tree", "tree-25k"):
        shutil.rmtree(workdir / name, ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    counters: dict[tuple[str, str], int] = defaultdict(int)
    used = {(year, origin, int(number)) for _, year, origin, number, _ in sources}
    started = time.time()
    total_bytes = 0
    made_dirs: set[Path] = set()
    with open(workdir / "cables.csv", "w", encoding="utf-8", errors="surrogateescape", newline="") as export:
        for index in range(count):
            source_id, year, origin, number, text = sources[index % len(sources)]
            key = (year, origin)
            counters[key] += 1
            while (year, origin, counters[key]) in used:
                counters[key] += 1
            new_number = counters[key]
            used.add((year, origin, new_number))
            cable_id = f"{year}{origin}{new_number}"
            body = renumber(text, origin, number, new_number)
            folder = workdir / "tree" / year / origin
            if folder not in made_dirs:
                folder.mkdir(parents=True, exist_ok=True)
                made_dirs.add(folder)
            data = body.encode("utf-8", "surrogateescape")
            (folder / f"{cable_id}.txt").write_bytes(data)
            total_bytes += len(data)
            if index < small:
                small_folder = workdir / "tree-25k" / year / origin
                small_folder.mkdir(parents=True, exist_ok=True)
                (small_folder / f"{cable_id}.txt").write_bytes(data)
            header, _, content = body.partition("\n\n")
            publisher_origin, classification = manifest.get(source_id, (origin.title(), ""))
            row = [str(index + 1), created_of(body, year), cable_id, publisher_origin, classification, "", header, content]
            export.write(",".join(csv_field(value) for value in row) + "\n")
            if (index + 1) % 25000 == 0:
                print(f"  {index + 1:,} cables, {total_bytes / 1e9:.2f} GB, {time.time() - started:.0f} s", flush=True)
    print(f"built {count:,} cables ({total_bytes / 1e9:.2f} GB of text) in {workdir} in {time.time() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cable-lint-bench"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=250_000)
    parser.add_argument("--small", type=int, default=25_000, help="size of the tree-25k subset")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    if REPO in workdir.parents or workdir == REPO:
        sys.exit("--workdir must be outside the repository")
    free = shutil.disk_usage(workdir.parent if not workdir.exists() else workdir).free
    needed = int(args.count * 9.7e3 * 2.2)
    if free < needed:
        sys.exit(f"not enough disk: {free / 1e9:.1f} GB free, about {needed / 1e9:.1f} GB needed; use --count")
    build(args.corpus, workdir, args.count, min(args.small, args.count), args.seed)


if __name__ == "__main__":
    main()
