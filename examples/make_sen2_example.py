"""Write the synthetic SEN2-shaped example file, `examples/sen2-example.csv`.

The file is made up: about 600 requests to a fictional authority received from
1 January 2023 to 31 December 2024, as seen on a reference date of 15 January
2025, with shapes like the national figures for 2024 (about a quarter refused,
about 6% assessed without a plan, about 6% of plans with a 20-week exception,
roughly half of plans within 20 weeks), and exactly three deliberately bad rows
at the end so the validation report has something to show. Names are
placeholders ("Example", "Child0001"); no real person is described.

    .venv/bin/python examples/make_sen2_example.py [OUTPUT.csv]
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

HEADER = [
    "RequestID", "PersonID", "Surname", "Forename", "PersonBirthDate", "Sex",
    "ReceivedDate", "RequestSource", "RequestOutcomeDate", "RequestOutcome",
    "RequestMediation", "AssessmentOutcome", "AssessmentOutcomeDate", "Week20",
    "StartDate", "PB", "CeaseDate", "CeaseReason",
]  # fmt: skip
REFERENCE_DATE = dt.date(2025, 1, 15)


def generate_rows(
    n: int,
    *,
    seed: int = 2025,
    first: dt.date = dt.date(2023, 1, 1),
    last: dt.date = dt.date(2024, 12, 31),
    on: dt.date = REFERENCE_DATE,
) -> list[dict[str, str]]:
    """*n* synthetic request rows, the same for the same seed."""
    rng = random.Random(seed)
    span = (last - first).days
    rows = []
    for i in range(1, n + 1):
        received = first + dt.timedelta(days=rng.randrange(span + 1))
        born = received - dt.timedelta(days=rng.randrange(2 * 365, 17 * 365))
        row = dict.fromkeys(HEADER, "")
        row.update(
            RequestID=f"REQ{i:06d}",
            PersonID=f"P{i:06d}",
            Surname="Example",
            Forename=f"Child{i:04d}",
            PersonBirthDate=born.isoformat(),
            Sex=rng.choice("FM"),
            ReceivedDate=received.isoformat(),
            RequestSource=str(rng.choice([1, 1, 2, 2, 2, 3, 4, 5])),
        )
        decided = received + dt.timedelta(days=max(7, round(rng.gauss(36, 9))))
        if decided > on:
            rows.append(row)
            continue
        draw = rng.random()
        outcome = "W" if draw < 0.02 else "N" if draw < 0.27 else "A"
        row.update(RequestOutcomeDate=decided.isoformat(), RequestOutcome=outcome)
        if outcome == "N":
            row["RequestMediation"] = "1" if rng.random() < 0.1 else "0"
        if outcome != "A":
            rows.append(row)
            continue
        draw = rng.random()
        weeks = (
            rng.uniform(14, 20)
            if draw < 0.5
            else rng.uniform(20, 52)
            if draw < 0.93
            else rng.uniform(52, 70)
        )
        issued = received + dt.timedelta(days=round(weeks * 7))
        decision = max(decided, issued - dt.timedelta(days=rng.randrange(20, 45)))
        if decision > on:
            rows.append(row)
            continue
        if rng.random() < 0.06:
            row.update(
                AssessmentOutcome="N", AssessmentOutcomeDate=decision.isoformat()
            )
            rows.append(row)
            continue
        row.update(AssessmentOutcome="Y", AssessmentOutcomeDate=decision.isoformat())
        if issued > on:
            rows.append(row)
            continue
        row.update(
            StartDate=issued.isoformat(),
            Week20="1" if rng.random() < 0.06 else "0",
            PB="1" if rng.random() < 0.04 else "0",
        )
        if rng.random() < 0.02:
            ceased = issued + dt.timedelta(days=rng.randrange(30, 300))
            if ceased <= on:
                row.update(
                    CeaseDate=ceased.isoformat(),
                    CeaseReason=str(rng.choice([2, 5, 5, 6, 7])),
                )
        rows.append(row)
    return rows


def bad_rows(start: int) -> list[dict[str, str]]:
    """Three rows with one deliberate error each."""
    base = dict.fromkeys(HEADER, "")
    return [
        {**base, "RequestID": f"REQ{start:06d}", "ReceivedDate": "2024-05-13",
         "RequestOutcomeDate": "2024-05-01", "RequestOutcome": "A"},
        {**base, "RequestID": f"REQ{start + 1:06d}", "ReceivedDate": "2024-02-30"},
        {**base, "RequestID": f"REQ{start + 2:06d}", "ReceivedDate": "2023-03-06",
         "RequestOutcomeDate": "2023-04-11", "RequestOutcome": "A",
         "AssessmentOutcome": "Y", "AssessmentOutcomeDate": "2023-06-30",
         "StartDate": "2023-07-21", "CeaseDate": "2024-03-01", "CeaseReason": "12"},
    ]  # fmt: skip


def write(path: Path, rows: list[dict[str, str]]) -> None:
    """Write *rows* as CSV with the example's header."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    """Write the example file (or the path given)."""
    default = Path(__file__).with_name("sen2-example.csv")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    rows = generate_rows(600)
    write(target, rows + bad_rows(len(rows) + 1))
    print(f"wrote {len(rows) + 3} rows to {target}")


if __name__ == "__main__":
    main()
