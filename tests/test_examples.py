import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_every_example_script_runs(script, tmp_path):
    """Each script in examples/ runs to the end without error."""
    # Generators write into tmp_path, never over the committed files.
    extra = [str(tmp_path / "out.csv")] if script.name.startswith("make_") else []
    completed = subprocess.run(
        [sys.executable, str(script), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip()


def test_the_committed_sen2_example_is_what_its_generator_writes(tmp_path):
    """examples/sen2-example.csv is reproducible from examples/make_sen2_example.py."""
    target = tmp_path / "example.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "make_sen2_example.py"), str(target)],
        check=True,
        capture_output=True,
    )

    assert target.read_text() == (ROOT / "examples" / "sen2-example.csv").read_text()
