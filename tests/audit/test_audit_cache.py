"""The content-hash cache: warm runs replay results; rule, config or content changes miss."""

from __future__ import annotations

from audit_support import DATA, EoRuleSet, dump
from validator.audit import codec
from validator.audit.cache import cache_file
from validator.audit.runner import Run, RunOptions


def run(ruleset, path, cache_dir, config=None, jobs=1):
    options = RunOptions(paths=[str(path)], jobs=jobs, cache=True, cache_dir=str(cache_dir), progress=False,
                         cache_min_documents=0)
    run_ = Run(options, ruleset, config)
    results = list(run_)
    return run_, results


def test_warm_run_replays_every_result(cables, tmp_path, ruleset):
    cache_dir = tmp_path / "cache"
    cold, first = run(ruleset, cables, cache_dir)
    warm, second = run(ruleset, cables, cache_dir)
    assert cold.cache_hits == 0
    assert warm.cache_hits == len(second) == len(first)
    assert dump(first) == dump(second)


def test_changed_rule_set_or_config_does_not_reuse_results(cables, tmp_path):
    cache_dir = tmp_path / "cache"
    run(EoRuleSet("1"), cables, cache_dir)
    changed_rules, _ = run(EoRuleSet("2"), cables, cache_dir)
    assert changed_rules.cache_hits == 0
    changed_config, _ = run(EoRuleSet("1"), cables, cache_dir, config={"select": ["CL091"]})
    assert changed_config.cache_hits == 0
    same, _ = run(EoRuleSet("1"), cables, cache_dir)
    assert same.cache_hits > 0


def test_changed_content_is_checked_again(cables, tmp_path, ruleset):
    cache_dir = tmp_path / "cache"
    run(ruleset, cables, cache_dir)
    target = cables / "09ROME1048.txt"
    target.write_bytes((DATA / "86MADRID5480.txt").read_bytes())
    again, results = run(ruleset, cables, cache_dir)
    assert again.cache_hits == len(results) - 1
    changed = next(r for r in results if r.path == str(target))
    assert [f.code for f in changed.findings] == ["CL092"]


def test_same_bytes_under_another_name_keep_their_own_id(tmp_path, ruleset):
    cache_dir = tmp_path / "cache"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "86MADRID5480.txt").write_bytes((DATA / "86MADRID5480.txt").read_bytes())
    run(ruleset, folder, cache_dir)
    (folder / "86MADRID5480.txt").rename(folder / "86MADRID9999.txt")
    again, (result,) = run(ruleset, folder, cache_dir)
    assert result.path.endswith("86MADRID9999.txt")
    assert again.cache_hits == 0  # the file name is part of the key: the parser reads ids from it


def test_corrupt_cache_is_replaced_with_a_warning(cables, tmp_path, ruleset, capsys):
    cache_dir = tmp_path / "cache"
    reference, first = run(ruleset, cables, cache_dir)
    path = cache_file(cache_dir, reference.namespace)
    path.write_bytes(b"this is not a database" * 100)
    for sidecar in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        sidecar.unlink(missing_ok=True)
    _, second = run(ruleset, cables, cache_dir)
    assert "warning: cache" in capsys.readouterr().err
    assert dump(first) == dump(second)


def test_a_damaged_entry_reports_its_document_not_checked_and_the_run_goes_on(cables, tmp_path, ruleset):
    import sqlite3

    cache_dir = tmp_path / "cache"
    reference, first = run(ruleset, cables, cache_dir)
    connection = sqlite3.connect(cache_file(cache_dir, reference.namespace))
    with connection:
        key, value = connection.execute("SELECT key, value FROM results ORDER BY key LIMIT 1").fetchone()
        connection.execute("UPDATE results SET value = ? WHERE key = ?", (value[: len(value) // 2], key))
    connection.close()
    for jobs in (1, 2):
        warm, second = run(ruleset, cables, cache_dir, jobs=jobs)
        assert warm.cache_hits == len(second) == len(first)
        damaged = [result for result in second if result.not_checked is not None]
        assert [result.not_checked for result in damaged] == [codec.DAMAGED_ENTRY]
        assert dump([r for r in first if r.path != damaged[0].path]) == dump([r for r in second if r is not damaged[0]])


def test_unwritable_cache_dir_is_a_warning_not_a_failure(cables, tmp_path, ruleset, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    _, results = run(ruleset, cables, blocker / "cache")
    assert "running without the cache" in capsys.readouterr().err
    assert all(r.not_checked is None for r in results)


def test_parallel_run_uses_the_cache_too(tmp_path, ruleset):
    from audit_support import many_cables

    many_cables(tmp_path / "in", copies=6)
    cache_dir = tmp_path / "cache"
    _, first = run(ruleset, tmp_path / "in", cache_dir, jobs=2)
    warm, second = run(ruleset, tmp_path / "in", cache_dir, jobs=2)
    assert warm.cache_hits == len(second)
    assert dump(first) == dump(second)


def test_small_runs_do_not_use_the_cache(cables, tmp_path, ruleset):
    cache_dir = tmp_path / "cache"
    options = RunOptions(paths=[str(cables)], jobs=1, cache=True, cache_dir=str(cache_dir), progress=False)
    assert len(list(Run(options, ruleset))) < options.cache_min_documents
    assert not cache_dir.exists()


def test_files_that_are_not_cables_are_reported_again_on_a_warm_run(cables, tmp_path, ruleset):
    """A file is sniffed (binary, empty, no cable marking) only when the cache has no
    result for it: such files are never stored, so every run reports them."""
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(cables, folder)
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 \x00\x01\x02")
    (folder / "empty.txt").write_bytes(b"  \n")
    (folder / "notes.dat").write_text("minutes of a meeting, no markings", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    cold, first = run(ruleset, folder, cache_dir)
    warm, second = run(ruleset, folder, cache_dir)
    reasons = {result.path.rsplit("/", 1)[-1]: result.not_checked for result in second if result.not_checked}
    assert reasons == {
        "scan.txt": "binary: not a text file",
        "empty.txt": "unknown form: empty file",
        "notes.dat": "unknown form: a '.dat' file with no cable marking in it",
    }
    assert dump(first) == dump(second)
    assert warm.cache_hits == len(second) - 3


def test_a_warm_worker_looks_files_up_a_few_at_a_time(tmp_path, ruleset, monkeypatch):
    """With a cache, a worker reads a few files ahead and asks for their keys in one
    query; its results are those of one lookup per file, and it never reads more than
    READ_AHEAD_FILES files ahead of the one it checks."""
    from audit_support import many_cables

    from validator.audit import cache as cache_module
    from validator.audit import worker as worker_module
    from validator.audit.discovery import Discovery, DiscoveryOptions
    from validator.audit.worker import Checker, WorkerSetup

    many_cables(tmp_path / "in", copies=8)
    (tmp_path / "in" / "batch03" / "gone.txt").write_text("UNCLASSIFIED\n", encoding="utf-8")
    items = list(Discovery(DiscoveryOptions()).items([str(tmp_path / "in")]))
    (tmp_path / "in" / "batch03" / "gone.txt").unlink()  # unreadable by the time it is read
    cold, _ = run(ruleset, tmp_path / "in", tmp_path / "cache")
    setup = WorkerSetup(ruleset, str(cache_file(tmp_path / "cache", cold.namespace)), cold.namespace, None)
    queries = []
    get_many = cache_module.CacheReader.get_many
    monkeypatch.setattr(cache_module.CacheReader, "get_many", lambda self, keys: (queries.append(len(keys)),
                                                                                  get_many(self, keys))[1])
    one_by_one = Checker(setup)
    one_by_one.cache.get_many = None  # not used by run()
    expected = [one_by_one.run(item)[:3] for item in items]
    looked_up = [output[:3] for output in Checker(setup).run_all(items)]
    assert looked_up == expected
    assert sum(hit for _, _, hit in looked_up) == len(items) - 1
    assert max(queries) == worker_module.READ_AHEAD_FILES and len(queries) == -(-len(items) // max(queries))
