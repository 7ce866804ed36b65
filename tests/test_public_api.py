import inspect
import subprocess
import sys

import ehcplan


def test_all_is_sorted_and_complete():
    """__all__ is sorted, names only things that exist, and misses nothing public."""
    public = {
        name
        for name, value in vars(ehcplan).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }

    assert sorted(ehcplan.__all__) == ehcplan.__all__
    assert all(hasattr(ehcplan, name) for name in ehcplan.__all__)
    assert public <= set(ehcplan.__all__)


def test_importing_ehcplan_loads_no_heavy_optional_package():
    """`import ehcplan` stays light: no numpy, pandas, simpy, holidays or plotting."""
    heavy = ["numpy", "pandas", "simpy", "holidays", "matplotlib", "cattrs", "tqdm"]
    code = (
        "import sys, ehcplan; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert loaded == ""
