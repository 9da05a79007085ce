"""The one error the engine raises: a rule file (or a selection) it cannot use."""

from __future__ import annotations

from typing import Optional


class RuleError(Exception):
    """An invalid rule file, data table or rule selection.

    `path` names the file (or the option, e.g. ``--select``), `line` is 1-based when
    known; ``str(error)`` is ``path:line: message``, what the CLI prints before
    exiting with code 2.
    """

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message
