"""The layers of the house are a rule: the import contracts pass, and catch a wrong arrow."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_import_contracts_are_kept():
    """Layers, simpy only in the simulator, no import cycles: all kept."""
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("timeline/table.py", "import ehcplan.cases", "The layers of the house"),
        ("structure.py", "import ehcplan.policy", "The layers of the house"),
        ("validators.py", "import ehcplan.structure", "The layers of the house"),
        ("cases/report.py", "import simpy", "Only the simulator imports simpy"),
        ("sim/world.py", "import ehcplan.sim.processes", "No import cycles"),
    ],
)
def test_a_wrong_arrow_breaks_a_contract(tmp_path, module, line, broken):
    """An import pointing the wrong way, simpy below the simulator, or a cycle: refused."""
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "ehcplan" / module
    target.write_text(target.read_text("utf-8") + f"\n{line}\n", encoding="utf-8")

    result = _lint(tmp_path)

    assert result.returncode == 1
    verdicts = [v for v in result.stdout.splitlines() if v.endswith(("KEPT", "BROKEN"))]
    assert any(v.startswith(broken) and v.endswith("BROKEN") for v in verdicts)
