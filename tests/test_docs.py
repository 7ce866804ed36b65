"""The documentation site builds strictly, matches the code, and its examples run."""

import contextlib
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built with mkdocs --strict (broken links and references fail)."""
    pytest.importorskip("mkdocs")
    out = tmp_path_factory.mktemp("site")
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        # The notebooks are executed as the site is built: a few replications each.
        env={
            **env,
            "NO_MKDOCS_2_WARNING": "1",
            "EHCPLAN_REPLICATIONS": "6",
        },
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


def test_the_rules_page_is_the_audit_with_links_and_fact_tests(site):
    """Every audited provision appears linked, with its example; every ground's fact test."""
    from ehcplan.timeline import ExceptionGround, audit

    page = (site / "reference" / "rules" / "index.html").read_text()
    for entry in audit.AUDIT:
        assert f'href="{audit.legislation_url(entry.cites)}"' in page, entry.cites
        assert entry.cites in page
        for example in entry.examples:
            assert example.says.replace("'", "&#x27;") in page or example.says in page
    for ground in ExceptionGround:
        assert f"<td>{ground.value}</td>" in page
    assert "The facts behind each exception ground" in page


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


def _text(site, page):
    """A built page's text, tags removed and entities decoded."""
    import html

    raw = (site / page / "index.html").read_text()
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def _keys(table, prefix=""):
    """Every key of a TOML table, nested tables and arrays of tables included."""
    for key, value in table.items():
        yield key
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                yield from _keys(item)


def test_the_scenario_page_documents_every_key_the_shipped_scenarios_use(site):
    """Each key in the shipped scenario files has a row on the scenario-file page."""
    import tomllib

    from ehcplan.policy import load_policy

    page = (site / "reference" / "scenario-file" / "index.html").read_text()
    folder = ROOT / "src" / "ehcplan" / "sim" / "scenarios"
    schemes = {s.id for s in load_policy("england-average").ras.schemes}
    for path in folder.glob("*.toml"):
        for key in _keys(tomllib.loads(path.read_text())):
            if " " in key or key.isdigit() or key in schemes:
                continue  # exception grounds, placement weeks, the policy's RAS schemes
            assert f"<code>{key}</code>" in page, (path.name, key)


def test_the_policy_page_documents_every_key_the_shipped_policies_use(site):
    """Each key in the shipped policy files is named in the policy page's format."""
    import tomllib

    from ehcplan.policy import load

    described = set(re.findall(r"[a-z_0-9]+", load.__doc__ or ""))
    page = _text(site, "reference/policy-file")
    for path in (ROOT / "src" / "ehcplan" / "policy" / "examples").glob("*.toml"):
        for key in _keys(tomllib.loads(path.read_text())):
            if key.isdigit() or key.startswith("Band ") or key == "from":
                continue  # weeks per year, band names: the user's own
            assert key in described, (path.name, key)
    assert "cases_per_meeting" in page


def test_the_results_page_names_every_column_a_run_produces(site):
    """Every column of journeys, meetings and weekly tables is on the results page."""
    from ehcplan import sim

    page = _text(site, "reference/results")
    results = sim.replicate(sim.default_scenario(), 1, seed=1, workers=1)
    for table in (results.journeys(), results.meetings(), results.weekly()):
        for column in table:
            assert re.search(rf"\b{column}\b", page), column
    for kpi in sim.KPIS:
        assert kpi in page


def test_the_errors_page_shows_the_tree_and_every_error(site):
    """The error tree is drawn and each error class has its own entry."""
    import ehcplan.errors

    page = (site / "reference" / "errors" / "index.html").read_text()
    assert "└── MissingExtra" in page
    assert "├── FileFormatError" in page
    for name in ehcplan.errors.__all__:
        assert f'id="ehcplan.errors.{name}"' in page, name


def test_the_process_page_draws_the_twenty_weeks_from_the_code(site):
    """The process diagram is an SVG placing each step by the statutory clocks."""
    from ehcplan.timeline import table

    page = (site / "explanation" / "process" / "index.html").read_text()
    start = page.index('class="ehc-diagram"')
    svg = page[start : page.index("</svg>", start)]
    for clock in (table.DECISION_TO_ASSESS, table.FINAL_PLAN, table.REPRESENTATIONS):
        assert clock.cites in svg


def test_the_site_works_offline(site):
    """No page loads a font, stylesheet or script from the network.

    (Notebook pages carry the loader of a diagram library that imports it only for
    Mermaid diagrams, which the notebooks do not have.)
    """
    remote = re.compile(
        r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//[^"]+"', re.I
    )
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert not remote.findall(text), page
        assert "fonts.googleapis" not in text, page
        assert 'class="jp-Mermaid' not in text, page


def test_the_api_pages_show_docstring_examples_as_code(site):
    """Doctests render as code blocks, never as Markdown quotes of ">>>" lines."""
    pages = sorted((site / "reference" / "api").glob("*/index.html"))
    assert len(pages) == len(list((ROOT / "docs" / "reference" / "api").glob("*.md")))
    assert len(pages) >= 11
    for page in pages:
        assert "<blockquote>" not in page.read_text(), page.parent.name


@pytest.mark.parametrize("notebook", sorted((ROOT / "sim").glob("[0-9][0-9]_*.py")))
def test_each_notebook_is_rendered_with_its_outputs(site, notebook):
    """The site shows each planner's notebook as executed: outputs, plots, no errors."""
    page = (site / "notebooks" / notebook.stem / "index.html").read_text()
    assert "jp-OutputArea" in page
    assert re.search(r'<img[^>]+src="data:image/png;base64', page)
    assert "&lt;Figure size" not in page  # a figure shown as text, not drawn
    assert "Traceback" not in page


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


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROBE = """<script>window.__errors = [];
window.addEventListener("error", function (e) {
  window.__errors.push(String(e.message || (e.target && (e.target.src || e.target.href))));
}, true);
window.addEventListener("load", function () { setTimeout(function () {
  var column = document.querySelector(".md-content") || document.body;
  var right = column.getBoundingClientRect().right;
  var clipped = [].slice.call(document.querySelectorAll("table")).filter(function (t) {
    var box = t.parentElement;
    return t.getBoundingClientRect().right > right + 1 || box.scrollWidth > box.clientWidth + 1;
  }).length;
  var broken = [].slice.call(document.images).filter(function (i) {
    return !i.complete || i.naturalWidth === 0;
  }).length;
  document.body.setAttribute("data-check", JSON.stringify(
    {clipped: clipped, broken: broken, errors: window.__errors, width: window.innerWidth}));
}, 200); });
</script>"""


@contextlib.contextmanager
def _served(folder: Path):
    """Serve *folder* over HTTP on a free local port, as a reader's browser would see it."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(folder)
    )
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _chromium(url: str, profile: Path, *extra: str) -> str:
    """Headless Chromium at 1280 px wide on *url*, with a fresh profile; its output."""
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
            "--window-size=1280,2000", "--virtual-time-budget=5000", *extra, url,
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_report_and_three_pages_render_in_chromium(site, tmp_path):
    """The forecast report, the first tutorial, the rules and the scenario file render at 1280 px.

    Each page loads without a script or resource error, every image loads, and
    no table runs past the text column (clipped or scrolled out of sight); a
    screenshot of each is kept in the test's folder to be looked at.
    """
    from ehcplan.sim import default_scenario, replicate
    from ehcplan.sim.report import write_report

    report = tmp_path / "report"
    write_report(replicate(default_scenario(), 2, seed=1, workers=1), report)
    pages = (
        (report, "summary.html", "report"),
        (site, "tutorials/first-deadline/index.html", "first-deadline"),
        (site, "reference/rules/index.html", "rules"),
        (site, "reference/scenario-file/index.html", "scenario-file"),
    )
    for folder, page, name in pages:
        path = folder / page
        probe = path.with_name("probe-" + path.name)
        text = path.read_text(encoding="utf-8")
        probe.write_text(text.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
        with _served(folder) as root:
            dom = _chromium(
                f"{root}/{probe.relative_to(folder)}",
                tmp_path / f"profile-{name}",
                "--dump-dom",
            )
            shot = tmp_path / f"{name}.png"
            _chromium(
                f"{root}/{page}", tmp_path / f"shot-{name}", f"--screenshot={shot}"
            )
        probe.unlink()
        found = re.search(r'data-check="([^"]*)"', dom)
        assert found is not None, (page, dom[-500:])
        check = json.loads(html.unescape(found.group(1)))
        assert check == {"clipped": 0, "broken": 0, "errors": [], "width": 1280}, page
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 20_000, page
