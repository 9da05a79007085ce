"""Create or update a baseline: the findings of today, so later runs report only new ones.

    cable-lint baseline create PATH... -o FILE   record every current finding
    cable-lint baseline update PATH... -o FILE   re-record: add new findings, drop fixed ones
    cable-lint baseline prune  PATH... -o FILE   drop fixed findings only, never add

Then `cable-lint PATH... --baseline FILE` reports only findings not in FILE and
counts the others as suppressed by the baseline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from validator.audit import session


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("create", "update", "prune"), help="what to do with FILE")
    session.add_common_arguments(parser)
    parser.add_argument("--output", "-o", metavar="FILE", required=True, help="the baseline file")


def run(args: argparse.Namespace) -> int:
    from validator.audit.baseline import Baseline, entries_of, write
    from validator.audit.runner import Run
    from validator.cli import UsageError

    session.require_inputs(args)
    target = args.output
    previous = None
    if args.action in ("update", "prune"):
        if not Path(target).exists():
            raise UsageError(f"baseline {target}: no such file to {args.action} (use `cable-lint baseline create`)")
        previous = Baseline.load(target)
    args.baseline = None  # record everything the rules report now
    prepared = session.prepare(args)
    prepared.args.baseline = None  # not even one named in the configuration
    run_ = Run(prepared.args, prepared.checker, prepared.settings)
    entries = entries_of(_post_processed(run_, prepared.post))
    if args.action == "prune" and previous is not None:
        entries = _pruned(previous, entries)
    write(target, entries)
    if not args.quiet:
        recorded = sum(entry["count"] for entry in entries.values())
        line = f"Recorded {recorded} findings of {run_.documents} documents in {target}"
        if previous is not None:
            before = sum(previous.counts.values())
            now = {key: entry["count"] for key, entry in entries.items()}
            added = sum(max(0, count - previous.counts.get(key, 0)) for key, count in now.items())
            dropped = sum(max(0, count - now.get(key, 0)) for key, count in previous.counts.items())
            line += f" (was {before}: {added} added, {dropped} fixed and dropped)"
        print(line + ".")
    return 0


def _post_processed(results, post):
    """Results after per-file-ignores and waivers: waived findings need no baseline."""
    for result in results:
        post(result)
        yield result


def _pruned(previous, current: dict) -> dict:
    """Entries of the old baseline that still occur, at most as often as now."""
    kept = {}
    for fingerprint, count in previous.counts.items():
        entry = current.get(fingerprint)
        if entry is None:
            continue
        kept[fingerprint] = {**entry, "count": min(count, entry["count"])}
    return kept
