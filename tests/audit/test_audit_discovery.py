"""Input discovery: folders, globs, ignore files, archives, exports, lists, skips."""

from __future__ import annotations

import io
import os
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from audit_support import CABLES, DATA
from validator.audit.runner import RunOptions, iter_results


def run(ruleset, *paths, **options):
    options.setdefault("cache", False)
    options.setdefault("progress", False)
    options.setdefault("jobs", 1)
    return list(iter_results(RunOptions(paths=[str(p) for p in paths], **options), ruleset))


def names(results):
    return [os.path.basename(result.path.split("!")[-1]) for result in results]


def test_folder_walk_is_recursive_and_sorted(tmp_path, ruleset):
    for relative in ("b/z/05MUSCAT679.txt", "a/00HARARE5461.txt", "b/06KABUL3934.txt", "73TEHRAN8233.txt"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / target.name, target)
    results = run(ruleset, tmp_path)
    assert [os.path.relpath(r.path, tmp_path) for r in results] == [
        "73TEHRAN8233.txt", os.path.join("a", "00HARARE5461.txt"),
        os.path.join("b", "06KABUL3934.txt"), os.path.join("b", "z", "05MUSCAT679.txt"),
    ]
    assert all(r.not_checked is None for r in results)
    assert results[0].document_id == "73TEHRAN8233"


def test_include_and_exclude_globs(cables, ruleset):
    only_73 = run(ruleset, cables, include=["73*.txt"])
    assert names(only_73) == ["73TEHRAN7005.txt", "73TEHRAN8233.txt"]
    without = run(ruleset, cables, exclude=["0*"])
    assert names(without) == [name for name in CABLES if not name.startswith("0")]


def test_ignore_file_with_negation_and_folder_patterns(cables, ruleset):
    (cables / "drafts").mkdir()
    shutil.copy(DATA / "05MUSCAT679.txt", cables / "drafts" / "05MUSCAT679.txt")
    (cables / ".cable-lint-ignore").write_text("# not ours\ndrafts/\n0*.txt\n!06KABUL3934.txt\n")
    result_names = names(run(ruleset, cables))
    assert "06KABUL3934.txt" in result_names
    assert not any(name.startswith(("00", "05", "08", "09")) for name in result_names)
    assert all("drafts" not in r.path for r in run(ruleset, cables))


def test_config_exclude_list(cables, ruleset):
    results = list(
        iter_results(RunOptions(paths=[str(cables)], jobs=1, cache=False, progress=False), ruleset,
                     config={"exclude": ["7*.txt", "8*"]})
    )
    assert names(results) == [name for name in CABLES if not name.startswith(("7", "8"))]


def test_skips_are_reported_with_their_reason(tmp_path, ruleset):
    shutil.copy(DATA / "00HARARE5461.txt", tmp_path / "00HARARE5461.txt")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "blob.bin").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "notes.json").write_text('{"a": 1}\n')
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "big.txt").write_bytes((DATA / "08STATE116943.txt").read_bytes())
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    results = {os.path.basename(r.path): r for r in run(ruleset, tmp_path, max_size=20_000)}
    assert results["00HARARE5461.txt"].not_checked is None
    assert results["scan.png"].not_checked.startswith("binary")
    assert results["blob.bin"].not_checked.startswith("binary")
    assert results["notes.json"].not_checked.startswith("unknown form")
    assert results["empty.txt"].not_checked.startswith("unknown form: empty")
    assert results["big.txt"].not_checked.startswith("too large: 31707 bytes")
    assert results["dangling.txt"].not_checked.startswith("unreadable")
    assert len(results) == 7  # nothing dropped


def test_missing_input_is_reported(tmp_path, ruleset):
    (result,) = run(ruleset, tmp_path / "nowhere")
    assert result.not_checked.startswith("unreadable")


def test_extensionless_cable_is_checked_by_content(tmp_path, ruleset):
    shutil.copy(DATA / "86MADRID5480.txt", tmp_path / "86MADRID5480")
    (result,) = run(ruleset, tmp_path)
    assert result.not_checked is None
    assert [f.code for f in result.findings] == ["CL092"]


def _zip(path: Path, members: list[str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in members:
            archive.write(DATA / os.path.basename(name), name)


def test_zip_members_are_read_in_place(tmp_path, ruleset):
    archive = tmp_path / "cables.zip"
    _zip(archive, ["1973/73TEHRAN8233.txt", "2000/00HARARE5461.html"])
    results = run(ruleset, archive)
    assert [r.path for r in results] == [f"{archive}!1973/73TEHRAN8233.txt", f"{archive}!2000/00HARARE5461.html"]
    assert all(r.not_checked is None for r in results)
    assert results[1].document_id == "00HARARE5461"
    assert list(tmp_path.iterdir()) == [archive]  # nothing extracted


@pytest.mark.parametrize("mode, suffix", [("w", ".tar"), ("w:gz", ".tar.gz"), ("w:gz", ".tgz")])
def test_tar_members_are_streamed(tmp_path, ruleset, mode, suffix):
    archive = tmp_path / f"cables{suffix}"
    with tarfile.open(archive, mode) as tar:
        for name in ("86MADRID5480.txt", "05MUSCAT679.txt"):
            tar.add(DATA / name, arcname=f"x/{name}")
        data = b"\x00\x01binary"
        info = tarfile.TarInfo("x/picture.gif")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    results = run(ruleset, archive)
    assert [r.path for r in results] == [
        f"{archive}!x/86MADRID5480.txt", f"{archive}!x/05MUSCAT679.txt", f"{archive}!x/picture.gif",
    ]
    assert [r.not_checked for r in results[:2]] == [None, None]
    assert results[2].not_checked.startswith("binary")


def test_archive_inside_archive_and_damaged_archive_are_reported(tmp_path, ruleset):
    inner = tmp_path / "inner.zip"
    _zip(inner, ["73TEHRAN8233.txt"])
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "inner.zip")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    results = run(ruleset, outer, broken)
    assert results[0].path == f"{outer}!inner.zip"
    assert results[0].not_checked == "unknown form: an archive inside an archive"
    assert results[1].path == str(broken) and results[1].not_checked.startswith("unreadable")


def test_cables_csv_is_streamed_row_by_row(tmp_path, ruleset):
    export = tmp_path / "cables.csv"
    export.write_bytes(
        (DATA / "66BUENOSAIRES2481__cables_csv_row.csv").read_bytes().rstrip(b"\n") + b"\n"
        + (DATA / "72TEHRAN1164__cables_csv_row.csv").read_bytes()
    )
    results = run(ruleset, export)
    assert [r.path for r in results] == [f"{export}#row 1", f"{export}#row 2"]
    assert [r.document_id for r in results] == ["66BUENOSAIRES2481", "72TEHRAN1164"]


def test_files_from_a_list_and_from_stdin(tmp_path, cables, ruleset, monkeypatch):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two cables\n{cables / '86MADRID5480.txt'}\n\n{cables / '06KABUL3934.txt'}\n")
    assert names(run(ruleset, files_from=str(listing))) == ["86MADRID5480.txt", "06KABUL3934.txt"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{cables / '05MUSCAT679.txt'}\n"))
    assert names(run(ruleset, files_from="-")) == ["05MUSCAT679.txt"]


def test_unreadable_files_from_is_a_usage_error(tmp_path, ruleset):
    from validator.cli import UsageError

    with pytest.raises(UsageError, match="--files-from"):
        run(ruleset, files_from=str(tmp_path / "missing.txt"))


def _export(tmp_path: Path, rows: int) -> Path:
    """A cables.csv of `rows` real rows (the two sample rows, renumbered)."""
    samples = [(DATA / name).read_text(encoding="utf-8").rstrip("\n")
               for name in ("66BUENOSAIRES2481__cables_csv_row.csv", "72TEHRAN1164__cables_csv_row.csv")]
    lines = ['"id","date","refid","origin","classification","references","header","content"']
    for index in range(rows):
        sample = samples[index % 2]
        lines.append(f'"{index + 1}"' + sample[sample.index(","):])
    export = tmp_path / "cables.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return export


@pytest.mark.parametrize("jobs", [1, 2])
def test_export_read_in_parts_equals_reading_it_whole(tmp_path, ruleset, monkeypatch, jobs):
    from validator.audit import discovery
    from validator.lint import lint_document
    from validator.readers import read_path

    export = _export(tmp_path, 90)
    monkeypatch.setattr(discovery, "CSV_PART_BYTES", 16_000)  # several rows a part, many parts
    parts = list(discovery.Discovery(discovery.DiscoveryOptions()).items([str(export)]))
    assert len(parts) > 10 and {item.kind for item in parts} == {"csv-part"}
    expected = []
    for document in read_path(str(export)):
        result = lint_document(document, ruleset)
        expected.append((result.path, result.document_id, [(f.code, f.span) for f in result.findings]))
    got = [(r.path, r.document_id, [(f.code, f.span) for f in r.findings]) for r in run(ruleset, export, jobs=jobs)]
    assert got == expected
    assert got[-1][0] == f"{export}#row 90"
    assert any(findings for _, _, findings in got)  # line numbers were compared, not just paths


def test_work_items_of_every_kind_survive_the_trip_to_a_worker():
    """Items travel to the workers pickled; a file's item travels as its path alone."""
    import pickle

    from validator.audit.discovery import WorkItem

    items = [
        WorkItem("path", "in/07MUSCAT193.txt", fs_path="in/07MUSCAT193.txt", explicit=True),
        WorkItem("path", "in/renamed.txt", fs_path="/elsewhere/renamed.txt"),
        WorkItem("bytes", "a.zip!07MUSCAT193.txt", data=b"UNCLASSIFIED"),
        WorkItem("csv-part", "cables.csv", fs_path="cables.csv", offset=10, length=99, line_offset=4, part=1),
        WorkItem("skip", "photo.png", reason="binary: not a text file"),
    ]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert [pickle.loads(pickle.dumps(item, protocol=protocol)) for item in items] == items
    task = [WorkItem("path", f"in/{index:04d}.txt", fs_path=f"in/{index:04d}.txt") for index in range(128)]
    assert len(pickle.dumps(task)) < 128 * (len("in/0000.txt") + 12) + 200  # the path and a few bytes


def test_a_folder_walk_opens_archives_and_exports_whatever_the_case_of_their_suffix(tmp_path):
    """Walking a folder makes each file's items as naming the file itself does: archives
    and exports are opened, whatever the case of their suffix; other files go as they are."""
    from validator.audit.discovery import Discovery, DiscoveryOptions

    _zip(tmp_path / "A.ZIP", ["73TEHRAN8233.txt"])
    with tarfile.open(tmp_path / "b.Tar.Gz", "w:gz") as tar:
        tar.add(DATA / "86MADRID5480.txt", arcname="86MADRID5480.txt")
    (tmp_path / "c.CSV").write_text('"1","2"\n', encoding="utf-8")
    for name in ("d.txt", "e.csv.txt", "f.zip.bak", ".csv", "g"):
        (tmp_path / name).write_text("UNCLASSIFIED\n", encoding="utf-8")
    walked = list(Discovery(DiscoveryOptions()).items([str(tmp_path)]))
    one_by_one = [item for path in sorted(os.listdir(tmp_path))
                  for item in Discovery(DiscoveryOptions()).items([str(tmp_path / path)])]
    assert [(item.kind, item.path) for item in walked] == [(item.kind, item.path) for item in one_by_one]
    kinds = {os.path.basename(item.path.split("!")[0].split("#")[0]): item.kind for item in walked}
    assert kinds["d.txt"] == kinds["e.csv.txt"] == kinds["f.zip.bak"] == kinds["g"] == "path"
    assert kinds["A.ZIP"] == kinds["b.Tar.Gz"] == "bytes"
    assert kinds["c.CSV"] != "path"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_reported_not_opened(tmp_path, ruleset):
    import signal

    shutil.copy(DATA / "00HARARE5461.txt", tmp_path / "00HARARE5461.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    def hang(signum, frame):
        raise TimeoutError("the run waited on the FIFO")

    previous = signal.signal(signal.SIGALRM, hang)  # a hang fails the test, not the whole run
    signal.alarm(30)
    try:
        results = {os.path.basename(r.path): r for r in run(ruleset, tmp_path)}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert results["00HARARE5461.txt"].not_checked is None
    assert results["pipe.txt"].not_checked == "unknown form: not a regular file or folder"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_linked_folders_are_walked_once_and_a_loop_is_reported(tmp_path, ruleset):
    tree, elsewhere = tmp_path / "tree", tmp_path / "elsewhere"
    (tree / "a").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(DATA / "00HARARE5461.txt", tree / "a" / "00HARARE5461.txt")
    shutil.copy(DATA / "05MUSCAT679.txt", elsewhere / "05MUSCAT679.txt")
    os.symlink(tree, tree / "a" / "back-to-top")  # a loop
    os.symlink(elsewhere, tree / "b")  # a folder kept elsewhere: walked
    os.symlink(elsewhere, tree / "c")  # the same folder again: not walked twice
    results = run(ruleset, tree)
    checked = [os.path.relpath(r.path, tree) for r in results if r.not_checked is None]
    skipped = {os.path.relpath(r.path, tree): r.not_checked for r in results if r.not_checked is not None}
    assert checked == [os.path.join("a", "00HARARE5461.txt"), os.path.join("b", "05MUSCAT679.txt")]
    assert skipped == {os.path.join("a", "back-to-top"): "not walked: a link to a folder walked already",
                       "c": "not walked: a link to a folder walked already"}
