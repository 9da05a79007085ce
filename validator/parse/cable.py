"""Placeholder: the full parser lands here (issue 2)."""

from __future__ import annotations

from validator.model import Cable, Document


def parse_text(text: str) -> Cable:
    return Cable(line_count=text.count("\n") + 1)


def parse_document(document: Document) -> Cable:
    cable = parse_text(document.text)
    cable.cable_id = document.file_cable_id
    return cable
