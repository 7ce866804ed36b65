# %% [markdown]
# # Does a monthly panel cost plans their 20 weeks, and do panel slots matter?
#
# **Question.** For an average English authority in 2024, how many more plans miss
# 20 weeks if the panel that decides on assessments and plans meets monthly instead
# of weekly? And what if the weekly panel hears only 15 cases a meeting?
#
# **Policy, date, seed.** The shipped scenarios `default` (weekly panel) and
# `monthly-panel`, policy `england-average` (fictional), measured over 2024; the
# same seeds for every scenario (common random numbers), root seed 2024.

# %%
# %matplotlib inline
import os

import attrs

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024

weekly = sim.load_scenario("default")
monthly = sim.load_scenario("monthly-panel")
comparison = sim.compare(weekly, monthly, REPLICATIONS, seed=SEED)
for kpi, a, b, difference in comparison.rows():
    if kpi in ("pc_within_20_weeks_ex", "breaches_per_month", "panel_load_per_meeting"):
        print(
            f"{kpi}: weekly {a.mean:.3f}, monthly {b.mean:.3f}, difference {difference}"
        )

# %%
comparison.b.plot_panel_load()

# %% [markdown]
# ## Fewer slots at the weekly panel

# %%
fewer = attrs.evolve(
    weekly, plan_panel=attrs.evolve(weekly.plan_panel, slots_per_meeting=15)
)
slots = sim.compare(weekly, fewer, REPLICATIONS, seed=SEED)
print(slots.differences()["pc_within_20_weeks_ex"])

# %% [markdown]
# ## Check
#
# A monthly panel must not make plans more timely: the paired difference in the share
# within 20 weeks (monthly minus weekly) lies below zero, interval and all.

# %%
difference = comparison.differences()["pc_within_20_weeks_ex"]
print(difference)
assert difference.upper < 0
