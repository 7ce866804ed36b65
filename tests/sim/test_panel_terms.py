"""A scenario file's [panels.<id>] tables: when a panel meets, for this scenario only."""

import datetime as dt

import numpy as np
import pytest

from ehcplan.errors import FileFormatError
from ehcplan.policy import Cadence, load_policy
from ehcplan.sim import dumps_scenario, loads_scenario, run
from ehcplan.sim.scenarios import text

FORTNIGHTLY = """
[panels.send-panel]
cadence = "fortnightly"
first_meeting = 2022-01-06
"""


def _with(tables: str):
    """The default scenario's file with *tables* added."""
    return loads_scenario(text("default") + tables, path="my.toml")


def test_a_scenario_file_makes_the_panel_meet_fortnightly():
    """The panel's terms change in the scenario's policy; the policy file is untouched."""
    scenario = _with(FORTNIGHTLY)
    terms = scenario.policy.panel("send-panel").terms.at(dt.date(2024, 6, 1))
    shipped = (
        load_policy("england-average").panel("send-panel").terms.at(dt.date(2024, 6, 1))
    )

    assert (terms.cadence, terms.first_meeting, terms.weekday) == (
        Cadence.FORTNIGHTLY, dt.date(2022, 1, 6), shipped.weekday,
    )  # fmt: skip
    assert shipped.cadence is Cadence.WEEKLY
    result = run(scenario, seed=1)
    days = result.meetings["day"][result.held_meetings("send-panel")]
    assert set(np.diff(days).tolist()) == {14.0}
    assert len(days) == 26


def test_a_scenario_with_panel_tables_writes_them_back():
    """Written back, the file names the shipped policy and the same tables, and reads equal."""
    tables = FORTNIGHTLY.replace("2022-01-06", "2022-01-04") + 'weekday = "Tuesday"\n'
    scenario = _with(tables)
    written = dumps_scenario(scenario)

    assert 'policy = "england-average"' in written
    assert "[panels.send-panel]" in written
    assert 'cadence = "fortnightly"' in written
    assert 'weekday = "Tuesday"' in written
    assert loads_scenario(written) == scenario


@pytest.mark.parametrize(
    ("tables", "key", "message"),
    [
        ('[panels.send-panle]\ncadence = "weekly"\n', "panels.send-panle",
         "has no panel 'send-panle' (did you mean 'send-panel'?)"),
        ('[panels.send-panel]\ncadance = "weekly"\n', "panels.send-panel.cadance",
         "unknown key 'cadance' (did you mean 'cadence'?)"),
        ('[panels.send-panel]\nweekday = "Thrusday"\n', "panels.send-panel.weekday",
         "(did you mean 'Thursday'?)"),
        ('[panels.send-panel]\ncadence = "daily"\n', "panels.send-panel.cadence",
         "expected one of 'weekly', 'fortnightly', 'monthly', found 'daily'"),
        ('[panels.send-panel]\ncadence = "monthly"\n', "panels.send-panel.week_of_month",
         "week_of_month"),
        ('[panels.send-panel]\nplaces_per_meeting = 20\n',
         "panels.send-panel.places_per_meeting", "[plan_panel] places_per_meeting"),
    ],
)  # fmt: skip
def test_a_wrong_panel_table_names_its_key(tables, key, message):
    """Each mistake is refused with its key path and what to write instead."""
    with pytest.raises(FileFormatError) as raised:
        _with(tables)
    assert raised.value.key == key
    assert message in str(raised.value)
