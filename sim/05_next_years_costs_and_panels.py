# %% [markdown]
# # What will next year's plans cost, and which panel will overflow first?
#
# **Question.** For an average English authority, what will the plans it issues in
# 2025 cost a year, and to whom: its high-needs block (element 3 top-ups and jointly
# funded placements), social care and health? How much of that goes as personal
# budgets, and how? And as requests keep growing, which of its panels fills up
# first: the weekly SEND panel, or the monthly Access to Resources panel?
#
# **Policy, date, seed.** The shipped `default` scenario ("an average English
# authority in 2024", policy `england-average`, fictional), run on a year to the end
# of 2025 and measured over 2025; then the same with requests growing half as fast again.
# Root seed 2024, the same seeds for both (common random numbers). The RAS levels,
# recommendations, fees and budgets' amounts are illustrative; the shares with a
# budget or placement, their agencies and lengths, and the rate plans cease are
# DfE's (each named in the scenario file).

# %%
# %matplotlib inline
import os

import attrs

import ehcplan.sim as sim

REPLICATIONS = int(os.environ.get("EHCPLAN_REPLICATIONS", "40"))
SEED = 2024

base = sim.load_scenario("default")
next_year = attrs.evolve(
    base,
    name="An average English authority, 2025",
    horizon_days=base.horizon_days + 365,
    warmup_days=base.horizon_days,
)
results = sim.replicate(next_year, REPLICATIONS, seed=SEED)
run = results.runs[0]
print("measured from", run.measured_from, "to", run.measured_to)

# %% [markdown]
# ## What the plans issued in 2025 will cost, a year
#
# Each replication adds its plans' money exactly, in pence; the table gives the mean
# across replications, the range a single year can take and the 95% interval of the
# mean, shown to the nearest pound.

# %%
summary = results.summary()
summary[summary["unit"] == "£ a year"]

# %%
funding = results.funding()  # the exact mean of the replications, as Money
for budget, amount in funding.items():
    print(f"{budget:<22} {amount}")

# %%
results.plot_funding()

# %%
results.plot_cost_by_month()

# %% [markdown]
# ## Which panel overflows first?
#
# A meeting is full when every place is used; a referral that wanted it then waits for
# the next meeting. For each panel, the share of its meetings full and the referrals
# passed on in 2025, as things stand and with requests growing half as fast again.

# %%
faster = attrs.evolve(
    next_year,
    name="Requests growing half as fast again",
    demand=attrs.evolve(
        next_year.demand, annual_growth=1.5 * next_year.demand.annual_growth
    ),
)
growing = sim.replicate(faster, REPLICATIONS, seed=SEED)


def first_full_month(results, panel):
    """The first month of 2025 with a full meeting, in at least half of the replications."""
    months, load = results.panel_load_by_month(panel)
    share_full = (load["full"] > 0).mean(axis=0)
    found = (m for m, share in zip(months, share_full, strict=True) if share >= 0.5)
    return next(found, None)


for name, outcome in (("as things stand", results), ("growing faster", growing)):
    k = outcome.kpis()
    for panel, kind in zip(
        outcome.runs[0].panels, outcome.runs[0].panel_kinds, strict=True
    ):
        slug = kind.replace(" ", "_")
        print(
            f"{name:<16} {panel:<11} meetings full {k[f'{slug}_panel_pc_full'].mean:6.1%}, "
            f"referrals passed on a meeting {k[f'{slug}_panel_overflow'].mean:5.2f}, "
            f"first full month {first_full_month(outcome, panel)}"
        )

# %%
growing.plot_panel_chair()

# %% [markdown]
# ## Check
#
# The money adds up exactly: in every replication, a year's funding of the new plans
# is its high-needs, social care and health funding together, to the penny; and the
# panel that overflows first is the weekly SEND panel, whose meetings are full more
# often than the Access to Resources panel's when requests grow faster.

# %%
for run in results.runs:
    total = run.funding()
    assert (
        total["total"] == total["high_needs"] + total["social_care"] + total["health"]
    )
k = growing.kpis()
send = k["resource_allocation_panel_pc_full"].mean
atr = k["access_to_resources_panel_pc_full"].mean
print(f"meetings full: SEND panel {send:.1%}, Access to Resources panel {atr:.1%}")
assert send > atr
