"""`cable-lint inspect`: text tables, JSON that validates, unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from validator.cli import main
from validator.model import Span
from validator.parse import parse_document
from validator.readers import read_path
from validator.resources import schema_path
from validator.serialize import document_record

DATA = Path(__file__).resolve().parent / "data" / "readers"
SEED = DATA / "07MUSCAT193.md"
CSV_ROWS = [DATA / "66BUENOSAIRES2481__cables_csv_row.csv", DATA / "72TEHRAN1164__cables_csv_row.csv"]


def run_json(capsys, *paths) -> tuple[int, dict, str]:
    code = main(["inspect", "--format", "json", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def validator():
    schema = json.loads(schema_path("inspect.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture()
def cables_csv(tmp_path):
    path = tmp_path / "cables.csv"
    path.write_bytes(b"".join(p.read_bytes() for p in CSV_ROWS))
    return path


def test_json_output_validates_against_the_schema(capsys, cables_csv):
    paths = [SEED, DATA / "08BUCHAREST608.html", DATA / "09BERN98.html",
             DATA / "07BERN881__cablemap_fixture.html", DATA / "88ADANA638.txt", cables_csv]
    code, output, err = run_json(capsys, *paths)
    assert code == 0 and err == ""
    validator().validate(output)
    assert output["schema_version"] == "1"
    assert len(output["documents"]) == 8  # two rows, two records on one page


def test_json_of_the_seed(capsys):
    code, output, _ = run_json(capsys, SEED)
    (document,) = output["documents"]
    assert document["path"] == str(SEED)
    assert document["cable_id"] == "07MUSCAT193"
    assert document["classification"] == "CONFIDENTIAL"
    assert document["date"] == "2007-02-27"
    assert document["origin"] == "MUSCAT"
    assert "SIPDIS" in document["controls"]
    assert document["eo"]["order"] == 12958
    assert document["eo"]["decl_date"] == "2017-02-26"
    assert document["classified_by"]["reasons"] == ["b", "d"]
    assert [tag["text"] for tag in document["tags"]] == ["PHUM", "PREL", "SMIG", "KCRM", "KWMN", "MU"]
    assert [(p["number"], p["marking"]) for p in document["paragraphs"]] == [
        (1, "C"), (2, "C"), (3, "C"), (4, "C")]
    assert document["external"] is None


def test_json_locations_are_file_coordinates(capsys):
    page = DATA / "08BUCHAREST608.html"
    code, output, _ = run_json(capsys, page)
    (document,) = output["documents"]
    lines = page.read_text(encoding="utf-8").split("\n")
    banner = document["banners"][0]["location"]
    assert lines[banner["line"] - 1][banner["column"] - 1 : banner["end_column"] - 1] == (
        document["banners"][0]["raw"])
    paragraph = document["paragraphs"][0]
    assert lines[paragraph["line"] - 1][paragraph["column"] - 1:].startswith("¶")
    external = document["external"]
    assert external["classification"] == "SECRET//NOFORN"
    where = external["locations"]["classification"]
    assert lines[where["line"] - 1][where["column"] - 1 : where["end_column"] - 1] == "SECRET//NOFORN"


def test_csv_rows_carry_row_paths_and_file_lines(capsys, cables_csv):
    code, output, _ = run_json(capsys, cables_csv)
    first, second = output["documents"]
    assert (first["path"], second["path"]) == (f"{cables_csv}#row 1", f"{cables_csv}#row 2")
    assert second["external"]["reference_id"] == "72TEHRAN1164"
    first_row_lines = CSV_ROWS[0].read_bytes().count(b"\n")
    assert second["external"]["locations"]["reference_id"]["line"] == first_row_lines + 1
    assert all(p["line"] > first_row_lines for p in second["paragraphs"])


def test_unreadable_file_is_reported_and_the_others_still_inspected(capsys, tmp_path):
    missing = tmp_path / "07MUSCAT193.txt"
    code, output, err = run_json(capsys, missing, SEED, tmp_path / "empty")
    assert code == 2
    assert [d["path"] for d in output["documents"]] == [str(SEED)]
    assert f"{missing}: cannot read: no such file" in err
    validator().validate(output)


def test_folder_is_walked(capsys, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "07MUSCAT193.md").write_bytes(SEED.read_bytes())
    (tmp_path / "a.txt").write_bytes((DATA / "09LONDON55.txt").read_bytes())
    (tmp_path / ".hidden.txt").write_bytes(b"x")
    code, output, _ = run_json(capsys, tmp_path)
    assert code == 0
    assert [Path(d["path"]).name for d in output["documents"]] == ["a.txt", "07MUSCAT193.md"]


def test_text_format_prints_a_table_per_document(capsys):
    code = main(["inspect", str(SEED), str(DATA / "08BUCHAREST608.html")])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.count("┃ field") == 2
    assert str(SEED) in out
    assert "CONFIDENTIAL" in out and "SECRET" in out
    assert "PHUM PREL SMIG KCRM KWMN MU" in out
    assert "publisher (html)" in out and "SECRET//NOFORN" in out


def test_text_format_exit_code_2_on_a_missing_file(capsys, tmp_path):
    code = main(["inspect", str(tmp_path / "nope.txt")])
    out, err = capsys.readouterr()
    assert code == 2
    assert "nope.txt: cannot read: no such file" in err


def test_record_maps_parse_note_locations():
    (document,) = read_path(str(DATA / "09TIJUANA1116.html"))
    record = document_record(document, parse_document(document))
    note = next(n for n in record["notes"] if n["code"] == "csv-metadata-preamble")
    lines = (DATA / "09TIJUANA1116.html").read_text(encoding="utf-8").split("\n")
    assert lines[note["line"] - 1][note["column"] - 1 :].startswith("232358&#x000A;")
    for note in record["notes"]:
        assert note["line"] >= 1 and note["column"] >= 1
    assert document.source_map.span(Span(1, 1, 1, 2)).line > 20  # the header <pre> line


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}")
def test_corpus_records_validate_against_the_schema():
    schema_validator = validator()
    paths = sorted((CORPUS / "html").glob("*.html"))[::10] + sorted((CORPUS / "txt").glob("*.txt"))[::10]
    paths += sorted((CORPUS / "old").glob("*.txt")) + sorted((CORPUS / "variants").iterdir())
    records = [
        document_record(document, parse_document(document))
        for path in paths
        for document in read_path(str(path))
    ]
    assert len(records) > 1000
    schema_validator.validate({"schema_version": "1", "documents": records})


def test_streamed_json_is_the_whole_object(capsys, cables_csv):
    from validator.serialize import inspect_output

    code, output, _ = run_json(capsys, SEED, cables_csv)
    records = [
        document_record(document, parse_document(document))
        for path in (SEED, cables_csv)
        for document in read_path(str(path))
    ]
    assert output == json.loads(json.dumps(inspect_output(records)))
