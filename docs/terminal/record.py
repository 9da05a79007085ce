"""Record what users see: the `full` report of the seed and of defective cables,
as SVG (rich's export) and plain text, for docs/usage.md and the README.

    python docs/terminal/record.py

Runs the real command from the repository root, with colour forced and a fixed width.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CABLES = ROOT / "tests" / "fixtures" / "cables"  # run from here, so paths are short
COMMON = ["--isolated", "--no-cache", "--jobs", "1", "--format", "full"]
RECORDINGS = {
    "seed": ["07MUSCAT193.md"],
    "defective": ["10MEXICO614.txt", "05MUSCAT679.txt", "08RABAT727.html"],
}
WIDTH = 110


def run(paths: list[str]) -> str:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env.update({"FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "TERM": "xterm-256color"})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    process = subprocess.run(
        [sys.executable, "-m", "validator", *COMMON, *paths],
        cwd=CABLES, env=env, capture_output=True, text=True, encoding="utf-8",
    )
    return process.stdout + process.stderr


def record(name: str, paths: list[str]) -> None:
    ansi = run(paths)
    console = Console(record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=open(os.devnull, "w"))
    console.print(Text(f"$ cable-lint {' '.join(paths)}", style="bold"))
    console.print(Text.from_ansi(ansi.rstrip("\n")))
    console.save_svg(str(HERE / f"{name}.svg"), title=f"cable-lint {' '.join(Path(p).name for p in paths)}", clear=False)
    console.save_text(str(HERE / f"{name}.txt"))
    print(f"wrote docs/terminal/{name}.svg and {name}.txt")


if __name__ == "__main__":
    for recording, inputs in RECORDINGS.items():
        record(recording, inputs)
