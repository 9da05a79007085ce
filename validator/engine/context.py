"""What a check sees: the cable, its document, its date and era, resolved paths."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from validator.engine.eras import Era, EraTable, Order
from validator.engine.paths import Path, each_item, path_named, present_items, root_item_of
from validator.engine.vocab import Vocabularies
from validator.model import Cable, Document


_NOTHING_GIVEN: dict[str, int] = {}


class ItemsByPath(dict):
    """Path text -> the path's (value, span, in_file) items (paths.Item is their layout),
    resolved on first use (do not modify). `given`, if not None, is what a rule set's
    resolver returned, `slots` where in it each path's values are: those are taken as
    items without spans (what the rule screens need)."""

    __slots__ = ("cable", "document", "given", "slots")

    def __init__(self, cable: Cable, document: Optional[Document], given: Optional[tuple] = None,
                 slots: dict[str, int] = _NOTHING_GIVEN) -> None:
        super().__init__()
        self.cable = cable
        self.document = document
        self.given = given
        self.slots = slots if given is not None else _NOTHING_GIVEN

    def __missing__(self, text: str) -> list[tuple]:
        return self.resolve(path_named(text))

    def resolve(self, path: Path) -> list[tuple]:
        """The items of `path`, from those of its parent (resolved first if need be)."""
        found = self.get(path.text)
        if found is None:
            slot = self.slots.get(path.text)
            if slot is not None:
                found = _spanless_items(self.given[slot])
            elif path.whole is not None:  # a derived list item by item: the list computed once
                found = each_item(self.resolve(path.whole))
            else:
                if path.parent is not None:
                    parent_items = self.resolve(path.parent)
                else:
                    parent_items = [root_item_of(self.document if path.root == "document" else self.cable)]
                found = path.extend(parent_items, self.document)
            self[path.text] = found
        return found


def _spanless_items(values) -> list[tuple]:
    """Items of the values a resolver gave, without spans (the rule screens need none)."""
    return [(value, None, False) for value in values]


class PresentByPath(dict):
    """Path text -> the items whose value is present (do not modify); the values the
    resolver gave (`slots`: where in `items.given`) are taken as items without spans."""

    __slots__ = ("items", "slots")

    def __init__(self, items: ItemsByPath, slots: dict[str, int] = _NOTHING_GIVEN) -> None:
        super().__init__()
        self.items = items
        self.slots = slots if items.given is not None else _NOTHING_GIVEN

    def __missing__(self, text: str) -> list[tuple]:
        slot = self.slots.get(text)
        if slot is not None:
            found = self[text] = _spanless_items(self.items.given[slot])
        else:
            found = self[text] = present_items(self.items[text])
        return found


class Context:
    """One cable being checked. What many rules ask (the date, its eras, the level, each
    resolved path) is computed once here, not once per rule.

    A check reads a path's items as `ctx.items_of[path.text]` and the present ones as
    `ctx.present_of[path.text]` (a dict look-up; `items(path)`/`present(path)` say the same)."""

    __slots__ = ("cable", "document", "eras", "vocabularies", "date", "era", "order", "era_names",
                 "level", "resolved", "items_of", "present_of", "_facts", "_control_names", "shown_facts")

    def __init__(self, cable: Cable, document: Optional[Document], eras: EraTable,
                 vocabularies: Vocabularies, resolve=None, layout=None) -> None:
        self.cable = cable
        self.document = document
        self.eras = eras
        self.vocabularies = vocabularies
        date = cable.date
        self.date: Optional[_dt.date] = date
        # The era of the date, and every era and period id whose range holds it.
        era, era_names = eras.era_and_names(date) if date is not None else (None, frozenset())
        self.era: Optional[Era] = era
        self.era_names: frozenset[str] = era_names
        self.order: Optional[Order] = eras.order(cable.eo.order if cable.eo is not None else None)
        self.level = cable.level
        # What a rule set's resolver gives: its paths' values at once (resolver.py), laid
        # out as `layout` says; None if it raised: then they are resolved one by one, so
        # only the rules reading a failing path fail.
        self.resolved: Optional[tuple] = None
        if resolve is not None:
            try:
                self.resolved = resolve(cable, document)
            except Exception:
                pass
        if self.resolved is None:
            self.resolve_with_spans()
        else:
            self.items_of = ItemsByPath(cable, document, self.resolved, layout.item_slots)
            self.present_of = PresentByPath(self.items_of, layout.present_slots)
        self._facts: Optional[dict[str, Any]] = None
        self._control_names: Optional[frozenset[str]] = None
        self.shown_facts: Optional[dict[str, str]] = None  # `facts` as messages quote them (RuleSet)

    def resolve_with_spans(self) -> None:
        """Forget the items a resolver gave (values without spans, for the rule screens):
        from now on each path's items, spans and all, are resolved when first asked for."""
        self.resolved = None
        self.items_of = ItemsByPath(self.cable, self.document)
        self.present_of = PresentByPath(self.items_of)

    def items(self, path: Path) -> list[tuple]:
        """The items of `path` (do not modify the list: it is shared by every rule)."""
        return self.items_of.resolve(path)

    def present(self, path: Path) -> list[tuple]:
        """The items of `path` whose value is present (do not modify the list)."""
        found = self.present_of.get(path.text)
        if found is None:
            found = self.present_of[path.text] = present_items(self.items(path))
        return found

    def in_eras(self, names) -> bool:
        """Whether the cable date falls in one of the named eras or periods."""
        return not self.era_names.isdisjoint(names)

    def first(self, path: Path) -> Optional[tuple]:
        found = self.present(path)
        return found[0] if found else None

    def control_names(self) -> frozenset[str]:
        """Caption names and the controls on the banner line (computed once per cable)."""
        if self._control_names is None:
            names = set(self.cable.caption_names())
            if self.cable.banner is not None:
                names |= set(self.cable.banner.controls)
            self._control_names = frozenset(names)
        return self._control_names

    def facts(self) -> dict[str, Any]:
        """Values every message template may use (computed once per cable; do not modify)."""
        if self._facts is None:
            self._facts = self._compute_facts()
        return self._facts

    def _compute_facts(self) -> dict[str, Any]:
        level = self.level
        return {
            "level": level.label if level is not None else "unknown",
            "date": self.date.isoformat() if self.date else "unknown",
            "era": self.era.id if self.era else "unknown",
            "order": self.cable.eo.order_text if self.cable.eo is not None and self.cable.eo.order_text else "none",
            "cable_id": self.cable.cable_id or "unknown",
        }
