"""The reporter protocol: `start()`, then `document(result)` as each document
finishes (in input order), then `finish(summary)`. Reporters write to their stream
as they go where the format allows, so an archive run does not hold every finding.
"""

from __future__ import annotations

from typing import IO

from validator.model import DocumentResult
from validator.report.context import ReportContext
from validator.report.summary import Summary


class Reporter:
    """Base class: one output format written to one stream."""

    #: shown by `--help`; set by each format
    description = ""

    def __init__(self, stream: IO[str], context: ReportContext) -> None:
        self.stream = stream
        self.context = context

    def start(self) -> None:
        """Called once before the first document."""

    def document(self, result: DocumentResult) -> None:
        """Called once per document, checked or not."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last document."""

    # Formats whose text for a document depends on that document alone may offer these
    # two, so that worker processes write the texts and the parent only joins them:
    #   renderer(context) -> function of a result giving its text (picklable context)
    #   document_texts(texts): write the texts of consecutive documents
    renderer = None

    def write(self, text: str) -> None:
        self.stream.write(text)
