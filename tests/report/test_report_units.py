"""Small pieces: report paths, globs, directive scanning, waiver matching."""

from __future__ import annotations

from pathlib import Path

from report_support import CABLES, finding
from validator.audit.directives import apply_directives, scan
from validator.audit.waivers import Waiver, WaiverSet
from validator.config import glob_match
from validator.model import Document, DocumentResult
from validator.report.context import report_path, suppression_of


def test_report_paths_are_relative_posix_without_dot_slash(tmp_path):
    inside = tmp_path / "cables" / "a.txt"
    assert report_path(str(inside), str(tmp_path)) == "cables/a.txt"
    assert report_path("./cables/a.txt", str(tmp_path)) == "cables/a.txt"
    assert report_path(str(tmp_path / "x.zip") + "!2007/a.txt", str(tmp_path)) == "x.zip!2007/a.txt"
    assert report_path("/elsewhere/a.txt", str(tmp_path)) == "/elsewhere/a.txt"


def test_report_paths_relativise_as_relpath_does(tmp_path):
    assert report_path(str(tmp_path / "a" / ".." / "b.txt"), str(tmp_path)) == "b.txt"
    assert report_path(str(tmp_path), str(tmp_path)) == "."
    assert report_path(str(tmp_path) + "x/a.txt", str(tmp_path)) == str(tmp_path) + "x/a.txt"  # a sibling
    assert report_path(str(tmp_path / "a.txt"), str(tmp_path) + "/") == "a.txt"
    assert report_path("/a.txt", "/") == "a.txt"


def test_globs_follow_gitignore_meaning(tmp_path):
    assert glob_match("*.txt", "archive/2007/a.txt")
    assert glob_match("archive/**/*.txt", "archive/2007/05/a.txt")
    assert glob_match("archive/*.txt", "archive/a.txt") and not glob_match("archive/*.txt", "archive/2007/a.txt")
    assert glob_match("drafts/*.md", str(tmp_path / "drafts" / "x.md"), base=tmp_path)


def test_directives_are_read_from_lines_of_their_own():
    text = (
        "C O N F I D E N T I A L MUSCAT 000193\n"
        "<!-- cable-lint: disable-next-line CL208 -->\n"
        "\n"
        "SUBJECT: OMAN PREPARING TO DRAFT ANTI-TIP LEGISLATION\n"
        "# cable-lint: disable CL301 CL4\n"
        "SUBJECT mentions cable-lint: but is not a directive line\n"
    )
    directives, invalid = scan(Document(path="d.md", text=text, form="markdown"))
    assert [(d.action, [c for c, _ in d.codes], d.target_line) for d in directives] == [
        ("disable-next-line", ["CL208"], 4),
        ("disable", ["CL301", "CL4"], None),
    ]
    assert invalid == []


def test_directive_suppresses_and_flags_the_unused_code():
    path = CABLES / "07MUSCAT193.md"
    text = path.read_text(encoding="utf-8") + "\ncable-lint: disable CL208, CL209\n"
    document = Document(path=str(path), text=text, form="markdown")
    subject = finding(path, "SUBJECT: OMAN", "CL208", "subject-unmarked", "info", "SUBJECT has no portion mark")
    out = apply_directives(document, [subject])
    assert suppression_of(out[0])["kind"] == "inline"
    (unused,) = [f for f in out if f.code == "CL001"]
    assert unused.span.line == len(text.split("\n")) - 1 and "CL209" in unused.message


def test_waiver_by_document_id_is_case_insensitive_and_counts_use():
    path = CABLES / "10MEXICO614.txt"
    found = finding(path, "ISLAMABAD 000416", "CL701", "banner-matches-cable-id", "error", "m")
    waiver = Waiver(file="w.yaml", line=3, rules=("CL7",), justification="kept as released", by="me", date="2026-01-10", document="10mexico614")
    waivers = WaiverSet([waiver])
    result = DocumentResult(path=str(path), document_id="10MEXICO614", findings=[found])
    waivers.apply(result)
    assert result.findings == [] and waiver.used == 1
    assert suppression_of(result.suppressed[0])["by"] == "me"
    assert waivers.unused() == []
    other = DocumentResult(path="x.txt", document_id="10MEXICO615", findings=[found])
    waivers.apply(other)
    assert other.findings == [found]


def test_the_quick_directive_check_never_misses_a_line_the_scan_would_read():
    """`scan` looks at lines only when a cheap search over the whole text says the
    marker may be there: whatever the letter case and the characters around it."""
    from hypothesis import given, strategies as st

    from validator.audit.directives import _may_hold_directive

    marker_cases = st.lists(st.booleans(), min_size=10, max_size=10).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip("cable-lint", upper))
    )

    @given(st.text(max_size=40), marker_cases, st.text(max_size=40))
    def check(before, marker, after):
        text = f"{before}\n{marker}: disable CL301\n{after}"
        assert any("cable-lint" in line.lower() for line in text.split("\n"))
        assert _may_hold_directive(text)

    check()
    assert not _may_hold_directive("C O N F I D E N T I A L MUSCAT 000193\n\u00b61. (C) SUMMARY: LINT-FREE")
