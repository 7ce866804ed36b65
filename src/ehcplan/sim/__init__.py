"""The SimPy simulator of an authority's EHC caseload.

Describe, run, analyse:

- **Describe** a `Scenario`: demand, capacity and the authority's policy, checked
  on construction, read from and written to TOML (`load_scenario`,
  `dumps_scenario`); `default_scenario()` is an average English authority in 2024,
  `for_authority(name, year)` shapes it to an authority's published figures.
- **Run** it: `run` once, `replicate` many times on local processes or any
  `concurrent.futures.Executor` (a Dask cluster's included), `compare` two
  scenarios on the same seeds, `sweep` one over a range of one parameter.
- **Analyse** the `Results`: journeys in SEN2 shape, panel meetings, weekly
  queues, and KPIs with 95% confidence intervals and the range a single year
  can take, DfE's measures computed by the same code that counts real data.
- **Calibrate and back-test**: `ehcplan.sim.calibrate` (an authority's own
  SEN2 history), `ehcplan.sim.calibrate_published` (every authority's published
  figures), `ehcplan.sim.backtest` (forecasts scored against what happened,
  beside persistence and `ehcplan.sim.reference`).

The simulator answers *when* things happen, *who waits* and *what it costs*;
every rule (the 20-week deadline, the next panel a referral can reach, a
plan's RAS sign-off, a placement's shares, a personal budget's eligibility) is
asked of the domain.
Only this package imports simpy.

    >>> import ehcplan.sim as sim
    >>> results = sim.replicate(sim.default_scenario(), 2, seed=2024, workers=1)
    >>> kpis = results.kpis()
    >>> 0 < kpis["pc_within_20_weeks_ex"].mean < 1
    True
"""

from ehcplan.sim.amounts import (
    EmpiricalAmount,
    FixedAmount,
    LogNormalAmount,
    TriangularAmount,
)
from ehcplan.sim.authorities import Authority, authorities, for_authority
from ehcplan.sim.distributions import (
    Distribution,
    Empirical,
    Exponential,
    Fixed,
    Gamma,
    LogNormal,
    Triangular,
)
from ehcplan.sim.estimates import Estimate, interval
from ehcplan.sim.plans import Ceasing, Form, PersonalBudgets, Placements, Resources
from ehcplan.sim.results import KPIS, Results, Run
from ehcplan.sim.run import Comparison, compare, replicate, run, run_each
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenario_file import dumps_scenario, loads_scenario
from ehcplan.sim.scenarios import default_scenario, load_scenario
from ehcplan.sim.stages import (
    Advice,
    AdviceSource,
    Consultation,
    Decision,
    Demand,
    Disputes,
    Drafting,
    Exceptions,
    PlanPanel,
    Reviews,
)
from ehcplan.sim.surge import Surge
from ehcplan.sim.sweep import Sweep, sweep

__all__ = [
    "KPIS",
    "Advice",
    "AdviceSource",
    "Authority",
    "Ceasing",
    "Comparison",
    "Consultation",
    "Decision",
    "Demand",
    "Disputes",
    "Distribution",
    "Drafting",
    "Empirical",
    "EmpiricalAmount",
    "Estimate",
    "Exceptions",
    "Exponential",
    "Fixed",
    "FixedAmount",
    "Form",
    "Gamma",
    "LogNormal",
    "LogNormalAmount",
    "PersonalBudgets",
    "Placements",
    "PlanPanel",
    "Resources",
    "Results",
    "Reviews",
    "Run",
    "Scenario",
    "Surge",
    "Sweep",
    "Triangular",
    "TriangularAmount",
    "authorities",
    "compare",
    "default_scenario",
    "dumps_scenario",
    "for_authority",
    "interval",
    "load_scenario",
    "loads_scenario",
    "replicate",
    "run",
    "run_each",
    "sweep",
]
