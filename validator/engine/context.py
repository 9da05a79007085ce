"""What a check sees: the cable, its document, its date and era, resolved paths."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from validator.engine.eras import Era, EraTable, Order
from validator.engine.paths import Path, each_item, present_items, root_item_of
from validator.engine.vocab import Vocabularies
from validator.model import Cable, Document


class Context:
    """One cable being checked. What many rules ask (the date, its eras, the level, each
    resolved path) is computed once here, not once per rule."""

    __slots__ = ("cable", "document", "eras", "vocabularies", "date", "era", "order", "era_names",
                 "level", "_cable_root", "_document_root", "_items", "_present", "_facts",
                 "_control_names")

    def __init__(self, cable: Cable, document: Optional[Document], eras: EraTable,
                 vocabularies: Vocabularies, resolve=None) -> None:
        self.cable = cable
        self.document = document
        self.eras = eras
        self.vocabularies = vocabularies
        self.date: Optional[_dt.date] = cable.date
        self.era: Optional[Era] = eras.era_for(self.date)
        self.order: Optional[Order] = eras.order(cable.eo.order if cable.eo is not None else None)
        # Every era and period id whose range holds the cable date (none without a date).
        self.era_names: frozenset[str] = eras.names_containing(self.date) if self.date else frozenset()
        self.level = cable.level
        self._cable_root = [root_item_of(cable)]
        self._document_root = [root_item_of(document)]
        # path text -> (value, span, in_file) tuples (paths.Item is their layout); a rule
        # set's `resolve` (see resolver.py) gives those of all its paths at once
        self._items: dict[str, list[tuple]] = {}
        if resolve is not None:
            try:
                self._items = resolve(cable, document)
            except Exception:  # resolved lazily instead: only the rules reading the path fail
                pass
        self._present: dict[str, list[tuple]] = {}
        self._facts: Optional[dict[str, Any]] = None
        self._control_names: Optional[frozenset[str]] = None

    def items(self, path: Path) -> list[tuple]:
        """The items of `path` (do not modify the list: it is shared by every rule)."""
        found = self._items.get(path.text)
        if found is None:
            parent = path.parent
            if path.whole is not None:  # a derived list item by item: the list computed once
                found = self._items[path.text] = each_item(self.items(path.whole))
                return found
            if parent is None:
                parent_items = self._document_root if path.root == "document" else self._cable_root
            else:
                parent_items = self._items.get(parent.text)
                if parent_items is None:
                    parent_items = self.items(parent)
            found = self._items[path.text] = path.extend(parent_items, self.document)
        return found

    def present(self, path: Path) -> list[tuple]:
        """The items of `path` whose value is present (do not modify the list)."""
        found = self._present.get(path.text)
        if found is None:
            found = self._present[path.text] = present_items(self.items(path))
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
