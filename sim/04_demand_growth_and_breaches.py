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

import attrs

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024
GROWTH = [0.0, 0.1, 0.2, 0.3]

base = sim.default_scenario()
breaches = []
for growth in GROWTH:
    scenario = attrs.evolve(
        base, demand=attrs.evolve(base.demand, annual_growth=growth)
    )
    estimate = sim.replicate(scenario, REPLICATIONS, seed=SEED).kpis()[
        "breaches_per_month"
    ]
    breaches.append(estimate)
    print(f"growth {growth:.0%}: {estimate}")

# %%
import matplotlib.pyplot as plt  # noqa: E402

figure, axes = plt.subplots(figsize=(7, 4))
axes.errorbar(
    [g * 100 for g in GROWTH],
    [e.mean for e in breaches],
    yerr=[[e.mean - e.lower for e in breaches], [e.upper - e.mean for e in breaches]],
    fmt="o-",
    capsize=3,
)
axes.set_xlabel("annual growth in requests (%)")
axes.set_ylabel("20-week breaches a month in 2024")
axes.set_title("Breaches grow faster than demand as staff run out", loc="left")
figure  # noqa: B018 - the notebook shows the figure

# %% [markdown]
# ## Check
#
# With the same staff, more demand must never mean fewer breaches.

# %%
means = [e.mean for e in breaches]
assert means == sorted(means)
print("checked")
