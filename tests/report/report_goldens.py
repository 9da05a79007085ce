"""Golden files: the output of every format on a fixed set of real cables.

Each case runs the real command (`python -m validator ...`) from the repository
root with relative paths, `--isolated`, `--no-cache`, a fixed `--as-of` and a fixed
terminal width, and records the arguments, the exit code, stdout and stderr. The
tool version and the rule set hash are replaced by `<VERSION>` and `<RULESET-HASH>`
so that the goldens change only when what users see changes; so is the list of rules
that never fired in `--statistics` (`<RULES-NOT-FIRED>`).

Regenerate after a deliberate change (then read the diff):

    python tests/report/regenerate.py
    # or: CABLE_LINT_UPDATE_GOLDENS=1 python -m pytest tests/report
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = Path(__file__).resolve().parent / "goldens"
CABLES = "tests/fixtures/cables"
WAIVERS = "tests/fixtures/waivers/goldens.yaml"
AS_OF = "2026-01-15"

# clean: the seed; defective: a page carrying Islamabad's cable (10MEXICO614), a page
# carrying Beijing's cable (05MUSCAT679), a page whose metadata says SECRET for a
# CONFIDENTIAL cable (08RABAT727, HTML with its one-line <pre> blocks).
INPUTS = [
    f"{CABLES}/07MUSCAT193.md",
    f"{CABLES}/10MEXICO614.txt",
    f"{CABLES}/05MUSCAT679.txt",
    f"{CABLES}/08RABAT727.html",
]
COMMON = ["--isolated", "--no-cache", "--jobs", "1", "--as-of", AS_OF]

CASES: dict[str, list[str]] = {
    "full": ["--format", "full", *INPUTS],
    "concise": ["--format", "concise", *INPUTS],
    "concise-statistics": ["--format", "concise", "--statistics", *INPUTS],
    "json": ["--format", "json", *INPUTS],
    "jsonl": ["--format", "jsonl", *INPUTS],
    "sarif": ["--format", "sarif", *INPUTS],
    "github": ["--format", "github", *INPUTS],
    "gitlab": ["--format", "gitlab", *INPUTS],
    "junit": ["--format", "junit", *INPUTS],
    "json-waived": ["--format", "json", "--waivers", WAIVERS, *INPUTS],
    "sarif-waived": ["--format", "sarif", "--waivers", WAIVERS, *INPUTS],
    "github-waived": ["--format", "github", "--waivers", WAIVERS, *INPUTS],
    "full-seed": ["--format", "full", INPUTS[0]],
}


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    env.update({"COLUMNS": "100", "LINES": "50", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"})
    env.pop("GITHUB_ACTIONS", None)
    return env


def run_case(name: str) -> str:
    args = COMMON + CASES[name]
    process = subprocess.run(
        [sys.executable, "-m", "validator", *args],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return render(args, process.returncode, process.stdout, process.stderr)


def render(args: list[str], code: int, stdout: str, stderr: str) -> str:
    text = (
        f"# cable-lint {' '.join(args)}\n"
        f"# exit code: {code}\n"
        f"# ---- stdout ----\n{stdout}"
        f"# ---- stderr ----\n{stderr}"
    )
    return normalise(text)


def normalise(text: str) -> str:
    """Replace the tool version and the rule set hash, which change with every release
    and every rule edit, by placeholders."""
    from validator import __version__

    text = re.sub(r'"(ruleset_hash|rulesetHash)": "[^"]*"', r'"\1": "<RULESET-HASH>"', text)
    # --statistics lists every rule that did not fire: it changes whenever a rule is added
    text = re.sub(r"^rules that never fired: .*$", "rules that never fired: <RULES-NOT-FIRED>", text, flags=re.MULTILINE)
    for pattern in (f'"version": "{__version__}"', f'"semanticVersion": "{__version__}"'):
        text = text.replace(pattern, pattern.replace(__version__, "<VERSION>"))
    return text


def golden_path(name: str) -> Path:
    return GOLDEN_DIR / f"{name}.golden"


def update_requested() -> bool:
    return os.environ.get("CABLE_LINT_UPDATE_GOLDENS", "") not in ("", "0")


def write_all() -> list[Path]:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for name in CASES:
        path = golden_path(name)
        path.write_text(run_case(name), encoding="utf-8", newline="\n")
        written.append(path)
    return written
