import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_python_example_runs(monkeypatch, capsys):
    """Every ```python block of the README runs as written, from the repository root."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    monkeypatch.chdir(ROOT)

    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102

    assert blocks
    assert "final plan" in capsys.readouterr().out
