"""Text -> `Cable`. The parser never raises: what it cannot read becomes a `ParseNote`."""

from __future__ import annotations

from validator.model import Cable, Document


def parse(text: str) -> Cable:
    """Parse a cable's text (header block, body) into a `Cable`."""
    from validator.parse.cable import parse_text

    return parse_text(text)


def parse_document(document: Document) -> Cable:
    """Parse a document and fold in what its reader knows (file-name id, publisher data)."""
    from validator.parse.cable import parse_document as _parse_document

    return _parse_document(document)
