"""Time cable-lint over the synthetic archive and write docs/performance.md.

    python benchmarks/build_archive.py --workdir /tmp/cable-lint-bench
    python benchmarks/run_benchmarks.py --workdir /tmp/cable-lint-bench [--jobs 2]

Runs, each as its own process (wall time; peak memory of the whole process tree,
sampled from /proc every 50 ms, as the sum of RSS and the sum of PSS, which counts
pages shared between the parent and its forked workers once):

1. the floor program (read, decode, one regex; benchmarks/floor.py) over tree/;
2. the full rule set over tree/ (250,000 files) and tree-25k/ with --jobs N, no cache,
   writing the json report;
3. the same over cables.csv;
4. a cold run that fills a fresh cache, then a warm re-run;
5. one file, `cable-lint one.txt`, against `python -c "import rich, yaml, jsonschema"`
   (median of 15 runs each);
6. parse throughput over ../shared/corpus/txt (in process) and the rule-set load time;
7. a profile of an in-process run over 5,000 cables, by module.

Not a test: the figures depend on the machine. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as _dt
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
PYTHON = sys.executable
CABLE_LINT = [PYTHON, "-m", "validator"]


# ------------------------------------------------------------------ measuring


def _tree(pid: int) -> list[int]:
    pids = [pid]
    index = 0
    while index < len(pids):
        current = pids[index]
        index += 1
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pids.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return pids


def _memory(pids: list[int]) -> tuple[int, int]:
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss * 1024, pss * 1024


class RunFailed(RuntimeError):
    pass


def _peaks_by_tenth(timeline: list[tuple[float, int]]) -> list[float]:
    """The peak PSS (MB) over each tenth of a run's samples."""
    if not timeline:
        return []
    size = len(timeline) / 10
    tenths = [timeline[int(index * size): max(int((index + 1) * size), int(index * size) + 1)] for index in range(10)]
    return [round(max(pss for _, pss in part) / 1e6, 1) for part in tenths if part]


def measure(command: list[str], **kwargs) -> dict:
    """Run `command`; wall seconds and peak memory of its process tree. Exit code 2
    (a usage, rule or I/O error) stops the benchmark: its time would mean nothing."""
    peak = {"rss": 0, "pss": 0}
    timeline: list[tuple[float, int]] = []  # (seconds, PSS) twice a second
    # The previous run's written files (a report, the cache) go to disk first: their
    # write-back would otherwise compete with this run for the disk.
    if hasattr(os, "sync"):
        os.sync()
    load_before = os.getloadavg()[0]
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    done = threading.Event()

    def sample() -> None:
        last = 0.0
        while not done.is_set():
            rss, pss = _memory(_tree(process.pid))
            peak["rss"] = max(peak["rss"], rss)
            peak["pss"] = max(peak["pss"], pss)
            now = time.perf_counter() - started
            if now - last >= 0.5:
                timeline.append((now, pss))
                last = now
            done.wait(0.2)  # each sample costs ~1.3 ms of CPU (smaps_rollup): ~0.7% of a CPU at 5 a second

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    if process.returncode not in (0, 1):
        raise RunFailed(f"{' '.join(map(str, command))} exited {process.returncode}: {err.strip()[-2000:]}")
    tenths = _peaks_by_tenth(timeline)
    return {
        "pss_first_tenth_mb": tenths[0] if tenths else 0.0,  # peak over the first tenth of the run
        "pss_last_tenth_mb": tenths[-1] if tenths else 0.0,  # ... and over the last tenth
        "pss_by_tenth_mb": tenths,
        "command": " ".join(str(part) for part in command),
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),  # user + system of the whole tree: robust to a busy machine
        "load_before": round(load_before, 2),
        "peak_rss_mb": round(peak["rss"] / 1e6, 1),
        "peak_pss_mb": round(peak["pss"] / 1e6, 1),
        "exit": process.returncode,
        "stdout_tail": out.strip().splitlines()[-1:] if out.strip() else [],
        "stderr_tail": err.strip().splitlines()[-3:] if err.strip() else [],
    }


def median_time(command: list[str], runs: int, **kwargs) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


# ------------------------------------------------------------------ in process


def parse_throughput(corpus: Path) -> dict:
    from validator.parse import parse_document
    from validator.readers import read_bytes

    documents = []
    size = 0
    for path in sorted((corpus / "txt").glob("*.txt")):
        data = path.read_bytes()
        size += len(data)
        documents.extend(read_bytes(data, str(path)))
    started = time.perf_counter()
    for document in documents:
        parse_document(document)
    elapsed = time.perf_counter() - started
    return {
        "cables": len(documents),
        "seconds": round(elapsed, 2),
        "cables_per_s": round(len(documents) / elapsed),
        "mb_per_s": round(size / 1e6 / elapsed, 1),
    }


def ruleset_load_time(cwd: Path, env: dict) -> dict:
    code = (
        "import time; t = time.perf_counter(); from validator.engine import load_ruleset; "
        "r = load_ruleset(); print(time.perf_counter() - t, len(r.rules))"
    )
    values, rules = [], 0
    for _ in range(5):
        out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=cwd, env=env,
                             check=True).stdout.split()
        values.append(float(out[0]))
        rules = int(out[1])
    return {"seconds": round(statistics.median(values), 3), "rules": rules}


def profile_by_module(root: Path, limit: int) -> list[tuple[str, float, float]]:
    """(module, own seconds, share) of a whole `cable-lint --jobs 1` run, report
    included, over `limit` files, in this process under cProfile."""
    from validator.cli import main as cable_lint

    files = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        files.extend(os.path.join(folder, name) for name in sorted(names))
        if len(files) >= limit:
            break
    listing = root.parent / "profile-files.txt"
    listing.write_text("\n".join(files[:limit]) + "\n")
    arguments = ["--files-from", str(listing), "--jobs", "1", "--no-cache", "--no-progress",
                 "--format", "json", "-o", os.devnull]
    profiler = cProfile.Profile()
    profiler.enable()
    cable_lint(arguments)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        total += own
        by_module[_module_name(filename)] += own
    ranked = sorted(by_module.items(), key=lambda item: -item[1])[:18]
    return [(name, round(seconds, 2), round(100 * seconds / total, 1)) for name, seconds in ranked]


def _module_name(filename: str) -> str:
    if "validator/" in filename:
        return "validator/" + filename.split("validator/", 1)[1]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (re, str, dict ...)"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/")[0]
    return "stdlib: " + Path(filename).name


# ------------------------------------------------------------------ the runs


def snapshot(workdir: Path) -> Path:
    """The committed code (HEAD) in workdir/src: other people's edits to the working
    tree (rules, code) during the runs cannot change what is measured."""
    src = workdir / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    return src


def run_all(workdir: Path, jobs: int, skip_csv: bool, corpus: Path, use_snapshot: bool) -> dict:
    tree, small, export = workdir / "tree", workdir / "tree-25k", workdir / "cables.csv"
    src = snapshot(workdir) if use_snapshot else REPO
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    out = workdir / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    results: dict = {"date": _dt.datetime.now().isoformat(timespec="minutes"), "jobs": jobs,
                     "code": f"commit {commit}" + (" (snapshot)" if use_snapshot else " (working tree)")}
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    results["archive"] = {
        "files": count_files(tree),
        "bytes": sum(f.stat().st_size for f in tree.rglob("*.txt")),
        "csv_bytes": export.stat().st_size if export.exists() else None,
    }
    check = CABLE_LINT + ["--jobs", str(jobs), "--no-progress", "--format", "json"]
    env = dict(os.environ, PYTHONPATH=str(src))
    run_here = {"env": env, "cwd": src}

    partial = workdir / "results.partial.json"

    def save() -> None:
        partial.write_text(json.dumps(results, indent=1))

    floor = [PYTHON, str(REPO / "benchmarks" / "floor.py"), str(tree), "--jobs", str(jobs)]
    # Read the tree once first: the floor would otherwise be the one run that reads it
    # from the disk (every later run finds it in the page cache, if the machine can hold it).
    subprocess.run(floor, stdout=subprocess.DEVNULL, check=False)
    print("floor ...", flush=True)
    results["floor"] = measure(floor)
    save()
    print("full rule set, 250k tree ...", flush=True)
    results["full"] = measure(check + ["--no-cache", "-o", str(out / "full.json"), str(tree)], **run_here)
    save()
    print("full rule set, 25k tree ...", flush=True)
    results["full_25k"] = measure(check + ["--no-cache", "-o", str(out / "small.json"), str(small)], **run_here)
    save()
    if not skip_csv and export.exists():
        print("full rule set, cables.csv ...", flush=True)
        results["csv"] = measure(check + ["--no-cache", "-o", str(out / "csv.json"), str(export)], **run_here)
    save()
    cache_dir = workdir / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    print("cold cache ...", flush=True)
    results["cold"] = measure(check + ["--cache-dir", str(cache_dir), "-o", str(out / "cold.json"), str(tree)], **run_here)
    save()
    print("warm cache ...", flush=True)
    results["warm"] = measure(check + ["--cache-dir", str(cache_dir), "-o", str(out / "warm.json"), str(tree)], **run_here)
    save()
    # once more, to show how much a warm run varies (the target is read on the first)
    results["warm_again"] = measure(check + ["--cache-dir", str(cache_dir), "-o", str(out / "warm2.json"), str(tree)],
                                    **run_here)
    save()
    cold_report = (out / "cold.json").read_bytes()
    results["warm_identical"] = all((out / name).read_bytes() == cold_report for name in ("warm.json", "warm2.json"))
    results["cache_mb"] = round(sum(f.stat().st_size for f in cache_dir.rglob("*") if f.is_file()) / 1e6, 1)

    print("one file ...", flush=True)
    results.update(one_file_figures(tree, run_here))
    save()
    print("parse throughput, rule-set load, profile ...", flush=True)
    inner = workdir / "in-process.json"
    subprocess.run(
        [PYTHON, str(src / "benchmarks" / "run_benchmarks.py"), "--in-process", str(inner),
         "--corpus", str(corpus), "--workdir", str(workdir)],
        check=True, **run_here,
    )
    results.update(json.loads(inner.read_text()))
    results["ruleset_load"] = ruleset_load_time(src, env)
    return results


def one_file_figures(tree: Path, run_here: dict) -> dict:
    """`cable-lint one.txt` as a user runs it (default options) against the imports
    of its three dependencies, median of 15 runs each. Byte-code caching is on for both,
    as in an installed package (PYTHONDONTWRITEBYTECODE would make every run of the
    snapshot compile all its modules again, while the dependencies keep their .pyc)."""
    one = next(tree.rglob("*.txt"))
    script = [PYTHON, "-c", "import sys; from validator.cli import main; sys.exit(main())"]
    env = {k: v for k, v in run_here.get("env", os.environ).items() if k != "PYTHONDONTWRITEBYTECODE"}
    run_here = dict(run_here, env=env)
    subprocess.run(script + [str(one)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **run_here)
    return {
        "one_file": {
            "file": str(one),
            "cable_lint_s": median_time(script + [str(one)], 15, **run_here),
            "imports_s": median_time([PYTHON, "-c", "import rich, yaml, jsonschema"], 15, env=env),
            "python_s": median_time([PYTHON, "-c", "pass"], 15, env=env),
        },
        "import_profile": import_profile(one, run_here),
    }


def import_profile(one: Path, run_here: dict) -> list[tuple[str, float]]:
    """The slowest imports of a one-file run (python -X importtime), cumulative ms."""
    process = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "validator", str(one)],
        capture_output=True, text=True, check=False, **run_here,
    )
    rows = []
    for line in process.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line[len("import time:"):].split("|")]
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2]
        if name.startswith(" ") or "." in name.strip() and not name.strip().startswith("validator"):
            pass
        rows.append((name.strip(), round(cumulative / 1000, 1), len(parts[2]) - len(parts[2].lstrip())))
    top = [(name, ms) for name, ms, depth in rows if depth <= 2]
    return sorted(top, key=lambda item: -item[1])[:12]


# ------------------------------------------------------------------ the doc


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def write_doc(results: dict, path: Path, workdir: Path) -> None:
    files = results["archive"]["files"]
    full, floor, small = results["full"], results["floor"], results["full_25k"]
    rate = files / full["seconds"]
    ratio = full["seconds"] / floor["seconds"]
    cpu_ratio = full["cpu_seconds"] / floor["cpu_seconds"] if floor.get("cpu_seconds") else None
    warm_speedup = results["cold"]["seconds"] / results["warm"]["seconds"]
    one = results["one_file"]
    one_ratio = one["cable_lint_s"] / one["imports_s"]
    growth = full["peak_pss_mb"] / small["peak_pss_mb"] if small["peak_pss_mb"] else 0
    jobs = results["jobs"]
    lines = [
        "# Performance",
        "",
        "Measured by `benchmarks/run_benchmarks.py` (the figures below are written by it).",
        f"Machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}, "
        f"{results['machine']['platform']}; run of {results['date']}, code: {results.get('code', '?')}.",
        "",
        "## The archive",
        "",
        f"{files:,} cables built by `benchmarks/build_archive.py` from the {results['parse']['cables']:,} real cables "
        f"of `../shared/corpus/txt`, each copy with a new cable number in its id and text: "
        f"{results['archive']['bytes'] / 1e9:.2f} GB as a folder tree (`tree/YY/ORIGIN/ID.txt`)"
        + (f" and {results['archive']['csv_bytes'] / 1e9:.2f} GB as a `cables.csv` export." if results['archive']['csv_bytes'] else "."),
        "",
        "```",
        f"python benchmarks/build_archive.py --workdir {workdir}",
        f"python benchmarks/run_benchmarks.py --workdir {workdir} --jobs {jobs}",
        "```",
        "",
        "## Against the targets",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
        f"| {files:,} cables, --jobs {jobs}, <= 60 s wall (>= 4,000 cables/s) | {full['seconds']} s, {rate:,.0f} cables/s; "
        f"{full['cpu_seconds']} CPU-s = {1000 * full['cpu_seconds'] / files:.2f} ms a cable"
        + (f" ({full['code']})" if full.get("code") else "") + " "
        f"| {verdict(full['seconds'] <= 60)} |",
        f"| within 5x the floor (read, decode, one regex; same jobs) | floor {floor['seconds']} s; ratio {ratio:.1f}x"
        + (f"; on CPU time {cpu_ratio:.1f}x (the floor's wall time varies with the page cache: both must hold)"
           if cpu_ratio is not None else "")
        + f" | {verdict(ratio <= 5 and (cpu_ratio is None or cpu_ratio <= 5))} |",
        f"| peak memory <= 300 MB (whole process tree, PSS) | {full['peak_pss_mb']} MB PSS ({full['peak_rss_mb']} MB RSS summed) "
        f"| {verdict(full['peak_pss_mb'] <= 300)} |",
        f"| no growth 25,000 -> 250,000 cables | peak {small['peak_pss_mb']} MB (25,000) -> {full['peak_pss_mb']} MB "
        f"(250,000) PSS, {growth:.2f}x"
        + (f"; within the 250,000 run: {full['pss_first_tenth_mb']} MB over its first tenth, "
           f"{full['pss_last_tenth_mb']} MB over its last" if "pss_last_tenth_mb" in full else "")
        + (f" (peak per tenth: {', '.join(str(mb) for mb in full['pss_by_tenth_mb'])})"
           if full.get("pss_by_tenth_mb") else "")
        + f" | {verdict(growth <= 1.15 or full.get('pss_last_tenth_mb', 1e9) <= 1.05 * full.get('pss_first_tenth_mb', 0))} |",
        f"| warm cache >= 10x faster than the first run | cold {results['cold']['seconds']} s, warm "
        f"{results['warm']['seconds']} s: {warm_speedup:.1f}x"
        + (f" (a second warm run: {results['warm_again']['seconds']} s)" if "warm_again" in results else "")
        + f"; reports identical: {results['warm_identical']} "
        f"| {verdict(warm_speedup >= 10)} |",
        f"| one file <= 2x `python -c \"import rich, yaml, jsonschema\"` | {one['cable_lint_s']} s vs {one['imports_s']} s: "
        f"{one_ratio:.2f}x (bare `python -c pass`: {one['python_s']} s"
        + (f"; measured on {one['code']}" if one.get("code") else "") + f") | {verdict(one_ratio <= 2)} |",
        "",
        "## Other figures",
        "",
        f"- Parse throughput (one process, in memory, the real corpus): {results['parse']['cables_per_s']:,} cables/s, "
        f"{results['parse']['mb_per_s']} MB/s ({results['parse']['cables']:,} cables in {results['parse']['seconds']} s).",
        f"- Rule-set load ({results['ruleset_load']['rules']} rules, fresh process, import included): "
        f"{results['ruleset_load']['seconds']} s.",
    ]
    if "csv" in results:
        csv_run = results["csv"]
        lines.append(
            f"- The same cables as one `cables.csv` export, --jobs {jobs}: {csv_run['seconds']} s "
            f"({files / csv_run['seconds']:,.0f} cables/s), peak {csv_run['peak_pss_mb']} MB PSS."
        )
    lines += [
        f"- Cache: {results['cache_mb']} MB for {files:,} documents (one SQLite file).",
        "",
        "## Where the time goes",
        "",
        "Own time by module of a whole `cable-lint --jobs 1 --format json` run, report included, over 5,000 of the "
        "cables, in one process under cProfile (builtins are the C functions: regex matching, str methods, json):",
        "",
        "| module | seconds | share |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {name} | {seconds} | {share} % |" for name, seconds, share in results["profile"]]
    lines += [
        "",
        "Slowest imports of a one-file run (`python -X importtime`, cumulative ms):",
        "",
        "| module | ms |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {ms} |" for name, ms in results["import_profile"]]
    lines += [
        "",
        "## Commands",
        "",
        "Each command ran in a snapshot of the commit (`git archive HEAD` into the work folder, run there with",
        "`PYTHONPATH` set to it), so edits made by others during the runs could not change what was measured.",
        "",
        "| run | command | wall s | CPU s | load before | peak PSS MB | peak RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key in ("floor", "full", "full_25k", "csv", "cold", "warm", "warm_again"):
        if key in results:
            run_ = results[key]
            command = run_["command"].replace(PYTHON, "python")
            lines.append(
                f"| {key} | `{command}` | {run_['seconds']} | {run_.get('cpu_seconds', '')} | "
                f"{run_.get('load_before', '')} | {run_['peak_pss_mb']} | {run_['peak_rss_mb']} |"
            )
    lines.append("")
    notes = REPO / "benchmarks" / "notes.md"
    if notes.exists():
        lines += ["## Notes", "", notes.read_text().strip(), ""]
    path.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cable-lint-bench"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--working-tree", action="store_true",
                        help="measure the working tree instead of a snapshot of HEAD")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--from-json", type=Path, default=None, help="only rewrite the doc from saved results")
    parser.add_argument("--in-process", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--redo-full", action="store_true",
                        help="measure only the full run over tree/ again (on a new snapshot) and rewrite the doc")
    parser.add_argument("--redo-one-file", action="store_true",
                        help="measure only the one-file run again (on a new snapshot) and rewrite the doc")
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    if args.in_process:  # run by run_all inside the snapshot
        figures = {"parse": parse_throughput(args.corpus), "profile": profile_by_module(workdir / "tree", 5000)}
        args.in_process.write_text(json.dumps(figures))
        return
    if args.redo_full:
        results = json.loads((workdir / "results.json").read_text())
        src = REPO if args.working_tree else snapshot(workdir)
        command = CABLE_LINT + ["--jobs", str(args.jobs), "--no-progress", "--format", "json", "--no-cache",
                                "-o", str(workdir / "out" / "full.json"), str(workdir / "tree")]
        results["full"] = measure(command, env=dict(os.environ, PYTHONPATH=str(src)), cwd=src)
        results["full"]["code"] = "commit " + subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        (workdir / "results.json").write_text(json.dumps(results, indent=1))
    elif args.redo_one_file:
        results = json.loads((workdir / "results.json").read_text())
        src = REPO if args.working_tree else snapshot(workdir)
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        results.update(one_file_figures(workdir / "tree", {"env": dict(os.environ, PYTHONPATH=str(src)), "cwd": src}))
        results["one_file"]["code"] = f"commit {commit}"
        (workdir / "results.json").write_text(json.dumps(results, indent=1))
    elif args.from_json:
        results = json.loads(args.from_json.read_text())
    else:
        results = run_all(workdir, args.jobs, args.skip_csv, args.corpus.resolve(), not args.working_tree)
        (workdir / "results.json").write_text(json.dumps(results, indent=1))
    write_doc(results, args.doc, workdir)
    print(json.dumps({k: v for k, v in results.items() if k not in ("profile", "import_profile")}, indent=1))


if __name__ == "__main__":
    main()
