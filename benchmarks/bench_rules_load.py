"""How long loading and compiling the bundled rule set takes.

Each measurement runs in a fresh Python process (so imports count, as in a real run):

* warm: the validated rule files are in the cache (every run after the first);
* cold: no cache: YAML parsing plus JSON Schema validation (jsonschema's import alone
  is ~50 ms) of every rule file.

Usage: python benchmarks/bench_rules_load.py [--runs N]
The budget is 100 ms for loading + compiling (issue 3).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PROBE = r"""
import json, time
import validator.model, yaml  # imported by every run anyway (reader, parser, config)
t0 = time.perf_counter()
from validator.engine import load_ruleset
t1 = time.perf_counter()
ruleset = load_ruleset()
t2 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1000, "load_ms": (t2 - t1) * 1000,
                  "total_ms": (t2 - t0) * 1000, "rules": len(ruleset.all_rules)}))
"""


def measure(cache_dir: str, fresh: bool) -> dict:
    env = dict(os.environ, CABLE_LINT_CACHE_DIR=cache_dir)
    if fresh:
        env["CABLE_LINT_NO_RULE_CACHE"] = "1"
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        measure(cache_dir, fresh=False)  # fill the cache
        warm = [measure(cache_dir, fresh=False) for _ in range(options.runs)]
        cold = [measure(cache_dir, fresh=True) for _ in range(options.runs)]
    for label, runs in (("warm (cached)", warm), ("cold (no cache)", cold)):
        load = statistics.median(run["load_ms"] for run in runs)
        total = statistics.median(run["total_ms"] for run in runs)
        print(f"{label:16} load+compile {load:6.1f} ms   + engine import {total:6.1f} ms   "
              f"({runs[0]['rules']} rules, median of {len(runs)})")
    for label, runs in (("warm", warm), ("cold", cold)):
        verdict = statistics.median(run["total_ms"] for run in runs)
        print(f"budget 100 ms ({label}, engine import included): "
              f"{'met' if verdict < 100 else 'MISSED'} ({verdict:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
