"""`parse-note`: what the parser (or reader) could not read, surfaced as findings."""

from __future__ import annotations

from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError


class ParseNote(Kind):
    name = "parse-note"
    summary = "report the parser's notes with the given `notes` codes (and the reader's, with `reader: true`)"
    placeholders = frozenset({"note", "code"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.codes = {str(code) for code in params["notes"]}
        if not self.codes:
            raise ParamError("'notes' lists at least one parse-note code", ("notes",))
        self.reader = bool(params.get("reader", False))

    @staticmethod
    def may_hit(ctx) -> bool:
        """False when the cable has no parse note and its document no reader note: then no
        parse-note rule can fire (most cables). One function for all of them, so the check
        loop tests it once for a run of such rules."""
        return bool(ctx.cable.notes) or (ctx.document is not None and bool(ctx.document.notes))

    def quiet_source(self, code) -> str:
        return f"{code.constant(self._quiet_test(), 'parse_note')}(ctx)"

    def _quiet_test(self):
        """Whether `check` yields nothing (screen.py): no note with one of the codes."""
        codes, reader = self.codes, self.reader

        def quiet(ctx) -> bool:
            for note in ctx.cable.notes:
                if note.code in codes:
                    return False
            if reader and ctx.document is not None:
                for note in ctx.document.notes:
                    if note.code in codes:
                        return False
            return True
        return quiet

    def check(self, ctx) -> Iterator[Hit]:
        for note in ctx.cable.notes:
            if note.code in self.codes:
                yield Hit(note.span, {"note": note.message, "code": note.code}, subject=f"note:{note.code}")
        if self.reader and ctx.document is not None:
            for note in ctx.document.notes:
                if note.code in self.codes:
                    yield Hit(note.span, {"note": note.message, "code": note.code},
                              subject=f"note:{note.code}", in_file=True)
