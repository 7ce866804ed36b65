"""Bad input never crashes, hangs or says too little: every command on hand-made bad files.

The contract (docs/reference/errors.md): a command given bad input exits 2 with one
paragraph on standard error, saying what was wrong, where (file, row, field or key
path) and what to do; never a traceback; standard output stays empty; and it stops
at once, before any simulation starts. The files are in tests/bad_input/ (see its
README); scenario variants are the shipped default with one key changed.
"""

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.cli import main
from ehcplan.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "bad_input"
DEFAULT = (ROOT / "src" / "ehcplan" / "sim" / "scenarios" / "default.toml").read_text()
EXAMPLE = str(ROOT / "examples" / "sen2-example.csv")


def ehcplan(capsys, *argv):
    """Run the command in this process: (exit code, stdout, stderr, seconds)."""
    started = time.perf_counter()
    try:
        code = main([str(a) for a in argv])
    except SystemExit as stop:  # argparse's own refusals
        code = stop.code
    seconds = time.perf_counter() - started
    captured = capsys.readouterr()
    return code, captured.out, captured.err, seconds


def assert_refused(code, out, err, seconds, *words):
    """Exit 2, one paragraph naming *words*, nothing on stdout, no traceback, quick."""
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert "\n\n" not in err.strip()
    for word in words:
        assert word in err, (word, err)
    assert seconds < 10


VARIANTS = {
    "horizon in quotes": (
        "horizon_days = 1096",
        'horizon_days = "1096"',
        "horizon_days",
    ),
    "unknown key": (
        "warmup_days = 730",
        "warmup_days = 730\nwarmp_days = 1",
        "warmp_days",
    ),
    "no places": ("[plan_panel]\n", "[plan_panel]\nslots_per_meeting = 0\n", "place"),
    "negative places": (
        "[plan_panel]\n",
        "[plan_panel]\nslots_per_meeting = -4\n",
        "place",
    ),
    "share above 1": ("refuse_share = 0.252", "refuse_share = 1.5", "refuse_share"),
    "no such policy": ('"england-average"', '"nowhere-shire"', "nowhere-shire"),
    "policy a number": ('policy = "england-average"', "policy = 7", "policy"),
    "huge demand": ("requests_per_week = 14.4", "requests_per_week = 1e6", "2,000,000"),
    "huge stock": ("plans = 3093", "plans = 100000000", "1,000,000"),
    "fifty years of growth": (
        "horizon_days = 1096",
        "horizon_days = 18262",
        "requests",
    ),
    "near 9999": ("start = 2022-01-01", "start = 9999-06-01", "9997-12-31"),
    "date in quotes": ("start = 2022-01-01", 'start = "2022-01-01"', "start"),
    "unknown distribution": (
        'kind = "lognormal", mean = 25',
        'kind = "lognormal2", mean = 25',
        "kind",
    ),
}


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("command", ["validate", "forecast"])
def test_a_bad_scenario_is_refused_before_anything_runs(
    tmp_path, capsys, name, command
):
    """Every bad scenario key: one keyed paragraph, exit 2, before a simulation starts."""
    old, new, word = VARIANTS[name]
    assert old in DEFAULT
    path = tmp_path / "mine.toml"
    path.write_text(DEFAULT.replace(old, new, 1), encoding="utf-8")
    argv = (
        ("scenario", "validate", path)
        if command == "validate"
        else ("forecast", path, "-n", "2", "--out", tmp_path / "out", "-q")
    )
    assert_refused(*ehcplan(capsys, *argv), "mine.toml", word)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("binary.toml", ["binary"]),
        ("latin1.toml", ["line 1, column 37", "UTF-8"]),
        ("unclosed-quote.toml", ["not valid TOML"]),
        (
            "scenario-naming-broken-policy.toml",
            ["policy-broken.toml", "cases_per_meting"],
        ),
    ],
)
def test_a_bad_scenario_file_is_refused(capsys, file, words):
    """Binary, Latin-1, broken TOML, a broken policy behind it: each named exactly."""
    assert_refused(*ehcplan(capsys, "scenario", "validate", BAD / file), file, *words)


def test_a_folder_given_as_a_scenario_is_refused(capsys, tmp_path):
    """A folder is not a scenario file."""
    assert_refused(*ehcplan(capsys, "scenario", "validate", tmp_path), "is a folder")


BACKTEST = ["backtest", "--data"]
YEARS = ["--train-until", "2022", "--target", "2023"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["forecast", "--workers", "-1"], ["--workers", "from 1", "-1"]),
        (["forecast", "--workers", "0"], ["--workers"]),
        (["forecast", "-n", "0"], ["--replications"]),
        (["forecast", "--horizon-days", str(10**9)], ["--horizon-days", "36,525"]),
        (["forecast", "--seed", "-3"], ["--seed"]),
        (
            ["clock", EXAMPLE, "--on", "2025-01-01", "--due-soon-days", "-5"],
            ["--due-soon-days"],
        ),
        (["clock", EXAMPLE, "--on", "2025-02-30"], ["--on", "not a real date"]),
        (["nowcast", EXAMPLE, "--on", "9999-12-31", "-n", "2"], ["9997-12-31"]),
        (["nowcast", EXAMPLE, "--on", "2025-01-15", "--top", "-1"], ["--top"]),
        (["summary", EXAMPLE, "--issues", "-2"], ["--issues"]),
        (
            [
                "backtest",
                "--data",
                BAD / "binary.toml",
                "--train-until",
                "2022",
                "--target",
                "2023",
            ],
            ["binary"],
        ),
        (
            ["backtest", "--data", BAD, "--train-until", "2022", "--target", "2023"],
            ["is a folder"],
        ),
        (
            [
                "backtest",
                "--data",
                BAD / "panel-missing-columns.csv",
                "--train-until",
                "2022",
                "--target",
                "2023",
            ],
            ["missing columns"],
        ),
        (
            [
                "backtest",
                "--data",
                BAD / "nowhere.csv",
                "--train-until",
                "2022",
                "--target",
                "2023",
            ],
            ["no such file"],
        ),
        (
            [
                "backtest",
                "--data",
                EXAMPLE,
                "--train-until",
                "twenty",
                "--target",
                "2023",
            ],
            ["--train-until"],
        ),
    ],
    ids=lambda v: " ".join(str(x) for x in v)[:60] if isinstance(v, list) else None,
)
def test_bad_options_are_refused(capsys, tmp_path, argv, words):
    """Out-of-range numbers, impossible dates and bad files given to options: refused."""
    argv = [*argv, "--out", tmp_path / "out"] if argv[0] in ("nowcast",) else argv
    assert_refused(*ehcplan(capsys, *argv), *words)


def test_an_out_that_is_a_file_is_refused_before_the_run(capsys, tmp_path):
    """--out naming an existing file: refused at once, the file untouched."""
    taken = tmp_path / "report"
    taken.write_text("keep me")
    result = ehcplan(capsys, "forecast", "-n", "50", "--out", taken, "-q")
    assert_refused(*result, "is a file, not a folder")
    assert result[3] < 2
    assert taken.read_text() == "keep me"


def test_an_out_file_that_is_a_folder_or_in_no_folder_is_refused(capsys, tmp_path):
    """The clock's --out must be a file in a folder that exists."""
    assert_refused(
        *ehcplan(capsys, "clock", EXAMPLE, "--on", "2025-01-01", "--out", tmp_path),
        "is a folder",
    )
    assert_refused(
        *ehcplan(
            capsys,
            "clock",
            EXAMPLE,
            "--on",
            "2025-01-01",
            "--out",
            tmp_path / "no" / "x.csv",
        ),
        "does not exist",
    )


def test_scenario_new_refuses_a_missing_folder_and_an_existing_file(capsys, tmp_path):
    """`scenario new` into a folder that does not exist, or over a file: refused."""
    assert_refused(
        *ehcplan(capsys, "scenario", "new", tmp_path / "missing" / "x.toml"),
        "does not exist",
    )
    (tmp_path / "x.toml").write_text("mine")
    assert_refused(*ehcplan(capsys, "scenario", "new", tmp_path / "x.toml"), "--force")
    assert (tmp_path / "x.toml").read_text() == "mine"


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("case-assess-yes.json", ["case.events[0].assess", "true or false"]),
        ("case-unknown-event.json", ["case.events[0]", "plan_signed"]),
        ("case-version-99.json", ["version 99"]),
        ("case-panel-number.json", ["case.events[0].panel", "text"]),
        ("case-source-text.json", ["case.source"]),
    ],
)
def test_bad_case_json_is_an_invalid_input_naming_its_path(file, words):
    """Case JSON with a wrong type, unknown event or version: InvalidInput at its path."""
    with pytest.raises(InvalidInput) as raised:
        c.Case.from_json((BAD / file).read_text())
    for word in words:
        assert word in str(raised.value)


ON = dt.date(2024, 10, 7)


@pytest.mark.parametrize(
    "build",
    [
        lambda: c.AssessmentDecision(on=ON, assess="yes"),
        lambda: c.AssessmentDecision(on=ON, assess=True, panel=5),
        lambda: c.Case(reference="EHC-1", received_on=ON, source=1),
        lambda: c.Case(reference="EHC-1", received_on="2024-10-07"),
        lambda: c.AdviceRequested(on=ON, source="health"),
        lambda: c.ReviewDecision(on=ON, outcome="amend"),
        lambda: c.PlanCeased(on=ON, reason=2),
        lambda: c.SchoolConsulted(on=ON, institution=123456),
        lambda: c.Case(reference="EHC-1", received_on=ON, events=[None]),
        lambda: c.Case(reference="EHC-1", received_on=ON, events=5),
    ],
)
def test_wrong_typed_fields_are_invalid_input_not_type_errors(build):
    """A field of the wrong type is an InvalidInput naming the field, never a TypeError."""
    with pytest.raises(InvalidInput) as raised:
        build()
    assert raised.value.field is not None


def test_every_value_a_case_accepts_reads_back_from_its_json():
    """What a case accepts, its JSON reads back: a panel is text, or nothing."""
    case = c.Case(reference="EHC-1", received_on=ON).record(
        c.AssessmentDecision(on=ON, assess=True, panel="send-panel")
    )
    assert c.Case.from_json(case.to_json()) == case


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(max_size=300)
    | st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
)
def test_any_text_as_a_scenario_file_is_read_or_refused(tmp_path, capsys, text):
    """Whatever a scenario file holds, validate succeeds or refuses with one paragraph."""
    path = tmp_path / "fuzz.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, out, err, _ = ehcplan(capsys, "scenario", "validate", path)
    assert code in (0, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("ehcplan: ")
        assert "fuzz.toml" in err


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    key=st.sampled_from(
        [
            "horizon_days",
            "warmup_days",
            "requests_per_week",
            "refuse_share",
            "staff",
            "caseworkers",
            "deferred_share",
            "no_plan_share",
            "plans",
            "decline_share",
            "appeal_share",
            "annual_growth",
            "mean",
            "sd",
        ]
    ),  # fmt: skip
    value=st.sampled_from(
        [
            "-1",
            "0",
            "1e308",
            "-1e308",
            "nan",
            "inf",
            '"12"',
            "true",
            "[]",
            "{}",
            "2024-01-01",
            "99999999999999999999",
            "0.5",
            "3",
        ]
    ),  # fmt: skip
)
def test_any_value_for_any_scenario_key_is_read_or_refused(
    tmp_path, capsys, key, value
):
    """Each key given a hostile value: the scenario is valid, or refused at that key."""
    pattern = re.compile(rf"^(\s*{key} = )[^\n,}}]+", re.M)
    if not pattern.search(DEFAULT):
        pattern = re.compile(rf"({key} = )[^,}}\n]+")
    changed = pattern.sub(lambda m: m.group(1) + value, DEFAULT, count=1)
    path = tmp_path / "fuzz.toml"
    path.write_text(changed, encoding="utf-8")
    code, out, err, seconds = ehcplan(capsys, "scenario", "validate", path)
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert seconds < 10
    if code == 2:
        assert err.startswith("ehcplan: ")
        assert "fuzz.toml: " in err


def test_the_error_contract_is_documented():
    """The reference pages state the contract and the limits the code enforces."""
    from ehcplan.sim.run import MAX_REPLICATIONS
    from ehcplan.sim.scenario import LAST_DAY, MAX_HORIZON_DAYS, MAX_REQUESTS
    from ehcplan.sim.stages import MAX_PLANS

    page = (ROOT / "docs" / "reference" / "errors.md").read_text()
    for limit in (MAX_HORIZON_DAYS, MAX_REQUESTS, MAX_PLANS, MAX_REPLICATIONS):
        assert f"{limit:,}" in page
    assert LAST_DAY.isoformat() in page
    assert "code 2" in page


def test_ctrl_c_stops_a_forecast_at_once_without_a_traceback(tmp_path):
    """Ctrl-C during replications on two workers: exit 130 within seconds, one line."""
    import signal
    import subprocess
    import sys

    command = Path(sys.executable).with_name("ehcplan")
    report = tmp_path / "report"
    process = subprocess.Popen(
        [command, "forecast", "-n", "400", "--workers", "2", "--out", report, "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a shell that ran the tests in the background ignores
        # Ctrl-C, and a child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # The report folder is made just before the replications start.
    deadline = time.perf_counter() + 60
    while not report.exists() and time.perf_counter() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)
    interrupted = time.perf_counter()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)

    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err
    assert time.perf_counter() - interrupted < 10
