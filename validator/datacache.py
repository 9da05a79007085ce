"""A JSON copy of parsed data files (vocabularies) in the user's cache folder.

Reading a vocabulary of thousands of entries as YAML costs tens of milliseconds, which a
one-file run pays again each time; the same data read back from JSON costs a few. The
copy is keyed by the file's bytes, so an edited file is read again. A cache that cannot
be written (read-only home) is skipped silently: the file is simply parsed each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional

FORMAT_VERSION = "1"  # bump when the cached shape of a file changes


def cache_root() -> Optional[Path]:
    """`$CABLE_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/cable-lint`, else `~/.cache/cable-lint`;
    None when `CABLE_LINT_NO_RULE_CACHE` is set."""
    if os.environ.get("CABLE_LINT_NO_RULE_CACHE"):
        return None
    explicit = os.environ.get("CABLE_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cable-lint"


def load_cached(path: Path, parse: Callable[[str], Any], kind: str = "data") -> Any:
    """`parse(text of path)`, or its JSON copy from an earlier run on the same bytes."""
    raw = path.read_bytes()
    root = cache_root()
    if root is None:
        return parse(raw.decode("utf-8"))
    digest = hashlib.sha256(FORMAT_VERSION.encode() + kind.encode() + b"\0" + raw).hexdigest()[:32]
    copy = root / kind / f"{digest}.json"
    try:
        return json.loads(copy.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(raw.decode("utf-8"))
    _write(copy, data)
    return data


def _write(copy: Path, data: Any) -> None:
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):  # not JSON data: parsed again next time
        return
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("w", dir=copy.parent, delete=False, suffix=".tmp", encoding="utf-8")
    except OSError:
        return
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, copy)
    except OSError:  # a full disk: leave no half-written file behind
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
