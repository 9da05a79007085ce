"""`same-value`: two elements that must agree (cable id vs banner, DE serial vs number,
prosign vs DTG precedence, publisher metadata vs banner), after named transforms."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, Iterator, Optional

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.operands import parse_level
from validator.engine.paths import text_of
from validator.model import Caption, Level

_PRECEDENCE_ORDER = "ZOPR"  # FLASH, IMMEDIATE, PRIORITY, ROUTINE


_NON_DIGITS = re.compile(r"\D")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Z0-9]")
_NOFORN = re.compile(r"\bNOFORN\b|//NF\b")
_AFTER_SLASHES = re.compile(r"//.*$")


def _int(value: Any, ctx) -> Optional[int]:
    text = value if type(value) is str else text_of(value)
    if type(text) is str and text.isdecimal():  # only \d characters (most values): nothing to remove
        return int(text)
    digits = _NON_DIGITS.sub("", text)
    return int(digits) if digits else None


def _mod10000(value: Any, ctx) -> Optional[int]:
    number = value if isinstance(value, int) else _int(value, ctx)
    return number % 10000 if number is not None else None


def _upper(value: Any, ctx) -> str:
    return (value if type(value) is str else text_of(value)).strip().upper()


def _nospace(value: Any, ctx) -> str:
    return _NOT_ALPHANUMERIC.sub("", (value if type(value) is str else text_of(value)).upper())


def _station(value: Any, ctx) -> str:
    name = _nospace(value, ctx)
    vocabularies = ctx.vocabularies
    if "stations" in vocabularies:
        aliases = vocabularies.get("stations").lookup(name)
        if aliases:
            return aliases[0]
    return name


def _classification_level(value: Any, ctx) -> Optional[Level]:
    if isinstance(value, Level):
        return value
    text = text_of(value).upper().split("//")[0].strip()
    return parse_level(text) or (Level.UNCLASSIFIED if text.startswith("UNCLAS") else None)


def _noforn_flag(value: Any, ctx) -> bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if item.name == "NOFORN" if type(item) is Caption else _noforn_flag(item, ctx):
                return True
        return False
    if isinstance(value, Caption):
        return value.name == "NOFORN"
    return bool(_NOFORN.search(text_of(value).upper()))


# A letter's index in _PRECEDENCE_ORDER ("" is `in` it too, at index 0).
_RANK = {letter: _PRECEDENCE_ORDER.index(letter) for letter in ("", *_PRECEDENCE_ORDER)}


def _highest_precedence(value: Any, ctx) -> Optional[str]:
    highest = highest_rank = None  # the first letter of least index in _PRECEDENCE_ORDER
    for precedence in value if isinstance(value, (list, tuple)) else [value]:
        letter = str(precedence).strip().upper()[:1]
        rank = _RANK.get(letter)
        if rank is not None and (highest is None or rank < highest_rank):
            highest, highest_rank = letter, rank
    return highest * 2 if highest is not None else None


_WORD_PRECEDENCE = {"FLASH": "Z", "NIACT IMMEDIATE": "O", "IMMEDIATE": "O", "PRIORITY": "P", "ROUTINE": "R"}
_WORD_RANK = {word: _RANK[letter] for word, letter in _WORD_PRECEDENCE.items()}


def _highest_addressee_precedence(value: Any, ctx) -> Optional[str]:
    """Addressee lines -> the doubled letter of the highest precedence word (none: RR)."""
    addressees = value if isinstance(value, (list, tuple)) else [value]
    if not addressees:
        return None
    highest = 3  # the least rank found (R)
    for addressee in addressees:
        word = getattr(addressee, "precedence", None)
        if word is not None:
            rank = _WORD_RANK.get(text_of(word).upper(), 3)  # none known: R
            if rank < highest:
                highest = rank
    return _PRECEDENCE_ORDER[highest] * 2


def _day_of_year(value: Any, ctx) -> Optional[int]:
    return _yday(value) if isinstance(value, _dt.date) else None


def _yday(date: _dt.date) -> int:
    """`date.timetuple().tm_yday` without building the time tuple."""
    return date.toordinal() - _dt.date(date.year, 1, 1).toordinal() + 1


def _filing_time(value: Any, ctx) -> Optional[int]:
    """A DE line's filing token JJJHHMM as the number JJJHHMM (day of year, hour, minute)."""
    text = text_of(value)
    return int(text) if len(text) == 7 and text.isdigit() else None


def _dtg_filing_time(value: Any, ctx) -> Optional[int]:
    """A DTG as day-of-year, hour and minute in the DE line's JJJHHMM form."""
    date = getattr(value, "date", None)
    if date is None:
        return None
    return _yday(date) * 10000 + value.hour * 100 + value.minute


def _posts_of_ri(value: Any, ctx) -> tuple:
    ri = _upper(value, ctx)
    vocabularies = ctx.vocabularies
    if "routing-indicators" not in vocabularies:
        return ()
    return vocabularies.get("routing-indicators").map_through(_plad_form).get(ri.upper(), ())


def _plad(value: Any, ctx) -> str:
    return _plad_form(value if type(value) is str else text_of(value))


def _plad_form(text: str) -> str:
    """An address without its `//` suffix, upper case, single spaces."""
    text = text.upper()
    # str methods where they give the same result as the regexes (tables hold thousands)
    text = text.partition("//")[0] if "\n" not in text else _AFTER_SLASHES.sub("", text)
    return " ".join(text.split())


TRANSFORMS: dict[str, Callable[[Any, Any], Any]] = {
    "int": _int, "mod10000": _mod10000, "upper": _upper, "nospace-upper": _nospace,
    "station": _station, "classification-level": _classification_level,
    "noforn-flag": _noforn_flag, "doubled-highest-precedence": _highest_precedence,
    "day-of-year": _day_of_year, "posts-of-ri": _posts_of_ri, "plad": _plad,
    "highest-addressee-precedence": _highest_addressee_precedence,
    "filing-time": _filing_time, "dtg-filing-time": _dtg_filing_time,
}


def _transformer(names: list[str], where: tuple) -> Optional[Callable[[Any, Any], Any]]:
    """The named transforms chained, (value, ctx) -> value; None for no transform.
    Callers never pass None (a transform is not called on a missing value)."""
    for index, name in enumerate(names):
        if name not in TRANSFORMS:
            raise ParamError(f"unknown transform '{name}' (known: {', '.join(sorted(TRANSFORMS))})",
                             where + (index,))
    functions = [TRANSFORMS[name] for name in names]
    if not functions:
        return None
    if len(functions) == 1:
        return functions[0]

    def apply(value, ctx):
        for function in functions:
            if value is None:
                return None
            value = function(value, ctx)
        return value
    return apply


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value) or "none known"
    return text_of(value)


class SameValue(Kind):
    name = "same-value"
    summary = ("`left` and `right` must agree after the named transforms (a tuple on one side: the "
               "other must be one of it; `tolerance` allows a numeric difference left - right; "
               "`fire_when: inside` reports a difference inside the tolerance instead)")
    placeholders = frozenset({"left", "right", "left_value", "right_value", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.left = self.operand(params["left"], ("left",))
        self.right = self.operand(params["right"], ("right",))
        self.left_transform = _transformer(params.get("left_transform", []), ("left_transform",))
        self.right_transform = _transformer(params.get("right_transform", []), ("right_transform",))
        tolerance = params.get("tolerance") or {}
        self.low, self.high = tolerance.get("min", 0), tolerance.get("max", 0)
        self.wrap = tolerance.get("wrap")
        self.report_right = params.get("report", "left") == "right"
        self.fire_inside = params.get("fire_when", "outside") == "inside"
        self.skip_unknown = params.get("skip_unknown", True)

    def _agree(self, left, right) -> bool:
        if isinstance(left, tuple) or isinstance(right, tuple):
            lefts = left if isinstance(left, tuple) else (left,)
            rights = right if isinstance(right, tuple) else (right,)
            if self.skip_unknown and (not lefts or not rights):
                return True  # nothing known to compare against
            return bool(set(lefts) & set(rights))
        if isinstance(left, (int, float)) and isinstance(right, (int, float)) and not isinstance(left, bool):
            difference = left - right
            if self.wrap and difference < self.low:
                difference += self.wrap
            return self.low <= difference <= self.high
        return left == right

    def quiet_block(self, code, loud: str) -> list[str]:
        """`check` to its first hit, written out in the screen."""
        def transformed(transform, value: str) -> str:
            return value if transform is None else f"{code.constant(transform, 'transform')}({value}, ctx)"

        fire_inside = self.fire_inside
        return [
            f"for q_right in {self.right.values_source(code)}:",
            "    if q_right is not None:",
            f"        q_right_value = {transformed(self.right_transform, 'q_right')}",
            "        if q_right_value is not None:",
            f"            for q_left_raw in {self.left.values_source(code)}:",
            "                if q_left_raw is None:",
            "                    continue",
            f"                q_left_value = {transformed(self.left_transform, 'q_left_raw')}",
            "                if q_left_value is None:",
            "                    continue",
            "                if type(q_left_value) is str and type(q_right_value) is str:  # as in `check`",
            f"                    if (q_left_value == q_right_value) != {fire_inside}:",
            "                        continue",
            f"                elif {code.constant(self._agree, 'agree')}(q_left_value, q_right_value) != {fire_inside}:",
            "                    continue",
            f"                {loud}",
            "                break",
            "        break",
        ]

    def check(self, ctx) -> Iterator[Hit]:
        for right in self.right.read(ctx):
            if right[0] is not None:
                break
        else:
            return
        right_raw, right_span, _ = right
        right_transform, left_transform = self.right_transform, self.left_transform
        right_value = right_raw if right_transform is None else right_transform(right_raw, ctx)
        if right_value is None:
            return
        agree, fire_inside = self._agree, self.fire_inside
        for left in self.left.read(ctx):
            left_raw = left[0]
            if left_raw is None:
                continue
            left_value = left_raw if left_transform is None else left_transform(left_raw, ctx)
            if left_value is None:
                continue
            if type(left_value) is str and type(right_value) is str:  # `_agree`'s last case, inlined
                if (left_value == right_value) != fire_inside:
                    continue
            elif agree(left_value, right_value) != fire_inside:
                continue
            yield self._hit(left, right, left_value, right_value)

    def _hit(self, left: tuple, right: tuple, left_value, right_value) -> Hit:
        left_raw, right_raw, right_span = left[0], right[0], right[1]
        place = right if self.report_right and right_span is not None else left
        if place[1] is None:
            place = right if right_span is not None else left
        values = {"left": _shown(left_raw), "right": _shown(right_raw),
                  "left_value": _shown(left_value), "right_value": _shown(right_value),
                  "expected": _shown(right_value)}
        return Hit.at(place, values, subject=f"{values['left_value']}!={values['right_value']}")
