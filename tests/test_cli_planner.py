"""The planner's commands: forecast, compare, scenario new/validate, clock."""

import contextlib
import csv
import io
import json
import re
from pathlib import Path

import pytest

from ehcplan.cli import main
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.report import KPI_LABELS, format_estimate, format_range

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "sen2-example.csv")


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command in-process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def small_scenario(tmp_path_factory) -> Path:
    """The starter scenario cut down to 300 days at a third of the demand."""
    folder = tmp_path_factory.mktemp("scenario")
    path = folder / "small.toml"
    assert run("scenario", "new", str(path))[0] == 0
    text = path.read_text()
    text = text.replace("horizon_days = 730", "horizon_days = 300").replace(
        "warmup_days = 365", "warmup_days = 100"
    )
    text = text.replace("requests_per_week = 20", "requests_per_week = 7").replace(
        "plans = 4000", "plans = 800"
    )
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def forecast(small_scenario, tmp_path_factory):
    """A forecast of the small scenario, 4 replications, in a temporary folder."""
    out = tmp_path_factory.mktemp("forecast")
    code, printed, err = run(
        "forecast",
        str(small_scenario),
        "-n",
        "4",
        "--workers",
        "1",
        "--out",
        str(out),
        "--quiet",
    )
    assert (code, err) == (0, "")
    return out, printed


def test_forecast_writes_the_report_and_prints_the_paths(forecast):
    """Every file is written and its path printed."""
    out, printed = forecast
    names = {
        "summary.md", "summary.html", "journeys.csv", "journeys-sen2.csv", "meetings.csv",
        "weekly.csv", "kpis.csv", "manifest.json", "open_cases.png", "panel_load.png",
        "weeks_to_issue.png", "share_by_month.png", "utilisation.png", "panel_chair.png",
        "funding.png", "cost_by_month.png",
    }  # fmt: skip
    assert {p.name for p in out.iterdir()} == names
    assert {Path(line).name for line in printed.split()} == names


def test_the_summary_shows_the_numbers_in_the_csv(forecast):
    """Each KPI in summary.md is the kpis.csv value, formatted; undefined ones are left out."""
    out, _ = forecast
    summary = (out / "summary.md").read_text()
    rows = list(csv.DictReader((out / "kpis.csv").read_text().splitlines()))
    assert len(rows) == len(KPI_LABELS)
    by_kpi = {row["kpi"]: row for row in rows}
    # The default's plan panel is its only resource allocation panel: the report shows
    # that kind's rows once, not the plan panel's copies of them.
    same = {
        "panel_load_per_meeting": "resource_allocation_panel_load",
        "pc_panel_meetings_full": "resource_allocation_panel_pc_full",
        "panel_queue_after_meeting": "resource_allocation_panel_queue_after",
    }
    for row in rows:
        if row["mean"] == "nan" or row["kpi"] in same:
            assert f"| {KPI_LABELS[row['kpi']]} |" not in summary
            if row["kpi"] in same:
                assert row["mean"] == by_kpi[same[row["kpi"]]]["mean"]
            continue
        estimate = Estimate(
            mean=float(row["mean"]), lower=float(row["lower_95"]), upper=float(row["upper_95"]),
            n=int(row["replications"]),
            predictive_lower=float(row["predictive_lower_90"]),
            predictive_upper=float(row["predictive_upper_90"]),
        )  # fmt: skip
        mean, ci = format_estimate(row["kpi"], estimate)
        single = format_range(row["kpi"], estimate)
        assert f"| {KPI_LABELS[row['kpi']]} | {mean} | {single} | {ci} |" in summary
    headline = re.search(r"\*\*(\d+\.\d)% of plans issued within 20 weeks", summary)
    share = next(r for r in rows if r["kpi"] == "pc_within_20_weeks_ex")
    assert headline is not None
    assert headline.group(1) == f"{float(share['mean']) * 100:.1f}"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["replications"] == 4


def test_every_plot_is_a_non_empty_png(forecast):
    """Each plot is a PNG of some size, and the HTML embeds them all."""
    out, _ = forecast
    for png in out.glob("*.png"):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 10_000, png.name
    assert (out / "summary.html").read_text().count("data:image/png;base64,") == 8


def test_forecast_prints_the_headline_in_plain_words(small_scenario, tmp_path):
    """Without --quiet, the headline sentence comes first."""
    code, printed, _ = run(
        "forecast",
        str(small_scenario),
        "-n",
        "2",
        "--workers",
        "1",
        "--out",
        str(tmp_path),
        "--horizon-days",
        "250",
    )
    assert code == 0
    assert re.search(
        r": \d+\.\d% of plans issued within 20 weeks \(95% CI \d+\.\d-\d+\.\d%\)",
        printed,
    )
    assert "Written:" in printed


def test_compare_writes_paired_differences(small_scenario, tmp_path):
    """Comparing a scenario with itself gives zero differences, and writes both sides' plots."""
    code, printed, _ = run(
        "compare", str(small_scenario), str(small_scenario), "-n", "2", "--workers", "1",
        "--out", str(tmp_path), "--quiet",
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader((tmp_path / "comparison.csv").read_text().splitlines()))
    assert {float(r["difference"]) for r in rows if r["difference"] != "nan"} == {0.0}
    assert (tmp_path / "a_open_cases.png").exists()
    assert (tmp_path / "comparison.png").exists()
    assert (tmp_path / "comparison.html").read_text().count(
        "data:image/png;base64,"
    ) == 17
    assert (tmp_path / "b_utilisation.png").exists()
    assert "comparison.html" in printed
    code, printed, _ = run(
        "compare",
        str(small_scenario),
        str(small_scenario),
        "-n",
        "2",
        "--workers",
        "1",
        "--out",
        str(tmp_path),
    )
    assert "B - A" in printed


def test_scenario_validate_names_the_key_and_the_fix(small_scenario, tmp_path):
    """A good scenario is ok; a bad one exits 2 naming the key."""
    code, printed, _ = run("scenario", "validate", str(small_scenario))
    assert (code, printed.split(":")[1].strip()) == (0, "ok. My authority")
    bad = tmp_path / "bad.toml"
    bad.write_text(
        small_scenario.read_text().replace("refuse_share = 0.25", "refuse_share = 25")
    )
    code, _, err = run("scenario", "validate", str(bad))
    assert code == 2
    assert (
        "decision.refuse_share: refuse_share must be a share from 0 to 1, got 25" in err
    )


def test_scenario_new_will_not_overwrite(small_scenario):
    """An existing file is kept unless --force."""
    code, _, err = run("scenario", "new", str(small_scenario))
    assert code == 2
    assert "pass --force to overwrite it" in err


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_clock_lists_overdue_first_in_every_format(fmt, tmp_path):
    """The caseload's open deadlines, overdue first; CSV and JSON carry the same rows."""
    target = tmp_path / f"deadlines.{fmt}"
    code, printed, _ = run(
        "clock", EXAMPLE, "--on", "2025-01-15", "--format", fmt, "--out", str(target)
    )
    assert code == 0
    text = target.read_text()
    if fmt == "json":
        rows = json.loads(text)
    elif fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        lines = text.splitlines()
        header = next(
            i for i, line in enumerate(lines) if line.split()[:1] == ["reference"]
        )
        assert "overdue" in lines[header + 1]
        return
    statuses = [r["status"] for r in rows]
    assert statuses[0] == "overdue"
    order = ["overdue", "due soon", "due", "limit disapplied"]
    assert [order.index(s) for s in statuses] == sorted(
        order.index(s) for s in statuses
    )
    assert "DfE timeliness 2025-01-01 to 2025-01-15" in printed


def test_clock_to_the_terminal_with_met_deadlines(capsys):
    """--all includes met deadlines; the table goes to standard output."""
    code, printed, _ = run(
        "clock", EXAMPLE, "--on", "2025-01-15", "--all", "--from", "2024-01-01"
    )
    assert code == 0
    assert " met " in printed
    assert "DfE timeliness 2024-01-01 to 2025-01-15" in printed


@pytest.mark.parametrize(
    "command", ["forecast", "compare", "scenario", "clock", "summary"]
)
def test_every_command_has_help_with_examples(command, capsys):
    """--help on each command shows examples."""
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "examples:" in capsys.readouterr().out


def test_a_missing_scenario_exits_2(tmp_path):
    """A scenario that is neither a file nor a shipped name is a one-paragraph error."""
    code, _, err = run("forecast", str(tmp_path / "nope.toml"), "--quiet")
    assert code == 2
    assert "no such scenario file; shipped scenarios are default" in err


@pytest.mark.parametrize("zipped", [False, True])
def test_clock_reads_a_collect_export_and_counts_its_rejected_rows(tmp_path, zipped):
    """A COLLECT export, as a folder or a zip, reads as the summary reads it, rejections said."""
    import zipfile

    export = Path(EXAMPLE).parent / "sen2-collect-example"
    source = str(export)
    if zipped:
        source = str(tmp_path / "export.zip")
        with zipfile.ZipFile(source, "w") as archive:
            for file in sorted(export.iterdir()):
                archive.write(file, file.name)
    code, printed, _ = run("clock", source, "--on", "2025-01-16")
    assert code == 0
    head = printed.splitlines()[0]
    assert head.startswith(f"{source} on 2025-01-16: 272 cases; 14 rows rejected")
    assert f"`ehcplan summary {source}` lists them" in head


def test_clock_says_on_standard_error_how_many_rows_a_csv_lost():
    """Rows rejected from a CSV are counted on standard error when the table is data."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, printed, _ = run(
            "clock", EXAMPLE, "--on", "2025-01-16", "--format", "csv"
        )
    assert code == 0
    assert printed.startswith("reference,")
    rejected, reviews = err.getvalue().splitlines()
    assert rejected == (
        f"ehcplan clock: {EXAMPLE}: 3 rows rejected with errors; "
        f"`ehcplan summary {EXAMPLE}` lists them"
    )
    assert reviews.startswith(
        "ehcplan clock: no plan in this file has a review recorded"
    )
