"""CPU time per cable of each step a worker takes, and memory over a long run.

For each file: read the bytes, read the documents (`validator.readers`), parse, check
(default rule set), apply inline directives and attach line text, build the result,
encode it as a worker sends it. Steps are timed with the thread's CPU clock, in one
process, in the order a worker runs them (so the figures include what interleaving
costs, unlike `bench_check.py`'s tight loops). With `--memory`, traced Python memory and
the maximum RSS are printed every `--step` files instead, to show nothing accumulates.

Usage: python benchmarks/bench_pipeline.py [PATH ...] [--limit N] [--passes N]
       python benchmarks/bench_pipeline.py PATH --memory [--step N]
PATH: files or folders (default: the corpus's txt/ folder beside the repository).
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "txt"
sys.path.insert(0, str(REPO))

STEPS = ("read", "reader", "parse", "check", "directives+line text", "result", "encode")


def files_under(paths: list[str], limit: int) -> list[str]:
    found = []
    for path in paths:
        if os.path.isdir(path):
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                found += [os.path.join(folder, name) for name in sorted(names)]
        else:
            found.append(path)
    return found[:limit] if limit else found


def run_once(files: list[str], ruleset, totals: collections.Counter) -> None:
    """The steps of `validator.audit.worker` and `DocumentAwareRuleSet.check`, timed one by one."""
    from validator.audit import codec
    from validator.audit.directives import apply_directives
    from validator.lint import facts_of
    from validator.model import DocumentResult
    from validator.parse import parse_document
    from validator.readers import read_bytes
    from validator.report.source import attach_line_text

    clock = time.thread_time_ns
    for path in files:
        start = clock()
        with open(path, "rb") as handle:
            data = handle.read()
        read = clock()
        documents = list(read_bytes(data, path))
        totals["read"] += read - start
        totals["reader"] += clock() - read
        for document in documents:
            start = clock()
            cable = parse_document(document)
            parsed = clock()
            findings = ruleset.check(document, cable)
            checked = clock()
            findings = attach_line_text(document, apply_directives(document, findings, ruleset))
            attached = clock()
            findings.sort(key=lambda finding: finding.sort_key())
            result = DocumentResult(path=path, findings=findings, document_id=cable.cable_id, facts=facts_of(cable))
            built = clock()
            codec.encode(result, document)
            totals["parse"] += parsed - start
            totals["check"] += checked - parsed
            totals["directives+line text"] += attached - checked
            totals["result"] += built - attached
            totals["encode"] += clock() - built


def memory_run(files: list[str], ruleset, step: int) -> None:
    from validator.audit import codec
    from validator.lint import lint_cable
    from validator.readers import read_bytes

    tracemalloc.start()
    for index, path in enumerate(files, 1):
        with open(path, "rb") as handle:
            data = handle.read()
        for document in read_bytes(data, path):
            result, _ = lint_cable(document, ruleset)
            codec.encode(result, document)
        if index % step == 0:
            gc.collect()
            traced, _ = tracemalloc.get_traced_memory()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{index:>8,} files: traced {traced / 1e6:.1f} MB, max RSS {rss:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_INPUT)])
    parser.add_argument("--limit", type=int, default=3000, help="files to use (0: all)")
    parser.add_argument("--passes", type=int, default=2, help="passes; the last is reported")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--step", type=int, default=4000)
    args = parser.parse_args()
    from validator.commands.check import DocumentAwareRuleSet
    from validator.engine import load_ruleset

    ruleset = load_ruleset()
    files = files_under(args.paths, 0 if args.memory else args.limit)
    if not files:
        sys.exit(f"no files under {', '.join(args.paths)}")
    if args.memory:
        memory_run(files, DocumentAwareRuleSet(ruleset), args.step)
        return
    totals: collections.Counter = collections.Counter()
    for _ in range(args.passes):
        totals.clear()
        run_once(files, ruleset, totals)
    total = sum(totals.values())
    print(f"{len(files):,} files, {total / 1e3 / len(files):.0f} us a file:")
    for step in STEPS:
        print(f"  {step:22} {totals[step] / 1e3 / len(files):6.0f} us")


if __name__ == "__main__":
    main()
