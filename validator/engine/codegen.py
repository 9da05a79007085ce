"""What the engine's two code generators share (`when:` conditions in `conditions`, the
path resolver in `resolver`): the values generated code names, and turning its source
into a function. The source is made only from the validated rule set, never from
input text, and every value it uses is passed by name, not written into the source.
"""

from __future__ import annotations

from typing import Any, Callable


class Names:
    """The globals of a piece of generated code: fixed helpers, and the values the code
    names as it is written (one name per object)."""

    def __init__(self, **helpers: Any) -> None:
        self.values: dict[str, Any] = dict(helpers)
        self._name_of: dict[int, str] = {}  # id of a value -> its name (values are kept alive above)

    def constant(self, value: Any, prefix: str = "c") -> str:
        """The name the code uses for `value`."""
        name = self._name_of.get(id(value))
        if name is None:
            name = self._name_of[id(value)] = f"{prefix}{len(self.values)}"
            self.values[name] = value
        return name

    def items(self, text: str) -> str:
        """The items of the path `text` (a check's `ctx.items_of[text]`)."""
        return f"ctx.items_of[{text!r}]"

    def present(self, text: str) -> str:
        """The present items of the path `text` (a check's `ctx.present_of[text]`)."""
        return f"ctx.present_of[{text!r}]"

    def shared(self, expression: str) -> str:
        """A test of the cable other conditions may make too (a helper call): as written
        here; code testing many conditions in one function computes it once (screen.py)."""
        return expression


def define(source: str, names: Names, function: str, label: str) -> Callable:
    """The function `function` that `source` defines, with `names` as its globals."""
    namespace = dict(names.values)
    exec(compile(source, f"<cable-lint {label}>", "exec"), namespace)
    return namespace[function]
