"""Parallel runs: the same results, in the same order, for any number of jobs."""

from __future__ import annotations

import os

from audit_support import CABLES, dump, many_cables
from validator.audit.runner import INLINE_BELOW, RunOptions, iter_results


def run(ruleset, path, jobs):
    options = RunOptions(paths=[str(path)], jobs=jobs, cache=False, progress=False)
    return list(iter_results(options, ruleset))


def test_jobs_1_and_jobs_2_give_identical_results(tmp_path, ruleset):
    made = many_cables(tmp_path, copies=8)
    assert len(made) > INLINE_BELOW  # enough for the worker processes to start
    one = run(ruleset, tmp_path, jobs=1)
    two = run(ruleset, tmp_path, jobs=2)
    three = run(ruleset, tmp_path, jobs=3)
    assert len(one) == len(made)
    assert dump(one) == dump(two) == dump(three)


def test_results_follow_input_order(tmp_path, ruleset):
    many_cables(tmp_path, copies=6)
    results = run(ruleset, tmp_path, jobs=2)
    expected = [
        os.path.join(str(tmp_path), f"batch{index:02d}", name) for index in range(6) for name in CABLES
    ]
    assert [r.path for r in results] == expected


def test_results_are_streamed_not_collected(tmp_path, ruleset):
    many_cables(tmp_path, copies=10)
    iterator = iter_results(RunOptions(paths=[str(tmp_path)], jobs=2, cache=False, progress=False), ruleset)
    first = next(iterator)
    assert first.path.endswith(os.path.join("batch00", CABLES[0]))
    iterator.close()  # stops the workers; nothing left running
