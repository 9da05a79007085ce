"""Configuration: `cable-lint.yaml`, `.cable-lint.yaml` or `[tool.cable-lint]` in
`pyproject.toml`, found upward from the working directory, validated by
`schemas/config.schema.json`.

Discovery: `--config FILE` names the file; `--isolated` ignores every file; otherwise
the first folder, from the working directory up to the root, that holds one of
`cable-lint.yaml`, `.cable-lint.yaml`, or a `pyproject.toml` with a
`[tool.cable-lint]` table (checked in that order) gives the configuration. Files are
not merged: the closest one wins. Paths in a file (rule folders, waiver files,
per-file-ignores globs) are relative to the file's folder.

The command line overrides the file, key by key; `--extend-select`, `--ignore`,
`--rules`, `--waivers`, `--severity` and `--per-file-ignores` add to it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from validator.audit.globs import glob_regex

CONFIG_NAMES = ("cable-lint.yaml", ".cable-lint.yaml", "pyproject.toml")
SEVERITY_NAMES = ("info", "warning", "error")

# key -> default; the order is the order `cable-lint config` prints
DEFAULTS: dict[str, Any] = {
    "select": None,  # None: every rule the rule set enables by default
    "extend-select": [],
    "ignore": [],
    "severity": {},
    "per-file-ignores": {},
    "rules": [],
    "min-severity": "info",
    "fail-on": "error",
    "format": None,  # None: full on a terminal, concise otherwise
    "waivers": [],
    "include": [],
    "exclude": [],
    "jobs": None,
    "cache": True,
    "cache-dir": None,
    "baseline": None,
    "max-size": None,
}
PATH_KEYS = ("rules", "waivers", "cache-dir", "baseline")  # relative to the file's folder


class ConfigError(Exception):
    """A configuration file that cannot be used: names the file, the key, the problem."""


# ------------------------------------------------------------------- YAML with lines


# yaml is imported where a file is read: most runs read no YAML configuration, and
# the import is about a tenth of a one-file run.


@lru_cache(maxsize=None)
def _string_dates_loader() -> type:
    """A safe loader that keeps dates as the strings written (the schemas check them)."""
    import yaml

    class StringDatesLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = {
            key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    return StringDatesLoader


def load_yaml(text: str, path: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML; also return the 1-based line of every key and item by its path."""
    import yaml

    loader_class = _string_dates_loader()
    try:
        node = yaml.compose(text, Loader=loader_class)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if node is None:
        return None, {}
    lines: dict[tuple, int] = {}
    _walk(node, (), lines)
    loader = loader_class("")
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, lines


def _walk(node: Any, prefix: tuple, lines: dict[tuple, int]) -> None:
    import yaml

    lines.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (key_node.value,)
            lines[key] = key_node.start_mark.line + 1
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, prefix + (index,), lines)


def line_of(lines: dict[tuple, int], path: tuple) -> Optional[int]:
    """The line of `path`, else of its closest parent."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


# ------------------------------------------------------------------- schema checks


@lru_cache(maxsize=None)
def schema_validator(name: str):
    import jsonschema

    from validator.resources import schema_path

    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def schema_errors(name: str, data: Any) -> list:
    validator = schema_validator(name)
    return sorted(validator.iter_errors(data), key=lambda error: (list(error.absolute_path), error.message))


def describe_error(error) -> str:
    """A one-line, human reading of a jsonschema error."""
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key {', '.join(repr(key) for key in extra)} (allowed: {allowed})"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(repr(v) for v in error.validator_value)}"
    if error.validator == "pattern":
        hint = error.schema.get("description") or f"expected the form {error.validator_value}"
        return f"{error.instance!r} is not valid: {hint}"
    if error.validator == "type":
        return f"{error.instance!r} is not of type {error.validator_value}"
    if error.validator == "required":
        return error.message
    if error.validator in ("oneOf", "anyOf"):
        return f"{error.schema.get('description') or error.message}"
    return error.message


def key_path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ----------------------------------------------------------------------- globs


def glob_match(pattern: str, path: str, base: Optional[Path] = None) -> bool:
    """Does `path` match `pattern`? A pattern without `/` matches the file name at any
    depth; one with `/` matches the path relative to `base` (or as given)."""
    posix = path.replace("\\", "/")
    if "/" not in pattern.rstrip("/"):
        return bool(glob_regex(pattern).match(posix.rsplit("/", 1)[-1]))
    candidates = [posix.lstrip("./") if posix.startswith("./") else posix]
    if base is not None:
        try:
            relative = os.path.relpath(os.path.abspath(path), base)
            candidates.append(relative.replace("\\", "/"))
        except ValueError:
            pass
    regex = glob_regex(pattern.lstrip("/"))
    return any(regex.match(candidate) for candidate in candidates)


# ----------------------------------------------------------------- config files


@dataclass
class ConfigFile:
    """A configuration file's validated values and the line of each key."""

    path: Optional[Path]
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)
    kind: str = "yaml"  # "yaml" or "pyproject"

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def source(self, key: str) -> str:
        if self.path is None:
            return "default"
        if self.kind == "pyproject":
            return f"{self.path} [tool.cable-lint]"
        line = self.lines.get((key,))
        return f"{self.path}:{line}" if line else str(self.path)


def find_config(start: Optional[Path] = None) -> Optional[Path]:
    """The closest configuration file from `start` (default: the working directory) up."""
    folder = (start or Path.cwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*(\"cable-lint\"|cable-lint)\s*[\].]", text, re.MULTILINE) is not None


def _toml_loads(text: str, path: Path) -> dict:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise ConfigError(
                f"{path}: reading [tool.cable-lint] needs Python 3.11+ or the 'tomli' package "
                "(pip install tomli); or put the settings in cable-lint.yaml"
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def load_config(path: Path) -> ConfigFile:
    """Read and validate one configuration file; `ConfigError` names what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration file: {error}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        document = _toml_loads(text, path)
        data = document.get("tool", {}).get("cable-lint", {})
        config = ConfigFile(path=path, values={}, kind="pyproject")
        where = f"{path} [tool.cable-lint]"
    else:
        data, lines = load_yaml(text, str(path))
        if data is None:
            data = {}
        config = ConfigFile(path=path, values={}, lines=lines)
        where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the configuration must be a mapping of keys to values")
    errors = schema_errors("config.schema.json", data)
    if errors:
        error = errors[0]
        parts = list(error.absolute_path)
        line = line_of(config.lines, tuple(parts)) if config.kind == "yaml" else None
        location = f"{path}:{line}" if line else where
        key = key_path(parts)
        subject = f"key '{key}': " if key else ""
        raise ConfigError(f"{location}: {subject}{describe_error(error)}")
    config.values = dict(data)
    return config


# ------------------------------------------------------------ effective settings


@dataclass
class Setting:
    value: Any
    source: str


@dataclass
class Settings:
    """The effective configuration: each key's value and where it came from."""

    values: dict[str, Setting]
    config: ConfigFile

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def get(self, key: str, default: Any = None) -> Any:
        setting = self.values.get(key)
        return default if setting is None else setting.value

    @property
    def exclude(self) -> list[str]:
        return list(self.get("exclude") or [])

    def to_dict(self) -> dict[str, Any]:
        return {key: setting.value for key, setting in self.values.items()}

    def hash(self) -> str:
        import hashlib

        text = json.dumps(self.to_dict(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def discover(config_option: Optional[str], isolated: bool) -> ConfigFile:
    if isolated:
        return ConfigFile(path=None)
    if config_option:
        path = Path(config_option)
        if not path.is_file():
            raise ConfigError(f"{config_option}: no such configuration file (--config)")
        return load_config(path)
    found = find_config()
    return load_config(found) if found else ConfigFile(path=None)


def _resolve(config: ConfigFile, key: str, value: Any) -> Any:
    if key not in PATH_KEYS or value is None or config.path is None:
        return value
    if isinstance(value, list):
        return [str(config.folder / item) for item in value]
    return str(config.folder / value)


def effective(config: ConfigFile, cli: dict[str, Any]) -> Settings:
    """Merge the defaults, the file and the command line (`cli`: key -> value, only
    for options given). List and mapping keys marked as extending add to the file."""
    values: dict[str, Setting] = {}
    for key, default in DEFAULTS.items():
        setting = Setting(default, "default")
        if key in config.values:
            setting = Setting(_resolve(config, key, config.values[key]), config.source(key))
        if key == "waivers" and isinstance(setting.value, str):
            setting = Setting([setting.value], setting.source)
        if key in cli and cli[key] is not None:
            given = cli[key]
            if key in ("extend-select", "ignore", "rules", "waivers", "include", "exclude") and setting.value:
                setting = Setting(list(setting.value) + list(given), f"{setting.source} + command line")
            elif key in ("severity", "per-file-ignores") and setting.value:
                merged = {**setting.value, **given}
                setting = Setting(merged, f"{setting.source} + command line")
            else:
                setting = Setting(given, "command line")
        values[key] = setting
    return Settings(values=values, config=config)
