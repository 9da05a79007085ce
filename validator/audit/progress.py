"""The progress bar on stderr: documents done, documents/s, ETA, findings so far.

Shown only when stderr is a terminal (the runner decides). The total is counted in
a background thread by a second, name-only walk of the inputs, so the bar starts at
once and gains an ETA when the count is in; `cables.csv` rows are not counted
ahead (that would mean reading the export twice), so runs over exports show no ETA.
"""

from __future__ import annotations

import threading
import time
from typing import Optional

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressBar:
    REFRESH_EVERY = 0.1  # seconds between updates of the rich task

    def __init__(self, run) -> None:
        self.run = run
        self.progress = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("[bold]{task.fields[findings]}[/] findings"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("check", total=None, rate="-", findings=0)
        self.done = 0
        self.findings = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.total: Optional[int] = None

    @classmethod
    def start(cls, run) -> "ProgressBar":
        bar = cls(run)
        bar.progress.start()
        threading.Thread(target=bar._count, daemon=True).start()
        return bar

    def _count(self) -> None:
        from validator.audit.discovery import Discovery, _is_csv

        counter = Discovery(self.run.discovery.options)
        counter._csv = lambda path: iter(())  # noqa: SLF001 - rows are not counted ahead
        total = 0
        has_csv = False
        try:
            for raw in self.run.inputs():
                if _is_csv(raw):
                    has_csv = True
                for _ in counter._input(raw):  # noqa: SLF001
                    total += 1
        except Exception:  # counting is a nicety; never let it disturb the run
            return
        if not has_csv:
            self.total = total

    def advance(self, findings: int, documents: int = 1) -> None:
        self.done += documents
        self.findings += findings
        now = time.monotonic()
        if now - self.last < self.REFRESH_EVERY:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        self.progress.update(
            self.task,
            completed=self.done,
            total=self.total,
            rate=f"{self.done / elapsed:,.0f}",
            findings=f"{self.findings:,}",
        )

    def stop(self) -> None:
        self.progress.update(self.task, completed=self.done, findings=f"{self.findings:,}")
        self.progress.stop()
