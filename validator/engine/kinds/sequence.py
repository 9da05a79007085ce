"""`sequence`: numbers that must run in order (paragraphs 1, 2, 3; sections), or be constant."""

from __future__ import annotations

from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.paths import text_of


class Sequence(Kind):
    name = "sequence"
    summary = ("the values of `field` must count up by `step` from `start` (or from the first "
               "value), or with `constant: true` all be equal; the first break is reported")
    placeholders = frozenset({"value", "expected", "field"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.field = self.path(params["field"], ("field",))
        if not any(step.each for step in self.field.steps):
            raise ParamError("'field' must visit a list (e.g. paragraphs[].number)", ("field",))
        self.start = params.get("start")
        self.step = int(params.get("step", 1))
        self.constant = bool(params.get("constant", False))

    def quiet_block(self, code, loud: str) -> list[str]:
        """`check` to its first hit, written out in the screen."""
        if self.start is None or self.constant:
            first = "q_values[0]"
        else:
            first = f"int({code.constant(self.start, 'start')})"
        lines = [
            f"q_values = [q_value for q_value in {code.items(self.field.text)} if isinstance(q_value, int)]",
            "if q_values:",
            f"    q_expected = {first}",
            "    for q_value in q_values:",
            "        if q_value != q_expected:",
            f"            {loud}",
            "            break",
        ]
        if not self.constant:
            lines.append(f"        q_expected += {code.constant(self.step, 'step')}")
        return lines

    def check(self, ctx) -> Iterator[Hit]:
        items = [item for item in ctx.items_of[self.field.text] if isinstance(item[0], int)]
        if not items:
            return
        expected = items[0][0] if self.start is None or self.constant else int(self.start)
        for item in items:
            value = item[0]
            if value != expected:
                yield Hit.at(item, {"value": text_of(value), "expected": str(expected),
                                    "field": str(self.field)},
                             subject=f"{self.field}:{value}!={expected}")
                return
            if not self.constant:
                expected += self.step
