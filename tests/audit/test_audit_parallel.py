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


def test_reports_of_the_bundled_rules_are_byte_identical_for_any_jobs(tmp_path):
    """The whole command, real rule set and json/sarif reports: same bytes for N = 1, 2."""
    from validator.cli import main

    many_cables(tmp_path / "in", copies=6)
    outputs = {}
    for jobs in ("1", "2"):
        json_path, sarif_path = tmp_path / f"r{jobs}.json", tmp_path / f"r{jobs}.sarif"
        code = main([str(tmp_path / "in"), "--jobs", jobs, "--no-cache", "--isolated", "--format", "json",
                     "-o", str(json_path), "--report", f"sarif:{sarif_path}"])
        assert code in (0, 1)
        outputs[jobs] = (json_path.read_bytes(), sarif_path.read_bytes())
    assert outputs["1"] == outputs["2"]
    assert outputs["1"][0].count(b'"path"') >= 6 * len(CABLES)
