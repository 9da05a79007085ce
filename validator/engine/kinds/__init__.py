"""The closed set of check kinds. A rule names one with `kind:` and gives its `params`."""

from __future__ import annotations

from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.kinds.compare import Compare, DateRelation
from validator.engine.kinds.controls import Exclusive, Rollup
from validator.engine.kinds.crosscheck import TRANSFORMS, SameValue
from validator.engine.kinds.elements import Forbidden, Required
from validator.engine.kinds.notes import ParseNote
from validator.engine.kinds.sequence import Sequence
from validator.engine.kinds.values import Pattern, ValueIn

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (Required, Forbidden, Pattern, ValueIn, Compare, DateRelation, SameValue,
                 Rollup, Exclusive, Sequence, ParseNote)
}

__all__ = ["KINDS", "TRANSFORMS", "Hit", "Kind", "ParamError"]
