"""Configuration files: discovery, precedence, validation, per-file-ignores and
`cable-lint config`."""

from __future__ import annotations

import json
import sys

import pytest

from cli_support import defective_copy, run_cli


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "sub" / "drafts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_yaml_config_is_found_upward_from_the_working_directory(capsys, project, monkeypatch):
    (project / "cable-lint.yaml").write_text("ignore: [CL301]\n", encoding="utf-8")
    cable = defective_copy(project / "sub")
    monkeypatch.chdir(project / "sub")
    assert run_cli(capsys, str(cable)).code == 0
    assert run_cli(capsys, str(cable), "--isolated").code == 1


def test_dot_config_and_pyproject_table(capsys, project):
    cable = defective_copy(project)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cable-lint]\nseverity = { CL301 = "warning" }\n', encoding="utf-8"
    )
    outcome = run_cli(capsys, str(cable))
    assert outcome.code == 0 and "CL301 warning" in outcome.stdout
    (project / ".cable-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    # the YAML file comes first in the same folder; files are not merged
    outcome = run_cli(capsys, str(cable))
    assert outcome.code == 1 and "CL301 error" in outcome.stdout


def test_pyproject_without_our_table_is_skipped(capsys, project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    outcome = run_cli(capsys, "config", "--show", "json")
    assert json.loads(outcome.stdout)["config_file"] is None


def test_the_command_line_wins_key_by_key(capsys, project):
    cable = defective_copy(project)
    (project / "cable-lint.yaml").write_text("severity:\n  CL301: warning\nformat: json\n", encoding="utf-8")
    outcome = run_cli(capsys, str(cable), "--severity", "CL301=error", "--format", "concise")
    assert outcome.code == 1 and "CL301 error" in outcome.stdout
    outcome = run_cli(capsys, str(cable))
    assert json.loads(outcome.stdout)["documents"][0]["findings"][0]["severity"] == "warning"


def test_config_option_names_the_file(capsys, project):
    cable = defective_copy(project)
    other = project / "strict.yaml"
    other.write_text("ignore: [CL3]\n", encoding="utf-8")
    assert run_cli(capsys, str(cable), "--config", str(other)).code == 0
    missing = run_cli(capsys, str(cable), "--config", str(project / "nope.yaml"))
    assert missing.code == 2 and "nope.yaml: no such configuration file (--config)" in missing.stderr


def test_per_file_ignores_by_glob_relative_to_the_config(capsys, project, monkeypatch):
    (project / "cable-lint.yaml").write_text("per-file-ignores:\n  'sub/drafts/*.md': [CL3]\n", encoding="utf-8")
    draft = defective_copy(project / "sub" / "drafts")
    final = defective_copy(project / "sub", "final.md")
    monkeypatch.chdir(project / "sub")
    outcome = run_cli(capsys, "drafts/07MUSCAT193.md", "final.md")
    assert outcome.code == 1
    assert "final.md:" in outcome.stdout and "drafts/07MUSCAT193.md:" not in outcome.stdout
    cli = run_cli(capsys, "--isolated", "--per-file-ignores", "final.md:CL301", str(final), str(draft))
    assert "final.md:" not in cli.stdout and "07MUSCAT193.md:" in cli.stdout


def test_unknown_key_is_named_with_its_line(capsys, project):
    (project / "cable-lint.yaml").write_text("select: [CL3]\nfail_on: error\n", encoding="utf-8")
    outcome = run_cli(capsys, "x.txt")
    assert outcome.code == 2
    assert f"{project / 'cable-lint.yaml'}:1: unknown key 'fail_on'" in outcome.stderr


def test_invalid_yaml_is_named(capsys, project):
    (project / "cable-lint.yaml").write_text("select: [CL3\n", encoding="utf-8")
    outcome = run_cli(capsys, "x.txt")
    assert outcome.code == 2 and "cable-lint.yaml:2: not valid YAML" in outcome.stderr


def test_config_command_prints_values_and_their_sources(capsys, project):
    (project / "cable-lint.yaml").write_text("# strict\nfail-on: warning\nwaivers: waivers.yaml\n", encoding="utf-8")
    outcome = run_cli(capsys, "config", "--ignore", "CL6")
    lines = {line.split("=")[0].strip(): line for line in outcome.stdout.splitlines() if "=" in line}
    assert outcome.stdout.splitlines()[0] == f"# configuration file: {project / 'cable-lint.yaml'}"
    assert lines["fail-on"].endswith(f'"warning"  # {project / "cable-lint.yaml"}:2')
    assert lines["ignore"].endswith('["CL6"]  # command line')
    assert lines["select"].endswith("null  # default")
    assert f'["{project / "waivers.yaml"}"]' in lines["waivers"]  # paths relative to the file


def test_toml_on_python_310_without_tomli_says_what_to_do(monkeypatch, tmp_path):
    from validator import config

    monkeypatch.setitem(sys.modules, "tomllib", None)
    monkeypatch.setitem(sys.modules, "tomli", None)
    with pytest.raises(config.ConfigError, match="needs Python 3.11\\+ or the 'tomli' package"):
        config._toml_loads("[tool.cable-lint]\n", tmp_path / "pyproject.toml")
