"""Presence checks: `required` and `forbidden` elements."""

from __future__ import annotations

from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.paths import is_present, text_of


class Required(Kind):
    name = "required"
    summary = ("an element must be present: `field` (with `[]`, in every item: "
               "`paragraphs[].marking`), or at least one of `any_of`")
    placeholders = frozenset({"field", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        if ("field" in params) == ("any_of" in params):
            raise ParamError("give exactly one of 'field' or 'any_of'")
        if "field" in params:
            self.fields = [self.path(params["field"], ("field",))]
        else:
            self.fields = [self.path(text, ("any_of", i)) for i, text in enumerate(params["any_of"])]
        self.expected = " or ".join(str(path) for path in self.fields)

    def quiet_source(self, code) -> str:
        if len(self.fields) > 1:  # one of them present
            return "(" + " or ".join(code.present(path.text) for path in self.fields) + ")"
        text = self.fields[0].text
        return f"len({code.present(text)}) == len({code.items(text)})"  # every item present

    def check(self, ctx) -> Iterator[Hit]:
        if len(self.fields) > 1:
            if not any(ctx.present_of[path.text] for path in self.fields):
                yield Hit(None, self._values(), subject=f"missing:{self.expected}")
            return
        values = None  # built for the first hit, then shared (as `shown` is the same for all)
        for item in ctx.items_of[self.fields[0].text]:
            if not is_present(item[0]):
                values = values or self._values()
                yield Hit.at(item, values, subject=f"missing:{self.expected}")

    def _values(self) -> dict:
        return {"field": self.expected, "expected": self.expected}


class Forbidden(Kind):
    name = "forbidden"
    summary = "an element must be absent: every present value of `field` is reported"
    placeholders = frozenset({"field", "value"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.field = self.path(params["field"], ("field",))

    def quiet_source(self, code) -> str:
        return f"not {code.present(self.field.text)}"

    def check(self, ctx) -> Iterator[Hit]:
        for item in ctx.present_of[self.field.text]:
            value = text_of(item[0])
            yield Hit.at(item, {"field": str(self.field), "value": value}, subject=f"{self.field}:{value}")
