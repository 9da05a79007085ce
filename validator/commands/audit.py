"""Audit an archive: a declassification triage CSV, a manifest and the json report.

    cable-lint audit PATH... --out DIR [--as-of YYYY-MM-DD]

writes DIR/triage.csv (one row per document: id, path, date, origin, classification,
controls, instruction, declassification status as of the date, worst severity,
codes, and an empty disposition column), DIR/manifest.json (every input's path,
SHA-256 and size, tool version, rule-set hash, configuration hash, as-of date and the
SHA-256 of the other two files) and DIR/report.json (the json report). The exit code
is 0 when the files are written, whatever the findings; 2 on a usage or I/O error.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from validator.audit import session


def add_arguments(parser: argparse.ArgumentParser) -> None:
    session.add_common_arguments(parser)
    parser.add_argument("--out", "-o", metavar="DIR", required=True, help="folder for the audit files")


def run(args: argparse.Namespace) -> int:
    from validator.audit.outputs import ManifestWriter, TriageWriter
    from validator.audit.runner import Run, ruleset_hash
    from validator.audit.worker import Finished
    from validator.audit.stats import Statistics
    from validator.cli import UsageError

    session.require_inputs(args)
    as_of = args.as_of or _dt.date.today()
    args.as_of = as_of
    prepared = session.prepare(args, as_of)
    args, ruleset = prepared.args, prepared.ruleset
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot create the folder: {error.strerror or error}") from None

    args.hash_inputs = True  # the manifest records every input's SHA-256
    report_context = JsonReport.context_for(ruleset, ruleset_hash(ruleset), as_of)
    rule_codes = session.rule_codes(ruleset)
    finisher = AuditInWorker(prepared.post, as_of, rule_codes, report_context)
    run_ = Run(args, prepared.checker, prepared.settings, finisher=finisher)
    statistics = Statistics(rule_codes)
    paths = {name: out / name for name in ("triage.csv", "manifest.json", "report.json")}
    try:
        with open(paths["triage.csv"], "w", encoding="utf-8", newline="") as triage_file, open(
            paths["manifest.json"], "w", encoding="utf-8"
        ) as manifest_file, open(paths["report.json"], "w", encoding="utf-8") as report_file:
            triage = TriageWriter(triage_file, as_of)
            manifest = ManifestWriter(
                manifest_file,
                {
                    "as_of": as_of.isoformat(),
                    "ruleset_hash": ruleset_hash(ruleset),
                    "config_hash": run_.config_hash,
                    "arguments": {
                        "paths": list(args.paths),
                        "files_from": args.files_from,
                        "include": args.include,
                        "exclude": args.exclude,
                        "max_size": args.max_size,
                        "baseline": args.baseline,
                    },
                },
            )
            report_context.extra_statistics = statistics
            report = JsonReport(report_file, report_context)
            if prepared.waivers is not None:
                report.unused_waivers = prepared.waivers.unused
            report.start()
            outputs = AuditOutputs(statistics, triage, manifest, report, prepared.waivers)
            for result in run_:
                if type(result) is Finished:  # documents audited in a worker process
                    outputs.add_audited(result.payload)
                else:
                    prepared.post(result)
                    outputs.add(result)
            report.finish()
            triage_file.flush()
            report_file.flush()
            manifest.finish({"triage.csv": str(paths["triage.csv"]), "report.json": str(paths["report.json"])})
    except OSError as error:
        raise UsageError(f"--out {out}: cannot write: {error.strerror or error}") from None

    if not getattr(args, "quiet", False):
        counts = ", ".join(f"{count} {status}" for status, count in sorted(triage.statuses.items()))
        print(
            f"Audited {statistics.documents} documents ({statistics.not_checked} not checked) "
            f"as of {as_of.isoformat()}: {counts or 'nothing found'}."
        )
        print(f"Wrote {paths['triage.csv']}, {paths['manifest.json']} and {paths['report.json']}.")
    return 0


class JsonReport:
    """The json report of the audit, with the run's statistics in its summary."""

    def __init__(self, stream, context) -> None:
        from validator.report import Summary, make_reporter

        self.reporter = make_reporter("json", stream, context)
        self.summary = Summary()

    @staticmethod
    def context_for(ruleset, ruleset_hash: str, as_of: _dt.date):
        from validator.report import ReportContext

        return ReportContext(ruleset=ruleset, ruleset_hash=ruleset_hash, as_of=as_of.isoformat(), statistics=True)

    def start(self) -> None:
        self.reporter.start()

    def document(self, result) -> None:
        self.summary.add(result)
        self.reporter.document(result)

    def document_texts(self, texts: list[str], summary) -> None:
        """Documents a worker wrote, and their summary."""
        self.summary.merge(summary)
        self.reporter.document_texts(texts)

    unused_waivers = None  # a callable giving the waivers that matched nothing

    def finish(self) -> None:
        if self.unused_waivers is not None:
            self.summary.unused_waivers = self.unused_waivers()
        self.reporter.finish(self.summary)


@dataclass
class AuditOutputs:
    """What the parent writes, document by document or as workers made it."""

    statistics: Any
    triage: Any  # validator.audit.outputs.TriageWriter
    manifest: Any  # validator.audit.outputs.ManifestWriter
    report: JsonReport
    waivers: Any = None

    def add(self, result) -> None:
        self.statistics.add(result)
        self.triage.add(result)
        self.manifest.add(result)
        self.report.document(result)

    def add_audited(self, audited: "AuditedDocuments") -> None:
        self.statistics.merge(audited.statistics)
        self.triage.add_rows(audited.triage, audited.statuses)
        for text, container in audited.manifest:
            self.manifest.add_entry(text, container)
        self.report.document_texts(audited.report, audited.summary)
        if self.waivers is not None:
            self.waivers.add_uses(audited.waiver_uses)


@dataclass
class AuditedDocuments:
    """What a worker made of a stretch of documents: their counts, their triage rows
    (CSV text), manifest entries (text, container) and report texts."""

    statistics: Any
    summary: Any
    statuses: dict[str, int]
    triage: str
    manifest: list[tuple[str, Optional[str]]]
    report: list[str]
    waiver_uses: Optional[list[int]] = None


class AuditInWorker:
    """The per-document part of an audit, done in the worker processes, as `check`
    does with its reports: post-processing, statistics, the triage row, the manifest
    entry and the report text. The parent then only adds up counts and writes texts
    (it had been the busiest process, at about 60 us a document)."""

    reads_facts = True  # the triage row and the statistics read them

    def __init__(self, post, as_of: _dt.date, rule_codes: list[str], report_context) -> None:
        self.post = post  # validator.audit.session.PostProcess
        self.as_of = as_of
        self.rule_codes = rule_codes
        self.report_context = report_context
        self._render = None

    def __call__(self, results) -> tuple[AuditedDocuments, int]:
        from validator.audit.outputs import TriageWriter, container_of, manifest_entry
        from validator.audit.stats import Statistics
        from validator.report import Summary
        from validator.report.json_report import JsonReporter

        if self._render is None:
            self._render = JsonReporter.renderer(self.report_context)
        waivers = self.post.waivers
        uses_before = waivers.uses() if waivers is not None else None
        statistics, summary = Statistics(self.rule_codes), Summary()
        triage = TriageWriter(io.StringIO(), self.as_of, header=False)
        manifest, report = [], []
        for result in results:  # in the order the parent takes a result
            self.post(result)
            statistics.add(result)
            triage.add(result)
            manifest.append((manifest_entry(result), container_of(result.path)))
            summary.add(result)
            report.append(self._render(result))
        uses = waivers.uses_since(uses_before) if waivers is not None else None
        audited = AuditedDocuments(statistics, summary, triage.statuses, triage.stream.getvalue(), manifest, report,
                                   uses)
        return audited, summary.total

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_render": None}
