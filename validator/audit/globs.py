"""Glob patterns for `--include`, `--exclude`, the config's `exclude` and
`.cable-lint-ignore` files, with gitignore's meaning:

- `*` and `?` stay within one path segment, `**` spans segments;
- a pattern without a slash matches a name at any depth (`*.bak`, `drafts`);
- a pattern with a slash is anchored at the folder of the ignore file (or the
  input root): `2007/*.html`, `/old`;
- a trailing `/` matches folders only; `!pattern` re-includes what an earlier
  pattern excluded; `#` starts a comment line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

IGNORE_FILE = ".cable-lint-ignore"


@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> re.Pattern:
    """A glob (`*`, `?`, `**/`, `[...]`) as a regex matching a whole POSIX path."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", index + 1)
            if close == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = close
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class Pattern:
    """One parsed pattern line."""

    regex: re.Pattern
    anchored: bool  # contains a slash: match the whole relative path
    negated: bool
    directory_only: bool

    @classmethod
    def parse(cls, line: str) -> Optional["Pattern"]:
        text = line.rstrip("\n").rstrip()
        if not text or text.startswith("#"):
            return None
        negated = text.startswith("!")
        if negated:
            text = text[1:]
        text = text.replace("\\", "/")
        directory_only = text.endswith("/")
        text = text.rstrip("/")
        if text.startswith("./"):
            text = text[2:]
        anchored = "/" in text
        text = text.lstrip("/")
        if not text:
            return None
        return cls(glob_regex(text), anchored, negated, directory_only)

    def matches(self, relative: str, is_dir: bool) -> bool:
        if self.directory_only and not is_dir:
            return False
        if self.anchored:
            return self.regex.match(relative) is not None
        name = relative.rsplit("/", 1)[-1]
        return self.regex.match(name) is not None


class PatternSet:
    """An ordered list of patterns; the last one that matches decides."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self.patterns = [p for p in (Pattern.parse(line) for line in lines) if p]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def decide(self, relative: str, is_dir: bool) -> Optional[bool]:
        """True = excluded, False = re-included, None = no pattern matched."""
        verdict = None
        for pattern in self.patterns:
            if pattern.matches(relative, is_dir):
                verdict = not pattern.negated
        return verdict

    def matches(self, relative: str, is_dir: bool = False) -> bool:
        return bool(self.decide(relative, is_dir))

    @classmethod
    def from_file(cls, path: Path) -> "PatternSet":
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return cls()
        return cls(text.splitlines())
