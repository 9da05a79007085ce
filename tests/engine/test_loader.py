"""Loading rule files: the schema, semantic checks at load time, errors with lines."""

from __future__ import annotations

import pickle

import pytest

from validator.engine import RuleError, load_ruleset
from validator.engine.loader import rule_files
from validator.model import Severity
from validator.resources import rules_dir

from engine_support import VALID_RULE, write_rule


def load_error(tmp_path, text: str, filename: str | None = None) -> RuleError:
    write_rule(tmp_path / "extra", text, filename)
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path / "extra"])
    return caught.value


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ------------------------------------------------------------------ bundled set


def test_bundled_rules_load_with_unique_codes_and_names():
    ruleset = load_ruleset()
    codes = [rule.code for rule in ruleset.all_rules]
    names = [rule.name for rule in ruleset.all_rules]
    assert len(codes) == len(set(codes)) >= 60
    assert len(names) == len(set(names))
    assert codes == sorted(codes)


def test_every_bundled_rule_is_documented_and_findable_by_code():
    for rule in load_ruleset().all_rules:
        assert rule.path.endswith(f"{rule.code}-{rule.name}.yaml")
        assert f"/{rule.code[:3]}/" in rule.path.replace("\\", "/")
        assert "marking-rules.md" in rule.source or "issue" in rule.source or "corpus" in rule.source \
            or "linter-conventions" in rule.source
        assert rule.summary and rule.description and rule.rationale and rule.help
        assert rule.examples["good"] and rule.examples["bad"]
        assert "\n" not in rule.message


def test_rules_on_unverified_facts_stay_info():
    # §8 rules resting on [U] facts: SIPDIS before June 2003 (rule 47), subject unmarked.
    ruleset = load_ruleset()
    assert ruleset.get("CL505").severity is Severity.INFO
    for rule in ruleset.all_rules:
        if "[U]" in rule.source or "; U]" in rule.source:
            assert rule.severity is Severity.INFO, rule.code


def test_data_folder_is_not_read_as_rules():
    files = rule_files(rules_dir())
    assert files and not any("/data/" in str(path).replace("\\", "/") for path in files)


# ----------------------------------------------------------------- bad files


def test_unknown_key_is_reported_at_its_line(tmp_path):
    text = VALID_RULE.replace("help: Add it.", "help: Add it.\nhelpp: typo")
    error = load_error(tmp_path, text)
    assert "unknown key 'helpp'" in error.message
    assert error.line == line_of(text, "helpp")
    assert error.path.endswith("XT101-test-eo-missing.yaml")
    assert str(error).startswith(f"{error.path}:{error.line}: ")


def test_bad_severity_is_reported_at_its_line(tmp_path):
    text = VALID_RULE.replace("severity: warning", "severity: fatal")
    error = load_error(tmp_path, text)
    assert "severity" in error.message and "fatal" in error.message
    assert error.line == line_of(text, "severity:")


def test_field_path_naming_no_model_attribute_is_rejected(tmp_path):
    text = VALID_RULE.replace("field: eo\n", "field: eo.decl_dat\n")
    error = load_error(tmp_path, text)
    assert "decl_dat" in error.message and "EoLine" in error.message
    assert error.line == line_of(text, "field: eo.decl_dat")


def test_path_through_a_list_needs_brackets(tmp_path):
    text = VALID_RULE.replace("field: eo\n", "field: paragraphs.marking\n")
    error = load_error(tmp_path, text)
    assert "paragraphs" in error.message
    assert error.line == line_of(text, "field: paragraphs.marking")


def test_yaml_syntax_error_names_the_line(tmp_path):
    text = VALID_RULE.replace("kind: required", "kind: [required")
    error = load_error(tmp_path, text)
    assert "YAML syntax error" in error.message
    assert line_of(text, "kind: [required") <= error.line <= line_of(text, "kind: [required") + 2


def test_duplicate_yaml_key_is_an_error(tmp_path):
    text = VALID_RULE.replace("help: Add it.", "help: Add it.\nseverity: error")
    error = load_error(tmp_path, text)
    assert "duplicate key 'severity'" in error.message
    assert error.line == line_of(text, "severity: error")


def test_duplicate_code_across_files(tmp_path):
    write_rule(tmp_path / "extra", VALID_RULE)
    second = VALID_RULE.replace("name: test-eo-missing", "name: test-eo-missing-again")
    write_rule(tmp_path / "extra" / "more", second)
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path / "extra"])
    assert "duplicate rule code XT101" in caught.value.message
    assert caught.value.line == 1


def test_duplicate_of_a_bundled_code(tmp_path):
    text = VALID_RULE.replace("XT101", "CL301")
    error = load_error(tmp_path, text)
    assert "duplicate rule code CL301" in error.message


def test_message_placeholder_the_kind_does_not_fill(tmp_path):
    text = VALID_RULE.replace('"{level} cable has no E.O. line"', '"{levle} cable has no E.O. line"')
    error = load_error(tmp_path, text)
    assert "{levle}" in error.message
    assert error.line == line_of(text, "message:")


def test_unknown_era_name(tmp_path):
    text = VALID_RULE.replace("era: all", "era: [12958, 12959am]")
    error = load_error(tmp_path, text)
    assert "12959am" in error.message
    assert error.line == line_of(text, "era:")


def test_unknown_condition(tmp_path):
    text = VALID_RULE.replace('  level: ">= CONFIDENTIAL"', '  levle: ">= CONFIDENTIAL"')
    error = load_error(tmp_path, text)
    assert "unknown condition 'levle'" in error.message
    assert error.line == line_of(text, "levle")


def test_bad_level_in_condition(tmp_path):
    text = VALID_RULE.replace('">= CONFIDENTIAL"', '">= CONFIDENTAIL"')
    error = load_error(tmp_path, text)
    assert "CONFIDENTAIL" in error.message


def test_invalid_regex(tmp_path):
    text = VALID_RULE.replace("kind: required\nparams:\n  field: eo\n  at: [banner]",
                              "kind: pattern\nparams:\n  field: eo.value\n  regex: '([0-9'")
    error = load_error(tmp_path, text)
    assert "invalid regex" in error.message
    assert error.line == line_of(text, "regex:")


def test_params_of_another_kind_are_rejected(tmp_path):
    text = VALID_RULE.replace("  at: [banner]", "  regex: 'x'")
    error = load_error(tmp_path, text)
    assert "regex" in error.message


def test_unknown_vocabulary(tmp_path):
    text = VALID_RULE.replace("kind: required\nparams:\n  field: eo\n  at: [banner]",
                              "kind: value-in\nparams:\n  field: tags.tags[].text\n  vocabulary: [tags-subjct]")
    error = load_error(tmp_path, text)
    assert "tags-subjct" in error.message and "tags-subject" in error.message


def test_file_must_be_named_after_code_and_name(tmp_path):
    error = load_error(tmp_path, VALID_RULE, filename="my-rule.yaml")
    assert "XT101-test-eo-missing.yaml" in error.message


def test_missing_rule_directory(tmp_path):
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path / "nowhere"])
    assert "not found" in caught.value.message


def test_a_valid_extra_rule_is_loaded_and_enabled(tmp_path):
    write_rule(tmp_path / "extra", VALID_RULE)
    ruleset = load_ruleset([tmp_path / "extra"])
    rule = ruleset.get("XT101")
    assert rule is not None and rule in ruleset.rules
    assert rule.line == 1 and rule.severity is Severity.WARNING


# ---------------------------------------------------------- selection, tuning


def codes(ruleset) -> set[str]:
    return {rule.code for rule in ruleset.rules}


def test_select_by_prefix_and_ignore_by_code():
    ruleset = load_ruleset(select=["CL3"], ignore=["CL301"])
    assert codes(ruleset) and all(code.startswith("CL3") for code in codes(ruleset))
    assert "CL301" not in codes(ruleset) and "CL302" in codes(ruleset)


def test_more_specific_selector_wins():
    ruleset = load_ruleset(ignore=["CL3"], extend_select=["CL301"])
    assert "CL301" in codes(ruleset) and "CL302" not in codes(ruleset)


def test_disabled_rules_need_explicit_selection():
    assert "CL208" not in codes(load_ruleset())
    assert "CL208" in codes(load_ruleset(extend_select=["CL208"]))
    assert "CL208" in codes(load_ruleset(select=["CL2"]))
    assert load_ruleset().get("CL208") is not None  # loaded, just not enabled


def test_unknown_selector_is_an_error_with_suggestions():
    with pytest.raises(RuleError) as caught:
        load_ruleset(select=["CL3011"])
    assert "CL3011" in caught.value.message and "--select" in str(caught.value)


def test_severity_overrides_by_code_and_prefix():
    ruleset = load_ruleset(severity_overrides={"CL3": "info", "CL301": Severity.WARNING})
    assert ruleset.get("CL301").severity is Severity.WARNING
    assert ruleset.get("CL302").severity is Severity.INFO
    assert ruleset.get("CL302").default_severity is Severity.ERROR
    assert ruleset.get("CL104").severity is Severity.ERROR
    with pytest.raises(RuleError):
        load_ruleset(severity_overrides={"CL301": "fatal"})


def test_hash_is_stable_and_covers_overrides():
    first, second = load_ruleset(), load_ruleset()
    assert first.hash == second.hash and len(first.hash) == 64
    assert load_ruleset(severity_overrides={"CL301": "info"}).hash != first.hash
    assert load_ruleset(ignore=["CL301"]).hash != first.hash


def test_hash_covers_extra_rule_files(tmp_path):
    write_rule(tmp_path / "extra", VALID_RULE)
    with_extra = load_ruleset([tmp_path / "extra"]).hash
    write_rule(tmp_path / "extra", VALID_RULE.replace("severity: warning", "severity: error"))
    assert load_ruleset([tmp_path / "extra"]).hash != with_extra != load_ruleset().hash


def test_ruleset_pickles_for_worker_processes():
    ruleset = load_ruleset(ignore=["CL301"], severity_overrides={"CL302": "info"})
    copy = pickle.loads(pickle.dumps(ruleset))
    assert codes(copy) == codes(ruleset) and copy.hash == ruleset.hash
    assert copy.get("CL302").severity is Severity.INFO


def test_validated_files_are_cached_and_changes_are_seen(tmp_path, monkeypatch):
    monkeypatch.setenv("CABLE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    write_rule(tmp_path / "extra", VALID_RULE)
    load_ruleset([tmp_path / "extra"])
    assert list((tmp_path / "cache").rglob("*.json"))
    write_rule(tmp_path / "extra", VALID_RULE.replace("severity: warning", "severity: fatal"))
    with pytest.raises(RuleError):
        load_ruleset([tmp_path / "extra"])
