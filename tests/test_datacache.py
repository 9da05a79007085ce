"""The JSON copies of parsed data files, and what a one-file run imports with them."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

from validator import datacache
from validator.parse import tag_kinds

REPO = Path(__file__).resolve().parents[1]
CABLE = REPO / "tests" / "data" / "cables" / "05MUSCAT679.txt"


def test_a_copy_is_written_once_and_read_back_instead_of_parsing(tmp_path, monkeypatch):
    monkeypatch.setenv("CABLE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "table.yaml"
    source.write_text("values: [A, B]\n", encoding="utf-8")
    parsed = []

    def parse(text):
        parsed.append(text)
        return {"values": ["A", "B"]}

    assert datacache.load_cached(source, parse, "test") == {"values": ["A", "B"]}
    assert datacache.load_cached(source, parse, "test") == {"values": ["A", "B"]}
    assert len(parsed) == 1
    source.write_text("values: [A, B, C]\n", encoding="utf-8")  # edited: parsed again
    datacache.load_cached(source, parse, "test")
    assert len(parsed) == 2


def test_data_json_cannot_hold_is_parsed_each_time_and_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CABLE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "table.yaml"
    source.write_text("to: 1979-12-31\n", encoding="utf-8")
    value = {"to": datetime.date(1979, 12, 31)}
    for _ in range(3):
        assert datacache.load_cached(source, lambda text: value, "test") == value
    leftovers = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert leftovers == []


def test_every_tags_vocabulary_the_parser_reads_gets_its_copy(tmp_path, monkeypatch):
    # tags-subject.yaml holds dates (the ranges of its values): its copy could not be
    # written, so every run parsed its YAML again and left a temporary file behind.
    monkeypatch.setenv("CABLE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    tag_kinds._vocabularies.cache_clear()
    try:
        first = tag_kinds._vocabularies()
        copies = sorted((tmp_path / "cache" / "tag-kinds").iterdir())
        assert len(copies) == 4 and all(copy.suffix == ".json" for copy in copies)
        tag_kinds._vocabularies.cache_clear()
        assert tag_kinds._vocabularies()[0] == first[0]
    finally:
        tag_kinds._vocabularies.cache_clear()
    assert tag_kinds.tag_kind("PGOV") == "subject" and tag_kinds.tag_kind("MU") == "country"


def test_a_one_file_run_with_its_copies_in_place_does_not_import_yaml(tmp_path):
    environment = dict(os.environ, CABLE_LINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(REPO))
    script = (
        "import sys; from validator.cli import main; code = main(['--no-cache', sys.argv[1]]); "
        "print('yaml imported:', 'yaml' in sys.modules, file=sys.stderr)"
    )
    runs = [subprocess.run([sys.executable, "-c", script, str(CABLE)], capture_output=True, text=True,
                           env=environment, cwd=tmp_path, check=False) for _ in range(2)]
    assert all("Traceback" not in run.stderr for run in runs), runs[0].stderr
    assert "yaml imported: True" in runs[0].stderr  # the first run parses the rules and data
    assert "yaml imported: False" in runs[1].stderr
    assert runs[1].stdout == runs[0].stdout and "CL" in runs[0].stdout
