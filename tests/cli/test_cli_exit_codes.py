"""Every exit code of `cable-lint check`, each on a real case.

0: nothing at the --fail-on level; 1: findings at it; 2: usage, configuration,
rule, waiver or I/O error, or an input that could not be checked (after the others
were checked and reported). --exit-zero turns 1 into 0, never 2.
"""

from __future__ import annotations

import os
import re
import socket

import pytest

from cli_support import SEED, defective_copy, line_of, run_cli, seed_copy


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration file from the repository


def test_clean_file_exits_0(capsys):
    outcome = run_cli(capsys, str(SEED))
    assert outcome.code == 0
    serious = [line for line in outcome.stdout.splitlines() if re.search(r" CL\d{3} (error|warning) ", line)]
    assert serious == []  # the seed may have info findings, never an error or a warning
    assert "All checks passed: no findings in 1 document checked." in outcome.stderr


def test_findings_at_the_fail_level_exit_1(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(cable))
    assert outcome.code == 1
    line = line_of(cable, "E.O. 12598")
    assert f"{cable}:{line}:6: CL301 error" in outcome.stdout


def test_exit_zero_turns_1_into_0(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(cable), "--exit-zero")
    assert outcome.code == 0
    assert "CL301 error" in outcome.stdout  # still reported


def test_fail_on_and_min_severity_are_separate_thresholds(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    hidden = run_cli(capsys, str(cable), "--select", "CL301", "--severity", "CL301=warning", "--min-severity", "error")
    assert hidden.code == 0 and hidden.stdout == ""
    assert "Hidden below --min-severity: 1 warning." in hidden.stderr
    failing = run_cli(capsys, str(cable), "--select", "CL301", "--severity", "CL301=warning", "--fail-on", "warning", "--min-severity", "error")
    assert failing.code == 1  # fails on what it does not show, and says so
    assert "1 warning" in failing.stderr


def test_missing_file_exits_2_after_checking_the_others(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    outcome = run_cli(capsys, str(tmp_path / "NOSUCH.txt"), str(cable))
    assert outcome.code == 2
    assert "CL301 error" in outcome.stdout  # the readable file was still checked
    assert f"cable-lint: error: {tmp_path / 'NOSUCH.txt'}: not checked: unreadable" in outcome.stderr


def test_exit_zero_does_not_hide_an_unreadable_input(capsys, tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    outcome = run_cli(capsys, str(tmp_path / "dangling.txt"), str(SEED), "--exit-zero")
    assert outcome.code == 2
    assert "dangling.txt: not checked: unreadable" in outcome.stderr


def test_socket_is_reported_as_not_checked(capsys, tmp_path):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "cable.txt"))
        outcome = run_cli(capsys, str(tmp_path / "cable.txt"), "--format", "json")
    finally:
        server.close()
    assert outcome.code == 2
    assert '"not_checked": "unknown form: not a regular file or folder"' in outcome.stdout


def test_bad_configuration_exits_2_naming_file_and_key(capsys, tmp_path):
    (tmp_path / "cable-lint.yaml").write_text("select: [CL3]\nfail-on: fatal\n", encoding="utf-8")
    outcome = run_cli(capsys, str(SEED))
    assert outcome.code == 2
    assert outcome.stderr.strip().splitlines() == [
        f"cable-lint: error: {tmp_path / 'cable-lint.yaml'}:2: key 'fail-on': 'fatal' is not one of 'error', 'warning', 'info'"
    ]


def test_bad_rule_file_exits_2_naming_file_and_line(capsys, tmp_path):
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "CL950-broken.yaml").write_text("code: CL950\nname: broken\n  severity: [error\n", encoding="utf-8")
    outcome = run_cli(capsys, str(SEED), "--rules", str(rules))
    assert outcome.code == 2
    message = outcome.stderr.strip()
    assert message.startswith("cable-lint: error: ") and "CL950-broken.yaml:" in message
    assert len(message.splitlines()) == 1 and "Traceback" not in message


def test_bad_waiver_file_exits_2_naming_file_and_line(capsys, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "version: 1\nwaivers:\n  - document: 07MUSCAT193\n    rules: [CL301]\n    by: me\n    date: 2026-01-10\n",
        encoding="utf-8",
    )
    outcome = run_cli(capsys, str(SEED), "--waivers", str(waivers))
    assert outcome.code == 2
    assert outcome.stderr.strip() == (
        f"cable-lint: error: {waivers}:3: key 'waivers[0]': 'justification' is a required property"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("--isolated",), "no input"),
        (("x.txt", "--report", "sarif"), "--report sarif: expected FORMAT:PATH"),
        (("x.txt", "--severity", "CL301=fatal"), "--severity CL301=fatal: expected CODE=LEVEL"),
        (("-", "-"), "'-' (standard input) can be given only once"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, args, message):
    outcome = run_cli(capsys, *args)
    assert outcome.code == 2
    assert message in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1


def test_unknown_format_is_a_usage_error(capsys):
    outcome = run_cli(capsys, str(SEED), "--format", "xml")
    assert outcome.code == 2 and "invalid choice: 'xml'" in outcome.stderr


def test_unwritable_report_path_exits_2(capsys, tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    outcome = run_cli(capsys, str(SEED), "--output", str(tmp_path / "taken" / "out.json"))
    assert outcome.code == 2 and "cannot write the report" in outcome.stderr


def test_version(capsys):
    from validator import __version__

    outcome = run_cli(capsys, "--version")
    assert outcome.code == 0 and outcome.stdout.strip() == f"cable-lint {__version__}"


def test_rules_are_selected_by_name_and_unknown_selectors_are_errors(capsys, tmp_path):
    cable = defective_copy(tmp_path)
    by_name = run_cli(capsys, str(cable), "--select", "eo-order-unknown")
    assert by_name.code == 1 and "CL301 error" in by_name.stdout
    unknown = run_cli(capsys, str(cable), "--select", "no-such-rule")
    assert unknown.code == 2 and "no rule is named 'no-such-rule'" in unknown.stderr
    code = run_cli(capsys, str(cable), "--ignore", "CL999")
    assert code.code == 2 and "CL999" in code.stderr
