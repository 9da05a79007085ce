"""Which rules may fire on a cable, told by one generated function per era span.

Of the ~54 rules that pass a cable's era, about one in a hundred fires; the check loop
still called each one's `when:` condition, then its check kind's generator. A screen
tests the rules of an era span in one function: each `when:` condition as an inline
expression (rules sharing a condition test it once), then the kind's quiet test, which
holds only when the check certainly yields nothing (no present value of a forbidden
field, every value of a `value-in` field accepted): statements written into the screen
(`Kind.quiet_block`, by default the expression `quiet_source` tested). It returns the
rules that may fire; the check loop runs those exactly as before (condition, then the
check), so a screen changes no finding: it only skips rules that would give none.

A condition or quiet test that raises lets its rules through: the loop then meets the
same error and reports it as before. So a quiet test does what its check does up to
the check's first hit (the same reads and calls, in the same order): where the check
would raise, it raises too (tests/engine/test_screen.py garbles cables to see it).
Helper tests of the conditions are computed once per cable (`shared`). Conditions and
quiet tests read the values of a path's items, never their spans: the lists the
resolver gives (resolver.py) by index from the tuple it returned, `ctx.resolved`; others
as `values_of` the context's items (the conditions' helpers are their `VALUE_HELPERS`
form). The source is made from the validated rule set only; every value it uses is
passed by name.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from validator.engine import conditions as _conditions
from validator.engine.codegen import Names, define
from validator.engine.resolver import Layout

Screen = Callable[[object], list]

_RAISED = object()  # what a condition that raised gives (not a test result)
_UNSET = object()  # a shared test not computed yet


class _Code(Names):
    def __init__(self, layout: Optional[Layout] = None) -> None:
        # The conditions' helpers that read values (a screen reads values, not items).
        super().__init__(RAISED=_RAISED, UNSET=_UNSET, values_of=_values_of, **_conditions.VALUE_HELPERS)
        self._layout = layout  # where the resolver gives what (None: it gives nothing)
        self.lines: list[str] = []
        self._conditions: dict[int, str] = {}  # id of a condition -> its expression
        self._shared: dict[str, str] = {}  # a shared test's expression -> its variable
        self._equal_values: dict[tuple, str] = {}

    def constant(self, value, prefix: str = "c") -> str:
        # Equal sets and regexes get one name, so equal tests of two conditions read alike.
        if isinstance(value, (set, frozenset)):
            key = (type(value), frozenset(value))
        elif isinstance(value, re.Pattern):
            key = (re.Pattern, value.pattern, value.flags)
        else:
            return super().constant(value, prefix)
        name = self._equal_values.get(key)
        if name is None:
            name = self._equal_values[key] = super().constant(value, prefix)
        return name

    def items(self, text: str) -> str:
        """The values of the path's items (a screen reads no spans): those the resolver
        gives read from its tuple `R` (ctx.resolved), others from the context's items."""
        slot = self._layout.item_slot(text) if self._layout is not None else None
        return f"R[{slot}]" if slot is not None else f"values_of(I[{text!r}])"

    def present(self, text: str) -> str:
        """As `items`, of the present items (the resolver gives those screens ask for)."""
        slot = self._layout.present_slot(text) if self._layout is not None else None
        return f"R[{slot}]" if slot is not None else f"values_of(P[{text!r}])"

    def shared(self, expression: str) -> str:
        """The test computed the first time a condition needs it, then kept (in a local
        variable, UNSET until then): conditions repeat tests (the header, a value list)."""
        name = self._shared.get(expression)
        if name is None:
            name = self._shared[expression] = f"s{len(self._shared)}"
        return f"({name} if {name} is not UNSET else ({name} := {expression}))"

    def shared_variables(self) -> list[str]:
        return list(self._shared.values())

    def line(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + text)

    def condition(self, rule, condition, env) -> str:
        """The expression of a rule's precondition: its `when:` inline, else a call."""
        expression = self._conditions.get(id(condition))
        if expression is None:
            if condition is rule.condition and rule.when:
                expression = _conditions.expression(rule.when, env, self)
            else:  # a kind's shared `may_hit`
                expression = f"{self.constant(condition, 'may_hit')}(ctx)"
            self._conditions[id(condition)] = expression
        return expression


def _values_of(items: list) -> list:
    """The values of (value, span, in_file) items."""
    return [item[0] for item in items]


def _rule_test(code: _Code, entry: tuple, depth: int) -> None:
    """Add `entry` (rule, condition, kind) to the result unless its kind is quiet."""
    kind = entry[2]
    name = code.constant(entry, "rule")
    quiet_block = getattr(kind, "quiet_block", None)
    if quiet_block is None:  # a kind without a quiet test: always let through
        code.line(f"add({name})", depth)
        return
    code.line("try:", depth)
    for text in quiet_block(code, f"add({name})"):  # in the screen itself: no call per rule
        code.line(text, depth + 1)
    code.line("except Exception:", depth)
    code.line(f"add({name})", depth + 1)


def _by_condition(entries: tuple) -> list[list[tuple]]:
    """The entries in runs of consecutive rules sharing their condition (each rule
    without one alone)."""
    runs: list[list[tuple]] = []
    for entry in entries:
        if runs and entry[1] is not None and entry[1] is runs[-1][0][1]:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def generate(entries: tuple, env, layout: Optional[Layout] = None) -> tuple[str, Names]:
    """The source of `screen(ctx) -> [entries that may fire]`, in rule order, reading
    the values the resolver gives (resolver.py) where `layout` says."""
    code = _Code(layout)
    code.lines.append("def screen(ctx):")
    code.line("R = ctx.resolved  # None if the resolver raised: then every test reading it lets its rules through")
    code.line("P = ctx.present_of")
    code.line("I = ctx.items_of")
    code.line("found = []")
    code.line("add = found.append")
    for run in _by_condition(entries):
        rule, condition, _ = run[0]
        code.line(f"# {', '.join(entry[0].code for entry in run)}")
        if condition is None:
            _rule_test(code, run[0], 1)
            continue
        code.line("try:")
        code.line(f"c = {code.condition(rule, condition, env)}", 2)
        code.line("except Exception:")
        code.line("c = RAISED", 2)
        code.line("if c is RAISED:  # let through: the check loop meets the error again")
        for entry in run:
            code.line(f"add({code.constant(entry, 'rule')})", 2)
        code.line("elif c:")
        for entry in run:
            _rule_test(code, entry, 2)
    code.line("return found")
    shared = code.shared_variables()
    if shared:
        code.lines.insert(1, "    " + " = ".join(shared) + " = UNSET")
    return "\n".join(code.lines) + "\n", code


def compile_screens(spans: list[tuple], env, layout: Layout) -> Optional[list[Screen]]:
    """One screen per era span (spans with the same rules share one), reading what the
    resolver gives where `layout` says (written before the resolver: a screen asks for
    the items and present items it reads); None if the code cannot be made (the check
    loop then tests every rule, as before)."""
    try:
        made: dict[tuple, Screen] = {}
        screens = []
        for entries in spans:
            key = tuple(id(rule) for rule, _, _ in entries)
            screen = made.get(key)
            if screen is None:
                source, names = generate(entries, env, layout)
                screen = made[key] = define(source, names, "screen", "rule screen")
                screen.source = source
            screens.append(screen)
        return screens
    except Exception:
        return None


def quiet_test(kind, layout: Optional[Layout] = None) -> Callable[[object], bool]:
    """A kind's quiet test alone, as a function of the context (for tests), reading
    the resolver's values where `layout` says (a layout the resolver was written for)."""
    code = _Code(layout)
    body = "".join(f"    {text}\n" for text in kind.quiet_block(code, "return False")) + "    return True\n"
    shared = "".join(f"    {name} = UNSET\n" for name in code.shared_variables())
    source = f"def quiet(ctx):\n{shared}    R = ctx.resolved\n    P = ctx.present_of\n    I = ctx.items_of\n{body}"
    return define(source, code, "quiet", "quiet test")
