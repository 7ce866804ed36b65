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
table = comparison.to_pandas()
table.loc[
    [
        "Average wait for an educational psychologist (days)",
        "Educational psychology utilisation",
        "Plans within 20 weeks (excluding exceptions, DfE headline)",
        "Expected 20-week breaches per month",
    ]
]

# %% [markdown]
# Differences of shares are in percentage points, with their 95% interval (paired:
# the same seeds for both); "what moved it" is the stage whose days changed most.

# %%
comparison.plot()

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
