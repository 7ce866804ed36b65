# %% [markdown]
# # How does the breach curve bend as demand grows?
#
# **Question.** If requests grew by 0%, 10%, 20% or 30% a year from 2022, with the same
# staff, how many requests a month would pass their 20-week deadline in 2024?
#
# **Policy, date, seed.** The shipped `default` scenario (policy `england-average`,
# fictional), measured over 2024, with its annual growth replaced; common random
# numbers, root seed 2024.

# %%
# %matplotlib inline
import os

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024
GROWTH = [0.0, 0.1, 0.2, 0.3]

growth = sim.sweep(
    sim.default_scenario(),
    "demand.annual_growth",
    GROWTH,
    REPLICATIONS,
    seed=SEED,
)
growth.summary(["breaches_per_month", "pc_within_20_weeks_ex"])

# %% [markdown]
# The mean's interval says how precisely the replications pin down an average year;
# the band is the range a single year can take (5% to 95% of the simulated years).

# %%
growth.plot("breaches_per_month", label="annual growth in requests (0.1 is 10%)")

# %%
growth.plot("pc_within_20_weeks_ex", label="annual growth in requests (0.1 is 10%)")

# %% [markdown]
# What limits the fastest-growing authority, in words:

# %%
from ehcplan.sim.report import why  # noqa: E402

for reason in why(growth.results[-1]):
    print("-", reason)

# %% [markdown]
# ## Check
#
# With the same staff, more demand must never mean fewer breaches.

# %%
means = [e.mean for e in growth.estimates("breaches_per_month")]
assert means == sorted(means)
print("checked")
