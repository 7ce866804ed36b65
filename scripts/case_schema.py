"""Write the case JSON's JSON Schema into the package, so that it ships in the wheel.

    python3 tasks.py schema    # or: .venv/bin/python scripts/case_schema.py

The file (src/ehcplan/cases/case.schema.json) is generated from the event classes
by `ehcplan.Case.json_schema()`; a test fails if it differs, so rerun this after
adding or changing an event and commit the file with the change.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "ehcplan" / "cases" / "case.schema.json"


def text() -> str:
    """The schema as the file holds it: indented JSON with a final newline."""
    import ehcplan

    return json.dumps(ehcplan.Case.json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the file, saying whether it changed."""
    new = text()
    old = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    TARGET.write_text(new, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {'unchanged' if old == new else 'written'}")


if __name__ == "__main__":
    main()
