"""The encoded form of a result, as workers send it and the cache keeps it."""

from __future__ import annotations

import copy
import json

from audit_support import DATA
from validator.audit import codec
from validator.commands.check import DocumentAwareRuleSet
from validator.engine import load_ruleset
from validator.lint import lint_document
from validator.readers import read_bytes


def _results(tmp_path):
    """Real results with the bundled rules: text files, an HTML page (its lines are
    mapped back to the file), and a draft with inline directives (one suppresses a
    finding, one is unused)."""
    draft = tmp_path / "05MUSCAT679-draft.txt"
    text = (DATA / "05MUSCAT679.txt").read_text(encoding="utf-8")
    draft.write_text(text + "\ncable-lint: disable CL701, CL208\n", encoding="utf-8")
    checker = DocumentAwareRuleSet(load_ruleset())
    paths = sorted(DATA.glob("*.txt")) + sorted(DATA.glob("*.html")) + [draft]
    for path in paths:
        for document in read_bytes(path.read_bytes(), str(path)):
            yield lint_document(document, checker), document


def _described(result):
    def finding(f):
        return (f.code, f.name, f.severity, f.message, tuple(f.span), f.help, f.subject,
                json.dumps(f.extra, sort_keys=True))
    return (result.path, result.document_id, result.not_checked,
            [finding(f) for f in result.findings], [finding(f) for f in result.suppressed])


def test_a_fresh_result_finished_in_place_equals_its_trip_through_the_encoded_form(tmp_path):
    seen = 0
    for result, document in _results(tmp_path):
        travelled = codec.decode(result.path, codec.Fresh(copy.deepcopy(result), document).encoded())
        finished = codec.Fresh(result, document).finished()
        assert _described(finished) == _described(travelled)
        assert travelled.facts == finished.facts
        seen += len(finished.findings)
        assert all(f.extra["fingerprint"] for f in finished.findings)
    assert seen > 20


def test_facts_can_be_left_out_when_decoding(tmp_path):
    result, document = next(_results(tmp_path))
    encoded = codec.encode(result, document)
    assert codec.decode(result.path, encoded).facts == json.loads(json.dumps(result.facts))
    assert codec.decode(result.path, encoded, facts=False).facts == {}
    assert _described(codec.decode(result.path, encoded, facts=False)) == _described(codec.decode(result.path, encoded))


def test_a_damaged_text_decodes_to_a_document_not_checked(tmp_path):
    result, document = next(_results(tmp_path))
    encoded = codec.encode(result, document)
    main, _, facts = encoded.partition("\x1d")
    damaged = [
        "",  # nothing
        main[: len(main) // 2],  # cut short
        main + " trailing",  # more after the value
        json.dumps({"not": "a list"}),
        json.dumps([None, None, [["CL101", "too", "few"]], []]),
        main.replace('"warning"', '"fatal"').replace('"info"', '"fatal"').replace('"error"', '"fatal"')
        + "\x1d" + facts,  # a severity that does not exist
        main + "\x1d{facts",  # facts cut short (read only when asked for)
    ]
    for text in damaged:
        decoded = codec.decode("a/09ROME1048.txt", text)
        assert decoded.path == "a/09ROME1048.txt"
        assert decoded.not_checked == codec.DAMAGED_ENTRY, text
        assert decoded.findings == []
    assert codec.decode("a/09ROME1048.txt", main + "\x1d{facts", facts=False).not_checked is None
