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
from pathlib import Path

from validator.audit import session


def add_arguments(parser: argparse.ArgumentParser) -> None:
    session.add_common_arguments(parser)
    parser.add_argument("--out", "-o", metavar="DIR", required=True, help="folder for the audit files")


def run(args: argparse.Namespace) -> int:
    from validator.audit.outputs import ManifestWriter, TriageWriter
    from validator.audit.runner import Run, ruleset_hash
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
    run_ = Run(args, prepared.checker, prepared.settings)
    statistics = Statistics(session.rule_codes(ruleset))
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
            report = JsonReport(report_file, ruleset, ruleset_hash(ruleset), as_of, statistics)
            if prepared.waivers is not None:
                report.unused_waivers = prepared.waivers.unused
            report.start()
            for result in run_:
                prepared.post(result)
                statistics.add(result)
                triage.add(result)
                manifest.add(result)
                report.document(result)
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

    def __init__(self, stream, ruleset, ruleset_hash: str, as_of: _dt.date, statistics) -> None:
        from validator.report import ReportContext, Summary, make_reporter

        context = ReportContext(
            ruleset=ruleset, ruleset_hash=ruleset_hash, as_of=as_of.isoformat(),
            statistics=True, extra_statistics=statistics,
        )
        self.reporter = make_reporter("json", stream, context)
        self.summary = Summary()

    def start(self) -> None:
        self.reporter.start()

    def document(self, result) -> None:
        self.summary.add(result)
        self.reporter.document(result)

    unused_waivers = None  # a callable giving the waivers that matched nothing

    def finish(self) -> None:
        if self.unused_waivers is not None:
            self.summary.unused_waivers = self.unused_waivers()
        self.reporter.finish(self.summary)
