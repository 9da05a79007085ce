"""Bytes -> `Document`s. Placeholder until the readers land (issue 2).

Public API (kept stable):
    read_path(path) -> Iterator[Document]          raises ReadError
    read_bytes(data, name) -> Iterator[Document]   one file's bytes; a cables.csv yields many
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from validator.model import Document


class ReadError(Exception):
    """A file that cannot be read: `path` and a human `reason`."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_bytes(data: bytes, name: str) -> Iterator[Document]:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    yield Document(path=name, text=text, form="text")


def read_path(path: str) -> Iterator[Document]:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ReadError(path, error.strerror or str(error)) from None
    yield from read_bytes(data, path)
