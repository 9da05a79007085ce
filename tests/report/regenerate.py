"""Rewrite the golden files of tests/report/goldens/: `python tests/report/regenerate.py`.

Review the diff (`git diff tests/report/goldens`) before committing: it is exactly
what users will see change.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_goldens import ROOT, write_all  # noqa: E402

if __name__ == "__main__":
    for path in write_all():
        print(f"wrote {path.relative_to(ROOT)}")
