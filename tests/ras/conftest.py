"""Shared values for the RAS tests: the Exampleshire policy's RAS and a form builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

import ehcplan.policy
from ehcplan.policy import Level, RasPolicy, RasScheme
from ehcplan.ras import Answer, Evidence, RasForm

REPORT = frozenset({Evidence.PROFESSIONAL_REPORT})


@pytest.fixture(scope="session")
def ras() -> RasPolicy:
    """Exampleshire's RAS policy (fictional, illustrative points)."""
    policy = ehcplan.policy.load_policy("exampleshire").ras
    assert policy is not None
    return policy


@pytest.fixture(scope="session")
def scheme(ras: RasPolicy) -> RasScheme:
    """Exampleshire's 6-16 scheme: outcome 1 scores 3/6/12, others 1-2/3-4/6-8."""
    return ras.scheme("exampleshire-6-16")


def make_form(scheme: RasScheme, levels: Mapping[str, Level]) -> RasForm:
    """A complete form: the given levels (with a professional report), NONE elsewhere."""
    return RasForm(
        scheme=scheme,
        answers={
            o.id: Answer(level=levels[o.id], evidence=REPORT)
            if levels.get(o.id, Level.NONE) is not Level.NONE
            else Level.NONE
            for o in scheme.outcomes
        },
    )


FormOf = Callable[[RasScheme, Mapping[str, Level]], RasForm]


@pytest.fixture(scope="session")
def form_of() -> FormOf:
    """`make_form`, as a fixture so test modules need not import conftest."""
    return make_form
