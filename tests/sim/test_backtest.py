"""Back-testing: calibrated predictions for a few authorities, the command, and panel errors."""

import importlib.resources
import io

import pytest

from ehcplan.cli import main
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sim.authorities import for_authority, read_panel
from ehcplan.sim.backtest import backtest, mean_absolute_errors

TEXT = (
    importlib.resources.files("ehcplan")
    .joinpath("data/la_panel_2019_2023.csv")
    .read_text("utf-8")
)
ROWS = read_panel(TEXT)
HARTLEPOOL, DARLINGTON = "E06000001", "E06000005"


@pytest.fixture(scope="module")
def predictions():
    """Two authorities predicted for 2023 from data up to 2022."""
    return backtest(
        ROWS,
        train_until=2022,
        target=2023,
        replications=2,
        workers=1,
        only=[HARTLEPOOL, DARLINGTON],
    )


def test_predictions_are_shares_with_intervals_and_the_actual_value(predictions):
    """Each prediction is a percentage inside its interval, with the published value beside it."""
    assert [p.code for p in predictions] == [HARTLEPOOL, DARLINGTON]
    for p in predictions:
        assert 0 <= p.lower_95 <= p.predicted_pc_within_20_weeks_ex <= p.upper_95 <= 100
        assert p.actual_pc_within_20_weeks_ex is not None
        assert p.predicted_new_plans > 0
    assert predictions[0].last_pc_within_20_weeks_ex == 55.1  # Hartlepool, 2022


def test_errors_are_scored_against_both_baselines(predictions):
    """The mean absolute errors of the model and the baselines are computed over both."""
    errors = mean_absolute_errors(predictions)
    assert errors["authorities"] == 2
    persistence = (
        sum(
            abs(p.last_pc_within_20_weeks_ex - p.actual_pc_within_20_weeks_ex)
            for p in predictions
        )
        / 2
    )
    assert errors["persistence"] == pytest.approx(persistence)


def test_the_target_is_the_next_year():
    """Only one year ahead."""
    with pytest.raises(InvalidInput, match="must be the year after --train-until"):
        backtest(ROWS, train_until=2021, target=2023)


def test_training_uses_no_outcome_from_the_target_year():
    """Calibrating on data up to 2022 reads only the target year's requests."""
    trimmed = tuple(r if r.year != 2023 else type(r)(**_only_requests(r)) for r in ROWS)
    a = backtest(
        ROWS,
        train_until=2022,
        target=2023,
        replications=2,
        workers=1,
        only=[HARTLEPOOL],
    )
    b = backtest(
        trimmed,
        train_until=2022,
        target=2023,
        replications=2,
        workers=1,
        only=[HARTLEPOOL],
    )
    assert a[0].predicted_pc_within_20_weeks_ex == b[0].predicted_pc_within_20_weeks_ex


def _only_requests(row):
    """The row with every figure but its requests left out."""
    import attrs

    keep = {"level", "code", "name", "region", "year", "requests"}
    return {
        f.name: getattr(row, f.name) if f.name in keep else None
        for f in attrs.fields(type(row))
    }


def test_the_backtest_command_writes_its_rows(tmp_path):
    """The command reads a panel, writes the rows with the agreed columns, prints the MAE."""
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "bt.csv"
    code = main(
        [
            "backtest", "--data", str(_panel(tmp_path)), "--train-until", "2022",
            "--target", "2023", "--only", HARTLEPOOL, "-n", "2", "--workers", "1",
            "--out", str(target),
        ],
        out=out,
        err=err,
    )  # fmt: skip
    assert (code, err.getvalue()) == (0, "")
    lines = target.read_text().splitlines()
    assert (
        lines[0]
        == "code,name,predicted_pc_within_20_weeks_ex,lower_95,upper_95,predicted_new_plans"
    )
    assert lines[1].startswith("E06000001,Hartlepool,")
    assert "persistence (last year's value)" in out.getvalue()


def _panel(folder):
    path = folder / "panel.csv"
    path.write_text(TEXT)
    return path


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


def test_a_missing_panel_file_exits_2(tmp_path):
    """The command says the file is missing, in one paragraph."""
    err = io.StringIO()
    code = main(
        [
            "backtest",
            "--data",
            str(tmp_path / "none.csv"),
            "--train-until",
            "2022",
            "--target",
            "2023",
        ],
        err=err,
    )
    assert code == 2
    assert "no such file" in err.getvalue()


def test_for_authority_can_start_earlier_and_take_a_growth():
    """years_before moves the start back; the requests of the named year still come out right."""
    s = for_authority("Hartlepool", 2022, growth=0.1, years_before=1)
    assert (s.start.isoformat(), s.warmup_days, s.demand.annual_growth) == (
        "2021-01-01",
        730,
        0.1,
    )


def test_an_authority_is_calibrated_from_its_published_figures():
    """Gloucestershire's effective capacity reproduces its published 2023 share, roughly."""
    import datetime as dt

    import ehcplan.sim as sim
    from ehcplan.sim.backtest import calibrate_authority

    scenario, factor = calibrate_authority("Gloucestershire", 2023, replications=3)
    runs = sim.replicate(scenario, 3, seed=2024, workers=1).runs
    shares = [
        r.timeliness(dt.date(2023, 1, 1), dt.date(2023, 12, 31)).pc_within_20_weeks_ex
        for r in runs
    ]
    assert 0.2 < factor < 5.0
    assert abs(sum(shares) / len(shares) - 0.35) < 0.10  # published: 35.0%
    with pytest.raises(InvalidInput, match="before panel send-panel's terms apply"):
        calibrate_authority("Hartlepool", 2019)


def test_an_authority_without_a_published_share_cannot_be_calibrated():
    """Leicester's 2023 share is not published, so there is nothing to calibrate to."""
    from ehcplan.sim.backtest import calibrate_authority

    with pytest.raises(
        InvalidInput, match="Leicester has no published share within 20 weeks for 2023"
    ):
        calibrate_authority("Leicester", 2023)


def test_an_authority_without_requests_has_no_demand():
    """Leicester recorded no requests for 2023: shaping a scenario to it says so."""
    with pytest.raises(
        InvalidInput, match="Leicester has no requests recorded for 2023"
    ):
        for_authority("Leicester", 2023)
