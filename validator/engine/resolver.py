"""What the rule screens (screen.py) read of a cable, given by one generated function:
the values of the rule set's paths, in one tuple (`Layout` says where each path is).

A screen only tells which rules may fire on a cable, and whether a rule gives a hit
never depends on where its values are: so what it reads are the paths' values, one
sequence per path (the values of its items, None for a missing one; a tuple for a
path of one item), not items:
building a `(value, span, in_file)` tuple per value, and indexing it in every test,
cost about a fifth of the screens' time. Finding each value's span (its own
`span`, the owner's span hint, the parent's span) cost more than reading the value; the
rules a screen lets through (one cable in two has one) read their items, spans and all,
path by path from `Context.items_of` (paths.py), after the screen. The function returns
only the lists the screens read (a path's values, its present values): the others are
not built. The context hands a check that asks for such a path before the screen is
done (an operand read, a quiet test calling its check) its values as items without spans.

The generated code reads the values `Context.items_of` would: it makes the same
decisions as `paths._compile_step`, `_extend_one_field` and `_extend_by` about values (a
value whose type is not the annotated one takes the generic step), and of the span
reads only the one that can raise (a publisher metadata's span table) is kept. If it
raises, the screens' tests reading it raise too and let their rules through, and the
context resolves paths one by one, so a failing path still fails only the rules that
read it.

`print(load_ruleset().resolver_source)` shows the code.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Callable, Iterable, Optional

from validator import model
from validator.engine import paths as _paths
from validator.engine.codegen import Names, define
from validator.engine.paths import DERIVED, Path
from validator.model import Cable

Resolver = Callable[[Cable, Optional[model.Document]], tuple]


def _with_prefixes(paths: Iterable[Path]) -> list[Path]:
    """The paths with every parent and `whole` they are built from, each text once,
    parents (and wholes) first."""
    ordered: dict[str, Path] = {}

    def add(path: Path) -> None:
        if path.text in ordered:
            return
        if path.parent is not None:
            add(path.parent)
        if path.whole is not None:
            add(path.whole)
        ordered[path.text] = path

    for path in paths:
        if path.root in ("cable", "document"):
            add(path)
    return list(ordered.values())


class _Writer(Names):
    """Generated source, line by line, and the values it names."""

    def __init__(self, **helpers) -> None:
        super().__init__(**helpers)
        self.lines: list[str] = []

    def line(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + text)


def _read_field(w: _Writer, path: Path, depth: int) -> None:
    """`paths._compile_step` for the path's owner type, written out for the value only:
    `v` from the value `o`, which is not None."""
    owner, name, index, _, _ = path.last_step
    w.line(f"if type(o) is not {w.constant(owner, 'T')}:", depth)
    w.line(f"v = generic_step(o, {name!r}, {index}, None, False, document)[0]", depth + 1)
    w.line("else:", depth)
    if index == 0 and owner is Cable and name in DERIVED:
        w.line(f"v = {_derived_call(w, name)}", depth + 1)
    else:
        w.line(f"v = o.{name}", depth + 1)  # a missing attribute raises: the screens then read no values
        if owner is model.ExternalMetadata and name != "spans":
            w.line(f"{name!r} in o.spans  # as the span reader does: it raises if the table is no table",
                   depth + 1)


def _derived_call(w: _Writer, name: str) -> str:
    """`paths._derived(name, o, document)` as a call of the derived fact's own function."""
    derived = DERIVED[name]
    arguments = "o, document" if derived.reads_document else "o"
    return f"{w.constant(derived.compute, 'derived_')}({arguments})"


def _one_field_step(w: _Writer, path: Path, n: int, parent: str, lists: tuple[bool, bool]) -> None:
    """`_extend_one_field` written out: the value `v<n>` of a path below the one-item
    path whose value is `parent`, and the lists `lists` asks for (`_one_item_lists`)."""
    w.line(f"o = {parent}")
    w.line("if o is None:")
    _no_item_lists(w, n, lists, 2)
    w.line("else:")
    _read_field(w, path, 2)
    w.line(f"v{n} = v", 2)
    _one_item_lists(w, n, lists, 2)


def _each_of_one(w: _Writer, path: Path, var: Optional[str], parent: str, present: Optional[str]) -> None:
    """`_extend_by` for `name[]` below the one-item path whose value is `parent`: the
    item list `var` and the present items `present` (each unless None)."""
    _new_lists(w, var, present)
    w.line(f"o = {parent}")
    w.line("if o is None:")
    w.line(f"{var}.append(None)" if var else "pass", 2)
    w.line("else:")
    _read_field(w, path, 2)
    _add_each(w, var, present, 2)
    _all_present_same_list(w, var, present)


def _each_item_step(w: _Writer, path: Path, var: Optional[str], parent_list: str, present: Optional[str]) -> None:
    """`_extend_by` written out: the item list `var` from the item list `parent_list`, and
    `present` its present items (`present_items`, in the same pass), each unless None."""
    each = path.last_step[3]
    _new_lists(w, var, present)
    w.line(f"for o in {parent_list}:")
    w.line("if o is None:", 2)
    if var:
        w.line(f"{var}.append(None)", 3)
    w.line("continue", 3)
    _read_field(w, path, 2)
    if each:
        _add_each(w, var, present, 2)
    elif not present:
        w.line(f"{var}.append(v)", 2)
    elif not var:
        w.line(f"if {_present_test('v')}:", 2)
        w.line(f"{present}.append(v)", 3)
    else:
        w.line(f"{var}.append(v)", 2)
        w.line(f"if {_present_test('v')}:", 2)
        w.line(f"{present}.append(v)", 3)
    _all_present_same_list(w, var, present)


def _add_each(w: _Writer, var: Optional[str], present: Optional[str], depth: int) -> None:
    """`paths._add_each` for the list `v`, and `present_items` in the same pass: an item
    for each of its values added to the list `var`, the present ones to `present` (each
    unless None)."""
    w.line("if v:", depth)
    if not present:
        w.line(f"{var} += v  # each of its values, as `for item in v` visits them", depth + 1)
        return
    w.line("for item in v:", depth + 1)
    if not var:
        w.line(f"if {_present_test('item')}:", depth + 2)
        w.line(f"{present}.append(item)", depth + 3)
        return
    w.line(f"{var}.append(item)", depth + 2)
    w.line(f"if {_present_test('item')}:", depth + 2)
    w.line(f"{present}.append(item)", depth + 3)


def _new_lists(w: _Writer, var: Optional[str], present: Optional[str]) -> None:
    for name in (var, present):
        if name:
            w.line(f"{name} = []")


def _all_present_same_list(w: _Writer, var: Optional[str], present: Optional[str]) -> None:
    if var and present:
        w.line(f"if len({present}) == len({var}):  # all present: the same list, as `present_items` gives")
        w.line(f"{present} = {var}", 2)


def _each_of_whole(w: _Writer, var: Optional[str], present: Optional[str], whole: str) -> None:
    """`each_item` of the one item of a derived list whose value is `whole`, then
    `present_items` (each unless None)."""
    _new_lists(w, var, present)
    w.line(f"v = {whole}")
    _add_each(w, var, present, 1)
    _all_present_same_list(w, var, present)


def _compiled_for_dataclass(path: Path) -> bool:
    owner = path.last_step[0]
    return path.whole is None and isinstance(owner, type) and dataclasses.is_dataclass(owner)


def _present_test(value: str) -> str:
    """`is_present(value)` as an expression, inlined for text and sized collections."""
    return (f"({value} and not {value}.isspace() if type({value}) is str else {value} is not None "
            f"and (type({value}) in ALWAYS_PRESENT or (bool({value}) if type({value}) in SIZED "
            f"else is_present({value}))))")


def _field_group(w: _Writer, parent: str, children: list[Path], number_of: dict, lists_of: Callable) -> None:
    """The one-field children of the one-item path whose value is `parent`, read
    together: the type test is made once for all of them (what `_one_field_step` would
    do for each)."""
    owner = children[0].last_step[0]
    w.line(f"o = {parent}")
    w.line(f"if type(o) is {w.constant(owner, 'T')}:")
    for path in children:
        n = number_of[path.text]
        _, name, index, _, _ = path.last_step
        w.line(f"# {path.text}", 2)
        if index == 0 and owner is Cable and name in DERIVED:
            w.line(f"v{n} = {_derived_call(w, name)}", 2)
        else:
            w.line(f"v{n} = o.{name}", 2)  # a missing attribute raises: the screens then read no values
        _one_item_lists(w, n, lists_of(path), 2)
    w.line("elif o is None:")
    for path in children:
        _no_item_lists(w, number_of[path.text], lists_of(path), 2)
    w.line("else:  # not the annotated type: each path's own step")
    for path in children:
        n = number_of[path.text]
        w.line(f"(t,) = {w.constant(path.extend, 'extend')}([(o, None, False)], document)", 2)
        w.line(f"v{n} = t[0]", 2)
        _one_item_lists(w, n, lists_of(path), 2)


def _one_item_lists(w: _Writer, n: int, lists: tuple[bool, bool], depth: int) -> None:
    """Of a one-item path whose value is `v<n>`: its items `p<n>` and its present items
    `q<n>`, each if `lists` (items, present) asks for it (present items need the items).
    Tuples: what reads them only iterates, and `()` is one object, never allocated."""
    items, present = lists
    if items or present:
        w.line(f"p{n} = (v{n},)", depth)
    if present:
        w.line(f"q{n} = p{n} if {_present_test(f'v{n}')} else ()", depth)


def _no_item_lists(w: _Writer, n: int, lists: tuple[bool, bool], depth: int) -> None:
    """`_one_item_lists` below a missing value."""
    items, present = lists
    w.line(f"v{n} = None", depth)
    if items or present:
        w.line(f"p{n} = (None,)", depth)
    if present:
        w.line(f"q{n} = ()", depth)


def _groupable(path: Path) -> bool:
    owner = path.last_step[0]
    return (_compiled_for_dataclass(path) and not path.last_step[3]
            and owner is not model.ExternalMetadata)  # its span table is read too (`_read_field`)


class Layout:
    """What the resolver of `paths` returns, and where (path text -> index in its tuple):
    the items, and the present items, of the paths something asked for with `item_slot`
    and `present_slot` before the resolver is written. A screen asks for those it reads;
    a path no screen reads is resolved, spans and all, only if a check asks for it."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = _with_prefixes(paths)
        self.item_slots: dict[str, int] = {}
        self.present_slots: dict[str, int] = {}
        self._texts = {path.text for path in self.paths}
        # The paths written out in the resolver (the others take their own `extend`).
        self._written = {path.text for path in self.paths if path.whole is not None or _compiled_for_dataclass(path)}

    def item_slot(self, text: str) -> Optional[int]:
        """Where the items of the path `text` will be; None if not given."""
        slot = self.item_slots.get(text)
        if slot is None and text in self._texts:
            slot = self.item_slots[text] = len(self.item_slots) + len(self.present_slots)
        return slot

    def present_slot(self, text: str) -> Optional[int]:
        """Where the present items of the path `text` will be; None if not given."""
        slot = self.present_slots.get(text)
        if slot is None and text in self._written:
            slot = self.present_slots[text] = len(self.item_slots) + len(self.present_slots)
        return slot

    def returned(self, number_of: dict[str, int]) -> list[str]:
        """The variables the resolver returns, in slot order (`p<n>` items, `q<n>` present)."""
        slots = [(slot, f"p{number_of[text]}") for text, slot in self.item_slots.items()]
        slots += [(slot, f"q{number_of[text]}") for text, slot in self.present_slots.items()]
        return [variable for _, variable in sorted(slots)]


def generate(layout: Layout) -> tuple[str, Names]:
    """The source of `resolve_paths(cable, document) -> (items, ..., present items, ...)`
    laid out as `layout` says, the items without spans, and its globals.

    The paths are written out parent first: the one-field paths below a one-item path
    as one group (`_field_group`), then the paths that visit lists."""
    w = _Writer(generic_step=_paths._step,
                ALWAYS_PRESENT=_paths._ALWAYS_PRESENT, SIZED=_paths._SIZED, is_present=_paths.is_present)
    w.lines.append("def resolve_paths(cable, document):")
    ordered = layout.paths
    wanted = layout.present_slots
    number_of = {path.text: number for number, path in enumerate(ordered)}
    children: dict[str, list[Path]] = {}  # parent text ("" for a root) -> its paths
    for path in ordered:
        key = path.parent.text if path.parent is not None else ":" + path.root
        children.setdefault(key, []).append(path)
    value_of = {":cable": "cable", ":document": "document"}  # one-item path text -> its value

    def lists_of(path: Path) -> tuple[bool, bool]:
        """Which lists of a one-item path are needed: its items (asked for, or read by a
        child taking its own `extend`), its present items (asked for)."""
        read_by_child = any(not _compiled_for_dataclass(child) and child.whole is None
                            for child in children.get(path.text, ()))
        return path.text in layout.item_slots or read_by_child, path.text in wanted

    def write_below(key: str) -> None:
        below = children.get(key, [])
        parent_value = value_of.get(key)
        grouped = [path for path in below if parent_value is not None and _groupable(path)]
        if grouped:
            _field_group(w, parent_value, grouped, number_of, lists_of)
            for path in grouped:
                value_of[path.text] = f"v{number_of[path.text]}"
        for path in below:
            if path in grouped:
                continue
            n = number_of[path.text]
            var = f"p{n}"
            present = f"q{n}" if path.text in wanted else None
            # A list of many items no screen and no child reads: its present items only.
            var_of_list = var if path.text in layout.item_slots or path.text in children else None
            parent_list = f"[{parent_value}]" if path.parent is None else f"p{number_of[path.parent.text]}"
            one_field = _compiled_for_dataclass(path) and parent_value is not None and not path.last_step[3]
            if path.whole is not None or (_compiled_for_dataclass(path) and not one_field):
                if var_of_list is None and present is None:
                    continue  # nothing reads it
            w.line(f"# {path.text}")
            if path.whole is not None:
                _each_of_whole(w, var_of_list, present, value_of[path.whole.text])
            elif one_field:
                _one_field_step(w, path, n, parent_value, lists_of(path))
                value_of[path.text] = f"v{n}"
            elif _compiled_for_dataclass(path) and parent_value is not None:
                _each_of_one(w, path, var_of_list, parent_value, present)
            elif _compiled_for_dataclass(path):
                _each_item_step(w, path, var_of_list, parent_list, present)
            else:
                w.line(f"{var} = [t[0] for t in {w.constant(path.extend, 'extend')}("
                       f"[(value, None, False) for value in {parent_list}], document)]")
        for path in below:
            write_below(path.text)

    write_below(":cable")
    write_below(":document")
    # One tuple: building it costs a fraction of filling two dicts of ~80 keys, and the
    # screens read it by index (`Layout`).
    w.line(f"return ({', '.join(layout.returned(number_of))},)")
    return "\n".join(w.lines) + "\n", w


def compile_resolver(layout: Layout) -> tuple[Resolver, str]:
    """The generated function returning what `layout` says, and its source (for reading
    and debugging).

    Compiled at every load (~6 ms), never kept on disk: loading code from a cache
    folder (one a CI job may restore from another branch's run) would run whatever was
    put there. The cache folder holds data only (vocabularies, results as JSON)."""
    source, names = generate(layout)
    resolve = define(source, names, "resolve_paths", "path resolver")
    _return_freed_memory()
    return resolve, source


def _return_freed_memory() -> None:
    """Compiling the generated source takes about 9 MB of C heap for its syntax tree,
    freed but kept by the C allocator for the life of the process (and of every worker
    forked from it); glibc's `malloc_trim` hands it back. Nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # another C library
        pass
