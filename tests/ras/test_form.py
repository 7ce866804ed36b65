"""RAS forms and their front-cover score."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.policy import Level, RasScheme
from ehcplan.ras import Answer, Evidence, RasForm

FormOf = Callable[[RasScheme, Mapping[str, Level]], RasForm]
REPORT = frozenset({Evidence.PROFESSIONAL_REPORT})

LEVELS = st.sampled_from(list(Level))


def test_front_cover_of_a_worked_form(scheme: RasScheme, form_of: FormOf) -> None:
    """Totals by level, highest two, not scored and the score, worked by hand."""
    score = form_of(
        scheme, {"1": Level.HIGH, "2": Level.MEDIUM, "4": Level.MEDIUM, "8": Level.LOW}
    ).score()
    # outcome 1 HIGH 12; outcome 2 MEDIUM 4; outcome 4 MEDIUM 4; outcome 8 LOW 1
    assert score.total == 21
    assert score.by_level == {Level.LOW: 1, Level.MEDIUM: 8, Level.HIGH: 12}
    assert (score.highest.id, score.second_highest.id) == ("1", "2")  # type: ignore[union-attr]
    assert [o.id for o in score.not_scored] == ["3", "5", "6", "7", "9", "10"]
    assert score.profile == (12, 4, 0, 4, 0, 0, 0, 1, 0, 0)


def test_ties_go_to_the_outcome_first_on_the_form(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """Outcomes 4 and 2 tie on points: 2 comes first on the form and ranks higher."""
    score = form_of(scheme, {"4": Level.MEDIUM, "2": Level.MEDIUM}).score()
    assert (score.highest.id, score.second_highest.id) == ("2", "4")  # type: ignore[union-attr]


def test_a_form_with_no_difficulty_scores_nothing(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """No difficulty anywhere: score 0, no highest outcome, every outcome not scored."""
    score = form_of(scheme, {}).score()
    assert (score.total, score.highest, score.second_highest) == (0, None, None)
    assert len(score.not_scored) == len(scheme.outcomes)


def test_to_dict_carries_the_front_cover(scheme: RasScheme, form_of: FormOf) -> None:
    """The JSON form names the score, the top outcomes and every line."""
    result = form_of(scheme, {"1": Level.LOW}).score().to_dict()
    assert (result["score"], result["highest"], result["second_highest"]) == (
        3,
        "1",
        None,
    )
    assert result["outcomes"][0] == {
        "id": "1",
        "name": "Behaviours enable them and others to learn",
        "level": "low",
        "points": 3,
        "evidence": ["professional report"],
    }


def test_an_unanswered_outcome_blocks_scoring(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """A forgotten outcome is never read as 'no difficulty'."""
    form = RasForm(scheme=scheme, answers={"1": Level.NONE})
    assert [o.id for o in form.unanswered][:2] == ["2", "3"]
    with pytest.raises(
        InvalidInput, match="outcomes 2, 3, 4, 5, 6, 7, 8, 9, 10 have no answer"
    ):
        form.score()


def test_an_unknown_outcome_is_refused_by_name(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """The error names the outcome and lists the scheme's."""
    with pytest.raises(InvalidInput, match="there is no outcome '11'") as error:
        RasForm(scheme=scheme, answers={"11": Level.NONE})
    assert error.value.field == "answers"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (lambda: Answer(level=Level.LOW), "a LOW difficulty needs the evidence"),
        (lambda: Answer(level="high"), "level must be one of"),  # type: ignore[arg-type]
        (lambda: Answer(level=Level.LOW, evidence={"EP report"}), "evidence must hold"),  # type: ignore[arg-type]
    ],
)
def test_bad_answers_are_refused(answer: object, message: str) -> None:
    """An answer without evidence, or with the wrong kind of level or evidence."""
    with pytest.raises(InvalidInput, match=message):
        answer()  # type: ignore[operator]


def test_an_answer_of_the_wrong_type_is_refused(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """Level.LOW given bare (it needs evidence) is refused with the outcome named."""
    with pytest.raises(
        InvalidInput, match="the answer for outcome '1' must be an Answer"
    ):
        RasForm(scheme=scheme, answers={"1": Level.LOW})


def test_answers_must_be_a_mapping(scheme: RasScheme, form_of: FormOf) -> None:
    """A list of levels is not a form."""
    with pytest.raises(InvalidInput, match="answers must map outcome ids"):
        RasForm(scheme=scheme, answers=[Level.NONE])  # type: ignore[arg-type]


def test_scheme_must_be_a_scheme() -> None:
    """A scheme id is not a scheme."""
    with pytest.raises(InvalidInput, match="scheme must be a RasScheme"):
        RasForm(scheme="exampleshire-6-16", answers={})  # type: ignore[arg-type]


def test_with_answer_changes_one_outcome(scheme: RasScheme, form_of: FormOf) -> None:
    """Re-answering an outcome returns a new form and leaves the old one alone."""
    form = form_of(scheme, {"1": Level.LOW})
    changed = form.with_answer("1", Answer(level=Level.HIGH, evidence=REPORT))
    assert (form.score().total, changed.score().total) == (3, 12)


def test_explain_names_every_outcome_and_the_total(
    scheme: RasScheme, form_of: FormOf
) -> None:
    """One line per outcome between the heading and the totals."""
    lines = form_of(scheme, {"1": Level.MEDIUM}).score().explain()
    assert len(lines) == len(scheme.outcomes) + 2
    assert lines[1].endswith("medium = 6 points (evidence: professional report)")
    assert lines[-1] == "  totals by level: low 0, medium 6, high 0; RAS score 6"


@given(levels=st.lists(LEVELS, min_size=10, max_size=10))
def test_score_is_the_sum_of_levels_and_of_lines(
    scheme: RasScheme, form_of: FormOf, levels: list[Level]
) -> None:
    """The RAS score equals the sum of the level totals and of the outcome lines."""
    score = form_of(
        scheme, {o.id: lvl for o, lvl in zip(scheme.outcomes, levels, strict=True)}
    ).score()
    assert score.total == sum(score.by_level.values()) == sum(score.profile)
    assert len(score.not_scored) == levels.count(Level.NONE)
    if score.highest is not None and score.second_highest is not None:
        points = dict(zip((o.id for o in scheme.outcomes), score.profile, strict=True))
        assert points[score.highest.id] >= points[score.second_highest.id]
        assert points[score.second_highest.id] >= max(
            (
                p
                for i, p in points.items()
                if i not in {score.highest.id, score.second_highest.id}
            ),
            default=0,
        )


def test_evidence_kinds_are_the_seeds_list() -> None:
    """Professional reports, My Assessment/My Plan, the family contribution, other."""
    assert [e.value for e in Evidence] == [
        "professional report",
        "My Assessment/My Plan",
        "family contribution",
        "other",
    ]
