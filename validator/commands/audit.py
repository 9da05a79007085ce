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
    """The report helper's json reporter when it is there; a minimal one otherwise."""

    def __init__(self, stream, ruleset, ruleset_hash: str, as_of: _dt.date, statistics) -> None:
        self.stream = stream
        self.statistics = statistics
        try:
            from validator.report import ReportContext, Summary, make_reporter
        except ImportError:
            self.reporter = None
            self.head = {"tool": "cable-lint", "ruleset_hash": ruleset_hash, "as_of": as_of.isoformat()}
            self.count = 0
            return
        context = ReportContext(
            ruleset=ruleset, ruleset_hash=ruleset_hash, as_of=as_of.isoformat(),
            statistics=True, extra_statistics=statistics,
        )
        self.reporter = make_reporter("json", stream, context)
        self.summary = Summary()

    def start(self) -> None:
        if self.reporter is not None:
            self.reporter.start()
        else:
            import json

            text = json.dumps(self.head, indent=2)
            self.stream.write(text[: text.rstrip().rfind("}")].rstrip() + ',\n  "documents": [')

    def document(self, result) -> None:
        if self.reporter is not None:
            self.summary.add(result)
            self.reporter.document(result)
            return
        import json

        data = {
            "path": result.path,
            "document_id": result.document_id,
            "checked": result.not_checked is None,
            "not_checked": result.not_checked,
            "findings": [_finding(f) for f in result.findings],
            "suppressed": [_finding(f) for f in result.suppressed],
        }
        self.stream.write(("," if self.count else "") + "\n    " + json.dumps(data, ensure_ascii=False))
        self.count += 1

    unused_waivers = None  # a callable giving the waivers that matched nothing

    def finish(self) -> None:
        if self.reporter is not None:
            if self.unused_waivers is not None:
                self.summary.unused_waivers = self.unused_waivers()
            self.reporter.finish(self.summary)
            return
        import json

        tail = json.dumps({"statistics": self.statistics.to_dict()}, indent=2).strip()[1:-1]
        self.stream.write("\n  ],\n" + tail.strip("\n") + "\n}\n")


def _finding(finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.span.line,
        "column": finding.span.column,
        "fingerprint": finding.extra.get("fingerprint"),
    }

