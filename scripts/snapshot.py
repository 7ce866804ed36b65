"""Regenerate the reviewed snapshot of the bank holidays of England and Wales.

    python3 tasks.py snapshot

writes ``tests/snapshots/bank_holidays_england_and_wales.json``: every day from
2014 to 2030 that `ehcplan.timeline.calendars.BankHolidays` (and so the
installed ``holidays`` package) lists, mapped to its name. A test compares the
live package with this file, so an upgrade of ``holidays`` that moves, adds or
removes a day fails that test. Check the change against the gov.uk list of bank
holidays (https://www.gov.uk/bank-holidays), run this script, and review the
file's diff before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ehcplan.timeline.calendars import BankHolidays

FIRST_YEAR = 2014
LAST_YEAR = 2030
SNAPSHOT = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "snapshots"
    / "bank_holidays_england_and_wales.json"
)


def bank_holidays() -> dict[str, str]:
    """Return every listed day from FIRST_YEAR to LAST_YEAR, as ISO date to name."""
    calendar = BankHolidays()
    return {
        day.isoformat(): str(calendar.name(day))
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for day in calendar.in_year(year)
    }


def main() -> int:
    """Write the snapshot and print how it differs from the one it replaces."""
    new = bank_holidays()
    old = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
    for day in sorted(old.keys() | new.keys()):
        if day not in new:
            print(f"- {day} {old[day]}")
        elif day not in old:
            print(f"+ {day} {new[day]}")
        elif old[day] != new[day]:
            print(f"~ {day} {old[day]!r} -> {new[day]!r}")
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(
        json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{SNAPSHOT}: {len(new)} days, {FIRST_YEAR} to {LAST_YEAR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
