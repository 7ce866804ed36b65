"""The RAS workflow: scored, verified, moderated, each step recorded with who and when.

Source: Gloucestershire County Council, "Understanding the SEND Resource
Allocation System" (2017): "Case Co-ordinators score the RAS and this is
verified by the Lead SEND Co-ordinator. The Personalisation Officer moderates
these scores and then allocates an indicative resource based on similar cases."
Its 2017 process has the Lead SEND Co-ordinator verify the form and allocate
the indicative resource; its process from September 2018 has the Case
Co-ordinator "revisit RAS and amend scores as necessary" before the annual
review prior to a key-stage transition, and the Lead SEND Co-ordinator verify
the score and allocate the indicative resource.

So a `RasRecord` is a history of rounds. Each round is one occasion (the first
assessment, or a review before a key-stage transition) and holds, in order: the
score (always), the verification (before anything else can follow), an optional
moderation, and the indicative resource allocated. A verifier or moderator may
change answers; the form each step left is kept, so the difference between the
score first given and the one agreed is never lost. A new round never edits an
old one.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.policy import Level
from ehcplan.ras.convert import Indicative
from ehcplan.ras.form import RasForm, Score

__all__ = ["Change", "Entry", "Occasion", "RasRecord", "Role", "Round", "Step"]


class Role(enum.Enum):
    """Who does each step of the RAS workflow (the seed's job titles)."""

    CASE_COORDINATOR = "case co-ordinator"
    LEAD_SEND_COORDINATOR = "lead SEND co-ordinator"
    PERSONALISATION_OFFICER = "personalisation officer"


class Step(enum.Enum):
    """A step of the workflow, in the order they happen."""

    SCORED = "scored"
    """The case co-ordinator completes the form once all reports are received."""

    VERIFIED = "verified"
    """The lead SEND co-ordinator verifies the score."""

    MODERATED = "moderated"
    """The personalisation officer moderates the score."""

    @property
    def role(self) -> Role:
        """The role that takes this step."""
        return {
            Step.SCORED: Role.CASE_COORDINATOR,
            Step.VERIFIED: Role.LEAD_SEND_COORDINATOR,
            Step.MODERATED: Role.PERSONALISATION_OFFICER,
        }[self]


class Occasion(enum.Enum):
    """Why a RAS form is scored."""

    ASSESSMENT = "assessment"
    """After the decision to assess, once all reports are received (2017 process)."""

    KEY_STAGE_REVIEW = "key-stage review"
    """Before the annual review prior to a key-stage transition (process from September 2018)."""


@attrs.frozen(kw_only=True)
class Entry:
    """One step taken: what, by whom, when, and the form as it left the step.

    Attributes:
        step: The step.
        by: Who took it (a name or staff identifier).
        on: When.
        form: The form as this step left it.
        note: Why answers were changed, if they were.
    """

    step: Step
    by: str
    on: dt.date
    form: RasForm
    note: str | None = None

    @property
    def role(self) -> Role:
        """The role that took the step."""
        return self.step.role

    @property
    def score(self) -> Score:
        """The form's score after this step."""
        return self.form.score()


@attrs.frozen(kw_only=True)
class Change:
    """An answer a verifier or moderator changed."""

    step: Step
    outcome_id: str
    before: Level
    after: Level


@attrs.frozen(kw_only=True)
class Allocation:
    """The indicative resource allocated at the end of a round, by whom and when."""

    indicative: Indicative
    by: str
    on: dt.date


@attrs.frozen(kw_only=True)
class Round:
    """One occasion's scoring: its steps in order, and the resource allocated.

    Attributes:
        occasion: Why the form was scored.
        entries: The steps taken, in order (scored first).
        allocation: The indicative resource allocated, once it is.
    """

    occasion: Occasion
    entries: tuple[Entry, ...]
    allocation: Allocation | None = None

    def entry(self, step: Step) -> Entry | None:
        """The entry for *step*, if it has been taken."""
        return next((e for e in self.entries if e.step is step), None)

    @property
    def agreed(self) -> Entry:
        """The latest step: its form is the round's agreed score so far."""
        return self.entries[-1]

    @property
    def difference(self) -> int:
        """The agreed score less the score first given (0 if unchanged)."""
        return self.agreed.score.total - self.entries[0].score.total

    def changes(self) -> list[Change]:
        """Every answer changed after scoring, step by step."""
        found = []
        for before, after in zip(self.entries, self.entries[1:], strict=False):
            for outcome in after.form.scheme.outcomes:
                old = before.form.answers.get(outcome.id)
                new = after.form.answers[outcome.id]
                if old is None or old.level is not new.level:
                    found.append(
                        Change(
                            step=after.step,
                            outcome_id=outcome.id,
                            before=Level.NONE if old is None else old.level,
                            after=new.level,
                        )
                    )
        return found


def _who(by: object) -> str:
    if not isinstance(by, str) or not by.strip():
        msg = f"by must name who took the step (non-blank text), got {by!r}."
        raise InvalidInput(msg, field="by")
    return by


def _scored_form(form: object) -> RasForm:
    if not isinstance(form, RasForm):
        msg = f"form must be a RasForm, got {type(form).__name__}."
        raise InvalidInput(msg, field="form")
    form.score()  # refuse an incomplete form now, not when it is read
    return form


@attrs.frozen(kw_only=True)
class RasRecord:
    """The history of one case's RAS forms: rounds of scoring, verification and moderation.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> from ehcplan.ras.form import Answer, Evidence
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> form = RasForm(scheme=scheme, answers={o.id: Level.NONE for o in scheme.outcomes})
        >>> report = {Evidence.PROFESSIONAL_REPORT}
        >>> form = form.with_answer("1", Answer(level=Level.MEDIUM, evidence=report))
        >>> record = RasRecord.start("EHC-7", form, by="A. Case", on=dt.date(2024, 11, 4))
        >>> higher = form.with_answer("1", Answer(level=Level.HIGH, evidence=report))
        >>> record = record.verify(by="B. Lead", on=dt.date(2024, 11, 6), form=higher,
        ...                        note="EP report shows difficulty throughout each day")
        >>> record.current.agreed.score.total, record.current.difference
        (12, 6)
        >>> record.moderate(by="C. Officer", on=dt.date(2024, 11, 5))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: case EHC-7: the moderation on 2024-11-05 is before the ...
    """

    reference: str
    rounds: tuple[Round, ...]

    @classmethod
    def start(
        cls,
        reference: str,
        form: RasForm,
        *,
        by: str,
        on: dt.date,
        occasion: Occasion = Occasion.ASSESSMENT,
    ) -> RasRecord:
        """Open a record with a form the case co-ordinator has scored."""
        if not isinstance(reference, str) or not reference.strip():
            msg = (
                f"reference must be the case's non-blank reference, got {reference!r}."
            )
            raise InvalidInput(msg, field="reference")
        entry = Entry(
            step=Step.SCORED,
            by=_who(by),
            on=to_date(on, field="on"),
            form=_scored_form(form),
        )
        return cls(
            reference=reference, rounds=(Round(occasion=occasion, entries=(entry,)),)
        )

    @property
    def current(self) -> Round:
        """The latest round."""
        return self.rounds[-1]

    def _last_on(self) -> tuple[str, dt.date]:
        current = self.current
        if current.allocation is not None:
            return "allocation", current.allocation.on
        last = current.agreed
        names = {
            Step.SCORED: "scoring",
            Step.VERIFIED: "verification",
            Step.MODERATED: "moderation",
        }
        return names[last.step], last.on

    def _check_on(self, what: str, on: dt.date) -> dt.date:
        on = to_date(on, field="on")
        previous, previous_on = self._last_on()
        if on < previous_on:
            msg = (
                f"case {self.reference}: the {what} on {on.isoformat()} is before the "
                f"{previous} on {previous_on.isoformat()}; steps are recorded in date order."
            )
            raise InvalidInput(msg, field="on")
        return on

    def _with_current(self, current: Round) -> RasRecord:
        return attrs.evolve(self, rounds=(*self.rounds[:-1], current))

    def _take(
        self, step: Step, by: str, on: dt.date, form: RasForm | None, note: str | None
    ) -> RasRecord:
        current = self.current
        needed = {Step.VERIFIED: Step.SCORED, Step.MODERATED: Step.VERIFIED}[step]
        if current.allocation is not None or current.entry(step) is not None:
            done = (
                "has its indicative resource allocated"
                if current.allocation is not None
                else f"is already {step.value}"
            )
            msg = (
                f"case {self.reference}: this round {done}; start a new round with "
                "rescore() to score the form again."
            )
            raise InvalidInput(msg, field="step")
        if current.agreed.step is not needed:
            msg = (
                f"case {self.reference}: a form is {step.value} after it is "
                f"{needed.value}, and this round's last step is {current.agreed.step.value}."
            )
            raise InvalidInput(msg, field="step")
        on = self._check_on(
            {Step.VERIFIED: "verification", Step.MODERATED: "moderation"}[step], on
        )
        entry = Entry(
            step=step,
            by=_who(by),
            on=on,
            form=current.agreed.form if form is None else _scored_form(form),
            note=note,
        )
        return self._with_current(
            attrs.evolve(current, entries=(*current.entries, entry))
        )

    def verify(
        self,
        *,
        by: str,
        on: dt.date,
        form: RasForm | None = None,
        note: str | None = None,
    ) -> RasRecord:
        """Record the lead SEND co-ordinator's verification (with an amended form, if any)."""
        return self._take(Step.VERIFIED, by, on, form, note)

    def moderate(
        self,
        *,
        by: str,
        on: dt.date,
        form: RasForm | None = None,
        note: str | None = None,
    ) -> RasRecord:
        """Record the personalisation officer's moderation (with an amended form, if any)."""
        return self._take(Step.MODERATED, by, on, form, note)

    def allocate(self, indicative: Indicative, *, by: str, on: dt.date) -> RasRecord:
        """Record the indicative resource allocated on the round's agreed score.

        Raises:
            InvalidInput: If the round is not verified yet, is already allocated, or
                *indicative* was worked out from another score.
        """
        current = self.current
        if current.entry(Step.VERIFIED) is None or current.allocation is not None:
            msg = (
                f"case {self.reference}: an indicative resource is allocated once per "
                "round, after the score is verified."
            )
            raise InvalidInput(msg, field="indicative")
        if (
            not isinstance(indicative, Indicative)
            or indicative.score != current.agreed.score.total
        ):
            msg = (
                f"case {self.reference}: the indicative resource must be worked out from "
                f"the agreed score ({current.agreed.score.total} points) with "
                "indicative_resource(...)."
            )
            raise InvalidInput(msg, field="indicative")
        on = self._check_on("allocation", on)
        allocation = Allocation(indicative=indicative, by=_who(by), on=on)
        return self._with_current(attrs.evolve(current, allocation=allocation))

    def rescore(
        self,
        form: RasForm,
        *,
        by: str,
        on: dt.date,
        occasion: Occasion = Occasion.KEY_STAGE_REVIEW,
    ) -> RasRecord:
        """Start a new round: the case co-ordinator scores the form again.

        As before the annual review prior to a key-stage transition.

        The form may be on another scheme (a new age version). Earlier rounds are kept.

        Raises:
            InvalidInput: If the current round is not yet verified.
        """
        if self.current.entry(Step.VERIFIED) is None:
            msg = (
                f"case {self.reference}: the current round is not verified yet; verify it "
                "(amending the form if needed) before starting another."
            )
            raise InvalidInput(msg, field="step")
        on = self._check_on("new scoring", on)
        entry = Entry(step=Step.SCORED, by=_who(by), on=on, form=_scored_form(form))
        return attrs.evolve(
            self, rounds=(*self.rounds, Round(occasion=occasion, entries=(entry,)))
        )

    def explain(self) -> list[str]:
        """Every round and step, with the score each left and the answers changed."""
        lines = [f"RAS record for case {self.reference}"]
        for number, round_ in enumerate(self.rounds, start=1):
            lines.append(f"round {number} ({round_.occasion.value}):")
            for entry in round_.entries:
                note = f" - {entry.note}" if entry.note else ""
                lines.append(
                    f"  {entry.on.isoformat()} {entry.step.value} by {entry.by} "
                    f"({entry.role.value}): {entry.score.total} points{note}"
                )
            lines += [
                f"  {c.step.value}: outcome {c.outcome_id} changed from "
                f"{c.before.value} to {c.after.value}"
                for c in round_.changes()
            ]
            if round_.difference:
                lines.append(
                    f"  agreed score differs from the first by {round_.difference:+d} points"
                )
            if round_.allocation is not None:
                a = round_.allocation
                lines.append(
                    f"  {a.on.isoformat()} indicative resource {a.indicative.amount} "
                    f"allocated by {a.by}"
                )
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The whole history as JSON-ready values."""
        return {
            "reference": self.reference,
            "rounds": [
                {
                    "occasion": round_.occasion.value,
                    "entries": [
                        {
                            "step": entry.step.value,
                            "role": entry.role.value,
                            "by": entry.by,
                            "on": entry.on.isoformat(),
                            "note": entry.note,
                            "score": entry.score.to_dict(),
                        }
                        for entry in round_.entries
                    ],
                    "difference": round_.difference,
                    "allocation": None
                    if round_.allocation is None
                    else {
                        "by": round_.allocation.by,
                        "on": round_.allocation.on.isoformat(),
                        "indicative": round_.allocation.indicative.to_dict(),
                    },
                }
                for round_ in self.rounds
            ],
        }
