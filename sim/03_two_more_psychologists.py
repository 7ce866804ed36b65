# %% [markdown]
# # What would two more educational psychologists buy?
#
# **Question.** For an average English authority in 2024, how much shorter would the
# wait for educational psychology advice be, and how many more plans would be issued
# within 20 weeks, with two more educational psychologists?
#
# **Policy, date, seed.** The shipped `default` scenario (policy `england-average`,
# fictional), measured over 2024; common random numbers, root seed 2024. The scenario
# counts assessments in progress at once, not people: we assume (illustratively) that
# a psychologist carries 4 assessments at a time, so two more are 8 more.

# %%
# %matplotlib inline
import os

import attrs

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024
ASSESSMENTS_PER_PSYCHOLOGIST = 4

now = sim.default_scenario()
ep = now.advice.educational_psychology
more = attrs.evolve(
    now,
    name="Two more educational psychologists",
    advice=attrs.evolve(
        now.advice,
        educational_psychology=attrs.evolve(
            ep, staff=ep.staff + 2 * ASSESSMENTS_PER_PSYCHOLOGIST
        ),
    ),
)
comparison = sim.compare(now, more, REPLICATIONS, seed=SEED)
for kpi, a, b, difference in comparison.rows():
    if kpi in (
        "mean_ep_wait_days",
        "ep_utilisation",
        "pc_within_20_weeks_ex",
        "breaches_per_month",
    ):
        print(
            f"{kpi}: now {a.mean:.3f}, with two more {b.mean:.3f}; difference {difference}"
        )

# %%
comparison.b.plot_utilisation()

# %% [markdown]
# ## Check
#
# More capacity must shorten the wait for advice (paired difference below zero) and must
# not lower the share of plans within 20 weeks (its interval reaches above zero).

# %%
differences = comparison.differences()
assert differences["mean_ep_wait_days"].upper < 0
assert differences["pc_within_20_weeks_ex"].upper > 0
print("checked")
