"""What the benchmark scripts share: timing, and appending a row to a results table."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of *runs* timings of *work()*, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def record(results: Path, header: str, line: str) -> None:
    """Append *line* to the table in *results*, writing *header* first if the file is new."""
    if not results.exists():
        results.write_text(header)
    with results.open("a") as table:
        table.write(line + "\n")
    print(line, flush=True)
