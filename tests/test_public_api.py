import inspect
import subprocess
import sys

import pytest

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
    heavy = [
        "numpy",
        "pandas",
        "simpy",
        "holidays",
        "matplotlib",
        "cattrs",
        "tqdm",
        "tomllib",
        "csv",
    ]
    code = (
        "import sys, ehcplan; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert loaded == ""


def test_lazy_names_are_public_and_load_on_first_use():
    """Names loaded on first use are in __all__, in dir(), and resolve to the real thing."""
    from ehcplan.policy import load_policy

    assert set(ehcplan._LAZY) <= set(ehcplan.__all__)
    assert set(ehcplan.__all__) <= set(dir(ehcplan))
    assert ehcplan.load_policy is load_policy


def test_an_unknown_name_is_an_attribute_error():
    """A misspelt name fails as Python's own modules do."""
    with pytest.raises(AttributeError, match="has no attribute 'laod_policy'"):
        ehcplan.laod_policy  # noqa: B018
