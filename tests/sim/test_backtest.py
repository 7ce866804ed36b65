"""Back-testing: four forecasts side by side, scored; the commands; panel errors."""

import csv
import importlib.resources
import io
from pathlib import Path

import attrs
import pytest

from ehcplan.cli import main
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sim import load_scenario
from ehcplan.sim.authorities import Authority, for_authority, read_panel
from ehcplan.sim.backtest import MODELS, SHIPPED, backtest
from ehcplan.sim.reference import MEASURES

TEXT = (
    importlib.resources.files("ehcplan")
    .joinpath("data/la_panel_2019_2023.csv")
    .read_text("utf-8")
)
ROWS = read_panel(TEXT)
HARTLEPOOL, DARLINGTON = "E06000001", "E06000005"


@pytest.fixture(scope="module")
def result():
    """Hartlepool and Darlington's 2023, from the panel up to 2022."""
    return backtest(
        ROWS, train_until=2022, target=2023, workers=1, only=[HARTLEPOOL, DARLINGTON]
    )


def test_every_measure_is_forecast_by_every_model(result):
    """Both authorities, each measure, four forecasts with ordered 80% intervals."""
    assert sorted({(a.code, a.measure) for a in result.authorities}) == sorted(
        (code, m) for code in (HARTLEPOOL, DARLINGTON) for m in MEASURES
    )
    for a in result.authorities:
        assert set(a.forecasts) == set(MODELS)
        for name, f in a.forecasts.items():
            assert f.low <= f.high
            if name != "persistence":
                assert f.low <= f.point <= f.high


def test_persistence_is_last_years_value_and_the_actual_is_the_published_one(result):
    """Hartlepool: 55.1% in 2022 is persistence's forecast of 2023; 2023's own is the actual."""
    (hartlepool,) = [
        a for a in result.results("pc_within_20_weeks_ex") if a.code == HARTLEPOOL
    ]
    published = next(r for r in ROWS if r.code == HARTLEPOOL and r.year == 2023)
    assert hartlepool.forecasts["persistence"].point == 55.1
    assert hartlepool.actual == published.pc_within_20_weeks_ex
    assert hartlepool.capacity is not None
    assert hartlepool.speed is not None


def test_scores_are_computed_over_the_authorities_with_an_outcome(result):
    """Each model's MAE is the mean of its absolute errors; its coverage a share."""
    entries = result.results("pc_within_20_weeks_ex")
    scores = result.scores("pc_within_20_weeks_ex")
    for model in MODELS:
        errors = [abs(a.forecasts[model].point - a.actual) for a in entries]
        assert scores[model].mae == pytest.approx(sum(errors) / len(errors))
        assert scores[model].authorities == 2
        assert 0 <= scores[model].coverage <= 1
        assert scores[model].crps >= 0


def test_the_hybrid_moves_the_reference_toward_the_simulator_by_its_weight(result):
    """At the chosen weight the hybrid lies between the reference and the simulator."""
    weighing = result.weights["pc_within_20_weeks_ex"]
    assert 0 <= weighing.weight <= weighing.best <= 1
    for a in result.results("pc_within_20_weeks_ex"):
        ref, sim, hybrid = (
            a.forecasts[m].point for m in ("reference", "simulator", SHIPPED)
        )
        assert min(ref, sim) - 1e-9 <= hybrid <= max(ref, sim) + 1e-9
        if weighing.weight == 0:
            assert hybrid == pytest.approx(ref)
    assert result.weights["plans_in_place"].weight == 0.0


def test_the_table_names_every_model_and_the_faults(result):
    """The printed table has a line per model and measure, and counts the faults."""
    table = result.table()
    for model in ("persistence", "reference", "hybrid"):
        assert table.count(f"\n  {model} ") == len(MEASURES)
    assert table.count("\n  simulator ") == len(MEASURES) + 1  # and for decisions
    assert "15 regional total" in table
    assert "decisions within 6 weeks" in table


def test_the_rows_and_faults_are_written(result, tmp_path):
    """One row per authority and measure, with every model's quantiles; the faults beside."""
    rows_path, faults_path = result.to_csv(tmp_path / "bt.csv")
    rows = list(csv.DictReader(rows_path.read_text().splitlines()))
    assert len(rows) == 2 * len(MEASURES)
    assert list(rows[0])[:8] == [
        "code", "name", "region", "measure", "last", "actual", "persistence",
        "persistence_p10",
    ]  # fmt: skip
    faults = list(csv.DictReader(faults_path.read_text().splitlines()))
    assert faults_path.name == "bt-faults.csv"
    assert sum(f["value"] == "6078" for f in faults) == 15


def test_the_plot_shows_forecast_against_published_for_each_model(result):
    """Four panels, titled by model with their scores."""
    figure = result.plot()
    titles = [axes.get_title(loc="left") for axes in figure.axes]
    assert [t.split("\n")[0] for t in titles] == [
        "persistence",
        "reference",
        "simulator",
        "hybrid (shipped)",
    ]
    assert all("MAE" in t for t in titles)


def test_the_target_is_the_next_year_with_two_years_before_it():
    """Only one year ahead, and the year before must be testable first."""
    with pytest.raises(InvalidInput, match="must be the year after --train-until"):
        backtest(ROWS, train_until=2021, target=2023)
    with pytest.raises(InvalidInput, match="needs the panel's years 2018 to 2020"):
        backtest(ROWS, train_until=2020, target=2021)


def test_the_backtest_reads_nothing_of_the_target_year_but_its_requests(result):
    """Blanking every 2023 figure but the requests leaves every forecast unchanged."""
    keep = {"level", "code", "name", "region", "year", "requests", "old_code", "faults"}
    blanked = tuple(
        r
        if r.year != 2023
        else attrs.evolve(
            r, **{f.name: None for f in attrs.fields(Authority) if f.name not in keep}
        )
        for r in ROWS
    )
    again = backtest(
        blanked, train_until=2022, target=2023, workers=1, only=[HARTLEPOOL, DARLINGTON]
    )
    for a, b in zip(result.authorities, again.authorities, strict=True):
        assert {m: f.point for m, f in a.forecasts.items()} == {
            m: f.point for m, f in b.forecasts.items()
        }
        assert b.actual is None


def _panel(folder):
    """The shipped panel, as a file."""
    path = folder / "panel.csv"
    path.write_text(TEXT)
    return path


def test_the_backtest_command_prints_the_scores_and_writes_its_files(tmp_path):
    """The command reads a panel, prints every model's scores, writes rows, faults and a plot."""
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "bt.csv"
    code = main(
        [
            "backtest", "--data", str(_panel(tmp_path)), "--train-until", "2022",
            "--target", "2023", "--only", HARTLEPOOL, "--workers", "1",
            "--out", str(target),
        ],
        out=out,
        err=err,
    )  # fmt: skip
    assert (code, err.getvalue()) == (0, "")
    lines = target.read_text().splitlines()
    assert lines[0].startswith("code,name,region,measure,last,actual,persistence,")
    assert lines[1].startswith(
        "E06000001,Hartlepool,North East,pc_within_20_weeks_ex,55.10,"
    )
    assert (tmp_path / "bt.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "bt-faults.csv").exists()
    assert "hybrid's weight on the simulator" in out.getvalue()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace("requests_refused,", "refused,", 1),
            "missing columns requests_refused",
        ),
        (
            lambda t: t.replace(
                "2023,Local authority,E06000001,805,Hartlepool,North East,166",
                "2023,Local authority,E06000001,805,Hartlepool,North East,lots",
            ),
            "row 6: cannot read a number",
        ),
    ],
)
def test_bad_panels_name_the_problem(change, message):
    """A missing column or an unreadable number is a file format error naming it."""
    with pytest.raises(FileFormatError, match=message):
        read_panel(change(TEXT), path="panel.csv")


@pytest.mark.parametrize("command", ["backtest", "calibrate"])
def test_a_missing_panel_file_exits_2(tmp_path, command):
    """Both commands say the panel file is missing, in one paragraph."""
    err = io.StringIO()
    args = {
        "backtest": ["--train-until", "2022", "--target", "2023"],
        "calibrate": ["--authority", "Hartlepool", "--out", str(tmp_path / "x.toml")],
    }[command]
    code = main([command, "--data", str(tmp_path / "none.csv"), *args], err=err)
    assert code == 2
    assert "no such file" in err.getvalue()


def test_calibrate_writes_a_scenario_a_planner_can_run(tmp_path):
    """From published figures: a commented file that loads, with its surge, and its estimates."""
    out = io.StringIO()
    path = tmp_path / "hartlepool.toml"
    code = main(
        ["calibrate", "--authority", "Hartlepool", "--year", "2022", "--out", str(path),
         "--workers", "1"],
        out=out,
    )  # fmt: skip
    text = path.read_text()
    scenario = load_scenario(path)
    assert code == 0
    assert text.startswith("# Hartlepool: calibrated from published figures up to 2022")
    assert "capacity, plans a year over the plans its requests need" in text
    assert scenario.surge is not None
    assert scenario.name == "Hartlepool: forecast for 2023 from 2022 figures"
    assert "ehcplan forecast" in out.getvalue()
    again = main(
        ["calibrate", "--authority", "Hartlepool", "--out", str(path)], err=out
    )
    assert again == 2
    assert "exists; choose another name, or pass --force" in out.getvalue()


def test_calibrate_writes_a_scenario_from_a_sen2_history(tmp_path):
    """From a case log up to a date: a delay model with its estimates in comments."""
    example = Path(__file__).resolve().parents[2] / "examples" / "sen2-example.csv"
    path = tmp_path / "mine.toml"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            "calibrate",
            "--sen2",
            str(example),
            "--until",
            "2024-06-30",
            "--out",
            str(path),
        ],
        out=out,
        err=err,
    )
    assert (code, err.getvalue()) == (0, "")
    assert (
        "# Estimated from the authority's own requests, 95% intervals:"
        in path.read_text()
    )
    assert load_scenario(path).start.isoformat() == "2023-01-04"
    missing = main(
        ["calibrate", "--sen2", str(example), "--out", str(path), "--force"], err=err
    )
    assert missing == 2
    assert "--sen2 needs --until" in err.getvalue()


def test_for_authority_can_start_earlier_and_take_a_growth():
    """years_before moves the start back; the requests of the named year still come out right."""
    s = for_authority("Hartlepool", 2022, growth=0.1, years_before=1)
    assert (s.start.isoformat(), s.warmup_days, s.demand.annual_growth) == (
        "2021-01-01",
        730,
        0.1,
    )


def test_an_authority_without_requests_has_no_demand():
    """Leicester recorded no requests for 2023: shaping a scenario to it says so."""
    with pytest.raises(
        InvalidInput, match="Leicester has no requests recorded for 2023"
    ):
        for_authority("Leicester", 2023)


def test_an_authority_that_cannot_be_calibrated_says_why(tmp_path):
    """Leicester has no 2023 figures to calibrate to: the command says so, exit 2."""
    err = io.StringIO()
    code = main(
        ["calibrate", "--authority", "Leicester", "--out", str(tmp_path / "l.toml"),
         "--workers", "1"],
        err=err,
    )  # fmt: skip
    assert code == 2
    assert (
        "Leicester cannot be calibrated for 2023: no requests published for 2023"
        in err.getvalue()
    )
