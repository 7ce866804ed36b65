"""The pooled reference model and persistence: what they learn, and what they may read."""

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.sim.authorities import Authority, shipped_panel
from ehcplan.sim.reference import (
    MEASURES,
    PanelIndex,
    fit_reference,
    lad,
    persistence,
)

PANEL = PanelIndex(shipped_panel())


def _authority(i, year, share, requests, plans):
    """One synthetic authority-year."""
    return Authority(
        level="Local authority", code=f"E0{i:07d}", name=f"LA {i}", region="North East",
        year=year, requests=requests, requests_refused=requests // 5,
        assessments_plan_issued=plans, assessments_no_plan=5, pc_within_20_weeks_ex=share,
        plans_issued_20_to_52_weeks_ex=None, plans_issued_over_52_weeks_ex=None,
        plans_issued_ex=plans, new_plans=plans, plans_in_place_january=2000,
        plans_issued=plans, plans_in_place_next_january=2200,
    )  # fmt: skip


def _synthetic(level_weight, growth_weight, authorities=80, seed=3):
    """A panel whose logit share moves by known weights on the level and the growth."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 1.2, authorities)
    requests = np.full(authorities, 300.0)
    panel = []
    for year in range(2019, 2024):
        if year > 2019:
            growth = rng.normal(0.15, 0.2, authorities)
            requests = requests * np.exp(growth)
            z = (
                z
                + level_weight * (z - z.mean())
                + growth_weight * growth
                + rng.laplace(0, 0.05, authorities)
            )
        for i in range(authorities):
            share = round(100 / (1 + math.exp(-z[i])), 2)
            r = round(requests[i])
            panel.append(_authority(i, year, share, r, round(r * 0.6)))
    return panel


def test_the_weights_of_a_known_panel_are_recovered():
    """Changes built from a reversion of -0.4 and a growth effect of -0.8 are learnt back."""
    model = fit_reference(_synthetic(-0.4, -0.8), until=2023)
    assert model.coefficients["level"] == pytest.approx(-0.4, abs=0.05)
    assert model.coefficients["requests_growth"] == pytest.approx(-0.8, abs=0.1)
    assert model.rows == 80 * 4


def test_on_dfe_figures_shares_revert_toward_the_average():
    """Fitted to 2022, most authorities below 30% are expected to rise, above 90% to fall."""
    model = fit_reference(PANEL, until=2022)
    forecasts = model.predict(PANEL, 2023)

    def rising(low, high):
        last = {
            s: v
            for s in forecasts
            if low <= (v := PANEL.row(s, 2022).pc_within_20_weeks_ex) < high
        }
        return np.mean([forecasts[s].median > v for s, v in last.items()])

    assert model.coefficients["level"] < -0.2
    assert rising(0, 30) > 0.5
    assert rising(90, 101) < 0.5


def test_the_model_reads_nothing_of_the_target_year_but_its_requests():
    """Blanking every 2023 figure except requests leaves the 2023 forecasts unchanged."""
    keep = {"level", "code", "name", "region", "year", "requests", "old_code"}
    blanked = tuple(
        r
        if r.year != 2023
        else attrs.evolve(
            r,
            **{
                f.name: None
                for f in attrs.fields(Authority)
                if f.name not in keep and f.name != "faults"
            },
        )
        for r in shipped_panel()
    )
    for measure in MEASURES:
        a = fit_reference(PANEL, measure, until=2022).predict(PANEL, 2023)
        b = fit_reference(PanelIndex(blanked), measure, until=2022).predict(
            PanelIndex(blanked), 2023
        )
        assert {s: p.quantiles for s, p in a.items()} == {
            s: p.quantiles for s, p in b.items()
        }


def test_intervals_are_widened_to_cover_earlier_years_as_promised():
    """The widening is the one that made 80% intervals cover 80% of an earlier year."""
    model = fit_reference(PANEL, until=2022)
    assert 0.8 <= model.widening <= 3.0
    assert fit_reference(PANEL, until=2020).widening == 1.0  # one pair of years only


def test_persistence_is_last_years_value():
    """Persistence's median is the value published the year before."""
    forecasts = persistence(PANEL, "plans_issued", until=2022, target=2023)
    hartlepool = "805"
    assert forecasts[hartlepool].median == pytest.approx(
        PANEL.row(hartlepool, 2022).plans_issued
    )


def test_unknown_measures_and_short_panels_are_refused():
    """A measure not in MEASURES, or a panel with one year, cannot be fitted."""
    with pytest.raises(InvalidInput, match="no measure 'weeks'"):
        fit_reference(PANEL, "weeks", until=2022)
    one_year = [r for r in shipped_panel() if r.year == 2019]
    with pytest.raises(InvalidInput, match="too few authorities"):
        fit_reference(one_year, until=2019)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(-3, 3),
    st.floats(-3, 3),
    st.lists(st.floats(-5, 5), min_size=8, max_size=30, unique=True),
)
def test_a_median_fit_of_exact_data_is_exact(intercept, slope, xs):
    """With every point on a line, the median regression returns that line."""
    x = np.array(xs)
    beta = lad(np.column_stack([np.ones(len(x)), x]), intercept + slope * x, ridge=0)
    assert beta == pytest.approx([intercept, slope], abs=1e-3)
