"""Output plumbing: default format, --output, --report, --quiet, --statistics, stdin."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from cli_support import ROOT, SEED, defective_copy, line_of, run_cli, run_process


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_default_format_off_a_terminal_is_concise(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(cable))
    line = line_of(cable, "E.O. 12598")
    assert outcome.stdout.splitlines()[0].startswith(f"{cable}:{line}:6: CL301 error E.O. line cites order 12598")


def test_output_and_several_reports_in_one_run(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(
        capsys, str(cable), "--format", "json", "--output", str(tmp_path / "out" / "report.json"),
        "--report", f"sarif:{tmp_path / 'out' / 'report.sarif'}", "--report", f"junit:{tmp_path / 'junit.xml'}",
        "--report", f"concise:{tmp_path / 'lines.txt'}",
    )
    assert outcome.code == 1 and outcome.stdout == ""
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert report["documents"][0]["findings"][0]["code"] == sarif["runs"][0]["results"][0]["ruleId"] == "CL301"
    assert ElementTree.parse(tmp_path / "junit.xml").getroot().get("failures") == "1"
    assert "CL301 error" in (tmp_path / "lines.txt").read_text(encoding="utf-8")


def test_quiet_prints_findings_only(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(cable), "--quiet", "--format", "full")
    assert "CL301 error" in outcome.stdout
    assert "Found" not in outcome.stdout + outcome.stderr and "Findings by rule" not in outcome.stdout


def test_statistics_counts_per_rule(capsys, tmp_path):
    first, second = defective_copy(tmp_path), defective_copy(tmp_path, "copy.md")
    outcome = run_cli(capsys, str(first), str(second), "--statistics", "--select", "CL301")
    assert any(line.split()[:3] == ["2", "CL301", "error"] for line in outcome.stdout.splitlines())


def test_full_format_shows_the_frame_and_the_summary(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(cable), "--format", "full", "--select", "CL301")
    line = line_of(cable, "E.O. 12598")
    lines = outcome.stdout.splitlines()
    frame = lines.index(f"{line} | E.O. 12598: DECL: 02/26/2017")
    assert lines[frame + 1].split("|", 1)[1].startswith("      ^^^^^")
    assert "Findings by rule" in outcome.stdout and "cable-lint rule CL301" in outcome.stdout


def test_stdin_with_stdin_filename(tmp_path):
    data = SEED.read_bytes().replace(b"E.O. 12958: DECL", b"E.O. 12598: DECL", 1)
    outcome = run_process("-", "--stdin-filename", "drafts/07MUSCAT193.md", "--isolated", "--no-cache", "--select", "CL301",
                          cwd=tmp_path, stdin=data)
    assert outcome.code == 1
    assert outcome.stdout.startswith("drafts/07MUSCAT193.md:")
    assert "CL301 error" in outcome.stdout
    clean = run_process("-", "--isolated", "--no-cache", "--min-severity", "warning", cwd=tmp_path, stdin=SEED.read_bytes())
    assert clean.code == 0 and clean.stdout == ""


def test_module_entry_point_runs_from_the_repository():
    outcome = run_process("--version", cwd=ROOT)
    assert outcome.code == 0 and outcome.stdout.startswith("cable-lint ")


def test_force_color_keeps_the_concise_format_off_a_terminal(tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_process(str(cable), "--isolated", "--no-cache", "--select", "CL301", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert outcome.code == 1
    first = outcome.stdout.splitlines()[0]
    assert "CL301" in first and "-->" not in outcome.stdout
    assert "\x1b[" in first  # coloured, as asked


def test_stdin_between_paths_and_files_from_keeps_input_order(tmp_path):
    first = defective_copy(tmp_path, "first.md")
    listed = defective_copy(tmp_path, "listed.md")
    last = defective_copy(tmp_path, "last.md")
    (tmp_path / "list.txt").write_text(f"{listed}\n", encoding="utf-8")
    data = SEED.read_bytes().replace(b"E.O. 12958: DECL", b"E.O. 12598: DECL", 1)
    outcome = run_process(str(first), "-", str(last), "--files-from", str(tmp_path / "list.txt"), "--stdin-filename", "stdin.md",
                          "--isolated", "--no-cache", "--select", "CL301", "--format", "jsonl", cwd=tmp_path, stdin=data)
    paths = [json.loads(line)["path"] for line in outcome.stdout.splitlines()]
    assert paths == ["first.md", "listed.md", "stdin.md", "last.md"]
