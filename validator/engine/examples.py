"""Rule examples: build each good/bad snippet into a cable text, parse it, check it.

A plain-string example replaces the rule's `examples.slot` in its `examples.template`
(see `rules/data/templates.yaml`); a mapping replaces several slots, gives the whole
`text`, the publisher metadata (`external`) or the file's cable id (`file_id`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from validator import resources
from validator.engine.errors import RuleError
from validator.engine.rule import Rule
from validator.engine.yamlfile import line_of, load_yaml
from validator.model import Document, ExternalMetadata, Finding


@dataclass
class Template:
    name: str
    layout: list[list[str]]
    slots: dict[str, Optional[str]]
    file_id: Optional[str] = None
    source: str = ""

    def render(self, replacements: dict[str, Optional[str]]) -> str:
        slots = dict(self.slots)
        slots.update(replacements)
        blocks = []
        for block in self.layout:
            parts = [slots.get(name) for name in block]
            parts = [part.rstrip("\n") for part in parts if part]
            if parts:
                blocks.append("\n".join(parts))
        return "\n\n".join(blocks) + "\n"


class Templates:
    def __init__(self, files: Iterable[Path]) -> None:
        self._templates: dict[str, Template] = {}
        for path in files:
            if not path.is_file():
                continue
            data, lines = load_yaml(path.read_text(encoding="utf-8"), str(path))
            for name, spec in (data or {}).items():
                try:
                    layout = [list(block) for block in spec["layout"]]
                    slots = dict(spec["slots"])
                except (KeyError, TypeError):
                    raise RuleError(f"template '{name}' needs 'layout' and 'slots'", str(path),
                                    line_of(lines, (name,))) from None
                missing = [s for block in layout for s in block if s not in slots]
                if missing:
                    raise RuleError(f"template '{name}': layout names slot(s) {missing} not in 'slots'",
                                    str(path), line_of(lines, (name, "layout")))
                self._templates[name] = Template(name, layout, slots, spec.get("file_id"), spec.get("source", ""))

    def get(self, name: str) -> Optional[Template]:
        return self._templates.get(name)

    def names(self) -> list[str]:
        return sorted(self._templates)


def template_files(extra_dirs: Iterable) -> list[Path]:
    folders = [resources.rules_dir()] + [Path(d) for d in extra_dirs]
    return [folder / "data" / "templates.yaml" for folder in folders]


@dataclass
class Example:
    rule: Rule
    which: str  # "good" or "bad"
    index: int
    document: Document

    @property
    def label(self) -> str:
        return f"{self.which}[{self.index}]"


def build_examples(rule: Rule, templates: Templates) -> list[Example]:
    """Documents for every example of `rule`; RuleError for an unknown template/slot."""
    spec = rule.examples
    default_template = spec.get("template")
    default_slot = spec.get("slot")
    built = []
    for which in ("good", "bad"):
        for index, example in enumerate(spec.get(which) or []):
            where = f"examples.{which}[{index}]"
            if isinstance(example, str):
                example = {default_slot: example} if default_slot else {"text": example}
            template_name = example.get("template", default_template)
            external_spec = example.get("external")
            file_id = example.get("file_id")
            note_keys = {"text", "template", "external", "file_id", "note", "encoding", "file_name"}
            replacements = {k: v for k, v in example.items() if k not in note_keys}
            if "text" in example:
                text = example["text"]
                if not text.endswith("\n"):
                    text += "\n"
                template = None
            else:
                template = templates.get(template_name) if template_name else None
                if template is None:
                    raise RuleError(f"{where}: unknown example template '{template_name}' "
                                    f"(known: {', '.join(templates.names())})", rule.path, rule.line)
                unknown = [slot for slot in replacements if slot not in template.slots]
                if unknown:
                    raise RuleError(f"{where}: template '{template.name}' has no slot '{unknown[0]}' "
                                    f"(slots: {', '.join(template.slots)})", rule.path, rule.line)
                text = template.render(replacements)
            if "file_id" not in example and template is not None:
                file_id = template.file_id
            name = example.get("file_name") or f"{file_id or 'example'}.txt"
            document = _read(text, example.get("encoding", "utf-8"), name, rule, where)
            document.path = f"{rule.path}#{where}"
            if external_spec:
                document.external = ExternalMetadata(
                    source=external_spec.get("source") or "example",
                    **{k: v for k, v in external_spec.items() if k != "source"})
            if "file_id" in example:
                document.file_cable_id = file_id
            built.append(Example(rule, which, index, document))
    return built


def _read(text: str, encoding: str, name: str, rule: Rule, where: str) -> Document:
    """The example as the reader would see it in a file (so reader notes are real too)."""
    from validator.readers import ReadError, read_bytes

    try:
        data = text.encode(encoding)
    except (LookupError, UnicodeEncodeError) as error:
        raise RuleError(f"{where}: cannot encode the example as {encoding}: {error}", rule.path, rule.line) from None
    try:
        documents = list(read_bytes(data, name))
    except ReadError as error:
        raise RuleError(f"{where}: the reader rejects the example: {error.reason}", rule.path, rule.line) from None
    if len(documents) != 1:
        raise RuleError(f"{where}: the example reads as {len(documents)} documents, not 1", rule.path, rule.line)
    return documents[0]


@dataclass
class ExampleResult:
    example: Example
    findings: list[Finding] = field(default_factory=list)  # the rule's own findings

    @property
    def passed(self) -> bool:
        fired = bool(self.findings)
        return fired if self.example.which == "bad" else not fired


def run_examples(ruleset, rule: Rule, templates: Templates) -> list[ExampleResult]:
    from validator.parse import parse_document

    results = []
    for example in build_examples(rule, templates):
        cable = parse_document(example.document)
        findings = [f for f in ruleset.check(example.document, cable, rules=[rule]) if f.code == rule.code]
        results.append(ExampleResult(example, findings))
    return results
