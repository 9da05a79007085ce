"""Dissemination controls: `rollup` (portion controls vs cable-level controls) and
`exclusive` (captions that must not appear together)."""

from __future__ import annotations

from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.paths import Item, compile_path, text_of
from validator.model import NOWHERE, Caption


class Rollup(Kind):
    name = "rollup"
    summary = ("a portion control must roll up to the cable (`direction: up`, e.g. an NF portion "
               "needs the NOFORN caption), or a cable-level control needs a portion carrying it "
               "(`direction: down`)")
    placeholders = frozenset({"control", "count", "first", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.control = str(params["control"]).upper()
        self.requires = [str(name).upper() for name in params.get("requires", [self.control])]
        self.portions = self.path(params.get("portions", "portions[]"), ("portions",))
        self.direction = params.get("direction", "up")

    def _marked(self, ctx) -> list[Item]:
        found = []
        for item in ctx.present(self.portions):
            controls = getattr(item.value, "controls", ())
            if self.control in controls:
                found.append(item)
        return found

    def check(self, ctx) -> Iterator[Hit]:
        marked = self._marked(ctx)
        cable_level = [item for item in ctx.present(self.env.controls_path)
                       if text_of(item.value).upper() in self.requires]
        expected = " or ".join(self.requires)
        if self.direction == "up":
            if marked and not cable_level:
                first = marked[0]
                yield Hit.at(first, {"control": self.control, "count": len(marked),
                                     "first": text_of(first.value), "expected": expected},
                             subject=f"rollup:{self.control}")
        elif cable_level and not marked:
            first = cable_level[0]
            yield Hit.at(first, {"control": self.control, "count": 0, "first": text_of(first.value),
                                 "expected": f"a portion marked {self.control}"},
                         subject=f"rolldown:{self.control}")


class Exclusive(Kind):
    name = "exclusive"
    summary = ("controls from different `groups` must not appear together (captions and banner "
               "controls, or the values of `field`)")
    placeholders = frozenset({"first", "second"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        groups = params["groups"]
        if len(groups) < 2:
            raise ParamError("'groups' needs at least two groups", ("groups",))
        self.groups = [{str(name).upper() for name in group} for group in groups]
        self.field = self.path(params.get("field", "controls[]"), ("field",))

    def check(self, ctx) -> Iterator[Hit]:
        seen: dict[int, Item] = {}
        for item in sorted(ctx.present(self.field), key=lambda i: (i.span is None, i.span or NOWHERE)):
            name = text_of(item.value).upper()
            for index, group in enumerate(self.groups):
                if name in group and index not in seen:
                    seen[index] = item
        if len(seen) < 2:
            return
        ordered = sorted(seen.values(), key=lambda i: (i.span is None, i.span or NOWHERE))
        first, second = ordered[0], ordered[1]
        yield Hit.at(second, {"first": text_of(first.value).upper(), "second": text_of(second.value).upper()},
                     subject=f"{text_of(first.value).upper()}+{text_of(second.value).upper()}")
