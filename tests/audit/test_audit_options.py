"""The archive-run options on the command line."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from validator.audit.options import DEFAULT_MAX_SIZE, add_arguments
from validator.audit.runner import RunOptions


def parse(*argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_defaults():
    args = parse("x")
    assert (args.jobs, args.cache, args.max_size, args.as_of, args.baseline) == (None, True, DEFAULT_MAX_SIZE, None, None)
    options = RunOptions.from_namespace(args)
    assert options.paths == ["x"] and options.progress and options.job_count() >= 1


def test_values():
    args = parse("a", "--jobs", "3", "--no-cache", "--max-size", "512K", "--as-of", "2026-12-31",
                 "--include", "*.txt", "--exclude", "drafts/", "--exclude", "*.bak", "--no-progress")
    options = RunOptions.from_namespace(args)
    assert options.job_count() == 3 and options.cache is False and options.max_size == 512 * 1024
    assert options.as_of == dt.date(2026, 12, 31)
    assert options.include == ["*.txt"] and options.exclude == ["drafts/", "*.bak"] and options.progress is False
    assert parse("a", "--max-size", "16M").max_size == 16 << 20


@pytest.mark.parametrize("argv", [["--jobs", "0"], ["--jobs", "two"], ["--as-of", "31/12/2026"], ["--max-size", "big"]])
def test_bad_values_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse("a", *argv)
    assert exit_.value.code == 2
    assert argv[0] in capsys.readouterr().err
