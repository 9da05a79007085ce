"""What every check kind shares: parameters checked at load, hits at run time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator, Optional

from validator.engine.operands import OperandError, Operand, value_operand
from validator.engine.paths import Path, PathError, compile_path, text_of
from validator.model import Span


class ParamError(ValueError):
    """A parameter a kind cannot use; `where` is the key path inside `params`."""

    def __init__(self, message: str, where: tuple = ()) -> None:
        super().__init__(message)
        self.where = where


@dataclass
class Hit:
    """One violation: where, the values for the message template, what it is about."""

    span: Optional[Span]
    values: dict[str, Any] = field(default_factory=dict)
    subject: str = ""
    in_file: bool = False  # span already in file coordinates

    @classmethod
    def at(cls, item: tuple, values: dict, subject: str = "") -> "Hit":
        """A hit at an item, a (value, span, in_file) tuple."""
        _, span, in_file = item
        return cls(span, values, subject, in_file)


class Kind:
    """A check kind. Subclasses set `name`, `placeholders`, and implement `check`."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, params: dict, env) -> None:
        self.params = params
        self.env = env
        self.anchors: list[Path] = [self.path(text, ("at", i)) for i, text in enumerate(params.get("at", []))]
        self.show: Optional[Path] = self.path(params["show"], ("show",)) if "show" in params else None
        self.adds_to_hits = self.show is not None or bool(self.anchors)  # `run` is more than `check`

    # ------------------------------------------------------------ helpers

    def path(self, text: Any, where: tuple, owner: Any = None) -> Path:
        try:
            return compile_path(text, owner)
        except PathError as error:
            raise ParamError(str(error), where) from None

    def operand(self, text: Any, where: tuple) -> Operand:
        try:
            return value_operand(text, self.env)
        except (OperandError, PathError) as error:
            raise ParamError(str(error), where) from None

    def anchor(self, ctx, hit: Hit) -> Hit:
        """Give a hit without a location the first present `at` anchor."""
        if hit.span is not None:
            return hit
        for path in self.anchors:
            item = ctx.first(path)
            if item is not None and item[1] is not None:
                _, hit.span, hit.in_file = item
                return hit
        return hit

    def run(self, ctx) -> Iterable[Hit]:
        if not self.adds_to_hits:
            return self.check(ctx)
        return self._run_with_show_and_anchors(ctx)

    def _run_with_show_and_anchors(self, ctx) -> Iterator[Hit]:
        for hit in self.check(ctx):
            yield self.complete(ctx, hit)

    def complete(self, ctx, hit: Hit) -> Hit:
        """The hit with `shown` filled in and its `at` anchor (what `run` adds to `check`)."""
        if self.show is not None:
            item = ctx.first(self.show)
            hit.values.setdefault("shown", text_of(item[0]) if item is not None else "")
        return self.anchor(ctx, hit)

    def quiet_source(self, code) -> str:
        """An expression over `ctx` and `P`, `I` (its `present_of`, `items_of`) that holds
        only when `check(ctx)` yields nothing: the rule screen's test (screen.py), with
        `code.constant` naming the values it uses; `code.items(text)` and
        `code.present(text)` give a path's values (not items). It does what `check` does up to its
        first hit, so it raises where `check` would. By default the check, to its first hit."""
        return f"next(iter({code.constant(self.check, 'check')}(ctx)), None) is None"

    def quiet_block(self, code, loud: str) -> list[str]:
        """The quiet test as statements written into the screen (lines indented from 0).
        They run the statement `loud` where `check(ctx)` would yield its first hit, and
        nothing after it (loops are left with `break`); up to there they do what `check`
        does, so they raise where it would. By default `quiet_source`, tested."""
        return [f"if not ({self.quiet_source(code)}):", f"    {loud}"]

    def check(self, ctx) -> Iterator[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError
