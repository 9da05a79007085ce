"""Value checks: `pattern` (a regex on a field) and `value-in` (a list or vocabulary)."""

from __future__ import annotations

import re
from typing import Iterator

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.paths import text_of
from validator.engine.vocab import MergedVocabulary

_SPACES = re.compile(r"\s+")
# The text of a value as a `value-in` rule compares it (text_of, then normalised).
def _upper(value) -> str:
    return (value if type(value) is str else text_of(value)).strip().upper()


_NORMALIZERS = {
    "none": text_of,
    "upper": _upper,
    "nospace-upper": lambda value: _SPACES.sub("", text_of(value)).upper(),
}
_COLLECTIONS = (list, tuple, set, frozenset)


def _upper_texts(values: list) -> list[str]:
    """The texts `value-in` compares for items of `values` under `normalize: upper`: each
    element of a collection value, else the value (as `ValueIn._rejected` visits them)."""
    texts = []
    for raw in values:
        if type(raw) is str:
            texts.append(raw.strip().upper())
        else:
            for element in raw if isinstance(raw, _COLLECTIONS) else (raw,):
                texts.append(_upper(element))
    return texts


def _reason_letters(ctx):
    """The letters of the reason section the Classified By line cites (era table), or None."""
    classified_by = ctx.cable.classified_by
    section = classified_by.reason_section if classified_by is not None else None
    for era in reversed(ctx.eras.eras):
        if section and era.reason_section == section and era.reason_letters:
            return era.reason_letters
    return None


# Vocabularies computed from the era table rather than read from rules/data/vocab.
SPECIAL_VOCABULARIES = ("eo-orders", "reason-letters")


class Pattern(Kind):
    name = "pattern"
    summary = "the text of `field` must (or, with `mode: must-not-match`, must not) match `regex`"
    placeholders = frozenset({"field", "value", "pattern"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.field = self.path(params["field"], ("field",))
        flags = re.IGNORECASE if params.get("ignorecase") else 0
        try:
            self.regex = re.compile(params["regex"], flags)
        except re.error as error:
            raise ParamError(f"invalid regex: {error}", ("regex",)) from None
        self.must_match = params.get("mode", "must-match") == "must-match"

    def quiet_block(self, code, loud: str) -> list[str]:
        """`_failing` to its first item, a value equal to the one before not searched again."""
        present, search = code.present(self.field.text), code.constant(self.regex.search, "search")
        failed = "is None" if self.must_match else "is not None"
        return [
            f"if {present}:",
            "    q_passed = None",
            f"    for q_raw in {present}:",
            f"        q_value = q_raw if type(q_raw) is str else {code.constant(text_of, 'text_of')}(q_raw)",
            "        if q_value != q_passed:",
            f"            if {search}(q_value) {failed}:",
            f"                {loud}",
            "                break",
            "            q_passed = q_value",
        ]

    def check(self, ctx) -> Iterator[Hit]:
        for item, value in self._failing(ctx):
            yield Hit.at(item, {"field": str(self.field), "value": value, "pattern": self.regex.pattern},
                         subject=f"{self.field}:{value}")

    def _failing(self, ctx) -> Iterator[tuple]:
        """(item, its text) for each present item that fails the test."""
        search, must_match = self.regex.search, self.must_match
        failing: dict[str, bool] = {}  # a cable repeats values (portion marks): one search each
        for item in ctx.present_of[self.field.text]:
            value = item[0] if type(item[0]) is str else text_of(item[0])  # most are text
            failed = failing.get(value)
            if failed is None:
                failed = failing[value] = (search(value) is None) == must_match
            if failed:
                yield item, value


class ValueIn(Kind):
    name = "value-in"
    summary = ("every value of `field` must be in `values`, or in the named `vocabulary` tables "
               "(valid on the cable date; also eo-orders and reason-letters from the era table), or "
               "not in `not_values`; values matching one of `patterns` are accepted")
    placeholders = frozenset({"field", "value", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.field = self.path(params["field"], ("field",))
        given = [key for key in ("values", "not_values", "vocabulary") if key in params]
        if len(given) != 1:
            raise ParamError("give exactly one of 'values', 'not_values' or 'vocabulary'")
        self.normalize = _NORMALIZERS[params.get("normalize", "upper")]
        self.mode = given[0]
        self.patterns = []
        for index, pattern in enumerate(params.get("patterns", [])):
            try:
                self.patterns.append(re.compile(pattern))
            except re.error as error:
                raise ParamError(f"invalid regex: {error}", ("patterns", index)) from None
        if self.mode == "vocabulary":
            self.vocabularies = list(params["vocabulary"])
            for index, name in enumerate(self.vocabularies):
                if name in SPECIAL_VOCABULARIES:
                    continue
                if name not in env.vocabularies:
                    raise ParamError(f"no vocabulary '{name}' (known: {', '.join(SPECIAL_VOCABULARIES)}, "
                                     f"{', '.join(env.vocabularies.names())})", ("vocabulary", index))
            self.expected = "a value of " + ", ".join(self.vocabularies)
        else:
            self.values = {self.normalize(str(value)) for value in params[self.mode]}
            listed = ", ".join(str(value) for value in params[self.mode][:8])
            more = ", ..." if len(params[self.mode]) > 8 else ""
            self.expected = ("one of " if self.mode == "values" else "none of ") + listed + more
        self.dated = params.get("dated", True)
        self._merged = None  # the named vocabularies as one, built on first use
        self._merge_failed = False
        self._accepts = self._compile_test()

    def _compile_test(self):
        """(ctx, value) -> whether the value is accepted: `_ok`, or for a plain list of values
        without patterns the set test itself (the common case, tested once per value)."""
        if not self.patterns and self.mode == "values":
            values = self.values
            return lambda ctx, value: value in values
        if not self.patterns and self.mode == "not_values":
            values = self.values
            return lambda ctx, value: value not in values
        if self.mode == "vocabulary" and not any(name in SPECIAL_VOCABULARIES for name in self.vocabularies):
            return self._in_merged_vocabularies
        return self._ok

    def _merged_test(self):
        """`_in_merged_vocabularies` for upper-case values, a value the merged list holds
        for the date accepted at once (most values)."""
        kind, dated, full_test = self, self.dated, self._in_merged_vocabularies

        def accepts(ctx, value: str) -> bool:
            merged = kind._merged
            if merged is not None and merged.holds(value, ctx.date if dated else None):
                return True
            return full_test(ctx, value)
        return accepts

    def always_accepted(self) -> frozenset:
        """Upper-case values `_merged_test` accepts on any date (a list holds them for
        every date); none until the lists are merged (on first use)."""
        merged = self._merged
        return merged.always if merged is not None else frozenset()

    def _in_merged_vocabularies(self, ctx, value: str) -> bool:
        """`_ok` for vocabularies read from files: one merged lookup, then the patterns."""
        merged = self._merged
        if merged is None:
            merged = self._merge(ctx)
            if merged is None:
                return self._ok(ctx, value)
        if merged.contains(value, ctx.date if self.dated else None):
            return True
        for pattern in self.patterns:
            if pattern.fullmatch(value):
                return True
        return False

    def _ok(self, ctx, value: str) -> bool:
        # The list or vocabularies first: they accept most values, and a dict lookup is
        # cheaper than a regex (the answer does not depend on the order).
        if self.mode == "values":
            accepted = value in self.values
        elif self.mode == "not_values":
            accepted = value not in self.values
        else:
            accepted = self._in_vocabularies(ctx, value)
        return accepted or any(pattern.fullmatch(value) for pattern in self.patterns)

    def _in_vocabularies(self, ctx, value: str) -> bool:
        date = ctx.date if self.dated else None
        for name in self.vocabularies:
            if name == "eo-orders":
                if value.isdigit() and int(value) in ctx.eras.orders:
                    return True
            elif name == "reason-letters":
                letters = _reason_letters(ctx)
                if letters is None or value.lower() in letters:
                    return True
            elif ctx.vocabularies.get(name).contains(value, date):
                return True
        return False

    def _merge(self, ctx):
        """The named vocabularies as one `MergedVocabulary`; None when one does not load:
        then `_ok` asks each in turn, loading them lazily as before (same findings, errors)."""
        if not self._merge_failed:
            try:
                self._merged = MergedVocabulary([ctx.vocabularies.get(name) for name in self.vocabularies])
            except Exception:
                self._merge_failed = True
        return self._merged

    def expected_text(self, ctx) -> str:
        if self.mode == "vocabulary" and self.vocabularies == ["eo-orders"]:
            return "one of " + ", ".join(str(n) for n in self.env.eras.order_numbers())
        if self.mode == "vocabulary" and self.vocabularies == ["reason-letters"]:
            letters = _reason_letters(ctx) or ""
            section = ctx.cable.classified_by.reason_section if ctx.cable.classified_by else "?"
            return f"a letter {letters[:1]}-{letters[-1:]} of section {section}" if letters else "a valid letter"
        return self.expected

    def quiet_block(self, code, loud: str) -> list[str]:
        """`_rejected` to its first value, text normalised by `upper` inline."""
        present, accepts = code.present(self.field.text), self._accepts
        if self.normalize is _upper and not self.patterns and self.mode in ("values", "not_values"):
            # The field's texts are normalised once for every rule listing values for it
            # (a dozen read eo.value_kind), then looked up in this rule's set.
            texts = code.shared(f"{code.constant(_upper_texts, 'upper_texts')}({present})")
            rejected = "not in" if self.mode == "values" else "in"
            return [f"if {present}:",
                    f"    for q_text in {texts}:",
                    f"        if q_text and q_text {rejected} {code.constant(self.values, 'values')}:",
                    f"            {loud}",
                    "            break"]
        lines = [f"if {present}:"]
        accepted = ""  # a test of a value before calling `accepts` (none by default)
        if accepts == self._in_merged_vocabularies and self.normalize is _upper:
            accepts = self._merged_test()
            # Most values are in a list for every date: one set test, no call.
            lines.append(f"    q_always = {code.constant(self.always_accepted, 'always_accepted')}()")
            accepted = "q_value not in q_always and "
        accepts = code.constant(accepts, "accepts")
        lines.append(f"    for q_raw in {present}:")
        if self.normalize is _upper:
            lines += ["        if type(q_raw) is str:  # the usual value",
                      "            q_value = q_raw.strip().upper()",
                      f"            if q_value and {accepted}not {accepts}(ctx, q_value):",
                      f"                {loud}",
                      "                break",
                      "            continue"]
        collections = code.constant(_COLLECTIONS, "collections")
        return lines + [
            f"        for q_element in q_raw if isinstance(q_raw, {collections}) else (q_raw,):",
            f"            q_value = {code.constant(self.normalize, 'normalize')}(q_element)",
            f"            if q_value and {accepted}not {accepts}(ctx, q_value):",
            f"                {loud}",
            "                break",
            "        else:",
            "            continue",
            "        break",
        ]

    def check(self, ctx) -> Iterator[Hit]:
        for item, value in self._rejected(ctx):
            yield Hit.at(item, {"field": str(self.field), "value": value, "expected": self.expected_text(ctx)},
                         subject=f"{self.field}:{value}")

    def _rejected(self, ctx) -> Iterator[tuple]:
        """(item, normalised value) for each value of a present item not accepted."""
        normalize, accepts = self.normalize, self._accepts
        for item in ctx.present_of[self.field.text]:
            raw = item[0] if isinstance(item[0], _COLLECTIONS) else (item[0],)
            for element in raw:
                value = normalize(element)
                if value and not accepts(ctx, value):
                    yield item, value
