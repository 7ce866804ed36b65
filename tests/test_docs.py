"""The documentation site builds strictly, matches the code, and its examples run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built with mkdocs --strict (broken links and references fail)."""
    pytest.importorskip("mkdocs")
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_the_rules_page_lists_every_clock_with_its_provision(site):
    """Generated from timeline.table: every clock's name and citation appear."""
    from ehcplan.timeline import table

    page = (site / "reference" / "rules" / "index.html").read_text()
    for clock in table.ALL:
        assert clock.name in page
        assert clock.cites.replace("&", "&amp;") in page


def test_the_command_page_shows_every_command(site):
    """Generated from the parser: each command has its own section."""
    page = (site / "reference" / "cli" / "index.html").read_text()
    for command in (
        "forecast",
        "compare",
        "scenario",
        "nowcast",
        "backtest",
        "clock",
        "summary",
    ):
        assert f"ehcplan {command}" in page


@pytest.mark.parametrize(
    "page", PAGES, ids=[str(p.relative_to(ROOT / "docs")) for p in PAGES]
)
def test_every_python_example_runs(page):
    """The Python blocks of each page run in order, from the repository's folder."""
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(), re.S)
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for block in blocks:
            exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - the docs' own examples
    finally:
        os.chdir(cwd)
