# %% [markdown]
# # How many of Gloucestershire's plans will be issued within 20 weeks in 2024?
#
# **Question.** Starting from Gloucestershire's published 2023 figures, what share of
# its new EHC plans would be issued within 20 weeks in 2024, and how many requests a
# month would pass their 20-week deadline?
#
# **Policy, date, seed.** The default scenario ("an average English authority in 2024",
# with the fictional `england-average` panel policy) shaped to Gloucestershire's 2023
# requests, refusals, "no plan" decisions and plans in place
# (`sim.for_authority`); the run starts on 1 January 2023 and is
# measured over 2024; seed 2024. Data: DfE "Education, health and care plans",
# reporting year 2025 (shipped with ehcplan).
#
# This is a starting point, not a calibration: the durations are the national
# default's, so the forecast says what an authority of Gloucestershire's size and
# shape would see if it worked like the average authority.

# %%
# %matplotlib inline
import os

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024

# %% [markdown]
# ## The published figures

# %%
published = [a for a in sim.authorities() if a.name == "Gloucestershire"]
for a in published:
    print(a.year, a.requests, a.requests_refused, a.new_plans, a.pc_within_20_weeks_ex)

# %% [markdown]
# ## The scenario, and the forecast

# %%
scenario = sim.for_authority("Gloucestershire", 2023)
results = sim.replicate(scenario, REPLICATIONS, seed=SEED)
results.summary()

# %% [markdown]
# "A single year" is the range a year's figure can take (5% to 95% of the simulated
# years): the range to plan for. "The average" is the 95% interval of the mean over the
# replications: how precisely they pin down the average year. "Published" is England's
# figure and the authority's own, flagged where the scenario is far from it (it is not
# calibrated to it). What limits the forecast, in words:

# %%
from ehcplan.sim.report import why  # noqa: E402

for reason in why(results):
    print("-", reason)

# %%
results.plot_open_cases()

# %%
results.plot_weeks_to_issue()

# %% [markdown]
# ## Check
#
# The simulated requests in 2023 should match the published 2023 requests (the demand
# the scenario was given) within 10%, averaged over the replications.

# %%
import numpy as np  # noqa: E402

requests_2023 = np.mean(
    [np.count_nonzero(run.journeys["received"] < 365) for run in results.runs]
)
published_2023 = next(a.requests for a in published if a.year == 2023)
print(f"simulated {requests_2023:.0f} requests in 2023; published {published_2023}")
assert abs(requests_2023 - published_2023) / published_2023 < 0.10
