"""`cable-lint audit`: triage CSV, manifest with verifiable hashes, json report; and
the statistics of a run."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile

import pytest

from audit_support import DATA
from validator.audit.runner import RunOptions, iter_results
from validator.audit.stats import Statistics
from validator.cli import main


@pytest.fixture
def audit_rules(monkeypatch, ruleset):
    monkeypatch.setattr("validator.commands.check.load_rules", lambda settings: ruleset)
    return ruleset


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_audit_writes_triage_manifest_and_report(cables, tmp_path, audit_rules, capsys):
    archive = tmp_path / "more.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(DATA / "00HARARE5461.html", "2000/00HARARE5461.html")
    (cables / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out"
    code = main(["audit", str(cables), str(archive), "--out", str(out), "--as-of", "2026-01-01", "--no-cache"])
    assert code == 0
    assert "as of 2026-01-01" in capsys.readouterr().out

    rows = list(csv.DictReader((out / "triage.csv").open(encoding="utf-8")))
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == len(list(cables.iterdir())) + 1
    madrid = by_id["86MADRID5480"]
    assert madrid["status"] == "indeterminate" and "OADR" in madrid["status_detail"]
    assert madrid["classification"] == "SECRET" and madrid["date"].startswith("1986")
    assert madrid["codes"] == "CL092" and madrid["worst_severity"] == "info"
    assert by_id["05MUSCAT679"]["status"] == "not-yet"
    assert by_id["09ROME1048"]["worst_severity"] == "error"
    assert by_id["09ROME1048"]["codes"] == "CL091"
    png = next(row for row in rows if row["path"].endswith("scan.png"))
    assert png["status"] == "not-checked" and png["status_detail"].startswith("binary")

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["as_of"] == "2026-01-01"
    assert manifest["ruleset_hash"] == audit_rules.hash
    assert manifest["config_hash"] and manifest["tool"]["name"] == "cable-lint"
    inputs = {entry["path"]: entry for entry in manifest["inputs"]}
    for path in cables.iterdir():
        assert inputs[str(path)]["sha256"] == sha256(path)
        assert inputs[str(path)]["bytes"] == path.stat().st_size
    member = inputs[f"{archive}!2000/00HARARE5461.html"]
    assert member["sha256"] == sha256(DATA / "00HARARE5461.html")
    assert manifest["containers"] == [{"path": str(archive), "sha256": sha256(archive), "bytes": archive.stat().st_size}]
    assert manifest["outputs"]["triage.csv"] == sha256(out / "triage.csv")
    assert manifest["outputs"]["report.json"] == sha256(out / "report.json")

    report = json.loads((out / "report.json").read_text())
    assert len(report["documents"]) == len(rows)


def test_audit_needs_inputs_and_a_writable_out(tmp_path, audit_rules, capsys):
    assert main(["audit", "--out", str(tmp_path / "o")]) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["audit", str(DATA / "86MADRID5480.txt"), "--out", str(blocker / "o"), "--no-cache"]) == 2
    assert "--out" in capsys.readouterr().err


def test_statistics_of_a_run(cables, ruleset):
    (cables / "notes.bin").write_bytes(b"\x00\x01\x02")
    statistics = Statistics.for_ruleset(ruleset)
    with_findings = 0
    for result in iter_results(RunOptions(paths=[str(cables)], jobs=1, cache=False, progress=False), ruleset):
        statistics.add(result)
        with_findings += bool(result.findings)
    data = statistics.to_dict()
    cables_count = len(list(cables.glob("*.txt")))
    assert data["documents"] == cables_count + 1
    assert data["not_checked"] == 1 and data["not_checked_by_reason"] == {"binary": 1}
    assert data["by_rule"]["CL091"]["error"] == 1
    assert data["by_severity"]["error"] == 1
    assert data["rules_never_fired"] == ["CL093"]
    assert data["most_errors"] == [{"path": str(cables / "09ROME1048.txt"), "id": "09ROME1048", "errors": 1}]
    assert data["by_year"]["2009"] >= 1 and data["by_origin"]["ROME"] == 1
    assert data["clean"] == data["checked"] - with_findings
    assert data["clean_percent"] == round(100 * data["clean"] / data["checked"], 2)
    assert "rules that never fired: CL093" in statistics.render()
