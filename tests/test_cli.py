import io
import subprocess
import sys
from pathlib import Path

import pytest

from ehcplan.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "sen2-example.csv")


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command in-process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_summary_of_the_example_reports_stages_plans_and_the_three_bad_rows():
    """The main job reads the example, counts stages and lists the rejected rows."""
    code, out, err = run("summary", EXAMPLE)

    assert (code, err) == (0, "")
    assert "3 rejected with errors" in out
    assert "plan in place" in out
    assert "Plans issued:" in out
    assert "Validation issues" in out
    assert "DfE timeliness by calendar year" in out
    assert "  2024  " in out


def test_summary_can_hide_the_issue_list():
    """--issues 0 prints the counts only."""
    code, out, _ = run("summary", EXAMPLE, "--issues", "0")

    assert code == 0
    assert "Validation issues" not in out


def test_a_reference_date_turns_later_dates_into_errors():
    """--on makes every date after it an error, so more rows are rejected."""
    _, everything, _ = run("summary", EXAMPLE)
    _, early, _ = run("summary", EXAMPLE, "--on", "2023-06-30")

    def rejected(text: str) -> int:
        return int(text.split(" rejected")[0].rsplit(" ", 1)[-1])

    assert rejected(early) > rejected(everything)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "no-such-file.csv"], "ehcplan: no-such-file.csv: "),
        (
            ["summary", EXAMPLE, "--on", "30/02/2024"],
            "--on: '30/02/2024' is not a real date",
        ),
        (["summary", EXAMPLE, "--personal", "hash"], "salt"),
    ],
)
def test_bad_input_exits_2_with_one_paragraph_and_no_traceback(argv, message):
    """Bad input gives exit code 2 and a message on stderr, never a traceback."""
    code, out, err = run(*argv)

    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_debug_shows_the_traceback():
    """--debug re-raises, so the traceback is visible."""
    with pytest.raises(Exception, match="no-such-file.csv"):
        main(["--debug", "summary", "no-such-file.csv"])


def test_the_installed_command_prints_its_version_and_help():
    """`ehcplan --version` and `--help` work as a real command, with examples."""
    version = subprocess.run(
        [sys.executable, "-m", "ehcplan", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    helped = subprocess.run(
        [sys.executable, "-m", "ehcplan", "summary", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert version.stdout.startswith("ehcplan ")
    assert "examples:" in helped.stdout
    assert "ehcplan summary examples/sen2-example.csv" in helped.stdout


def test_debug_also_works_after_the_command():
    """`ehcplan summary FILE --debug` shows the traceback too."""
    with pytest.raises(Exception, match="no-such-file.csv"):
        main(["summary", "no-such-file.csv", "--debug"])


def test_a_file_with_no_accepted_rows_still_summarises(tmp_path):
    """With every row rejected, the summary reports the counts and the issues."""
    path = tmp_path / "bad.csv"
    path.write_text("RequestID,ReceivedDate\nR1,2024-02-30\n")

    code, out, _ = run("summary", str(path))

    assert code == 0
    assert "0 accepted, 1 rejected" in out
    assert "Requests received" not in out
