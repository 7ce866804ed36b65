"""The optional packages some features need, and a clear error when one is missing.

A bare ``pip install ehcplan`` holds the library and the simulator; the planners'
extra adds pandas (tables), matplotlib (plots) and the notebook tools. A feature
that needs one asks `require` for it, which imports it or raises `MissingExtra`
naming the exact ``pip install`` to run; the commands ask before they start work,
so a missing extra never leaves half a report.

Examples:
    >>> require("math", extra="planners", purpose="arithmetic").sqrt(4)
    2.0
    >>> require("no_such_package", extra="planners", purpose="plots")
    Traceback (most recent call last):
    ...
    ehcplan.errors.MissingExtra: plots need no_such_package, which is not installed; ...
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ehcplan.errors import MissingExtra

__all__ = ["require"]


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import *module*, or raise `MissingExtra` saying which extra installs it.

    Raises:
        MissingExtra: If *module* is not installed.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is not None and error.name != module.split(".")[0]:
            raise
        raise MissingExtra(module.split(".")[0], extra, purpose) from None
