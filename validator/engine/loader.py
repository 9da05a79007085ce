"""Find rule files, read and validate them, compile them into `Rule`s.

Steps for each file: YAML with line marks -> JSON Schema (`schemas/rule.schema.json`,
no unknown keys) -> semantic checks (field paths against the model, era names against
the era table, vocabulary names, regexes, message placeholders) -> a compiled check.
Any failure is a RuleError naming the file and line.

Speed: parsing and schema validation (importing jsonschema alone costs ~50 ms) are done
once per distinct set of file contents; the validated documents are cached as JSON in
the user's cache folder, keyed by a digest of the schema, the engine version and every
file's bytes. Compiling from the cached documents takes a few milliseconds.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from validator import resources
from validator.datacache import cache_root
from validator.engine.conditions import ConditionError, compile_when, era_names
from validator.engine.eras import EraTable
from validator.engine.errors import RuleError
from validator.engine.kinds import KINDS, ParamError
from validator.engine.paths import collect_paths, compile_path, note_path
from validator.engine.rule import Rule
from validator.engine.vocab import Vocabularies
from validator.engine.yamlfile import line_of, load_yaml
from validator.model import Severity

ENGINE_VERSION = "1"  # bump when the meaning of a cached document changes
RULE_SUFFIXES = (".yaml", ".yml")
COMMON_PLACEHOLDERS = frozenset({"level", "date", "era", "order", "cable_id"})


@dataclass
class Env:
    """What compiling a rule may consult."""

    eras: EraTable
    vocabularies: Vocabularies
    controls_path: Any
    # `when:` text -> (its compiled condition, the paths it reads): rules with equal
    # conditions share one object, so a check tests it once for a run of such rules
    conditions: dict = field(default_factory=dict)


@dataclass
class RuleSource:
    path: Path
    data: bytes
    folder: Path


# ----------------------------------------------------------------- discovery


def rule_files(folder: Path) -> list[Path]:
    """Rule files under `folder`, sorted; the `data/` folder holds tables, not rules."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "data" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(RULE_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    return found


def data_folders(folders: Iterable[Path]) -> list[Path]:
    return [folder / "data" for folder in folders]


# ------------------------------------------------------------------- schema

_validator = None


def _schema() -> dict:
    return json.loads(resources.schema_path("rule.schema.json").read_text(encoding="utf-8"))


def _schema_validator():
    """The fast validator of `validator.engine.schema`, or jsonschema when the schema uses
    a keyword the fast one does not know."""
    global _validator
    if _validator is None:
        from validator.engine import schema as fast

        schema = _schema()
        _validator = fast.Validator(schema) if fast.uses_only_supported(schema) else _JsonSchema(schema)
    return _validator


class _JsonSchema:
    def __init__(self, schema: dict) -> None:
        import jsonschema  # imported only for a schema the fast validator cannot handle

        self._validator = jsonschema.validators.validator_for(schema)(schema)

    def problems(self, instance):
        from validator.engine.schema import Problem

        return [Problem(tuple(error.absolute_path), error.message) for error in self._validator.iter_errors(instance)]


def _schema_error(data: Any, lines: dict, path: str) -> Optional[RuleError]:
    from validator.engine.schema import best

    problem = best(_schema_validator().problems(data))
    if problem is None:
        return None
    message = problem.message
    location = "/".join(str(part) for part in problem.path)
    if location and not message.startswith("unknown key"):
        message = f"{location}: {message}"
    return RuleError(message, path, line_of(lines, problem.path))


def read_document(source: RuleSource) -> tuple[Any, dict]:
    try:
        text = source.data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RuleError(f"not UTF-8 text ({error.reason} at byte {error.start})", str(source.path)) from None
    data, lines = load_yaml(text, str(source.path))
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a YAML mapping (code, name, severity, ...)", str(source.path), 1)
    error = _schema_error(data, lines, str(source.path))
    if error is not None:
        raise error
    return data, lines


# -------------------------------------------------------------------- cache


def cache_folder() -> Optional[Path]:
    root = cache_root()
    return root / "rules" if root is not None else None


def _digest(sources: list[RuleSource]) -> str:
    digest = hashlib.sha256()
    digest.update(ENGINE_VERSION.encode())
    digest.update(resources.schema_path("rule.schema.json").read_bytes())
    for source in sources:
        digest.update(str(source.path).encode() + b"\0" + source.data + b"\0")
    return digest.hexdigest()


def read_documents(sources: list[RuleSource]) -> list[tuple[Any, dict]]:
    """Validated (data, lines) per source, from the cache when nothing changed."""
    folder = cache_folder()
    cache_file = folder / f"{_digest(sources)[:32]}.json" if folder else None
    if cache_file is not None:
        try:
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            if len(cached) == len(sources):
                return [(entry["data"], entry["lines"]) for entry in cached]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    documents = [read_document(source) for source in sources]
    if cache_file is not None:
        _write_cache(cache_file, [{"data": d, "lines": l} for d, l in documents])
    return documents


def _write_cache(cache_file: Path, payload) -> None:
    import tempfile

    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cache_file.parent, delete=False, suffix=".tmp",
                                         encoding="utf-8") as handle:
            json.dump(payload, handle)
        os.replace(handle.name, cache_file)
    except OSError:
        pass  # a read-only home: validate again next time


# ------------------------------------------------------------------ compile


def _placeholders(template: str) -> set[str]:
    names = set()
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name is not None:
            names.add(field_name.split(".")[0].split("[")[0])
    return names


def _shared_condition(when: dict, env: Env):
    key = json.dumps(when, sort_keys=True, default=str)
    shared = env.conditions.get(key)
    if shared is None:
        with collect_paths() as paths:
            condition = compile_when(when, env)
        shared = env.conditions[key] = (condition, tuple(paths))
    condition, paths = shared
    for path in paths:  # the rule reads them too
        note_path(path)
    return condition


def compile_rule(data: dict, lines: dict, path: str, env: Env) -> Rule:
    def fail(message: str, where: tuple) -> RuleError:
        return RuleError(message, path, line_of(lines, where))

    expected_stem = f"{data['code']}-{data['name']}"
    if Path(path).stem != expected_stem:
        raise fail(f"the file of rule {data['code']} must be named '{expected_stem}.yaml' "
                   "(code-name, so a rule is found by its code)", ("code",))
    kind_class = KINDS[data["kind"]]
    params = data.get("params") or {}
    with collect_paths() as paths:  # what the rule reads, for the rule set's resolver
        try:
            check = kind_class(params, env)
        except ParamError as error:
            raise fail(f"params: {error}", ("params",) + tuple(error.where)) from None
        except KeyError as error:  # a required parameter the schema let through
            raise fail(f"params: missing '{error.args[0]}'", ("params",)) from None
        try:
            condition = _shared_condition(data.get("when"), env) if data.get("when") else None
        except ConditionError as error:
            raise fail(f"when: {error}", ("when",) + tuple(error.where)) from None

    provided = kind_class.placeholders | COMMON_PLACEHOLDERS | ({"shown"} if "show" in params else set())
    unknown = _placeholders(data["message"]) - provided
    if unknown:
        known = sorted(provided)
        hint = " ({shown} needs params.show)" if "shown" in unknown else ""
        raise fail(f"message uses {{{sorted(unknown)[0]}}}, which kind '{kind_class.name}' does not fill{hint} "
                   f"(use: {', '.join('{' + k + '}' for k in known)})", ("message",))

    era = data["era"]
    names: tuple[str, ...] = ()
    era_range = None
    if isinstance(era, list):
        try:
            names = tuple(era_names(era, env, ()))
        except ConditionError as error:
            raise fail(f"era: {error}", ("era",) + tuple(error.where)) from None
    elif isinstance(era, dict):
        start = _dt.date.fromisoformat(era["from"]) if era.get("from") else _dt.date.min
        end = _dt.date.fromisoformat(era["to"]) if era.get("to") else _dt.date.max
        if end < start:
            raise fail("era: 'to' is before 'from'", ("era",))
        era_range = (start, end)

    severity = Severity(data["severity"])
    return Rule(
        code=data["code"], name=data["name"], severity=severity, summary=data["summary"],
        message=data["message"], description=data["description"].strip(),
        rationale=data["rationale"].strip(), source=data["source"], era=era,
        help=data["help"].strip(), url=data.get("url"), kind=data["kind"], params=params,
        examples=data["examples"], path=path, line=line_of(lines, ("code",)), when=data.get("when"),
        enabled_by_default=data.get("enabled", True), default_severity=severity,
        check_kind=check, condition=condition, era_names=names, era_range=era_range,
        paths=tuple(paths),
    )


def load_rules(folders: list[Path]) -> tuple[list[Rule], Env, list[Path]]:
    """Every rule in `folders` (the bundled one first); duplicate codes are an error."""
    for folder in folders:
        if not folder.is_dir():
            raise RuleError("rule directory not found", str(folder))
    eras_path = resources.rules_dir() / "data" / "eras.yaml"
    eras = EraTable.load(eras_path)
    vocab_folders = [folder / "vocab" for folder in data_folders(folders)]
    vocabularies = Vocabularies(vocab_folders)
    env = Env(eras, vocabularies, compile_path("controls[]"))
    sources = []
    for folder in folders:
        for path in rule_files(folder):
            try:
                sources.append(RuleSource(path, path.read_bytes(), folder))
            except OSError as error:
                raise RuleError(f"cannot read: {error.strerror or error}", str(path)) from None
    documents = read_documents(sources)
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for source, (data, lines) in zip(sources, documents):
        rule = compile_rule(data, lines, str(source.path), env)
        if rule.code in seen:
            first = seen[rule.code]
            raise RuleError(f"duplicate rule code {rule.code} (already defined in {first.path}:{first.line})",
                            rule.path, rule.line)
        if rule.name in names:
            first = names[rule.name]
            raise RuleError(f"duplicate rule name '{rule.name}' (already used by {first.code} in {first.path})",
                            rule.path, line_of(lines, ("name",)))
        seen[rule.code] = names[rule.name] = rule
        rules.append(rule)
    data_files = [eras_path] + vocabularies.files() + [
        p for folder in data_folders(folders) for p in sorted(folder.glob("*.yaml"))
        if p != eras_path]
    return sorted(rules, key=lambda r: r.code), env, [s.path for s in sources] + data_files
