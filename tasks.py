#!/usr/bin/env python3
"""The project's tasks, runnable on a fresh machine with nothing but Python 3.11+.

    python3 tasks.py run     # the main job (creates .venv on first use)
    python3 tasks.py test    # everything CI checks (creates .venv on first use)
    python3 tasks.py --help  # every task

Each task creates the virtual environment `.venv` from nothing when it is missing,
and reinstalls into it when `pyproject.toml` has changed since the last install.
Only the standard library is used here, so this file runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
EXTRAS = "dev,planners,scale,docs"
CODE = ("src", "tests", "benchmarks", "examples", "sim", "docs")
"""Every folder of Python the linters check."""
STAMP = VENV / ".ehcplan-installed"


def _run(*args: str | Path) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def _tool(name: str) -> Path:
    return BIN / name


def ensure_venv() -> None:
    """Create .venv and install ehcplan with its extras, unless already up to date."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(PY, "-m", "pip", "install", "--quiet", "-e", f".[{EXTRAS}]")
    _open_notebooks_as_notebooks()
    STAMP.write_text(wanted)


def _open_notebooks_as_notebooks() -> None:
    """Make JupyterLab in .venv open the planners' percent scripts as notebooks on a double click.

    The notebooks in sim/ are Jupytext percent scripts; this sets the default
    viewer of Python files to Jupytext's notebook, for this environment only
    (JupyterLab's settings overrides in .venv/share/jupyter/lab/settings).
    """
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {
            "defaultViewers": {"python": "Jupytext Notebook"}
        }
    }
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")


def task_run(args: argparse.Namespace) -> None:
    """Run the main job: forecast the default scenario and write the report to forecast/."""
    ensure_venv()
    _run(_tool("ehcplan"), "forecast", *args.extra)


def task_check(args: argparse.Namespace) -> None:
    """Lint, format check, strict type check and the layers' import contracts."""
    ensure_venv()
    _run(_tool("ruff"), "check", *CODE, "tasks.py")
    _run(_tool("ruff"), "format", "--check", *CODE, "tasks.py")
    _run(_tool("mypy"), "--strict", "src")
    _run(_tool("lint-imports"))


def task_test(args: argparse.Namespace) -> None:
    """Everything CI checks: lint, types, tests with doctests and the coverage gate."""
    task_check(args)
    _run(
        PY, "-m", "pytest", "--cov", "--cov-branch", "--cov-report=term",
        "--cov-fail-under=95", *args.extra,
    )  # fmt: skip


def task_fmt(args: argparse.Namespace) -> None:
    """Format the code and apply safe lint fixes."""
    ensure_venv()
    _run(_tool("ruff"), "format", *CODE, "tasks.py")
    _run(_tool("ruff"), "check", "--fix", *CODE, "tasks.py")


def task_lab(args: argparse.Namespace) -> None:
    """Open the planners' notebooks in JupyterLab (sim/); each opens as a notebook."""
    ensure_venv()
    _open_notebooks_as_notebooks()
    _run(_tool("jupyter"), "lab", "sim", *args.extra)


def task_bench(args: argparse.Namespace) -> None:
    """Run the benchmarks and record their results in benchmarks/results/."""
    ensure_venv()
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        _run(PY, script, *args.extra)


def task_docs(args: argparse.Namespace) -> None:
    """Build the documentation site into site/ (or pass mkdocs's own: `docs serve`)."""
    ensure_venv()
    _run(PY, "-m", "mkdocs", *(args.extra or ["build", "--strict"]))


def task_snapshot(args: argparse.Namespace) -> None:
    """Regenerate tests/snapshots/ from the installed holidays package; review the diff."""
    ensure_venv()
    _run(PY, ROOT / "scripts" / "snapshot.py", *args.extra)


def task_schema(args: argparse.Namespace) -> None:
    """Write the case JSON Schema into the package (src/ehcplan/cases/case.schema.json)."""
    ensure_venv()
    _run(PY, ROOT / "scripts" / "case_schema.py", *args.extra)


def task_clean(args: argparse.Namespace) -> None:
    """Remove the virtual environment and every cache."""
    for name in (".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    (ROOT / ".coverage").unlink(missing_ok=True)


TASKS = {
    "run": task_run,
    "test": task_test,
    "check": task_check,
    "fmt": task_fmt,
    "lab": task_lab,
    "bench": task_bench,
    "docs": task_docs,
    "snapshot": task_snapshot,
    "schema": task_schema,
    "clean": task_clean,
}


def main() -> None:
    """Parse the task name and run it."""
    parser = argparse.ArgumentParser(
        description="ehcplan's tasks. Each creates .venv from nothing when needed.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="tasks:\n"
        + "\n".join(
            f"  {name:<10}{(fn.__doc__ or '').strip()}" for name, fn in TASKS.items()
        ),
    )
    parser.add_argument("task", choices=TASKS, help="the task to run (see below)")
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="passed to the tool")
    args = parser.parse_args()
    TASKS[args.task](args)


if __name__ == "__main__":
    main()
