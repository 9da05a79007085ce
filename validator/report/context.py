"""What every reporter needs besides the findings: the tool, the rule metadata, the
thresholds, and small helpers shared by the formats (paths, fingerprints, line text).
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional
from urllib.parse import quote

from validator import __version__
from validator.model import Finding, Severity

TOOL_NAME = "cable-lint"
TOOL_URI = "https://github.com/cable-lint/cable-lint"
REPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class RuleInfo:
    """The metadata of one rule that reports show (SARIF rules, help lines)."""

    code: str
    name: str
    severity: str
    summary: str = ""
    description: str = ""
    rationale: str = ""
    source: str = ""
    help: str = ""
    url: str = ""


# cable-lint's own diagnostics about the run itself (family CL0xx): they come from
# inline directives, not from the rule set, so `cable-lint rule` does not list them.
TOOL_RULES: dict[str, RuleInfo] = {
    "CL001": RuleInfo(
        code="CL001",
        name="unused-directive",
        severity="warning",
        summary="An inline `cable-lint: disable` directive suppressed nothing.",
        description=(
            "A directive line names a rule that reported nothing where the directive "
            "applies, so the directive no longer does anything."
        ),
        rationale="Stale suppressions hide future findings of the same rule (ruff RUF100).",
        source="docs/waivers.md",
        help="Remove the code from the directive, or the whole directive line.",
    ),
    "CL002": RuleInfo(
        code="CL002",
        name="invalid-directive",
        severity="warning",
        summary="A `cable-lint:` line that is not a directive cable-lint understands.",
        description=(
            "Directive lines read `cable-lint: disable CODE[, CODE...]` or "
            "`cable-lint: disable-next-line CODE[, CODE...]`, on a line of their own."
        ),
        rationale="A misspelt directive silently suppresses nothing.",
        source="docs/waivers.md",
        help="Write `cable-lint: disable CL301` or `cable-lint: disable-next-line CL301`.",
    ),
}


def rule_info(ruleset: Any, code: str, finding: Optional[Finding] = None) -> RuleInfo:
    """Metadata for `code` from the rule set, the tool's own rules, or the finding."""
    if code in TOOL_RULES:
        return TOOL_RULES[code]
    rule = _rule_of(ruleset, code)
    if rule is not None:
        severity = getattr(rule, "severity", "warning")
        return RuleInfo(
            code=code,
            name=str(getattr(rule, "name", "") or ""),
            severity=getattr(severity, "value", str(severity)),
            summary=str(getattr(rule, "summary", "") or ""),
            description=str(getattr(rule, "description", "") or ""),
            rationale=str(getattr(rule, "rationale", "") or ""),
            source=_text(getattr(rule, "source", "")),
            help=str(getattr(rule, "help", "") or ""),
            url=str(getattr(rule, "url", "") or ""),
        )
    if finding is not None:
        return RuleInfo(code=code, name=finding.name, severity=finding.severity.value)
    return RuleInfo(code=code, name="", severity="warning")


def _rule_of(ruleset: Any, code: str) -> Any:
    if ruleset is None or not hasattr(ruleset, "get"):
        return None
    try:
        return ruleset.get(code)
    except (KeyError, LookupError):
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value)
    return str(value)


@dataclass
class ReportContext:
    """The run's settings that shape every report."""

    ruleset: Any = None
    ruleset_hash: str = ""
    as_of: Optional[str] = None
    fail_on: Severity = Severity.ERROR
    min_severity: Severity = Severity.INFO
    quiet: bool = False
    statistics: bool = False
    tool_version: str = __version__
    cwd: str = field(default_factory=os.getcwd)
    extra_statistics: Any = None  # validator.audit.stats.Statistics, when available

    _rule_infos: dict = field(default_factory=dict, repr=False, compare=False)

    def rule(self, code: str, finding: Optional[Finding] = None) -> RuleInfo:
        info = self._rule_infos.get(code)
        if info is None:
            info = rule_info(self.ruleset, code, finding)
            if code in TOOL_RULES or _rule_of(self.ruleset, code) is not None:
                self._rule_infos[code] = info  # the same for every finding of the code
        return info

    def enabled_rules(self) -> list[RuleInfo]:
        rules = getattr(self.ruleset, "rules", None) or []
        infos = [self.rule(getattr(rule, "code")) for rule in rules]
        return sorted(infos, key=lambda info: info.code)


# ------------------------------------------------------------------------ helpers


def report_path(path: str, cwd: Optional[str] = None) -> str:
    """A path for machine reports: relative to the working directory when inside it,
    forward slashes, no leading `./`."""
    cwd = cwd or os.getcwd()
    member = ""
    for marker in ("!", "#"):
        # `archive.zip!member`, `cables.csv#row 12`: relativise the file part only
        if marker in path and not os.path.exists(path):
            path, member = path.split(marker, 1)
            member = marker + member
            break
    if os.path.isabs(path):
        path = relative_inside(path, cwd)
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix + member


@functools.lru_cache(maxsize=8)
def _normal_path(path: str) -> str:
    return os.path.normpath(path)


def relative_inside(path: str, cwd: str) -> str:
    """`os.path.relpath(path, cwd)` when `path` is inside `cwd`, else `path` as given."""
    folder = _normal_path(cwd)
    # an absolute path without `//`, `/.` or a trailing `/` is already normal
    normal = path if "//" not in path and "/." not in path and not path.endswith("/") else os.path.normpath(path)
    if os.sep == "/" and os.path.isabs(folder):  # lexical, as relpath is, without its cost
        prefix = folder if folder.endswith("/") else folder + "/"
        if normal.startswith(prefix):
            return normal[len(prefix):]
        return "." if normal == folder else path
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def path_uri(path: str) -> str:
    """A relative URI reference for SARIF."""
    return quote(path, safe="/!#:@")


SUPPRESSED_BY = "suppressed_by"  # Finding.extra: "waiver", "inline" or "baseline"
SUPPRESSION = "suppression"  # Finding.extra: details (justification, by, date, file, line)


def suppression_of(finding: Finding) -> dict:
    """How a suppressed finding was suppressed: {"kind": ..., details...}."""
    extra = finding.extra or {}
    details = extra.get(SUPPRESSION)
    details = dict(details) if isinstance(details, dict) else {}
    kind = extra.get(SUPPRESSED_BY) or details.get("kind") or "baseline"
    details["kind"] = str(kind)
    return {"kind": details.pop("kind"), **details}


def mark_suppressed(finding: Finding, kind: str, **details: Any) -> Finding:
    """A copy of `finding` marked as suppressed (the baseline marks its own)."""
    extra = {**finding.extra, SUPPRESSED_BY: kind, SUPPRESSION: {"kind": kind, **details}}
    return finding.with_extra(extra)


def finding_key(finding: Finding) -> str:
    """What a finding is about, without its line number: the pipeline's fingerprint
    (rule, subject, document identity and the text of its line) when present, else
    the rule's subject, else the text of its line, else its message."""
    extra = finding.extra or {}
    if extra.get("fingerprint"):
        return str(extra["fingerprint"])
    if finding.subject:
        return finding.subject
    line_text = extra.get("line_text")
    if line_text:
        return " ".join(str(line_text).split())
    return finding.message


def fingerprints(path: str, findings: Iterable[Finding]) -> list[str]:
    """One stable fingerprint per finding, unique within the report: a hash of the
    rule, the path, what the finding is about and its occurrence index among
    findings with the same rule and subject. Line numbers play no part."""
    seen: dict[tuple[str, str], int] = {}
    taken: set[str] = set()
    prints = []
    for finding in findings:
        key = (finding.code, finding_key(finding))
        index = seen.get(key, 0)
        seen[key] = index + 1
        salt = 0
        while True:
            material = "\x1f".join([finding.code, path, key[1], str(index), str(salt)])
            digest = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            if digest not in taken:
                break
            salt += 1
        taken.add(digest)
        prints.append(digest)
    return prints


def severity_at_least(severity: Severity, threshold: Severity) -> bool:
    return severity.rank >= threshold.rank


def plural(count: int, word: str, plural_word: Optional[str] = None) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {plural_word or word + 's'}"
