"""Vocabularies (`rules/data/vocab/<name>.yaml`), loaded on first use.

A vocabulary file holds `values` (a list, or a mapping value -> {from, to, note}
for values valid only in some years), optional `patterns` (regexes a value may
match instead) and, for lookup tables, `map` (key -> list of values). Loading is
lazy: compiling a rule only checks that the file exists, so the load-time budget
is not spent on tables a run never consults.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from validator.engine.errors import RuleError
from validator.engine.eras import parse_date
from validator.datacache import load_cached
from validator.engine.yamlfile import load_data


@dataclass
class Vocabulary:
    name: str
    path: Path
    _values: Optional[dict[str, tuple[Optional[_dt.date], Optional[_dt.date]]]] = None
    _patterns: list[re.Pattern] = field(default_factory=list)
    _map: dict[str, tuple[str, ...]] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    _map_through: dict[Callable, dict[str, tuple]] = field(default_factory=dict)

    def _load(self) -> None:
        if self._values is not None:
            return
        data = load_cached(self.path, lambda text: load_data(text, str(self.path)), "vocab")
        if not isinstance(data, dict):
            raise RuleError("a vocabulary must be a mapping with 'values', 'patterns' or 'map'", str(self.path), 1)
        values: dict[str, tuple] = {}
        raw = data.get("values") or []
        for key in list(raw) + list(data.get("map") or {}):
            # load_data turns keys into text: a bare NO (Norway) arrives as "False"
            if isinstance(key, bool) or key is None or str(key) in ("True", "False", "None"):
                raise RuleError(f"vocabulary entry {key!r} is not text (quote codes such as \"NO\", "
                                "which YAML reads as false)", str(self.path))
        if isinstance(raw, dict):
            for key, spec in raw.items():
                spec = spec or {}
                values[str(key).upper()] = (
                    parse_date(spec["from"]) if spec.get("from") else None,
                    parse_date(spec["to"]) if spec.get("to") else None,
                )
        else:
            values = {str(item).upper(): (None, None) for item in raw}
        self._map = {str(k).upper(): tuple(str(v) for v in (vs if isinstance(vs, list) else [vs]))
                     for k, vs in (data.get("map") or {}).items()}
        for key in self._map:
            values.setdefault(key, (None, None))
        self._patterns = [re.compile(p) for p in data.get("patterns") or []]
        self.description = str(data.get("description", ""))
        self.source = str(data.get("source", ""))
        self._values = values

    def contains(self, value: str, date: Optional[_dt.date] = None) -> bool:
        if self._values is None:
            self._load()
        valid = self._values.get(value.upper())
        if valid is not None:
            return _valid_on(valid, date)
        for pattern in self._patterns:
            if pattern.fullmatch(value):
                return True
        return False

    def known(self, value: str) -> bool:
        """In the list at all, whatever the date."""
        self._load()
        return value.upper() in self._values

    def lookup(self, key: str) -> tuple[str, ...]:
        self._load()
        return self._map.get(key.upper(), ())

    def map_through(self, transform: Callable[[str], Any]) -> dict[str, tuple]:
        """The `map` with `transform` applied to every value (key -> tuple of transformed
        values), computed once per transform: a rule transforms each value it looks up."""
        self._load()
        table = self._map_through.get(transform)
        if table is None:
            table = self._map_through[transform] = {
                key: tuple(transform(value) for value in values) for key, values in self._map.items()}
        return table

    def __len__(self) -> int:
        self._load()
        return len(self._values)


def _valid_on(valid: tuple, date: Optional[_dt.date]) -> bool:
    """Whether a (from, to) range, either end open (None), holds `date` (None: any)."""
    start, end = valid
    return date is None or ((start is None or date >= start) and (end is None or date <= end))


class MergedVocabulary:
    """Several vocabularies answering `contains` as one: a value is in it when it is in
    any of them. One dict lookup finds every list that holds the value (CL602 asks four)."""

    def __init__(self, vocabularies: list[Vocabulary]) -> None:
        for vocabulary in vocabularies:
            vocabulary._load()  # may raise RuleError: the caller then asks them one by one
        # upper-cased value -> (the (from, to) ranges it is valid in, the lists holding it)
        self._entries: dict[str, tuple[list, set[int]]] = {}
        for index, vocabulary in enumerate(vocabularies):
            for key, valid in vocabulary._values.items():
                ranges, holders = self._entries.setdefault(key, ([], set()))
                ranges.append(valid)
                holders.add(index)
        # The values some list holds on every date: `holds` is true for them whatever the date.
        self.always: frozenset[str] = frozenset(
            key for key, (ranges, _) in self._entries.items() if (None, None) in ranges)
        # A list's patterns are tried only for a value that list does not hold (as `contains`).
        self._patterns = [(index, vocabulary._patterns) for index, vocabulary in enumerate(vocabularies)
                          if vocabulary._patterns]

    def holds(self, upper_value: str, date: Optional[_dt.date] = None) -> bool:
        """Whether a list holds the value (upper case already) for `date`, patterns aside:
        the first step of `contains`, and all of it for most values."""
        entry = self._entries.get(upper_value)
        if entry is not None:
            for valid in entry[0]:
                if _valid_on(valid, date):
                    return True
        return False

    def contains(self, value: str, date: Optional[_dt.date] = None) -> bool:
        entry = self._entries.get(value.upper())
        holders = ()
        if entry is not None:
            ranges, holders = entry
            if any(_valid_on(valid, date) for valid in ranges):
                return True
        for index, patterns in self._patterns:
            if index not in holders:
                for pattern in patterns:
                    if pattern.fullmatch(value):
                        return True
        return False


class Vocabularies:
    """Every vocabulary found in the data folders, by name (the file stem)."""

    def __init__(self, folders: list[Path]) -> None:
        self._files: dict[str, Path] = {}
        for folder in folders:
            if folder.is_dir():
                for path in sorted(folder.glob("*.yaml")):
                    self._files.setdefault(path.stem, path)
        self._loaded: dict[str, Vocabulary] = {}

    def names(self) -> list[str]:
        return sorted(self._files)

    def files(self) -> list[Path]:
        return [self._files[name] for name in self.names()]

    def __contains__(self, name: str) -> bool:
        return name in self._files

    def get(self, name: str) -> Vocabulary:
        vocabulary = self._loaded.get(name)
        if vocabulary is None:
            vocabulary = self._loaded[name] = Vocabulary(name, self._files[name])
        return vocabulary
