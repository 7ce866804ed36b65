"""The planners' notebooks in sim/ run, check their own results, and open as notebooks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parents[1] / "sim"
NOTEBOOKS = sorted(SIM.glob("[0-9][0-9]_*.py"))


def test_there_are_five_notebooks():
    """01 to 05, as sim/README.md lists them."""
    readme = (SIM / "README.md").read_text()
    assert [n.name[:2] for n in NOTEBOOKS] == ["01", "02", "03", "04", "05"]
    assert all(n.name in readme for n in NOTEBOOKS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_each_notebook_runs_and_passes_its_check(notebook):
    """Each runs from top to bottom with a few replications; its closing check holds."""
    env = {**os.environ, "EHCPLAN_REPLICATIONS": "6", "MPLBACKEND": "Agg"}
    result = subprocess.run(
        [sys.executable, notebook.name],
        cwd=SIM,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_each_opens_as_a_notebook_that_starts_with_its_question(notebook):
    """Jupytext reads each as a notebook whose first cell is Markdown with the question."""
    jupytext = pytest.importorskip("jupytext")
    cells = jupytext.read(notebook).cells
    assert cells[0].cell_type == "markdown"
    assert cells[0].source.startswith("# ")
    assert "Policy, date, seed" in cells[0].source
    assert any(c.cell_type == "code" for c in cells)


def test_jupyterlab_opens_the_percent_scripts_as_notebooks():
    """The environment's JupyterLab opens Python files with Jupytext's notebook by default."""
    import json

    overrides = (
        Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    )
    settings = json.loads(overrides.read_text())

    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"python": "Jupytext Notebook"}
    assert 'formats = "py:percent"' in (SIM / "jupytext.toml").read_text()
