"""Waivers and a baseline in one run: the baseline takes the findings it records,
waivers take the new findings they cover, anything else is reported."""

from __future__ import annotations

import json

from audit_support import DATA
from validator.cli import main


def test_baseline_and_waivers_together(cables, tmp_path, ruleset, monkeypatch):
    monkeypatch.setattr("validator.commands.check.load_rules", lambda settings: ruleset)
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", "create", str(cables), "-o", str(baseline), "--no-cache", "--isolated"]) == 0
    recorded = sum(entry["count"] for entry in json.loads(baseline.read_text())["findings"])

    # Two new problems: E.O. lines removed from two classified cables (CL091, errors).
    for name in ("86MADRID5480.txt", "90CAPETOWN97.txt"):
        path = cables / name
        path.write_text(path.read_text().replace("E.O. 12356", "E.O.-LINE-GONE").replace("E.O.12356", "E.O.-GONE"))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "version: 1\nwaivers:\n  - document: 86MADRID5480\n    rules: [CL091]\n"
        "    justification: The released copy lost its E.O. line; the original has it.\n"
        "    by: J. Archivist\n    date: 2026-11-02\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    code = main([
        str(cables), "--baseline", str(baseline), "--waivers", str(waivers), "--no-cache", "--isolated",
        "--format", "json", "-o", str(report),
    ])
    data = json.loads(report.read_text())
    reported = [(d["document_id"], f["code"]) for d in data["documents"] for f in d["findings"]]
    assert reported == [("90CAPETOWN97", "CL091")]
    assert code == 1  # the one new, unwaived error fails the run
    suppressed = data["summary"]["suppressed"]
    assert suppressed["waiver"] == 1
    # The two cables lost a CL092 finding each (no E.O. line any more): fixed, not baselined.
    assert suppressed["baseline"] == recorded - 2
    kinds = {(d["document_id"], s["code"]): s["suppressed"]["kind"] for d in data["documents"] for s in d["suppressed"]}
    assert kinds[("86MADRID5480", "CL091")] == "waiver"
    assert kinds[("05MUSCAT679", "CL092")] == "baseline"
