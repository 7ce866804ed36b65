"""A RAS form: one level of difficulty per outcome, the evidence behind it, and its score.

Source: Gloucestershire County Council, "Understanding the SEND Resource
Allocation System" (2017): the RAS "focuses on ten generic outcomes ... and then
identifies the levels of difficulties"; "Evidence for scoring is based on
professional reports, My Assessment/My Plan+, Family Contribution Form and any
other relevant information". The front cover of the form ("Special Educational
Needs RAS (16-25 yrs)", Version 3.0, 31 August 2017) carries the totals of the
Low, Medium and High level scores, the highest and second-highest scoring
outcomes, the outcome areas not scored and the RAS score; `Score` holds each.

Each outcome first asks whether there is a difficulty in that area at all; an
outcome answered NONE is "not scored". A form is scored only when every outcome
of its scheme has an answer, so a forgotten outcome is never read as "no
difficulty".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.policy import Level, RasOutcome, RasScheme
from ehcplan.validators import collection

__all__ = ["Answer", "Evidence", "OutcomeScore", "RasForm", "Score"]

SCORED_LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)
"""The levels that score points, in rising order of difficulty."""


class Evidence(enum.Enum):
    """What a RAS answer rests on (the seed's list of evidence for scoring)."""

    PROFESSIONAL_REPORT = "professional report"
    """Advice or a report from a professional (educational psychologist, therapist, ...)."""

    MY_ASSESSMENT_MY_PLAN = "My Assessment/My Plan"
    """The child's or young person's own My Assessment / My Plan+ contribution."""

    FAMILY_CONTRIBUTION = "family contribution"
    """The Family Contribution Form."""

    OTHER = "other"
    """Any other relevant information."""


def _evidence(values: Iterable[Evidence]) -> frozenset[Evidence]:
    return frozenset(collection(values, field="evidence"))


@attrs.frozen(kw_only=True)
class Answer:
    """The level of difficulty recorded for one outcome, and the evidence for it.

    A level other than NONE must rest on at least one kind of evidence.

    Examples:
        >>> answer = Answer(level=Level.MEDIUM, evidence={Evidence.PROFESSIONAL_REPORT})
        >>> answer.level.value, sorted(e.value for e in answer.evidence)
        ('medium', ['professional report'])
        >>> Answer(level=Level.HIGH)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a HIGH difficulty needs the evidence it rests on ...
    """

    level: Level
    evidence: frozenset[Evidence] = attrs.field(
        default=frozenset(), converter=_evidence
    )

    def __attrs_post_init__(self) -> None:
        """Refuse a level that is not a `Level`, or a difficulty without evidence."""
        if not isinstance(self.level, Level):
            choices = ", ".join(f"Level.{m.name}" for m in Level)
            msg = f"level must be one of {choices}; got {self.level!r}."
            raise InvalidInput(msg, field="level")
        for item in self.evidence:
            if not isinstance(item, Evidence):
                choices = ", ".join(f"Evidence.{m.name}" for m in Evidence)
                msg = f"evidence must hold {choices} only; got {item!r}."
                raise InvalidInput(msg, field="evidence")
        if self.level is not Level.NONE and not self.evidence:
            msg = (
                f"a {self.level.name} difficulty needs the evidence it rests on "
                "(professional report, My Assessment/My Plan, family contribution or "
                "other); name at least one, or answer Level.NONE."
            )
            raise InvalidInput(msg, field="evidence")


def _answers(values: Mapping[str, Answer | Level]) -> Mapping[str, Answer]:
    """Accept a bare `Level.NONE` as shorthand for an answer with no difficulty."""
    if not isinstance(values, Mapping):
        msg = (
            "answers must map outcome ids to Answer values, "
            f"got {type(values).__name__}."
        )
        raise InvalidInput(msg, field="answers")
    return {
        key: Answer(level=Level.NONE) if value is Level.NONE else value  # type: ignore[misc]
        for key, value in values.items()
    }


@attrs.frozen(kw_only=True)
class OutcomeScore:
    """One outcome's line on a scored form: its level, points and evidence."""

    outcome: RasOutcome
    level: Level
    points: int
    evidence: frozenset[Evidence]


@attrs.frozen(kw_only=True)
class Score:
    """What the front cover of a RAS form shows, worked out from the answers.

    Attributes:
        scheme: The form's scheme.
        lines: One line per outcome, in form order.
        total: The RAS score: the sum of every outcome's points.
        by_level: The points scored at LOW, MEDIUM and HIGH ("total of Low /
            Medium / High level scores").
        highest: The highest-scoring outcome, or None if nothing scored.
        second_highest: The second-highest, or None. Ties go to the outcome that
            comes first on the form, so the choice is repeatable.
        not_scored: The outcomes answered NONE ("outcome areas not scored").
    """

    scheme: RasScheme
    lines: tuple[OutcomeScore, ...]

    @property
    def total(self) -> int:
        """The RAS score."""
        return sum(line.points for line in self.lines)

    @property
    def by_level(self) -> dict[Level, int]:
        """Points scored at each of LOW, MEDIUM and HIGH."""
        totals = dict.fromkeys(SCORED_LEVELS, 0)
        for line in self.lines:
            if line.level is not Level.NONE:
                totals[line.level] += line.points
        return totals

    @property
    def profile(self) -> tuple[int, ...]:
        """The points per outcome in form order: what "similar cases" compares."""
        return tuple(line.points for line in self.lines)

    def _ranked(self) -> list[OutcomeScore]:
        scored = [line for line in self.lines if line.level is not Level.NONE]
        return sorted(
            scored, key=lambda line: -line.points
        )  # stable: form order on ties

    @property
    def highest(self) -> RasOutcome | None:
        """The highest-scoring outcome (the first on the form on a tie)."""
        ranked = self._ranked()
        return ranked[0].outcome if ranked else None

    @property
    def second_highest(self) -> RasOutcome | None:
        """The second-highest-scoring outcome."""
        ranked = self._ranked()
        return ranked[1].outcome if len(ranked) > 1 else None

    @property
    def not_scored(self) -> tuple[RasOutcome, ...]:
        """The outcomes with no difficulty recorded."""
        return tuple(line.outcome for line in self.lines if line.level is Level.NONE)

    def explain(self) -> list[str]:
        """Which answer gave which points, one line per outcome, then the totals."""
        lines = [
            f"RAS scheme {self.scheme.id} (version {self.scheme.version}, "
            f"ages {self.scheme.age_version.value})"
        ]
        for line in self.lines:
            if line.level is Level.NONE:
                lines.append(
                    f"  outcome {line.outcome.id} {line.outcome.name}: no difficulty, not scored"
                )
                continue
            sources = ", ".join(sorted(e.value for e in line.evidence))
            lines.append(
                f"  outcome {line.outcome.id} {line.outcome.name}: {line.level.value} "
                f"= {line.points} points (evidence: {sources})"
            )
        levels = ", ".join(
            f"{level.value} {points}" for level, points in self.by_level.items()
        )
        lines.append(f"  totals by level: {levels}; RAS score {self.total}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The front cover and every line, as JSON-ready values."""

        def outcome_id(outcome: RasOutcome | None) -> str | None:
            return None if outcome is None else outcome.id

        return {
            "scheme": self.scheme.id,
            "score": self.total,
            "by_level": {
                level.value: points for level, points in self.by_level.items()
            },
            "highest": outcome_id(self.highest),
            "second_highest": outcome_id(self.second_highest),
            "not_scored": [outcome.id for outcome in self.not_scored],
            "outcomes": [
                {
                    "id": line.outcome.id,
                    "name": line.outcome.name,
                    "level": line.level.value,
                    "points": line.points,
                    "evidence": sorted(e.value for e in line.evidence),
                }
                for line in self.lines
            ],
        }


@attrs.frozen(kw_only=True)
class RasForm:
    """A RAS form for one case: the scheme, and an answer per outcome.

    Answers are keyed by outcome id. ``Level.NONE`` may be given bare for "no
    difficulty in this area". An outcome the scheme does not have is refused at
    once; a form with outcomes still unanswered can be kept, but not scored.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> report = {Evidence.PROFESSIONAL_REPORT}
        >>> answers = {o.id: Level.NONE for o in scheme.outcomes}
        >>> answers["1"] = Answer(level=Level.HIGH, evidence=report)
        >>> answers["2"] = Answer(level=Level.MEDIUM, evidence=report)
        >>> score = RasForm(scheme=scheme, answers=answers).score()
        >>> score.total, score.by_level[Level.HIGH], score.highest.id, score.second_highest.id
        (16, 12, '1', '2')
        >>> len(score.not_scored)
        8
        >>> RasForm(scheme=scheme, answers={"1": Level.NONE}).score()
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: RAS form for scheme exampleshire-6-16: outcomes 2, 3, ...
    """

    scheme: RasScheme
    answers: Mapping[str, Answer] = attrs.field(converter=_answers, hash=False)

    def __attrs_post_init__(self) -> None:
        """Refuse an answer for an outcome the scheme does not have."""
        if not isinstance(self.scheme, RasScheme):
            msg = f"scheme must be a RasScheme, got {type(self.scheme).__name__}."
            raise InvalidInput(msg, field="scheme")
        known = {outcome.id for outcome in self.scheme.outcomes}
        for outcome_id, answer in self.answers.items():
            if outcome_id not in known:
                msg = (
                    f"RAS form for scheme {self.scheme.id}: there is no outcome "
                    f"{outcome_id!r}; the scheme's outcomes are "
                    f"{', '.join(repr(o) for o in sorted(known))}."
                )
                raise InvalidInput(msg, field="answers")
            if not isinstance(answer, Answer):
                msg = (
                    f"RAS form for scheme {self.scheme.id}: the answer for outcome "
                    f"{outcome_id!r} must be an Answer (or Level.NONE), got {answer!r}."
                )
                raise InvalidInput(msg, field="answers")

    @property
    def unanswered(self) -> tuple[RasOutcome, ...]:
        """The scheme's outcomes that have no answer yet."""
        return tuple(o for o in self.scheme.outcomes if o.id not in self.answers)

    def with_answer(self, outcome_id: str, answer: Answer | Level) -> RasForm:
        """Return a copy of the form with *outcome_id* answered (or re-answered)."""
        return RasForm(scheme=self.scheme, answers={**self.answers, outcome_id: answer})

    def score(self) -> Score:
        """Score the form.

        Raises:
            InvalidInput: If an outcome has no answer.
        """
        missing = self.unanswered
        if missing:
            ids = ", ".join(outcome.id for outcome in missing)
            msg = (
                f"RAS form for scheme {self.scheme.id}: outcomes {ids} have no answer; "
                "answer every outcome before scoring, Level.NONE where there is no difficulty."
            )
            raise InvalidInput(msg, field="answers")
        lines = tuple(
            OutcomeScore(
                outcome=outcome,
                level=self.answers[outcome.id].level,
                points=outcome.points_for(self.answers[outcome.id].level),
                evidence=self.answers[outcome.id].evidence,
            )
            for outcome in self.scheme.outcomes
        )
        return Score(scheme=self.scheme, lines=lines)
