"""What a check sees: the cable, its document, its date and era, resolved paths."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from validator.engine.eras import Era, EraTable, Order
from validator.engine.paths import Item, Path, is_present, resolve
from validator.engine.vocab import Vocabularies
from validator.model import Cable, Document


class Context:
    __slots__ = ("cable", "document", "eras", "vocabularies", "date", "era", "order", "_items")

    def __init__(self, cable: Cable, document: Optional[Document], eras: EraTable,
                 vocabularies: Vocabularies) -> None:
        self.cable = cable
        self.document = document
        self.eras = eras
        self.vocabularies = vocabularies
        self.date: Optional[_dt.date] = cable.date
        self.era: Optional[Era] = eras.era_for(self.date)
        self.order: Optional[Order] = eras.order(cable.eo.order if cable.eo is not None else None)
        self._items: dict[str, list[Item]] = {}

    def items(self, path: Path) -> list[Item]:
        found = self._items.get(path.text)
        if found is None:
            found = self._items[path.text] = resolve(path, self.cable, self.document)
        return found

    def present(self, path: Path) -> list[Item]:
        return [item for item in self.items(path) if is_present(item.value)]

    def first(self, path: Path) -> Optional[Item]:
        found = self.present(path)
        return found[0] if found else None

    def control_names(self) -> set[str]:
        names = set(self.cable.caption_names())
        if self.cable.banner is not None:
            names |= set(self.cable.banner.controls)
        return names

    def facts(self) -> dict[str, Any]:
        """Values every message template may use."""
        level = self.cable.level
        return {
            "level": level.label if level is not None else "unknown",
            "date": self.date.isoformat() if self.date else "unknown",
            "era": self.era.id if self.era else "unknown",
            "order": self.cable.eo.order_text if self.cable.eo is not None and self.cable.eo.order_text else "none",
            "cable_id": self.cable.cable_id or "unknown",
        }
