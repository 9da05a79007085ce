"""Parallel runs: the same results, in the same order, for any number of jobs."""

from __future__ import annotations

import json
import os
from pathlib import Path

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


def count_documents(results):
    """A finisher for the runner test: what it makes of a stretch of documents (read
    once: the worker hands each result over as it is done)."""
    made = [(result.path, len(result.findings)) for result in results]
    return made, sum(findings for _, findings in made)


def test_a_finisher_takes_stretches_of_files_in_the_workers_but_not_export_rows(tmp_path, ruleset, monkeypatch):
    from validator.audit import discovery
    from validator.audit.runner import Run
    from validator.audit.worker import Finished

    many_cables(tmp_path / "files", copies=8)
    sample = (Path(__file__).parent / "data" / "66BUENOSAIRES2481__cables_csv_row.csv").read_text(encoding="utf-8")
    rows = [f'"{index + 1}"' + sample[sample.index(","):].rstrip("\n") for index in range(40)]
    (tmp_path / "files" / "cables.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(discovery, "CSV_PART_BYTES", 16_000)
    options = RunOptions(paths=[str(tmp_path / "files")], jobs=2, cache=False, progress=False)
    plain = list(Run(options, ruleset))
    run = Run(options, ruleset, finisher=count_documents)
    outputs = list(run)
    finished = [output for output in outputs if type(output) is Finished]
    assert finished and all(not isinstance(output, Finished) for output in outputs if "#row " in getattr(output, "path", ""))
    flattened = []
    for output in outputs:
        flattened += output.payload if type(output) is Finished else [(output.path, len(output.findings))]
    assert flattened == [(result.path, len(result.findings)) for result in plain]  # same documents, same order
    assert any("#row " in path for path, _ in flattened)
    assert run.documents == len(plain) and run.findings == sum(len(result.findings) for result in plain)
    assert sum(output.documents for output in finished) == sum(1 for path, _ in flattened if "#row " not in path)


def test_a_worker_hands_each_result_to_the_finisher_as_it_is_done(tmp_path, ruleset):
    """A worker holds no task's worth of results: the finisher gets an iterator, and the
    n-th result comes before the worker has read the next file."""
    from validator.audit.discovery import Discovery, DiscoveryOptions
    from validator.audit.worker import Checker, Finished, WorkerSetup

    many_cables(tmp_path, copies=2)
    items = list(Discovery(DiscoveryOptions()).items([str(tmp_path)]))
    checker = Checker(WorkerSetup(ruleset, None, "test", None))
    files_read = []
    run_item = checker.run
    checker.run = lambda item: (files_read.append(item.path), run_item(item))[1]
    seen = []

    def finisher(results):
        assert not isinstance(results, list)
        for result in results:
            seen.append((result.path, len(files_read)))
        return [path for path, _ in seen], 0

    checker.setup.finisher = finisher
    outputs = checker.run_chunk(items)
    assert [type(output) for output in outputs] == [Finished]
    assert outputs[0].documents == len(items) == len(seen)
    assert [path for path, _ in seen] == [item.path for item in items]
    assert [read for _, read in seen] == list(range(1, len(items) + 1))


def test_no_finisher_with_one_job_or_a_baseline(tmp_path, ruleset):
    from validator.audit.runner import Run

    from validator.audit.baseline import write

    many_cables(tmp_path / "in", copies=8)
    write(str(tmp_path / "baseline.json"), {})
    one_job = RunOptions(paths=[str(tmp_path / "in")], jobs=1, cache=False, progress=False)
    baselined = RunOptions(paths=[str(tmp_path / "in")], jobs=2, cache=False, progress=False,
                           baseline=str(tmp_path / "baseline.json"))
    for options in (one_job, baselined):
        outputs = list(Run(options, ruleset, finisher=count_documents))
        assert len(outputs) == 8 * len(CABLES)
        assert all(type(output).__name__ == "DocumentResult" for output in outputs)


def test_json_and_jsonl_reports_written_in_the_workers_are_byte_identical_for_any_jobs(tmp_path, capsys):
    """json and jsonl are written by the workers with --jobs 2: the same bytes, the same
    errors on stderr and the same exit code as --jobs 1, with inputs not checked, hidden
    findings, per-file ignores, waivers (one used, one not) and statistics among them."""
    from validator.cli import main

    many_cables(tmp_path / "in", copies=6)
    (tmp_path / "in" / "batch02" / "scan.txt").write_bytes(b"%PDF-1.4 not a cable")
    (tmp_path / "in" / "batch04" / "empty.txt").write_bytes(b"")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "version: 1\nwaivers:\n"
        "  - document: 05MUSCAT679\n    rules: [CL7]\n    justification: Checked against the original.\n"
        "    by: J. Archivist\n    date: 2026-11-02\n"
        "  - document: 99NOWHERE1\n    rules: [CL101]\n    justification: Matches nothing.\n"
        "    by: J. Archivist\n    date: 2026-11-02\n",
        encoding="utf-8",
    )
    outputs = {}
    for jobs in ("1", "2"):
        json_path, jsonl_path = tmp_path / f"r{jobs}.json", tmp_path / f"r{jobs}.jsonl"
        code = main([str(tmp_path / "in"), "--jobs", jobs, "--no-cache", "--isolated", "--format", "json",
                     "--min-severity", "warning", "--per-file-ignores", "batch01/*:CL602", "--statistics",
                     "--waivers", str(waivers), "-o", str(json_path), "--report", f"jsonl:{jsonl_path}"])
        outputs[jobs] = (code, json_path.read_bytes(), jsonl_path.read_bytes(), capsys.readouterr().err)
    assert outputs["1"] == outputs["2"]
    code, report, lines, errors = outputs["1"]
    assert code == 2 and "scan.txt: not checked: binary" in errors and "empty.txt: not checked" in errors
    data = json.loads(report)
    summary = data["summary"]
    assert summary["documents"] == 6 * len(CABLES) + 2 and summary["not_checked"] == 2
    assert summary["hidden"]["info"] > 0 and summary["findings"] > 0
    assert summary["suppressed"]["waiver"] > 0 and [w["document"] for w in data["unused_waivers"]] == ["99NOWHERE1"]
    assert data["statistics"]["checked"] == 6 * len(CABLES) and data["statistics"]["most_errors"]
    assert len(lines.splitlines()) == summary["findings"] + 2


def test_merged_counts_equal_counting_in_one_go(tmp_path, ruleset):
    """Summaries and statistics made per stretch, then merged in order, equal those of
    one pass (the worst documents too, ties going to the first seen)."""
    from validator.audit.stats import Statistics
    from validator.report.summary import Summary

    many_cables(tmp_path, copies=4)
    results = run(ruleset, tmp_path, jobs=1)
    whole_summary, whole_statistics = Summary(), Statistics(["CL091", "CL092", "CL093"], top=3)
    for result in results:
        whole_summary.add(result)
        whole_statistics.add(result)
    assert len(whole_statistics.to_dict()["most_errors"]) == 3
    for size in (1, 5, 16):
        summary, statistics = Summary(), Statistics(["CL091", "CL092", "CL093"], top=3)
        for start in range(0, len(results), size):
            part_summary, part_statistics = Summary(), Statistics(top=3)
            for result in results[start:start + size]:
                part_summary.add(result)
                part_statistics.add(result)
            summary.merge(part_summary)
            statistics.merge(part_statistics)
        assert summary == whole_summary
        assert statistics.to_dict() == whole_statistics.to_dict()


def test_the_worker_renderer_survives_pickling(tmp_path):
    """Where workers are spawned rather than forked (macOS, Windows), the finisher
    travels pickled: it must render the same texts after the trip."""
    import pickle

    from validator.cli import build_parser
    from validator.commands import check
    from validator.model import Severity
    from validator.report import ReportContext
    from validator.report.json_report import JsonReporter
    from validator.report.jsonl import JsonLinesReporter

    args = build_parser("check", check).parse_args(["--isolated", str(tmp_path)])
    settings = check.resolve_settings(args)
    ruleset = check.load_rules(settings)
    context = ReportContext(ruleset=ruleset, fail_on=Severity.ERROR, min_severity=Severity.INFO)
    finisher = check.RenderInWorker(settings, context, [JsonReporter, JsonLinesReporter])
    checker = check.DocumentAwareRuleSet(ruleset)
    many_cables(tmp_path, copies=1)
    first, _ = finisher(run(checker, tmp_path, jobs=1))
    second, _ = pickle.loads(pickle.dumps(finisher))(run(checker, tmp_path, jobs=1))
    assert first.texts == second.texts and first.summary == second.summary
    assert len(first.texts[0]) == len(CABLES) and any(first.texts[1])
