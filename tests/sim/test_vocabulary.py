"""A planner's words in a scenario file: people times work each, places per meeting."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import FileFormatError
from ehcplan.sim import dumps_scenario, loads_scenario
from ehcplan.sim.scenarios import default_scenario
from ehcplan.sim.vocabulary import to_model_keys

DEFAULT = dumps_scenario(default_scenario())


def with_lines(table: str, old: str, new: str) -> str:
    """The default scenario's TOML with *old* in *table* replaced by *new*."""
    head, found, rest = DEFAULT.partition(f"[{table}]\n")
    assert found
    assert old in rest
    return head + found + rest.replace(old, new, 1)


def test_psychologists_and_their_assessments_give_the_staff():
    """Seven psychologists with ten assessments each are the default's 70 at once."""
    text = with_lines(
        "advice.educational_psychology",
        "staff = 70",
        "psychologists = 7\nassessments_each = 10",
    )
    assert loads_scenario(text) == default_scenario()


def test_coordinators_and_their_drafts_give_the_caseworkers():
    """Seventeen coordinators with ten drafts each are the default's 170 at once."""
    text = with_lines(
        "drafting", "caseworkers = 170", "coordinators = 17\ndrafts_each = 10"
    )
    assert loads_scenario(text).drafting.caseworkers == 170


def test_places_per_meeting_is_the_panels_slots():
    """places_per_meeting in [plan_panel] and [decision] sets their slots per meeting."""
    text = with_lines(
        "plan_panel",
        'panel = "send-panel"',
        'panel = "send-panel"\nplaces_per_meeting = 30',
    )
    text = text.replace("[decision]\n", "[decision]\nplaces_per_meeting = 30\n", 1)
    scenario = loads_scenario(text)
    assert (
        scenario.plan_panel.slots_per_meeting,
        scenario.decision.slots_per_meeting,
    ) == (30, 30)
    assert "slots_per_meeting = 30" in dumps_scenario(scenario)


@pytest.mark.parametrize(
    ("table", "old", "new", "key", "message"),
    [
        ("advice.educational_psychology", "staff = 70", "staff = 70\npsychologists = 7",
         "advice.educational_psychology.staff", "staff and psychologists say the same thing"),
        ("advice.educational_psychology", "staff = 70", "psychologists = 7",
         "advice.educational_psychology.assessments_each", "needs assessments_each too"),
        ("advice.educational_psychology", "staff = 70", "psychologists = 7.5\nassessments_each = 2",
         "advice.educational_psychology.psychologists", "a whole number of at least 1, got 7.5"),
        ("advice.educational_psychology", "staff = 70", "staff = 70\npsychologist = 7",
         "advice.educational_psychology.psychologist", "(did you mean 'psychologists'?)"),
        ("drafting", "caseworkers = 170", "coordinators = 0\ndrafts_each = 10",
         "drafting.coordinators", "at least 1, got 0"),
    ],
)  # fmt: skip
def test_a_planners_key_misused_is_refused_by_its_key(table, old, new, key, message):
    """Both ways, half a pair, a part of a person or a misspelling: refused, naming the key."""
    with pytest.raises(FileFormatError) as caught:
        loads_scenario(with_lines(table, old, new), path="mine.toml")
    assert caught.value.key == key
    assert message in str(caught.value)
    assert str(caught.value).startswith("mine.toml: ")


@given(st.integers(1, 500), st.integers(1, 50))
def test_the_staff_is_always_the_product(people, each):
    """Any whole numbers of people and work each give their product, and nothing else changes."""
    table = {"psychologists": people, "assessments_each": each, "days": 1}
    data = {"advice": {"educational_psychology": table}}
    converted = to_model_keys(data)
    assert converted == {
        "advice": {"educational_psychology": {"days": 1, "staff": people * each}}
    }
    assert data["advice"]["educational_psychology"]["psychologists"] == people


def test_a_file_without_planners_keys_is_unchanged():
    """The default scenario's tables come back as they were."""
    import tomllib

    data = tomllib.loads(DEFAULT)
    assert to_model_keys(data) == data
