"""Every output format on the same real cables, compared with the golden files."""

from __future__ import annotations

import json

import pytest

from report_goldens import CASES, golden_path, run_case, update_requested


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden(name):
    actual = run_case(name)
    path = golden_path(name)
    if update_requested():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden for {name}: run `python tests/report/regenerate.py`"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name}: output differs from {path.name}; if the change is intended, run "
        "`python tests/report/regenerate.py` and review the diff"
    )


def _stdout(name: str) -> str:
    text = golden_path(name).read_text(encoding="utf-8")
    return text.split("# ---- stdout ----\n", 1)[1].split("# ---- stderr ----\n", 1)[0]


def test_goldens_hold_no_absolute_paths_or_raw_versions():
    from validator import __version__
    from report_goldens import ROOT

    for name in CASES:
        text = golden_path(name).read_text(encoding="utf-8")
        assert str(ROOT) not in text, name
        assert f'"version": "{__version__}"' not in text, name


def test_json_golden_is_the_json_format():
    data = json.loads(_stdout("json"))
    assert [document["path"] for document in data["documents"]][0] == "tests/fixtures/cables/07MUSCAT193.md"
    assert data["tool"]["ruleset_hash"] == "<RULESET-HASH>"


def test_real_json_and_sarif_runs_validate_against_their_schemas():
    import jsonschema

    from report_goldens import ROOT
    from validator.resources import schema_path

    ours = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    sarif = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    for name in ("json", "json-waived"):
        data = json.loads(_stdout_of_run(name))
        jsonschema.Draft202012Validator(ours).validate(data)
    jsonschema.Draft7Validator(sarif).validate(json.loads(_stdout_of_run("sarif-waived")))
    data = json.loads(_stdout_of_run("sarif"))
    jsonschema.Draft7Validator(sarif).validate(data)
    for result in data["runs"][0]["results"]:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def _stdout_of_run(name: str) -> str:
    text = run_case(name)
    return text.split("# ---- stdout ----\n", 1)[1].split("# ---- stderr ----\n", 1)[0]
