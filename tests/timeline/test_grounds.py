import pytest

from ehcplan.timeline import GROUNDS_BY_LIMIT, ExceptionGround, Limit, can_disapply

G = ExceptionGround

# statutory reference §3.1: which ground can disapply which limit.
TABLE = {
    Limit.DECISION_TO_ASSESS: {
        G.SCHOOL_CLOSURE,
        G.EARLY_YEARS_CLOSURE,
        G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
        G.ABSENT_FROM_AREA,
        G.CORONAVIRUS_2020,
    },
    Limit.ADVICE: {
        G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
        G.ABSENT_FROM_AREA,
        G.MISSED_APPOINTMENT,
        G.CORONAVIRUS_2020,
    },
}


@pytest.mark.parametrize("limit", list(Limit))
@pytest.mark.parametrize("ground", list(ExceptionGround))
def test_the_table_of_grounds_matches_the_regulations(ground, limit):
    """Each (ground, limit) pair agrees with statutory reference §3.1."""
    expected = TABLE.get(limit, TABLE[Limit.DECISION_TO_ASSESS])

    assert can_disapply(ground, limit) == (ground in expected)


def test_a_missed_appointment_excuses_only_the_advice_limit():
    """Reg 8(2)(c) is the only home of the missed-appointment ground."""
    limits = {
        limit
        for limit, grounds in GROUNDS_BY_LIMIT.items()
        if G.MISSED_APPOINTMENT in grounds
    }

    assert limits == {Limit.ADVICE}


def test_the_table_cannot_be_changed_at_run_time():
    """The law is read-only."""
    with pytest.raises(TypeError):
        GROUNDS_BY_LIMIT[Limit.ADVICE] = frozenset()  # type: ignore[index]
