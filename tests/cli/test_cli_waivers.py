"""Waiver files (records that must not be edited) and inline directives (drafts)."""

from __future__ import annotations

import json

import pytest

from cli_support import defective_copy, line_of, run_cli, seed_copy

WAIVER = """version: 1
waivers:
  - document: 07muscat193
    rules: [CL301]
    justification: The typo is in the record as released; we keep it.
    by: J. Archivist
    date: 2026-01-10
{extra}"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_waiver_suppresses_and_is_counted_and_marked(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(extra=""), encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--waivers", str(waivers), "--format", "json")
    assert outcome.code == 0
    data = json.loads(outcome.stdout)
    document = data["documents"][0]
    assert [f["code"] for f in document["findings"]] == []
    (waived,) = document["suppressed"]
    assert waived["code"] == "CL301" and waived["line"] == line_of(cable, "E.O. 12598")
    assert waived["suppressed"]["kind"] == "waiver"
    assert waived["suppressed"]["by"] == "J. Archivist" and waived["suppressed"]["line"] == 3
    assert data["summary"]["suppressed"]["waiver"] == 1 and data["unused_waivers"] == []
    human = run_cli(capsys, str(cable), "--waivers", str(waivers))
    assert "Suppressed: 1 waived." in human.stderr


def test_waiver_in_sarif_is_a_suppression(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(extra=""), encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--waivers", str(waivers), "--format", "sarif")
    (result,) = json.loads(outcome.stdout)["runs"][0]["results"]
    suppression = result["suppressions"][0]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("The typo is in the record")


def test_unused_and_expired_waivers_are_reported(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    extra = (
        "  - path: 'archive/**/*.txt'\n    rules: [CL7]\n    justification: Nothing under archive/ yet.\n"
        "    by: J. Archivist\n    date: 2026-01-10\n"
    )
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(extra=extra).replace("date: 2026-01-10\n", "date: 2026-01-10\n    expires: 2026-01-12\n", 1), encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--waivers", str(waivers), "--as-of", "2026-02-01", "--format", "json")
    assert outcome.code == 1  # the expired waiver no longer applies
    data = json.loads(outcome.stdout)
    assert [(w["line"], w.get("document"), w.get("path")) for w in data["unused_waivers"]] == [
        (3, "07muscat193", None),
        (9, None, "archive/**/*.txt"),
    ]
    human = run_cli(capsys, str(cable), "--waivers", str(waivers), "--as-of", "2026-01-11")
    assert human.code == 0
    assert f"1 waiver matched nothing: {waivers}:9 (archive/**/*.txt CL7)." in human.stderr


def test_waiver_needs_exactly_one_target(capsys, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(extra="").replace("  - document: 07muscat193\n", "  - document: X\n    path: '*.md'\n"), encoding="utf-8")
    outcome = run_cli(capsys, str(seed_copy(tmp_path)), "--waivers", str(waivers))
    assert outcome.code == 2
    assert "exactly one of them" in outcome.stderr and f"{waivers}:3" in outcome.stderr


def test_waivers_key_in_config_is_relative_to_the_config(capsys, tmp_path, monkeypatch):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "w.yaml").write_text(WAIVER.format(extra=""), encoding="utf-8")
    (tmp_path / "cable-lint.yaml").write_text("waivers: records/w.yaml\n", encoding="utf-8")
    cable = defective_copy(tmp_path / "records")
    monkeypatch.chdir(tmp_path / "records")
    assert run_cli(capsys, str(cable)).code == 0


# ------------------------------------------------------------------ directives


def with_line(cable, before: str, line: str) -> None:
    text = cable.read_text(encoding="utf-8")
    assert before in text
    cable.write_text(text.replace(before, line + "\n" + before, 1), encoding="utf-8")


def test_disable_directive_covers_the_document(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    cable.write_text(cable.read_text(encoding="utf-8") + "\ncable-lint: disable CL301\n", encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--select", "CL301", "--format", "json")
    assert outcome.code == 0
    document = json.loads(outcome.stdout)["documents"][0]
    assert document["findings"] == []
    assert document["suppressed"][0]["suppressed"]["kind"] == "inline"


def test_directive_in_capitals_is_read_in_a_text_with_non_ascii_characters(capsys, tmp_path):
    # Cables are written in capitals and pages carry pilcrows: the cheap test for the
    # marker must find `CABLE-LINT:` in any letter case, whatever else the text holds.
    cable = defective_copy(tmp_path)
    text = cable.read_text(encoding="utf-8")
    cable.write_text(text + "\nEND OF ¶ 3.\nCABLE-LINT: disable CL301\n", encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--select", "CL301", "--format", "json")
    document = json.loads(outcome.stdout)["documents"][0]
    assert [item["suppressed"]["kind"] for item in document["suppressed"]] == ["inline"]
    assert document["findings"] == []


def test_disable_next_line_covers_only_the_next_line(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    with_line(cable, "E.O. 12598", "<!-- cable-lint: disable-next-line CL301 -->")
    assert run_cli(capsys, str(cable), "--select", "CL301").code == 0
    misplaced = defective_copy(tmp_path, "misplaced.md")
    with_line(misplaced, "SUBJECT:", "cable-lint: disable-next-line CL301")
    outcome = run_cli(capsys, str(misplaced), "--select", "CL301")
    assert outcome.code == 1
    directive_line = line_of(misplaced, "cable-lint: disable-next-line")
    assert f"{misplaced}:{directive_line}:31: CL001 warning" in outcome.stdout
    assert "CL301 error" in outcome.stdout


def test_unused_and_unreadable_directives_are_flagged(capsys, tmp_path):
    cable = seed_copy(tmp_path)
    cable.write_text(
        cable.read_text(encoding="utf-8") + "\ncable-lint: disable CL301, CL999\ncable-lint: disabel CL301\n",
        encoding="utf-8",
    )
    outcome = run_cli(capsys, str(cable), "--select", "CL301", "--fail-on", "warning")
    assert outcome.code == 1
    lines = [line for line in outcome.stdout.splitlines() if " CL00" in line]
    assert len(lines) == 3
    assert "CL001 warning `cable-lint: disable CL301` suppresses nothing" in lines[0]
    assert "CL002 warning `CL999` names no rule" in lines[1]
    assert "CL002 warning `disabel CL301` is not a directive" in lines[2]
    quiet = run_cli(capsys, str(cable), "--select", "CL301", "--ignore", "CL00")
    assert " CL00" not in quiet.stdout
