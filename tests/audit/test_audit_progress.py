"""The progress bar: on stderr when it is a terminal, never otherwise."""

from __future__ import annotations

import io

from audit_support import many_cables
from validator.audit.runner import RunOptions, iter_results


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(ruleset, path, progress=True):
    return list(iter_results(RunOptions(paths=[str(path)], jobs=1, cache=False, progress=progress), ruleset))


def test_progress_on_a_terminal(tmp_path, ruleset, monkeypatch):
    many_cables(tmp_path, copies=2)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    results = run(ruleset, tmp_path)
    shown = terminal.getvalue()
    assert "docs/s" in shown and "findings" in shown and "ETA" in shown
    assert len(results) == 2 * len(list((tmp_path / "batch00").iterdir()))


def test_no_progress_when_not_a_terminal_or_switched_off(tmp_path, ruleset, monkeypatch):
    many_cables(tmp_path, copies=1)
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    run(ruleset, tmp_path)
    assert pipe.getvalue() == ""
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    run(ruleset, tmp_path, progress=False)  # --no-progress / --quiet
    assert terminal.getvalue() == ""
