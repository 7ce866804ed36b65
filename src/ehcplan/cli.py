"""The `ehcplan` command.

    ehcplan forecast [SCENARIO.toml]         forecast an authority's caseload, with a report
    ehcplan compare A.toml B.toml            two scenarios on the same seeds, paired differences
    ehcplan scenario new|validate FILE       write a starter scenario, or check one
    ehcplan clock CASES.csv --on DATE        every case's statutory deadlines, overdue first
    ehcplan nowcast CASES.csv --on DATE      which open cases will breach, and when
    ehcplan backtest --data PANEL.csv --train-until YEAR --target YEAR
    ehcplan calibrate --authority NAME --out FILE.toml   a scenario from published figures
    ehcplan summary CASES.csv [--on DATE]    read a SEN2-shaped case log and summarise it
    ehcplan --version

Exit codes: 0 on success; 2 when the input is bad, with a one-paragraph message
and no traceback (add `--debug` to see it).
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import importlib.resources
import io
import json
import statistics
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import attrs

from ehcplan import cli_calibrate
from ehcplan.case import Case, FinalPlanIssued, Stage
from ehcplan.dates import days_between, parse_date
from ehcplan.errors import EhcplanError, InvalidInput
from ehcplan.timeline.timeliness import as_percent, timeliness

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim import Scenario

__all__ = ["main"]

_EXAMPLES = """\
examples:
  ehcplan forecast
  ehcplan forecast my-authority.toml --replications 200 --out forecast-2025
  ehcplan compare default.toml weekly-panel.toml
  ehcplan scenario new my-authority.toml
  ehcplan clock cases.csv --on 2025-01-16 --format csv --out deadlines.csv
  ehcplan summary examples/sen2-example.csv
"""

_SUMMARY_EXAMPLES = """\
examples:
  ehcplan summary examples/sen2-example.csv
  ehcplan summary cases.csv --on 2025-01-16 --issues 50
  ehcplan summary cases.csv --personal hash --salt "$EHCPLAN_SALT"
"""

_FORECAST_EXAMPLES = """\
examples:
  ehcplan forecast                      the default: an average authority in 2024
  ehcplan forecast monthly-panel        a shipped scenario, by name
  ehcplan forecast mine.toml -n 200 --seed 7 --out forecast
  ehcplan forecast mine.toml --horizon-days 1095 --workers 2 --quiet
"""

_COMPARE_EXAMPLES = """\
examples:
  ehcplan compare default monthly-panel
  ehcplan compare now.toml two-more-psychologists.toml -n 100 --out compare
"""

_SCENARIO_EXAMPLES = """\
examples:
  ehcplan scenario new my-authority.toml
  ehcplan scenario validate my-authority.toml
"""

_NOWCAST_EXAMPLES = """\
examples:
  ehcplan nowcast examples/sen2-example.csv --on 2025-01-15
  ehcplan nowcast cases.csv --on 2025-01-15 --scenario my-authority.toml -n 200 --out at-risk
"""

_BACKTEST_EXAMPLES = """\
examples:
  ehcplan backtest --data la_panel_2019_2023.csv --train-until 2022 --target 2023
  ehcplan backtest --data panel.csv --train-until 2021 --target 2022 --out backtest-2022.csv
  ehcplan backtest --data panel.csv --train-until 2022 --target 2023 --only E06000001
"""

_CLOCK_EXAMPLES = """\
examples:
  ehcplan clock examples/sen2-example.csv --on 2025-01-15
  ehcplan clock cases.csv --on 2025-01-15 --format json --out deadlines.json
  ehcplan clock cases.csv --on 2025-01-15 --all
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ehcplan",
        description="Statutory clocks, local policy and caseload simulation for EHC plans.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of any error"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _forecast_parser(commands)
    _compare_parser(commands)
    _scenario_parser(commands)
    _clock_parser(commands)
    _nowcast_parser(commands)
    _backtest_parser(commands)
    cli_calibrate.add_parser(commands)
    summary = commands.add_parser(
        "summary",
        help="read a SEN2-shaped case log, check it and summarise it",
        description=(
            "Read a person-level SEN2-shaped CSV (one row per request, DfE item "
            "names as headers), validate every row, and print how many requests "
            "are at each stage, how many plans were issued, and every problem found "
            "by row and column. Rows with errors are reported, never dropped silently."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_SUMMARY_EXAMPLES,
    )
    summary.add_argument("path", metavar="CASES.csv", help="the SEN2-shaped CSV file")
    summary.add_argument(
        "--on",
        metavar="DATE",
        help="the reference date of the data (YYYY-MM-DD); later dates are errors",
    )
    summary.add_argument(
        "--issues",
        metavar="N",
        type=int,
        default=20,
        help="how many validation issues to list (default 20; 0 for none)",
    )
    summary.add_argument(
        "--personal",
        choices=["drop", "hash", "keep"],
        default="drop",
        help="what to do with names, birth dates, postcodes and pupil numbers "
        "(default drop)",
    )
    summary.add_argument("--salt", help="the secret salt for --personal hash")
    _debug(summary)
    return parser


def _debug(command: argparse.ArgumentParser) -> None:
    """Accept --debug after the command's name too."""
    command.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )


def _command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=examples,
    )
    _debug(command)
    return command


def _replication_options(command: argparse.ArgumentParser, replications: int) -> None:
    """The options every simulating command takes: replications, seed, workers."""
    command.add_argument(
        "-n", "--replications", type=int, default=replications, metavar="N",
        help=f"how many replications (default {replications})",
    )  # fmt: skip
    command.add_argument(
        "--seed", type=int, default=2024, help="the root seed (default 2024)"
    )
    command.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="worker processes (default: one per CPU; 1 runs in this process)",
    )  # fmt: skip


def _run_options(command: argparse.ArgumentParser, out: str) -> None:
    _replication_options(command, 100)
    command.add_argument(
        "--horizon-days", type=int, default=None, metavar="DAYS",
        help="simulate this many days instead of the scenario's horizon",
    )  # fmt: skip
    command.add_argument(
        "--out",
        default=out,
        metavar="FOLDER",
        help=f"the report folder (default {out})",
    )
    command.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar; print only the paths",
    )


def _forecast_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    forecast = _command(
        commands,
        "forecast",
        "forecast a caseload: KPIs with intervals, a report, CSVs and plots",
        "Simulate a scenario many times and write a report folder: a one-page summary "
        "(Markdown and HTML) with the headline KPIs and their 95% confidence intervals, "
        "CSVs (journeys as SEN2 records, panel meetings, weekly series, KPIs) and plots. "
        "With no scenario, the default: an average English authority in 2024.",
        _FORECAST_EXAMPLES,
    )
    forecast.add_argument(
        "scenario", nargs="?", default="default", metavar="SCENARIO",
        help="a scenario file, or a shipped scenario's name (default: default)",
    )  # fmt: skip
    _run_options(forecast, "forecast")


def _compare_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    compare = _command(
        commands,
        "compare",
        "run two scenarios on the same seeds and show the paired differences",
        "Run scenarios A and B with common random numbers (the same seeds), print each "
        "KPI for both with the paired difference B - A and its 95% interval, and write "
        "the table and both scenarios' plots side by side into a folder.",
        _COMPARE_EXAMPLES,
    )
    compare.add_argument(
        "a", metavar="A", help="the first scenario (file or shipped name)"
    )
    compare.add_argument("b", metavar="B", help="the second scenario")
    _run_options(compare, "compare")


def _scenario_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    scenario = _command(
        commands,
        "scenario",
        "write a commented starter scenario, or check one",
        "new: write a starter scenario file, every key commented. validate: read a "
        "scenario file and report the first problem by its key, with what to do.",
        _SCENARIO_EXAMPLES,
    )
    action = scenario.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = action.add_parser("new", help="write a commented starter scenario")
    new.add_argument("path", metavar="FILE", help="where to write it")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    _debug(new)
    validate = action.add_parser("validate", help="check a scenario file")
    validate.add_argument("path", metavar="FILE", help="the scenario file")
    _debug(validate)


def _nowcast_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    nowcast = _command(
        commands,
        "nowcast",
        "which of today's open cases will breach 20 weeks, and when",
        "Read a SEN2-shaped case log, start the simulator from the cases open on the "
        "date given (each at its stage, with the time already spent), and write a "
        "ranked at-risk list: each case's chance of missing 20 weeks (and 6 weeks, "
        "while undecided), its expected issue date with a 90% range, and the latest "
        "safe date for its next step; and the expected breaches by month.",
        _NOWCAST_EXAMPLES,
    )
    nowcast.add_argument("path", metavar="CASES.csv", help="the SEN2-shaped CSV file")
    nowcast.add_argument("--on", required=True, metavar="DATE", help="today's date")
    nowcast.add_argument(
        "--scenario", default="default", metavar="SCENARIO",
        help="the authority's demand and capacity (file or shipped name; default: default)",
    )  # fmt: skip
    _replication_options(nowcast, 100)
    nowcast.add_argument("--out", default="nowcast", metavar="FOLDER")
    nowcast.add_argument(
        "--top", type=int, default=20, metavar="N", help="cases to print"
    )
    nowcast.add_argument(
        "-q", "--quiet", action="store_true", help="print only the paths"
    )


def _backtest_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backtest = _command(
        commands,
        "backtest",
        "predict each authority's next year from its past, and score it",
        "Read a panel in the format of DfE's la_panel_2019_2023.csv, set its faults "
        "aside, use only the rows up to --train-until (and the target year's requests) "
        "and forecast each authority's target year four ways: persistence, the pooled "
        "reference model, the simulator calibrated per authority, and the hybrid "
        "ehcplan ships. Prints each model's mean absolute error, CRPS and 80% interval "
        "coverage against the published values; writes one row per authority and "
        "measure, the panel's faults, and a plot of forecast against published.",
        _BACKTEST_EXAMPLES,
    )
    backtest.add_argument(
        "--data", required=True, metavar="PANEL.csv", help="the panel"
    )
    backtest.add_argument("--train-until", type=int, required=True, metavar="YEAR")
    backtest.add_argument("--target", type=int, required=True, metavar="YEAR")
    backtest.add_argument(
        "--out", default="backtest.csv", metavar="FILE", help="where to write the rows"
    )
    backtest.add_argument(
        "--plot", metavar="FILE.png",
        help="where to draw forecast against published (default: --out as .png)",
    )  # fmt: skip
    _replication_options(backtest, 1)
    backtest.add_argument(
        "--only",
        action="append",
        metavar="CODE",
        help="only this authority (repeatable)",
    )


def _clock_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    clock = _command(
        commands,
        "clock",
        "every case's statutory deadlines on a date, overdue and due soon first",
        "Read a SEN2-shaped case log and list each open statutory deadline of each "
        "case on the date given: overdue first, then due soon, then due, with the "
        "provision that sets it; then DfE's timeliness figures for the period.",
        _CLOCK_EXAMPLES,
    )
    clock.add_argument("path", metavar="CASES.csv", help="the SEN2-shaped CSV file")
    clock.add_argument(
        "--on", required=True, metavar="DATE", help="the date of the report"
    )
    clock.add_argument(
        "--from", dest="start", metavar="DATE",
        help="the start of the timeliness period (default: 1 January of --on's year)",
    )  # fmt: skip
    clock.add_argument(
        "--format", choices=["table", "csv", "json"], default="table",
        help="how to write the deadlines (default table)",
    )  # fmt: skip
    clock.add_argument("--out", metavar="FILE", help="write the deadlines to FILE")
    clock.add_argument(
        "--all",
        action="store_true",
        help="include deadlines already met, not only open ones",
    )
    clock.add_argument(
        "--due-soon-days", type=int, default=14, metavar="DAYS",
        help='how close counts as "due soon" (default 14)',
    )  # fmt: skip


def _version() -> str:
    try:
        return metadata.version("ehcplan")
    except metadata.PackageNotFoundError:  # pragma: no cover - only when not installed
        return "unknown"


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sen2 import Personal, read_sen2

    on = None if args.on is None else parse_date(args.on, field="--on")
    imported = read_sen2(
        args.path, personal=Personal[args.personal.upper()], salt=args.salt, on=on
    )
    report = imported.report
    cases = imported.cases()
    rows = len(imported.records) + len(imported.rejected)
    print(
        f"{args.path}: {rows} rows read; {len(imported.records)} accepted, "
        f"{len(imported.rejected)} rejected with errors; "
        f"{len(report.warnings)} warnings.",
        file=out,
    )
    if cases:
        first = min(c.received_on for c in cases)
        last = max(c.received_on for c in cases)
        print(
            f"\nRequests received {first.isoformat()} to {last.isoformat()}: "
            f"{len(cases)}",
            file=out,
        )
        stages = collections.Counter(c.stage for c in cases)
        width = max(len(stage.value) for stage in Stage)
        for stage in Stage:
            print(f"  {stage.value:<{width}}  {stages[stage]:>6}", file=out)
        weeks = [
            days_between(c.received_on, issued.on) / 7
            for c in cases
            if (issued := c.first(FinalPlanIssued)) is not None
        ]
        if weeks:
            print(
                f"\nPlans issued: {len(weeks)}; median {statistics.median(weeks):.1f} "
                "weeks from request to final plan.",
                file=out,
            )
        _print_timeliness(cases, first.year, last.year + 1, out)
    if report.issues and args.issues > 0:
        shown = report.issues[: args.issues]
        print(f"\nValidation issues ({len(shown)} of {len(report.issues)}):", file=out)
        for issue in shown:
            row = "file" if issue.row is None else f"row {issue.row}"
            column = issue.field or "-"
            print(
                f"  {row:<9} {column:<22} {issue.rule:<9} "
                f"{issue.severity.value:<7} {issue.message}",
                file=out,
            )
    return 0


def _load(source: str, horizon_days: int | None) -> Scenario:
    from ehcplan.sim import load_scenario

    scenario = load_scenario(source)
    if horizon_days is not None:
        scenario = attrs.evolve(scenario, horizon_days=horizon_days)
    return scenario


def _forecast(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sim import replicate
    from ehcplan.sim.report import headline, write_report

    scenario = _load(args.scenario, args.horizon_days)
    results = replicate(
        scenario,
        args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    written = write_report(results, args.out)
    if not args.quiet:
        print(f"{scenario.name}: {headline(results)}", file=out)
        print("\nWritten:", file=out)
    for path in written:
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sim import compare
    from ehcplan.sim.report import write_comparison

    a, b = _load(args.a, args.horizon_days), _load(args.b, args.horizon_days)
    comparison = compare(
        a,
        b,
        args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    table, written = write_comparison(comparison, args.out)
    if not args.quiet:
        print(f"A: {a.name}\nB: {b.name}\n", file=out)
        print(table, file=out)
        print("\nWritten:", file=out)
    for path in written:
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0


def _scenario(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sim import load_scenario

    if args.action == "new":
        target = Path(args.path)
        if target.exists() and not args.force:
            msg = f"{target} exists; choose another name, or pass --force to overwrite it."
            raise InvalidInput(msg, field="path")
        starter = importlib.resources.files("ehcplan.sim").joinpath("starter.toml")
        target.write_text(starter.read_text("utf-8"), encoding="utf-8")
        print(f"Wrote a starter scenario: {target}", file=out)
        print(f"Edit it, then: ehcplan scenario validate {target}", file=out)
        return 0
    scenario = load_scenario(args.path)
    last = scenario.date_at(scenario.horizon_days - 1)
    print(
        f"{args.path}: ok. {scenario.name}: {scenario.horizon_days} days from "
        f"{scenario.start.isoformat()} to {last.isoformat()}, measured after "
        f"{scenario.warmup_days} days; policy {scenario.policy}.",
        file=out,
    )
    return 0


def _clock(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sen2 import read_sen2
    from ehcplan.timeline.report import Status, clock_report

    on = parse_date(args.on, field="--on")
    start = (
        dt.date(on.year, 1, 1)
        if args.start is None
        else parse_date(args.start, field="--from")
    )
    imported = read_sen2(args.path, on=on)
    order = {
        Status.OVERDUE: 0,
        Status.DUE_SOON: 1,
        Status.DUE: 2,
        Status.DISAPPLIED: 3,
        Status.MET_LATE: 4,
        Status.MET: 5,
    }
    rows = []
    for case in imported.cases():
        report = clock_report(case, on=on, due_soon_days=args.due_soon_days)
        for d in report.deadlines:
            if args.all or d.status in (
                Status.OVERDUE,
                Status.DUE_SOON,
                Status.DUE,
                Status.DISAPPLIED,
            ):
                rows.append(
                    (order[d.status], d.due, case.reference, report.stage.value, d)
                )
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    records = [
        {
            "reference": reference,
            "stage": stage,
            "deadline": d.clock.name,
            "due": d.due.isoformat(),
            "status": d.status.value,
            "days_remaining": d.days_remaining,
            "days_late": d.days_late,
            "provision": d.clock.cites,
        }
        for _, _, reference, stage, d in rows
    ]
    target = io.StringIO()
    if args.format == "json":
        json.dump(records, target, indent=2)
        target.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(target, fieldnames=list(_CLOCK_COLUMNS))
        writer.writeheader()
        writer.writerows(records)
    else:
        counts = collections.Counter(r["status"] for r in records)
        print(
            f"{args.path} on {on.isoformat()}: {len(imported.records)} cases; "
            + ", ".join(f"{n} {status}" for status, n in counts.items()),
            file=target,
        )
        print(
            f"  {'reference':<14} {'due':<10}  {'status':<16} {'days':>5}  "
            f"{'deadline':<32} provision",
            file=target,
        )
        for r in records:
            days = (
                f"-{r['days_late']}"
                if r["days_late"] is not None
                else ""
                if r["days_remaining"] is None
                else str(r["days_remaining"])
            )
            print(
                f"  {r['reference']:<14} {r['due']:<10}  {r['status']:<16} "
                f"{days:>5}  {r['deadline']:<32} {r['provision']}",
                file=target,
            )
    if args.out is None:
        out.write(target.getvalue())
    else:
        Path(args.out).write_text(target.getvalue(), encoding="utf-8", newline="")
    if args.format == "table" or args.out is not None:
        t = timeliness(imported.cases(), start=start, end=on)
        print(
            f"\nDfE timeliness {start.isoformat()} to {on.isoformat()}: "
            f"{t.plans_issued} plans, {as_percent(t.pc_within_20_weeks_ex)} within 20 weeks "
            f"excluding exceptions ({as_percent(t.pc_within_20_weeks)} including); "
            f"{as_percent(t.pc_decided_within_6_weeks)} of decisions within 6 weeks; "
            f"{as_percent(t.pc_no_plan_within_16_weeks)} of 'no plan' decisions within 16 weeks.",
            file=out,
        )
    if args.out is not None:
        print(f"\nWritten:\n  {args.out}", file=out)
    return 0


def _nowcast(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sen2 import read_sen2
    from ehcplan.sim.nowcast import nowcast
    from ehcplan.sim.plots import plot_breaches_by_month

    on = parse_date(args.on, field="--on")
    imported = read_sen2(args.path, on=on)
    result = nowcast(
        _load(args.scenario, None),
        imported.cases(),
        on,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    ranked = folder / "at-risk.csv"
    rows = [r.to_dict() for r in result.cases]
    with ranked.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    months = folder / "breaches-by-month.csv"
    with months.open("w", encoding="utf-8", newline="") as handle:
        table = csv.writer(handle)
        table.writerow(["month", "expected_breaches", "lower_95", "upper_95"])
        for month, e in result.breaches_by_month:
            table.writerow(
                [
                    month.isoformat()[:7],
                    f"{e.mean:.2f}",
                    f"{e.lower:.2f}",
                    f"{e.upper:.2f}",
                ]
            )
    picture = folder / "breaches-by-month.png"
    plot_breaches_by_month(result.breaches_by_month, on).savefig(picture)
    if not args.quiet:
        print(
            f"{args.path} on {on.isoformat()}: {len(result.cases)} open cases, "
            f"{len(result.results.runs)} replications.\n",
            file=out,
        )
        print(
            f"  {'reference':<14} {'stage':<28} {'20-week due':<11}  {'P(breach)':>9}  "
            f"{'expected issue':<14}  next step, latest safe date",
            file=out,
        )
        for r in result.cases[: args.top]:
            issue = (
                "after horizon"
                if r.expected_issue is None
                else r.expected_issue.isoformat()
            )
            step = (
                "" if r.next_step is None else f"{r.next_step} by {r.latest_safe_date}"
            )
            flag = " (exception)" if r.exception else ""
            print(
                f"  {r.reference:<14} {r.stage:<28} {r.due.isoformat():<11}  "
                f"{r.p_breach_20_weeks:>9.0%}  {issue:<14}  {step}{flag}",
                file=out,
            )
        print("\nWritten:", file=out)
    for path in (ranked, months, picture):
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0


def _backtest(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.errors import FileFormatError
    from ehcplan.sim.authorities import read_panel
    from ehcplan.sim.backtest import backtest

    try:
        text = Path(args.data).read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = "no such file; give the path of a panel in the format of la_panel_2019_2023.csv."
        raise FileFormatError(args.data, msg) from None
    result = backtest(
        read_panel(text, path=args.data),
        train_until=args.train_until,
        target=args.target,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        only=args.only,
    )
    written = result.to_csv(args.out)
    picture = Path(args.plot or Path(args.out).with_suffix(".png"))
    result.plot().savefig(picture)
    print(result.table(), file=out)
    print("\nWritten:", *(f"  {p}" for p in [*written, picture]), sep="\n", file=out)
    return 0


_CLOCK_COLUMNS = (
    "reference",
    "stage",
    "deadline",
    "due",
    "status",
    "days_remaining",
    "days_late",
    "provision",
)


def _print_timeliness(
    cases: Sequence[Case], first: int, last: int, out: TextIO
) -> None:
    print(
        "\nDfE timeliness by calendar year (a plan counts in the year it was issued):",
        file=out,
    )
    print(
        "  year  plans  within 20 weeks excl. exceptions  incl.   "
        "decided in 6 weeks  no plan in 16 weeks",
        file=out,
    )
    for year in range(first, last + 1):
        t = timeliness(cases, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        print(
            f"  {year}  {t.plans_issued:>5}  {as_percent(t.pc_within_20_weeks_ex):>32}  "
            f"{as_percent(t.pc_within_20_weeks):>5}   "
            f"{as_percent(t.pc_decided_within_6_weeks):>18}  "
            f"{as_percent(t.pc_no_plan_within_16_weeks):>19}",
            file=out,
        )


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the `ehcplan` command with *argv* and return its exit code.

    Args:
        argv: The arguments, without the program name (default: the command line).
        out: Where results go (default: standard output).
        err: Where error messages go (default: standard error).

    Examples:
        >>> import sys
        >>> main(["summary", "no-such-file.csv"], err=sys.stdout)
        ehcplan: no-such-file.csv: ...
        2
    """
    args = _parser().parse_args(argv)
    handlers = {
        "summary": _summary,
        "forecast": _forecast,
        "compare": _compare,
        "scenario": _scenario,
        "clock": _clock,
        "backtest": _backtest,
        "nowcast": _nowcast,
        "calibrate": cli_calibrate.run,
    }
    try:
        return handlers[args.command](args, sys.stdout if out is None else out)
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: not an error
        sys.stderr.close()
        return 0
    except EhcplanError as error:
        if args.debug:
            raise
        print(f"ehcplan: {error}", file=sys.stderr if err is None else err)
        return 2
