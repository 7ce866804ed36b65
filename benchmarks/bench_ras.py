"""Batch RAS scoring, and similar-cases conversion at scale.

Times `ehcplan.ras.batch.indicative_pence` with Exampleshire's banded
conversion (scores and bands) over 1,000,000 random forms, and the
similar-cases conversion (k = 7, median) of 10,000 forms against 20,000 past
cases. Appends the best of three runs to `benchmarks/results/ras.md`.
Targets: at least 1,000,000 forms a second; similar cases at most 2 s.

    .venv/bin/python benchmarks/bench_ras.py
"""

from __future__ import annotations

import datetime as dt
import platform
from pathlib import Path

import numpy as np
from common import best_of, record

import ehcplan.policy
from ehcplan.policy import SimilarCases
from ehcplan.ras import PastCases
from ehcplan.ras.batch import indicative_pence, profiles

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "ras.md"
FORMS = 1_000_000
QUERIES = 10_000
PAST = 20_000


def main() -> None:
    ras = ehcplan.policy.load_policy("exampleshire").ras
    scheme = ras.scheme("exampleshire-6-16")
    bands = ras.conversion.at(dt.date(2025, 9, 1))
    rng = np.random.default_rng(1)
    outcomes = len(scheme.outcomes)
    forms = rng.integers(0, 4, (FORMS, outcomes), dtype=np.int8)
    batch = best_of(3, lambda: indicative_pence(scheme, forms, bands))
    past_levels = rng.integers(0, 4, (PAST, outcomes), dtype=np.int8)
    past = PastCases.from_arrays(
        scheme,
        references=[f"P{i}" for i in range(PAST)],
        profiles=profiles(scheme, past_levels),
        agreed_pence=rng.integers(0, 2_000_000, PAST),
    )
    queries = rng.integers(0, 4, (QUERIES, outcomes), dtype=np.int8)
    similar = best_of(
        3, lambda: indicative_pence(scheme, queries, SimilarCases(k=7), past=past)
    )
    rate = FORMS / batch
    verdict = "meets" if rate >= 1_000_000 and similar <= 2 else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {platform.machine()} | {FORMS:,} | {batch:.3f} | {rate:,.0f} "
        f"| {QUERIES:,} x {PAST:,} | {similar:.2f} | {verdict} the 1M/s / 2 s targets |"
    )
    record(
        RESULTS,
        "# RAS scoring at scale\n\n"
        "Written by `benchmarks/bench_ras.py`: best of three runs. Batch: scores and "
        "banded indicative amounts of random forms on the Exampleshire 6-16 scheme "
        "(10 outcomes). Similar cases: k = 7, median.\n\n"
        "| date | python | machine | forms | batch s | forms/s | similar cases "
        "| similar s | verdict |\n|---|---|---|---|---|---|---|---|---|\n",
        line,
    )


if __name__ == "__main__":
    main()
