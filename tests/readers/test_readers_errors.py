"""Files that cannot be read: a ReadError naming the path and the reason."""

from __future__ import annotations

import os

import pytest
from readers_support import data

import validator.readers as readers
from validator.readers import ReadError, read_bytes, read_path


def reason_for(path) -> str:
    with pytest.raises(ReadError) as caught:
        list(read_path(str(path)))
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)
    return caught.value.reason


def test_missing_file(tmp_path):
    assert reason_for(tmp_path / "07MUSCAT193.txt") == "no such file"


def test_directory(tmp_path):
    assert reason_for(tmp_path) == "is a directory"


def test_empty_file(tmp_path):
    path = tmp_path / "07MUSCAT193.txt"
    path.write_bytes(b"")
    assert reason_for(path) == "empty file"


def test_fifo_is_not_read(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert reason_for(path) == "not a regular file"  # and does not block


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "07MUSCAT193.txt"
    path.write_bytes(data("09LONDON55.txt").read_bytes())
    path.chmod(0)
    assert reason_for(path) == "permission denied"


def test_permission_denied_when_open_refuses(tmp_path, monkeypatch):
    path = tmp_path / "09LONDON55.txt"
    path.write_bytes(data("09LONDON55.txt").read_bytes())

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "open", refuse, raising=False)
    assert reason_for(path) == "permission denied"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ],
)
def test_binary_files_say_what_they_look_like(tmp_path, head, kind):
    path = tmp_path / "09LONDON55.txt"
    path.write_bytes(head + bytes(range(256)) * 4)
    reason = reason_for(path)
    assert reason.startswith("not a text file")
    assert kind in reason


def test_random_bytes_are_binary():
    noise = bytes((index * 7919 + 13) % 256 for index in range(4096))
    with pytest.raises(ReadError, match="binary data"):
        list(read_bytes(noise, "noise.txt"))


def test_error_mid_stream_keeps_the_documents_already_read(tmp_path, monkeypatch):
    rows = (data("66BUENOSAIRES2481__cables_csv_row.csv").read_bytes()
            + data("72TEHRAN1164__cables_csv_row.csv").read_bytes())
    path = tmp_path / "cables.csv"
    path.write_bytes(rows)
    monkeypatch.setattr(readers, "CHUNK_SIZE", 2048)
    monkeypatch.setattr(readers, "_HEAD_SIZE", 2048)
    real_open = open

    class Failing:
        def __init__(self, handle):
            self.handle = handle
            self.reads = 0

        def read(self, size):
            self.reads += 1
            if self.reads > 3:
                raise OSError(5, "Input/output error")
            return self.handle.read(size)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(readers, "open", lambda p, mode: Failing(real_open(p, mode)), raising=False)
    seen = []
    with pytest.raises(ReadError, match="Input/output error"):
        for document in read_path(str(path)):
            seen.append(document.path)
    assert seen == [f"{path}#row 1"]


def test_dash_reads_standard_input(monkeypatch):
    import io
    import sys

    raw = data("09LONDON55.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (document,) = read_path("-")
    assert document.path == "<stdin>"
    assert document.text == raw.decode("utf-8")


def test_documents_survive_pickling_for_worker_processes():
    import pickle

    from validator.model import Span

    (document,) = read_path(str(data("08BUCHAREST608.html")))
    copy = pickle.loads(pickle.dumps(document))
    span = Span(12, 1, 12, 30)
    assert copy.source_map.span(span) == document.source_map.span(span)
    assert copy.external == document.external
