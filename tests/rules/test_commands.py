"""`cable-lint rules`, `rule CODE` and `test-rules [DIR]`: output and exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from validator.cli import main

RULE = """\
code: XR101
name: test-no-tags
severity: warning
summary: No TAGS line.
message: "cable has no TAGS line"
description: Test rule.
rationale: Tests.
source: tests
era: all
kind: required
params:
  field: tags
help: Add TAGS.
examples:
  template: confidential-2007
  slot: tags
  good:
    - "TAGS: PREL AE"
  bad:
    - {tags: null}
"""


def write(folder: Path, text: str, name: str = "XR101-test-no-tags.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_rules_lists_codes_as_text(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "CL301" in out and "eo-order-unknown" in out and "error" in out
    assert "CL208" not in out  # off by default


def test_rules_as_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["rules"][0]
    assert set(first) >= {"code", "name", "severity", "summary"}
    assert len(data["ruleset_hash"]) == 64


def test_rules_with_a_user_directory(tmp_path, capsys):
    assert main(["rules", "--rules", str(write(tmp_path / "mine", RULE))]) == 0
    assert "XR101" in capsys.readouterr().out


def test_rule_explains_one(capsys):
    assert main(["rule", "CL104"]) == 0
    out = capsys.readouterr().out
    for part in ("CL104 security-line-vs-banner (error)", "Source: marking-rules.md §8 rule 31",
                 "Era: all", "Good examples", "Bad examples", "ZNY SSSSS ZZH"):
        assert part in out


def test_rule_by_name_and_as_json(capsys):
    assert main(["rule", "eo-order-unknown", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "CL301"


def test_unknown_rule_suggests_close_codes(capsys):
    assert main(["rule", "CL3011"]) == 2
    err = capsys.readouterr().err
    assert "no rule 'CL3011'" in err and "CL301" in err


def test_test_rules_over_the_bundled_rules(capsys):
    assert main(["test-rules", "--select", "CL1"]) == 0
    out = capsys.readouterr().out
    assert "PASS CL101 dtg-invalid" in out and "passed their examples" in out


def test_test_rules_on_a_user_directory(tmp_path, capsys):
    folder = write(tmp_path / "mine", RULE)
    assert main(["test-rules", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "PASS XR101 test-no-tags (2 examples)" in out and "CL101" not in out


def test_test_rules_fails_on_a_wrong_example(tmp_path, capsys):
    folder = write(tmp_path / "mine", RULE.replace("    - {tags: null}", '    - "TAGS: PGOV AE"'))
    assert main(["test-rules", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "FAIL XR101" in out and "bad[0]: expected a XR101 finding, got none" in out


def test_invalid_rule_file_exits_2_with_file_and_line(tmp_path, capsys):
    folder = write(tmp_path / "mine", RULE.replace("severity: warning", "severity: urgent"))
    for command in (["test-rules", str(folder)], ["rules", "--rules", str(folder)],
                    ["rule", "CL301", "--rules", str(folder)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "XR101-test-no-tags.yaml:3:" in err and "urgent" in err


def test_unknown_example_template_exits_2(tmp_path, capsys):
    folder = write(tmp_path / "mine", RULE.replace("template: confidential-2007", "template: nosuch"))
    assert main(["test-rules", str(folder)]) == 2
    assert "unknown example template 'nosuch'" in capsys.readouterr().err


def test_user_directory_may_bring_templates(tmp_path, capsys):
    folder = write(tmp_path / "mine", RULE.replace("template: confidential-2007", "template: tiny")
                   .replace("slot: tags", "slot: tags"))
    (folder / "data").mkdir()
    (folder / "data" / "templates.yaml").write_text(textwrap.dedent("""\
        tiny:
          layout: [[banner], [eo, tags, subject], [body]]
          slots:
            banner: C O N F I D E N T I A L ABU DHABI 001838
            eo: "E.O. 12958: DECL: 11/05/2017"
            tags: "TAGS: PREL AE"
            subject: "SUBJECT: TEST"
            body: "1. (C) Text."
        """), encoding="utf-8")
    assert main(["test-rules", str(folder)]) == 0
    assert "PASS XR101" in capsys.readouterr().out
