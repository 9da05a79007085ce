"""`load_ruleset` and `RuleSet`: the rules a run uses, and checking a cable with them."""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

from validator import resources
from validator.engine.context import Context
from validator.engine.eras import EraTable
from validator.engine.errors import RuleError
from validator.engine.loader import ENGINE_VERSION, Env, load_rules
from validator.engine.paths import text_of
from validator.engine.resolver import Layout, compile_resolver
from validator.engine.rule import Rule
from validator.engine.screen import compile_screens
from validator.model import NOWHERE, Cable, Document, Finding, Severity, Span

_MAX_VALUE = 80  # a message never quotes more than one short line of cable text


class _Values(dict):
    def __missing__(self, key):  # placeholders are checked at load; this is belt and braces
        return "{" + key + "}"


def _one_line(value, limit: int = _MAX_VALUE) -> str:
    text = value if isinstance(value, str) else text_of(value) if not isinstance(value, int) else str(value)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class RuleSet:
    """The loaded rules; `rules` are the enabled ones, `all_rules` every loaded rule."""

    def __init__(self, all_rules: list[Rule], enabled: list[Rule], env: Env, digest: str,
                 load_args: tuple) -> None:
        self.all_rules = all_rules
        self.rules = enabled
        self.env = env
        self.hash = digest
        self._by_code = {rule.code: rule for rule in all_rules}
        self._load_args = load_args
        self._by_date = _RulesByDate(enabled, env.eras)
        self._paths = [path for rule in enabled for path in rule.paths]
        self._resolve = None  # the generated resolver, once compiled
        self._layout = None  # where what it returns holds each path's items
        self._screens = None  # the generated rule screens (screen.py), compiled with it
        self._resolver_source: Optional[str] = None
        self._checked = 0

    # Compiling the generated resolver and rule screens costs ~70 ms and saves ~70 us a
    # cable: a run of a few files resolves paths one by one and tests every rule, a long
    # run compiles them after this many cables.
    COMPILE_RESOLVER_AFTER = 200

    def compile_resolver(self):
        """The generated function giving the values of the enabled rules' paths
        (resolver.py), compiled with the screens, which read them to tell which rules may
        fire (screen.py): the screens first, as they say which paths they read."""
        if self._resolve is None:
            layout = Layout(self._paths)
            self._screens = compile_screens(self._by_date.spans, self.env, layout)
            resolve, self._resolver_source = compile_resolver(layout)
            self._layout, self._resolve = layout, resolve
        return self._resolve

    @property
    def resolver_source(self) -> str:
        self.compile_resolver()
        return self._resolver_source

    def __reduce__(self):
        # Worker processes rebuild the rule set (fast: the validated files are cached).
        args, kwargs = self._load_args
        return (_rebuild, (args, kwargs))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Optional[Rule]:
        return self._by_code.get(code.upper()) if code else None

    @property
    def eras(self):
        return self.env.eras

    def check(self, document: Optional[Document], cable: Cable,
              rules: Optional[Iterable[Rule]] = None) -> list[Finding]:
        """Findings of the enabled rules (or of `rules`), spans in file coordinates."""
        resolve = self._resolve
        if resolve is None:
            self._checked += 1
            if self._checked > self.COMPILE_RESOLVER_AFTER:
                resolve = self.compile_resolver()
        by_date = rules is None and self.rules is self._by_date.rules
        screening = by_date and self._screens is not None
        ctx = Context(cable, document, self.env.eras, self.env.vocabularies,
                      resolve if screening else None, self._layout)
        findings: list[Finding] = []
        if by_date:
            span = self._by_date.index_for(ctx.date)
            candidates = self._by_date.spans[span]  # era tested already
            if screening:
                try:
                    candidates = self._screens[span](ctx)  # those that may fire
                except Exception:  # then every rule of the span is tested, as without screens
                    pass
                if candidates:
                    ctx.resolve_with_spans()  # the screen read values only; a check reports spans
        else:
            candidates = [(rule, rule.applies, rule.check_kind) for rule in (self.rules if rules is None else rules)]
        last_condition = last_result = None  # consecutive rules often share their condition
        for rule, condition, kind in candidates:
            try:
                if condition is not None:
                    if condition is not last_condition:
                        last_result = condition(ctx)
                        last_condition = condition
                    if not last_result:
                        continue
                for hit in kind.check(ctx):  # what kind.run(ctx) yields, one generator less
                    if kind.adds_to_hits:
                        hit = kind.complete(ctx, hit)
                    findings.append(self._finding(rule, ctx, hit, document))
            except Exception as error:  # a rule must never take the whole run down
                findings.append(Finding(
                    code=rule.code, name=rule.name, severity=Severity.ERROR,
                    message=f"rule {rule.code} could not check this cable ({type(error).__name__}: {error})",
                    span=NOWHERE, help="Please report this with the cable that caused it.",
                    subject=f"{rule.code}:internal-error",
                ))
        return findings

    def _finding(self, rule: Rule, ctx: Context, hit, document: Optional[Document]) -> Finding:
        facts = ctx.shown_facts
        if facts is None:  # the cable's facts as a message shows them, once per cable
            facts = ctx.shown_facts = {key: _one_line(value) for key, value in ctx.facts().items()}
        shown = {key: _one_line(value) for key, value in hit.values.items()}
        values = _Values(facts)
        values.update(shown)
        if "note" in shown:  # a parse note is the parser's own sentence (it quotes at most a short excerpt)
            values["note"] = _one_line(hit.values["note"], 200)
        span: Span = hit.span or NOWHERE
        if not hit.in_file and hit.span is not None and document is not None:
            span = document.source_map.span(span)
        return Finding(
            code=rule.code, name=rule.name, severity=rule.severity,
            message=rule.message.format_map(values), span=span, help=rule.help,
            subject=hit.subject, extra={"values": shown},
        )


class _RulesByDate:
    """The rules whose `era:` holds, for any cable date, found with one bisect.

    The era table's ranges and the rules' own date ranges cut the calendar into spans on
    each of which every rule's era test gives the same answer; the rules that pass are
    listed once per span, in rule order, as (rule, its `when:` condition, its check kind)."""

    def __init__(self, rules: list[Rule], eras: EraTable) -> None:
        self.rules = rules
        edges = set()
        ranges = [eras.range_of(name) for name in eras.names()]
        ranges += [rule.era_range for rule in rules if rule.era_range is not None]
        for start, end in ranges:
            edges.add(start)
            if end < _dt.date.max:
                edges.add(end + _dt.timedelta(days=1))
        self._starts = sorted(edges)  # span i runs from _starts[i - 1] to the day before _starts[i]
        firsts = [_dt.date.min] + self._starts
        # The rules of each span, then those of an undated cable (`index_for` numbers them).
        self.spans = [self._passing(rules, first, eras.names_containing(first)) for first in firsts]
        self.spans.append(self._passing(rules, None, frozenset()))

    @staticmethod
    def _passing(rules: list[Rule], date: Optional[_dt.date], era_names: frozenset) -> tuple[tuple, ...]:
        return tuple((rule, _precondition(rule), rule.check_kind) for rule in rules if rule.in_era(date, era_names))

    def index_for(self, date: Optional[_dt.date]) -> int:
        if date is None:
            return len(self.spans) - 1
        return bisect.bisect_right(self._starts, date)


def _precondition(rule: Rule):
    """The rule's `when:` condition; for a rule without one, its kind's `may_hit` test if
    it has one (a cheap test shared by all the rules of the kind), else None."""
    if rule.condition is not None:
        return rule.condition
    return getattr(rule.check_kind, "may_hit", None)


def _rebuild(args, kwargs) -> RuleSet:
    return load_ruleset(*args, **kwargs)


# ------------------------------------------------------------------ selection


def _match_length(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector that is a prefix of `code` (-1: none; 0: ALL)."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def _normalise(selectors, option: str, codes: list[str]) -> list[str]:
    result = []
    for raw in selectors or ():
        selector = str(raw).strip().upper()
        if selector == "ALL":
            selector = ""
        elif not any(code.startswith(selector) for code in codes):
            close = sorted(code for code in codes if code.startswith(selector[:3]))[:5]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise RuleError(f"unknown rule code or prefix '{raw}'{hint}", option)
        result.append(selector)
    return result


def select_rules(rules: list[Rule], select=None, extend_select=None, ignore=None) -> list[Rule]:
    """Ruff's semantics: the most specific selector wins; on a tie, ignore wins."""
    codes = [rule.code for rule in rules]
    chosen = _normalise(select, "--select", codes) if select is not None else None
    extended = _normalise(extend_select, "--extend-select", codes)
    ignored = _normalise(ignore, "--ignore", codes)
    enabled = []
    for rule in rules:
        take = (chosen or []) + extended
        yes = _match_length(rule.code, take) if take else -1
        no = _match_length(rule.code, ignored) if ignored else -1
        if any(s == "" for s in take):
            yes = max(yes, 0)
        if any(s == "" for s in ignored):
            no = max(no, 0)
        if yes < 0 and no < 0:
            on = rule.enabled_by_default and chosen is None
        elif yes > no:
            on = True
        elif no >= 0 and no >= yes:
            on = False
        else:
            on = rule.enabled_by_default and chosen is None
        if on:
            enabled.append(rule)
    return enabled


def _apply_overrides(rules: list[Rule], overrides: Optional[Mapping[str, str]]) -> None:
    if not overrides:
        return
    codes = [rule.code for rule in rules]
    parsed = []
    for selector, level in overrides.items():
        (code,) = _normalise([selector], "severity override", codes)
        try:
            parsed.append((code, level if isinstance(level, Severity) else Severity.parse(str(level))))
        except ValueError:
            raise RuleError(f"severity '{level}' for {selector} is not one of error, warning, info",
                            "severity override") from None
    for rule in rules:
        best = max(((len(code), severity) for code, severity in parsed if rule.code.startswith(code)),
                   default=None, key=lambda pair: pair[0])
        if best is not None:
            rule.severity = best[1]


# --------------------------------------------------------------------- hash


def _ruleset_hash(files: list[Path], folders: list[Path], settings: dict) -> str:
    digest = hashlib.sha256()
    digest.update(f"cable-lint-engine-{ENGINE_VERSION}\0".encode())
    digest.update(resources.schema_path("rule.schema.json").read_bytes())
    for path in files:
        name = path.name
        for folder in folders:
            try:
                name = str(path.relative_to(folder))
                break
            except ValueError:
                continue
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def load_ruleset(extra_dirs: Sequence = (), *, select=None, extend_select=None, ignore=None,
                 severity_overrides: Optional[Mapping[str, str]] = None) -> RuleSet:
    """Load the bundled rules plus `extra_dirs`, select and tune them.

    `select`/`extend_select`/`ignore` take codes or prefixes ("CL3", "CL301", "ALL");
    `severity_overrides` maps a code or prefix to "error"/"warning"/"info".
    Raises RuleError for an invalid rule file or an unknown code.
    """
    folders = [resources.rules_dir()] + [Path(folder) for folder in extra_dirs]
    all_rules, env, files = load_rules(folders)
    _apply_overrides(all_rules, severity_overrides)
    enabled = select_rules(all_rules, select, extend_select, ignore)
    settings = {
        "select": select and sorted(select), "extend_select": sorted(extend_select or []),
        "ignore": sorted(ignore or []), "severity": dict(sorted((severity_overrides or {}).items())),
    }
    digest = _ruleset_hash(files, folders, settings)
    load_args = ((tuple(str(f) for f in extra_dirs),),
                 {"select": select, "extend_select": extend_select, "ignore": ignore,
                  "severity_overrides": dict(severity_overrides) if severity_overrides else None})
    return RuleSet(all_rules, enabled, env, digest, load_args)
