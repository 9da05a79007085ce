"""CPU time per cable for parsing and for the rule check, over the corpus.

Reads every document of the corpus's txt/ and html/ folders once, then times, in this
process, `parse_document` over all of them and `RuleSet.check` (default rule set) over
all the parsed cables. CPU time (time.process_time), best of N runs: other processes on
the machine slow a run down, never speed it up, so the best run is the closest to the
true cost.

Usage: python benchmarks/bench_check.py [--runs N] [--corpus DIR] [--limit N]
Issue 5's budget: the whole pipeline (read, parse, check, report) under ~450 us per
cable per core; the check's share of it is ~150 us.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def read_corpus(corpus: Path, limit: int | None) -> list:
    from validator.readers import read_path

    files = sorted(path for folder in ("txt", "html") for path in (corpus / folder).rglob("*")
                   if path.is_file())
    documents = [document for path in files for document in read_path(str(path))]
    return documents[:limit] if limit else documents


def best_cpu_time(work, runs: int) -> float:
    """The smallest CPU time of `runs` calls of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (best is kept)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with txt/ and html/")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    options = parser.parse_args()
    if not (options.corpus / "txt").is_dir():
        print(f"bench_check: no corpus at {options.corpus} (expected a txt/ folder)", file=sys.stderr)
        return 2

    from validator.engine import load_ruleset
    from validator.parse import parse_document

    documents = read_corpus(options.corpus, options.limit)
    ruleset = load_ruleset()
    # Parsed cables are not kept while parsing is timed (a run does not keep them either:
    # holding 9,000 cables makes the garbage collector rescan them and nearly doubles the time).
    parse_time = best_cpu_time(lambda: [parse_document(document) and None for document in documents], options.runs)
    cables = [parse_document(document) for document in documents]
    gc.freeze()  # the same for the check: the parsed cables are set aside from collection
    pairs = list(zip(documents, cables))
    count = len(pairs)

    check_time = best_cpu_time(lambda: [ruleset.check(document, cable) for document, cable in pairs],
                               options.runs)
    findings = sum(len(ruleset.check(document, cable)) for document, cable in pairs)

    print(f"{count} cables, {len(ruleset.rules)} rules, {findings} findings; "
          f"CPU time per cable, best of {options.runs} runs:")
    print(f"  parse  {parse_time / count * 1e6:7.1f} us")
    print(f"  check  {check_time / count * 1e6:7.1f} us")
    print(f"  both   {(parse_time + check_time) / count * 1e6:7.1f} us  "
          f"(~{count / (parse_time + check_time):,.0f} cables/s per core, reading and reporting not included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
