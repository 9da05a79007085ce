"""Reports: one module per output format, all fed the same `DocumentResult`s.

    reporter = make_reporter("sarif", stream, context)
    reporter.start(); reporter.document(result) ...; reporter.finish(summary)

Formats: full, concise (human, rich); json, jsonl, sarif, github, gitlab, junit.
"""

from __future__ import annotations

from typing import IO

from validator.report.base import Reporter
from validator.report.context import ReportContext, TOOL_RULES, RuleInfo
from validator.report.summary import Summary

FORMATS: dict[str, tuple[str, str]] = {
    "full": ("validator.report.human", "FullReporter"),
    "concise": ("validator.report.human", "ConciseReporter"),
    "json": ("validator.report.json_report", "JsonReporter"),
    "jsonl": ("validator.report.jsonl", "JsonLinesReporter"),
    "sarif": ("validator.report.sarif", "SarifReporter"),
    "github": ("validator.report.github", "GithubReporter"),
    "gitlab": ("validator.report.gitlab", "GitlabReporter"),
    "junit": ("validator.report.junit", "JunitReporter"),
}

HUMAN_FORMATS = ("full", "concise")


def make_reporter(name: str, stream: IO[str], context: ReportContext) -> Reporter:
    import importlib

    module_name, class_name = FORMATS[name]
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(stream, context)


__all__ = ["FORMATS", "HUMAN_FORMATS", "Reporter", "ReportContext", "RuleInfo", "Summary", "TOOL_RULES", "make_reporter"]
