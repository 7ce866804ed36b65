"""``ehcplan calibrate``: a scenario file estimated from published figures or a case history.

    ehcplan calibrate --authority Hartlepool --year 2023 --out hartlepool.toml
    ehcplan calibrate --sen2 cases.csv --until 2024-06-30 --out mine.toml

From DfE's published figures (the shipped panel, or ``--data``), the
authority's capacity and speed are estimated with the other authorities'
(`ehcplan.sim.calibrate_published`) and written into the default scenario
shaped to it, with the surge calibrated from the panel's recoveries. From a
SEN2-shaped case log, demand, shares and stage durations are estimated from
the authority's own requests (`ehcplan.sim.calibrate.calibrate`). Either way
the file opens with every estimate and its 95% interval as comments, and is a
scenario a planner can run (``ehcplan forecast FILE``) and edit.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from ehcplan.cli.options import Commands, command, whole
from ehcplan.dates import parse_date
from ehcplan.errors import InvalidInput
from ehcplan.files import output_file, read_text

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.estimates import Estimate
    from ehcplan.sim.scenario import Scenario

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan calibrate --authority Hartlepool --year 2023 --out hartlepool.toml
  ehcplan calibrate --authority E06000001 --data la_panel.csv --out hartlepool.toml
  ehcplan calibrate --sen2 examples/sen2-example.csv --until 2024-06-30 --out mine.toml
then:
  ehcplan forecast hartlepool.toml
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    calibrate = command(
        commands,
        "calibrate",
        "estimate a scenario file from published figures or a SEN2 history",
        "Write a scenario file estimated for one authority, every estimate with "
        "its 95% interval in comments at the top. With --authority: from DfE's "
        "published figures, its capacity (from plans issued against the need its "
        "requests make) and speed (from its share of plans within 20 weeks), each "
        "pooled with the other authorities', and a surge calibrated from the "
        "panel's recoveries; the scenario forecasts the year after --year. With "
        "--sen2: demand, shares and stage durations from its own case log up to "
        "--until (a delay model, with no queue for staff).",
        EXAMPLES,
    )
    source = calibrate.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--authority", metavar="NAME", help="an authority's name or ONS code"
    )
    source.add_argument("--sen2", metavar="CASES.csv", help="a SEN2-shaped case log")
    calibrate.add_argument(
        "--year", type=whole(2000, 2100), default=2023,
        help="with --authority: the last year of published figures used (default 2023)",
    )  # fmt: skip
    calibrate.add_argument(
        "--data", metavar="PANEL.csv",
        help="with --authority: a panel in the format of la_panel_2019_2023.csv "
        "(default: the shipped one)",
    )  # fmt: skip
    calibrate.add_argument(
        "--until", metavar="DATE", help="with --sen2: the last day of the history used"
    )
    calibrate.add_argument(
        "--policy", default="england-average",
        help="with --sen2: the local policy (default england-average)",
    )  # fmt: skip
    calibrate.add_argument("--out", required=True, metavar="FILE.toml")
    calibrate.add_argument("--force", action="store_true", help="overwrite --out")
    calibrate.add_argument(
        "--seed", type=whole(0), default=2024, help="the root seed (default 2024)"
    )
    calibrate.add_argument(
        "--workers", type=whole(1, 1024), default=None, metavar="N",
        help="worker processes (default: one per CPU; 1 runs in this process)",
    )  # fmt: skip


def _comment(lines: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _published(args: argparse.Namespace) -> tuple[list[str], str]:
    from ehcplan.sim.authorities import find, read_panel, shipped_panel
    from ehcplan.sim.calibrate_published import calibrate_published
    from ehcplan.sim.scenario_file import dumps_scenario

    if args.data is None:
        rows = shipped_panel()
        source = (
            "DfE's per-authority panel shipped with ehcplan (la_panel_2019_2023.csv)"
        )
    else:
        text = read_text(
            args.data, kind="a panel in the format of la_panel_2019_2023.csv"
        )
        rows, source = read_panel(text, path=args.data), args.data
    local = tuple(r for r in rows if r.level == "Local authority")
    row = find(args.authority, args.year, local)
    calibration = calibrate_published(
        rows, args.year, only=[row.code], seed=args.seed, workers=args.workers
    )
    fit = calibration.fits.get(row.series)
    if fit is None:
        reason = calibration.skipped.get(row.name, "its figures are incomplete")
        msg = f"{row.name} cannot be calibrated for {args.year}: {reason}; choose another year."
        raise InvalidInput(msg, field="year")
    surge = calibration.surge
    check = _simulated_share(fit.scenario, args.year, args.seed)
    header = [
        f"{fit.name}: calibrated from published figures up to {args.year}, forecasting "
        f"{args.year + 1}.",
        f"Source: {source}.",
        "",
        "Estimated with every authority's figures (empirical-Bayes pooling), 95% intervals:",
        f"  capacity, plans a year over the plans its requests need: {_estimate(fit.capacity)}",
        f"    (psychologists and caseworkers x{fit.capacity_factor:.2f} of the shaped default)",
        f"  speed, time its steps take against the national default: {_estimate(fit.speed)}",
        f"    (from its own share alone: {_estimate(fit.measured_speed)}; durations and",
        "    staff below are multiplied by it)",
        f"  published share within 20 weeks in {args.year}: {fit.published_share:.1f}%; "
        f"this file, simulated, gives {check:.1f}% (4 replications)",
        f"  forecast for {args.year + 1}: {fit.predicted['pc_within_20_weeks_ex']:.1f}% "
        "within 20 weeks (anchored on the published year)",
        "",
        f"The surge ([surge]) is calibrated from the panel's recoveries up to {args.year};",
        f"cost_per_day ({surge.cost_per_day}) is illustrative: put in your own agency rate.",
        "Everything else is the national default scenario shaped to the authority",
        "(ehcplan.sim.authorities.for_authority). Edit any key, then:",
        f"  ehcplan scenario validate {args.out}",
        f"  ehcplan forecast {args.out}",
        "",
    ]
    return header[:-1], _comment(header) + "\n" + dumps_scenario(fit.scenario)


def _simulated_share(scenario: Scenario, year: int, seed: int) -> float:
    """The share within 20 weeks (%) in *year* of four replications of *scenario*."""
    import datetime as dt

    from ehcplan.sim.run import replicate

    shares = [
        t.pc_within_20_weeks_ex
        for run in replicate(scenario, 4, seed=seed, workers=1).runs
        if (
            t := run.timeliness(dt.date(year, 1, 1), dt.date(year, 12, 31))
        ).pc_within_20_weeks_ex
        is not None
    ]
    return 100 * sum(shares) / len(shares) if shares else float("nan")


def _estimate(e: Estimate) -> str:
    return f"{e.mean:.2f} ({e.lower:.2f} to {e.upper:.2f})"


def _history(args: argparse.Namespace) -> tuple[list[str], str]:
    from ehcplan.sen2 import read_sen2
    from ehcplan.sim.calibrate import calibrate
    from ehcplan.sim.scenario_file import dumps_scenario

    if args.until is None:
        msg = "--sen2 needs --until, the last day of the history to use (YYYY-MM-DD)."
        raise InvalidInput(msg, field="--until")
    until = parse_date(args.until, field="--until")
    imported = read_sen2(args.sen2, on=until)
    calibration = calibrate(imported.records, until=until, policy=args.policy)
    header = [
        f"Calibrated from {args.sen2}: requests received "
        f"{calibration.start.isoformat()} to {until.isoformat()}.",
        "",
        "Estimated from the authority's own requests, 95% intervals:",
        *(f"  {name}: {e}" for name, e in calibration.table()),
        "",
        "A delay model: stages take the durations observed, with no queue for staff,",
        "so it reproduces the history but cannot answer questions about capacity;",
        "give [advice.educational_psychology] staff and [drafting] caseworkers your",
        "own numbers for that. Edit any key, then:",
        f"  ehcplan forecast {args.out}",
        "",
    ]
    return header[:-1], _comment(header) + "\n" + dumps_scenario(calibration.scenario)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the calibrated scenario file and print its estimates."""
    target = output_file(args.out, overwrite=args.force)
    summary, text = _published(args) if args.authority else _history(args)
    # The file first: a reader that stops reading (`| head`) must not cost it.
    target.write_text(text, encoding="utf-8")
    print("\n".join(summary), file=out)
    print(f"\nWritten:\n  {target}", file=out)
    return 0
