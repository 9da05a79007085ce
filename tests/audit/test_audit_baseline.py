"""Baselines: fingerprints survive moved lines; new findings are still reported."""

from __future__ import annotations

import json

import pytest

from audit_support import DATA

from validator.audit import baseline as baseline_module
from validator.audit.runner import RunOptions, iter_results


def run(ruleset, path, baseline=None):
    options = RunOptions(paths=[str(path)], jobs=1, cache=False, progress=False, baseline=baseline)
    return list(iter_results(options, ruleset))


def make_baseline(ruleset, path, target):
    baseline_module.write(str(target), baseline_module.entries_of(run(ruleset, path)))
    return json.loads(target.read_text())


def test_round_trip_with_moved_lines_and_a_new_finding(cables, tmp_path, ruleset):
    target = tmp_path / "baseline.json"
    data = make_baseline(ruleset, cables, target)
    recorded = sum(entry["count"] for entry in data["findings"])
    assert recorded > 0

    # Text added above every finding: line numbers change, identities do not.
    for path in cables.iterdir():
        path.write_text("\n\n" + path.read_text())
    results = run(ruleset, cables, baseline=str(target))
    assert sum(len(r.findings) for r in results) == 0
    suppressed = [f for r in results for f in r.suppressed]
    assert len(suppressed) == recorded
    assert {f.extra["suppressed_by"] for f in suppressed} == {"baseline"}

    # A new problem: an E.O. line removed from a classified cable.
    madrid = cables / "86MADRID5480.txt"
    madrid.write_text(madrid.read_text().replace("E.O. 12356", "E.O.-LINE-GONE"))
    results = run(ruleset, cables, baseline=str(target))
    new = [(r.document_id, f.code) for r in results for f in r.findings]
    assert new == [("86MADRID5480", "CL091")]


def test_a_second_copy_of_a_baselined_finding_is_reported(cables, tmp_path, ruleset):
    target = tmp_path / "baseline.json"
    make_baseline(ruleset, cables, target)
    kabul = cables / "00HARARE5461.txt"
    text = kabul.read_text()
    line = next(l for l in text.splitlines() if "12958" in l)
    kabul.write_text(text.replace(line, line + "\n" + line, 1))
    results = run(ruleset, cables, baseline=str(target))
    reported = [(r.document_id, f.code) for r in results for f in r.findings]
    assert reported == [("00HARARE5461", "CL092")]


def test_fingerprints_do_not_depend_on_line_numbers(cables, ruleset):
    before = {f.extra["fingerprint"] for r in run(ruleset, cables) for f in r.findings}
    for path in cables.iterdir():
        path.write_text("\n" * 5 + path.read_text())
    after = {f.extra["fingerprint"] for r in run(ruleset, cables) for f in r.findings}
    assert before == after and len(before) > 5


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"cable-lint-baseline": 99, "findings": []}', "not a cable-lint baseline"),
        ('{"cable-lint-baseline": 1, "findings": [{"count": 1}]}', "finding 1 has no fingerprint"),
    ],
)
def test_bad_baseline_files_are_usage_errors(tmp_path, content, message):
    from validator.cli import UsageError

    target = tmp_path / "baseline.json"
    target.write_text(content)
    with pytest.raises(UsageError, match=message):
        baseline_module.Baseline.load(str(target))


def test_baseline_command_create_update_prune(cables, tmp_path, ruleset, monkeypatch, capsys):
    from validator.cli import main

    monkeypatch.setattr("validator.commands.check.load_rules", lambda settings: ruleset)
    target = tmp_path / "b.json"
    assert main(["baseline", "create", str(cables), "-o", str(target), "--no-cache"]) == 0
    created = json.loads(target.read_text())["findings"]
    (cables / "90CAPETOWN97.txt").unlink()  # its finding is fixed
    assert main(["baseline", "prune", str(cables), "-o", str(target), "--no-cache"]) == 0
    pruned = json.loads(target.read_text())["findings"]
    assert len(pruned) == len(created) - 1
    assert "90CAPETOWN97" not in {entry["document"] for entry in pruned}
    (cables / "90CAPETOWN97.txt").write_bytes((DATA / "90CAPETOWN97.txt").read_bytes())  # back again
    capsys.readouterr()
    assert main(["baseline", "update", str(cables), "-o", str(target), "--no-cache"]) == 0
    assert "1 added, 0 fixed and dropped" in capsys.readouterr().out
    assert json.loads(target.read_text())["findings"] == created
    assert main(["baseline", "update", str(cables), "-o", str(tmp_path / "none.json")]) == 2


def test_identity_does_not_depend_on_how_the_path_is_written(tmp_path, ruleset, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    # No cable id in this file's name or text: the path is its identity.
    (folder / "draft.txt").write_bytes((DATA / "09ROME1048.txt").read_bytes().replace(b"ROME 001048", b"ROME"))
    monkeypatch.chdir(tmp_path)
    prints = set()
    for given in ("in", "./in", str(folder)):
        (result,) = run(ruleset, given)
        assert result.document_id is None
        prints.add(tuple(f.extra["fingerprint"] for f in result.findings))
    assert len(prints) == 1 and prints.pop()
