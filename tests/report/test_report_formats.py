"""Each output format on results built from real cable lines (independent of the
rule set): structure, schemas, escaping, uniqueness, suppressions and colour."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from report_support import CABLES, FIXTURES, finding, locate, mexico_result, missing_result, seed_result
from validator.model import DocumentResult, Finding, Severity, Span
from validator.report import FORMATS, ReportContext, Summary, make_reporter
from validator.report.context import fingerprints, mark_suppressed
from validator.report.github import escape_data, escape_property
from validator.resources import schema_path

ROOT = Path(__file__).resolve().parents[2]


def render(name: str, results: list[DocumentResult], **context_options) -> tuple[str, str]:
    """Run one reporter over `results`; return (stdout, footer stream) text."""
    context = ReportContext(ruleset_hash="hash", as_of="2026-01-15", cwd=str(ROOT), **context_options)
    out, err = io.StringIO(), io.StringIO()
    reporter = make_reporter(name, out, context)
    if hasattr(reporter, "footer"):
        reporter.footer.file = err
    summary = Summary()
    reporter.start()
    for result in results:
        failing = sum(1 for f in result.findings if f.severity.rank >= context.fail_on.rank)
        summary.add(result, failing=failing)
        reporter.document(result)
    reporter.finish(summary)
    return out.getvalue(), err.getvalue()


def with_suppressed() -> DocumentResult:
    result = mexico_result(ROOT)
    waived = mark_suppressed(result.findings.pop(1), "waiver", justification="page carries another cable", by="J. A.", date="2026-01-10")
    inline = mark_suppressed(result.findings.pop(), "inline", directive="disable", line=30)
    result.suppressed = [waived, inline]
    return result


def results() -> list[DocumentResult]:
    return [seed_result(ROOT), with_suppressed(), mexico_result(ROOT), missing_result()]


# ---------------------------------------------------------------------- json


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_line_separators_inside_strings_keep_the_report_valid_json(name):
    # U+2028, U+2029 and U+0085 are left unescaped by JSON: indenting the report line by
    # line once cut such a string in two and broke the document.
    result = mexico_result(ROOT)
    odd = "E.O. line\u2028reads \x85 DECL\u2029X"
    result.findings[0] = replace(result.findings[0], message=odd)
    text, _ = render(name, [result])
    assert odd in text
    assert odd in json.dumps(json.loads(text), ensure_ascii=False)


def test_json_validates_against_our_schema_and_keeps_everything():
    text, _ = render("json", results())
    data = json.loads(text)
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    documents = data["documents"]
    assert [d["checked"] for d in documents] == [True, True, True, False]
    assert documents[3]["not_checked"].startswith("unreadable")
    kinds = [item["suppressed"]["kind"] for item in documents[1]["suppressed"]]
    assert kinds == ["waiver", "inline"]
    assert documents[1]["suppressed"][0]["suppressed"]["justification"] == "page carries another cable"
    assert data["summary"]["suppressed"] == {"waiver": 1, "inline": 1, "baseline": 0}
    assert data["summary"]["not_checked"] == 1


def test_json_report_of_no_documents_is_valid():
    data = json.loads(render("json", [])[0])
    assert data["documents"] == [] and data["summary"]["documents"] == 0


def test_jsonl_writes_one_object_per_finding_as_documents_finish():
    context = ReportContext(cwd=str(ROOT))
    out = io.StringIO()
    reporter = make_reporter("jsonl", out, context)
    reporter.start()
    reporter.document(mexico_result(ROOT))
    streamed = out.getvalue().splitlines()  # before finish(): already written
    assert len(streamed) == 3
    records = [json.loads(line) for line in streamed]
    assert {record["type"] for record in records} == {"finding"}
    assert records[1]["code"] == "CL701" and records[1]["line"] == 11 and records[1]["column"] == 30
    reporter.document(missing_result())
    assert json.loads(out.getvalue().splitlines()[-1])["type"] == "not_checked"


# --------------------------------------------------------------------- sarif


def sarif_validator():
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_sarif_validates_against_the_official_schema():
    data = json.loads(render("sarif", results())[0])
    errors = sorted(sarif_validator().iter_errors(data), key=str)
    assert not errors, errors[0].message if errors else ""
    run = data["runs"][0]
    assert len(data["runs"]) == 1
    assert run["automationDetails"]["id"].endswith("/")
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["partialFingerprints"]
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["fullDescription"]["text"] and rule["shortDescription"]["text"]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [s["suppressions"][0]["kind"] for s in suppressed] == ["external", "inSource"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_fingerprints_do_not_depend_on_line_numbers():
    result = mexico_result(ROOT)
    moved = DocumentResult(
        path=result.path,
        document_id=result.document_id,
        findings=[replace(f, span=Span(f.span.line + 3, f.span.column, f.span.end_line + 3, f.span.end_column)) for f in result.findings],
    )
    first = json.loads(render("sarif", [result])[0])["runs"][0]["results"]
    second = json.loads(render("sarif", [moved])[0])["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in second] == [8, 14, 25]


def test_whole_document_findings_point_at_line_one():
    path = CABLES / "07MUSCAT193.md"
    result = DocumentResult(
        path=str(path.relative_to(ROOT)),
        findings=[finding(path, "VZCZCXRO4218", "CL101", "header", "warning", "whole document")],
    )
    result.findings = [replace(result.findings[0], span=Span(1, 1, 1, 1))]
    data = json.loads(render("sarif", [result])[0])
    region = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["endColumn"] > region["startColumn"]
    assert not list(sarif_validator().iter_errors(data))


# -------------------------------------------------------------------- github


def test_github_escapes_data_and_properties():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_puts_errors_first_and_escapes_paths():
    path = CABLES / "10MEXICO614.txt"
    info = finding(path, "(b)/(d)", "CL402", "reason-format", "info", "100% sure: (b)/(d)\nsecond line")
    error = finding(path, "ISLAMABAD 000416", "CL701", "banner-matches-cable-id", "error", "banner, not id")
    result = DocumentResult(path="drafts/a,b:c.txt", findings=[info, error])
    lines = render("github", [result])[0].splitlines()
    assert lines[0].startswith("::error file=drafts/a%2Cb%3Ac.txt,line=11,col=30,endColumn=46,")
    assert lines[1].startswith("::notice ")
    assert lines[1].endswith("::100%25 sure: (b)/(d)%0Asecond line")


# -------------------------------------------------------------------- gitlab


def test_gitlab_fingerprints_are_unique_even_for_identical_findings():
    path = CABLES / "05MUSCAT679.txt"
    same = finding(path, "BEIJING", "CL701", "banner-matches-cable-id", "error", "banner names BEIJING")
    result = DocumentResult(path="./tests/fixtures/cables/05MUSCAT679.txt", findings=[same, same, same])
    text = render("gitlab", [result])[0]
    assert not text.startswith("\ufeff")
    issues = json.loads(text)
    assert len({issue["fingerprint"] for issue in issues}) == 3
    assert all(issue["location"]["path"] == "tests/fixtures/cables/05MUSCAT679.txt" for issue in issues)
    assert {issue["severity"] for issue in issues} <= {"info", "minor", "major", "critical", "blocker"}


def test_fingerprints_survive_lines_added_above():
    path = CABLES / "10MEXICO614.txt"
    one = finding(path, "ISLAMABAD 000416", "CL701", "n", "error", "m")
    moved = replace(one, span=Span(40, 30, 40, 46))
    assert fingerprints("p", [one]) == fingerprints("p", [moved])
    assert fingerprints("p", [one]) != fingerprints("q", [one])


# --------------------------------------------------------------------- junit


def test_junit_has_one_unique_case_per_document():
    twice = [mexico_result(ROOT), mexico_result(ROOT), seed_result(ROOT), missing_result()]
    root = ElementTree.fromstring(render("junit", twice)[0])
    cases = root.findall(".//testcase")
    names = [case.get("name") for case in cases]
    assert len(names) == 4 and len(set(names)) == 4
    assert names[1].endswith(" #2")
    assert root.get("failures") == "2" and root.get("errors") == "1" and root.get("tests") == "4"
    assert cases[0].find("failure") is not None and cases[2].find("failure") is None


def test_junit_strips_characters_xml_cannot_hold():
    path = CABLES / "10MEXICO614.txt"
    bad = finding(path, "ISLAMABAD 000416", "CL701", "n", "error", "form feed \x0c here")
    text = render("junit", [DocumentResult(path="x.txt", findings=[bad])])[0]
    assert "\x0c" not in text
    ElementTree.fromstring(text)


# --------------------------------------------------------------------- human


def test_concise_prints_one_line_per_finding_and_the_footer_apart():
    out, footer = render("concise", results())
    lines = out.splitlines()
    assert lines[0] == (
        "tests/fixtures/cables/10MEXICO614.txt:5:1: CL203 error "
        "The security line says UNCLASSIFIED (ZNR UUUUU) but the banner says SECRET"
    )
    assert len(lines) == 3 + 1  # suppressed findings are not shown
    assert footer.startswith("Found 3 errors, 0 warnings, 1 info in 2 of 3 documents checked.")
    assert "Suppressed: 1 waived, 1 disabled inline." in footer


def test_full_underlines_the_span_on_the_cable_line():
    out, _ = render("full", [mexico_result(ROOT)])
    lines = out.splitlines()
    index = lines.index("11 | S E C R E T SECTION 01 OF 04 ISLAMABAD 000416")
    caret_line = lines[index + 1]
    start = caret_line.index("^")
    assert caret_line[start:].split()[0] == "^" * len("ISLAMABAD 000416")
    assert lines[index][start:start + 16] == "ISLAMABAD 000416"
    assert "  --> tests/fixtures/cables/10MEXICO614.txt:11:30" in lines
    assert "   = help: Expected MEXICO 000614: the page may carry another cable's body." in lines
    assert "\x1b[" not in out  # not a terminal: no colour


def test_full_clips_a_long_line_to_the_span():
    html = CABLES / "08RABAT727.html"
    span = locate(html, "C O N F I D E N T I A L RABAT 000727")
    long_line = html.read_text(encoding="utf-8").split("\n")[span.line - 1]
    assert len(long_line) > 1000
    found = DocumentResult(
        path=str(html.relative_to(ROOT)),
        findings=[finding(html, "C O N F I D E N T I A L RABAT 000727", "CL702", "metadata-classification", "error", "m")],
    )
    out, _ = render("full", [found])
    frame = [line for line in out.splitlines() if line.startswith(f"{span.line} | ")]
    assert len(frame) == 1 and len(frame[0]) < 140
    assert "C O N F I D E N T I A L RABAT 000727" in frame[0]


@pytest.mark.parametrize("env, coloured", [({"FORCE_COLOR": "1"}, True), ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False), ({}, False)])
def test_colour_follows_force_color_and_no_color(monkeypatch, env, coloured):
    for key in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out, _ = render("full", [mexico_result(ROOT)])
    colour = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m")  # foreground colours
    assert bool(colour.search(out)) is coloured


def test_every_format_is_registered_and_renders():
    for name in FORMATS:
        out, _ = render(name, results())
        assert out.strip(), name


def test_frame_of_a_finding_far_into_a_one_line_html_page():
    """08RABAT727.html holds the cable body on one 22,000-character line; a finding
    near its end still gets its own text under the caret, clipped to one screen."""
    from validator.readers import read_path
    from validator.report.source import attach_line_text

    html = CABLES / "08RABAT727.html"
    (document,) = list(read_path(str(html)))
    line = html.read_text(encoding="utf-8").split("\n")[27]
    needle = "Embassy Rabat"
    column = line.rfind(needle)
    assert column > 15000
    far = Finding(code="CL999", name="far", severity=Severity.WARNING, message="far into the line",
                  span=Span(28, column + 1, 28, column + 1 + len(needle)))
    (attached,) = attach_line_text(document, [far])
    assert len(attached.extra["line_text"]) <= 300 and attached.extra["line_offset"] > 0
    out, _ = render("full", [DocumentResult(path=str(html.relative_to(ROOT)), findings=[attached])])
    lines = out.splitlines()
    (frame,) = [index for index, text in enumerate(lines) if text.startswith("28 | ")]
    caret = lines[frame + 1].index("^")
    assert lines[frame][caret:caret + len(needle)] == needle
    assert len(lines[frame]) < 140
