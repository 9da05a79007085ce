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


def test_audit_files_are_the_same_for_any_jobs(tmp_path, audit_rules, capsys, monkeypatch):
    """With worker processes, each worker audits its documents (post-processing,
    statistics, triage rows, manifest entries, report texts) and the parent writes
    what they made: the files are those of a run in one process, waivers included."""
    from audit_support import many_cables

    many_cables(tmp_path / "in", copies=6)
    archive = tmp_path / "in" / "batch02" / "more.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(DATA / "00HARARE5461.html", "2000/00HARARE5461.html")
    (tmp_path / "in" / "batch04" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    waivers = tmp_path / "waivers.yaml"
    entry = "    rules: [CL091]\n    justification: {}\n    by: J. Archivist\n    date: 2026-11-02\n"
    waivers.write_text(
        "version: 1\nwaivers:\n"
        + "  - document: 09ROME1048\n" + entry.format("The released copy lost its E.O. line.")
        + "  - document: 99NOWHERE1\n" + entry.format("A waiver for a cable not in the archive."),
        encoding="utf-8",
    )
    from validator.audit.outputs import TriageWriter

    written_by_workers = []
    add_rows = TriageWriter.add_rows
    monkeypatch.setattr(TriageWriter, "add_rows", lambda self, text, statuses: (
        written_by_workers.append(len(text.splitlines())), add_rows(self, text, statuses)))
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["audit", str(tmp_path / "in"), "--out", str(out), "--as-of", "2026-01-01", "--no-cache",
                     "--isolated", "--waivers", str(waivers), "--jobs", jobs]) == 0
        manifest = json.loads((out / "manifest.json").read_text())
        outputs[jobs] = ((out / "triage.csv").read_bytes(), (out / "report.json").read_bytes(),
                         manifest["inputs"], manifest["containers"], manifest["outputs"], manifest["config_hash"],
                         capsys.readouterr().out)
        if jobs == "1":
            assert written_by_workers == []
    assert sum(written_by_workers) == 6 * 14 + 2  # every row of the --jobs 2 run came from a worker
    assert outputs["1"][:6] == outputs["2"][:6]  # the configuration hash leaves out --jobs
    assert outputs["1"][6].replace("out1", "out2") == outputs["2"][6]
    report = json.loads(outputs["2"][1])
    assert len(report["documents"]) == 6 * 14 + 2
    assert report["summary"]["suppressed"]["waiver"] == 6
    assert [waiver["document"] for waiver in report["unused_waivers"]] == ["99NOWHERE1"]


def test_the_worker_auditor_survives_pickling(tmp_path):
    """Where workers are spawned rather than forked, the auditor travels pickled."""
    import datetime
    import pickle

    from audit_support import many_cables

    from validator.audit import session
    from validator.cli import build_parser
    from validator.commands import audit

    many_cables(tmp_path, copies=1)
    args = build_parser("audit", audit).parse_args([str(tmp_path), "--out", str(tmp_path / "out"), "--isolated"])
    prepared = session.prepare(args)
    as_of = datetime.date(2026, 1, 1)
    auditor = audit.AuditInWorker(prepared.post, as_of, session.rule_codes(prepared.ruleset),
                                  audit.JsonReport.context_for(prepared.ruleset, "x", as_of))

    def results():
        return iter_results(RunOptions(paths=[str(tmp_path)], jobs=1, cache=False, progress=False),
                            prepared.checker)

    first, findings = auditor(results())
    second, _ = pickle.loads(pickle.dumps(auditor))(results())
    assert first.statistics.to_dict() == second.statistics.to_dict()
    first.statistics = second.statistics = None
    assert first == second
    assert len(first.report) == len(first.manifest) == len(first.triage.splitlines()) == 14
    assert findings == first.summary.total > 0
