"""Dissemination controls: `rollup` (portion controls vs cable-level controls) and
`exclusive` (captions that must not appear together)."""

from __future__ import annotations

from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.paths import compile_path, note_path, text_of
from validator.model import NOWHERE, Caption


def _upper_names(values: list) -> set:
    """The upper-case texts of `values`, as `rollup` and `exclusive` compare them: a rule
    screen computes them once per cable for the rules reading the same list."""
    return {text_of(value).upper() for value in values}


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
        note_path(env.controls_path)

    def _marked(self, ctx) -> list[tuple]:
        control = self.control
        return [item for item in ctx.present_of[self.portions.text] if control in getattr(item[0], "controls", ())]

    def _cable_level(self, ctx) -> list[tuple]:
        requires = self.requires
        return [item for item in ctx.present_of[self.env.controls_path.text] if text_of(item[0]).upper() in requires]

    def quiet_block(self, code, loud: str) -> list[str]:
        """`check` to its hit: its two lists read in full as it reads them (written out
        in the screen), the second only when the first is not empty."""
        marked = [
            "q_marked = False",
            f"for q_value in {code.present(self.portions.text)}:",
            f"    if {code.constant(self.control, 'control')} in getattr(q_value, 'controls', ()):",
            "        q_marked = True",
        ]
        names = code.shared(f"{code.constant(_upper_names, 'upper_names')}({code.present(self.env.controls_path.text)})")
        cable_level = [  # one of the names in `requires` (each name was read, as in `_cable_level`)
            f"q_cable_level = not {names}.isdisjoint({code.constant(self.requires, 'requires')})",
        ]
        first, second, test = ((marked, cable_level, "if not q_cable_level:") if self.direction == "up"
                               else (cable_level, marked, "if not q_marked:"))
        first_flag = "q_marked" if self.direction == "up" else "q_cable_level"
        return first + [f"if {first_flag}:"] + [f"    {line}" for line in second + [test]] + [f"        {loud}"]

    def check(self, ctx) -> Iterator[Hit]:
        # Each direction reads the second list only when the first one is not empty.
        expected = " or ".join(self.requires)
        if self.direction == "up":
            marked = self._marked(ctx)
            if marked and not self._cable_level(ctx):
                first = marked[0]
                yield Hit.at(first, {"control": self.control, "count": len(marked),
                                     "first": text_of(first[0]), "expected": expected},
                             subject=f"rollup:{self.control}")
            return
        cable_level = self._cable_level(ctx)
        if cable_level and not self._marked(ctx):
            first = cable_level[0]
            yield Hit.at(first, {"control": self.control, "count": 0, "first": text_of(first[0]),
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

    def quiet_block(self, code, loud: str) -> list[str]:
        """`check`'s first test written out in the screen; when two groups meet, the check
        itself to its first hit."""
        names = code.shared(f"{code.constant(_upper_names, 'upper_names')}({code.present(self.field.text)})")
        met = " + ".join(f"(not {code.constant(group, 'group')}.isdisjoint(q_names))" for group in self.groups)
        return [
            f"q_names = {names}",
            f"if {met} >= 2 and next(iter({code.constant(self.check, 'check')}(ctx)), None) is not None:",
            f"    {loud}",
        ]

    def check(self, ctx) -> Iterator[Hit]:
        present = ctx.present_of[self.field.text]
        names = _upper_names([value for value, _, _ in present])
        if sum(1 for group in self.groups if not group.isdisjoint(names)) < 2:
            return  # the common case, told without sorting
        seen: dict[int, tuple] = {}
        for item in sorted(present, key=_by_place):
            name = text_of(item[0]).upper()
            for index, group in enumerate(self.groups):
                if name in group and index not in seen:
                    seen[index] = item
        if len(seen) < 2:
            return
        ordered = sorted(seen.values(), key=_by_place)
        first, second = ordered[0], ordered[1]
        yield Hit.at(second, {"first": text_of(first[0]).upper(), "second": text_of(second[0]).upper()},
                     subject=f"{text_of(first[0]).upper()}+{text_of(second[0]).upper()}")


def _by_place(item: tuple):
    """Sort key: items in text order, those without a span last."""
    span = item[1]
    return (span is None, span or NOWHERE)
