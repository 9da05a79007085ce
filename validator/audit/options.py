"""The command-line options of archive runs, shared by `check`, `audit` and `baseline`."""

from __future__ import annotations

import argparse
import datetime as _dt
import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
DEFAULT_MAX_SIZE = 16 << 20  # no real cable comes near; protects against stray dumps


def parse_date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def parse_size(text: str) -> int:
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size; expected e.g. 2000000, 512K or 16M")
    number, unit = match.groups()
    return int(float(number) * _UNITS[(unit or "").lower()[:1]])


def parse_jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of jobs") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return jobs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the discovery, parallelism, cache, baseline and as-of options."""
    group = parser.add_argument_group("inputs")
    group.add_argument(
        "--include", action="append", default=[], metavar="GLOB",
        help="check only files matching GLOB inside folders (repeatable; e.g. '*.txt', '2007/**')",
    )
    group.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="leave out files and folders matching GLOB (repeatable; adds to the config's exclude "
        "and any .cable-lint-ignore files)",
    )
    group.add_argument(
        "--files-from", metavar="FILE", default=None,
        help="also check the paths listed in FILE, one a line ('-' reads them from stdin)",
    )
    group.add_argument(
        "--max-size", type=parse_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
        help="report files larger than SIZE as not checked (default 16M; cables.csv exports "
        "are streamed and exempt)",
    )
    group = parser.add_argument_group("archive runs")
    group.add_argument(
        "--jobs", "-j", type=parse_jobs, default=None, metavar="N",
        help="worker processes (default: the number of CPUs); the report is the same for any N",
    )
    group.add_argument(
        "--no-progress", action="store_true",
        help="no progress bar (it is shown only when stderr is a terminal)",
    )
    group.add_argument(
        "--cache", action=argparse.BooleanOptionalAction, default=True,
        help="reuse results of unchanged documents (default: on)",
    )
    group.add_argument(
        "--cache-dir", metavar="DIR", default=None,
        help="where the cache lives (default: $CABLE_LINT_CACHE_DIR or .cable-lint-cache)",
    )
    group.add_argument(
        "--baseline", metavar="FILE", default=None,
        help="report only findings not recorded in FILE (made by `cable-lint baseline create`)",
    )
    group.add_argument(
        "--as-of", type=parse_date, default=None, metavar="DATE",
        help="evaluate declassification instructions as of DATE, YYYY-MM-DD (default: today)",
    )
