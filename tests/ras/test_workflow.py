"""The RAS workflow: scored, verified, moderated, allocated; rounds kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pytest

from ehcplan.errors import InvalidInput
from ehcplan.policy import Level, RasPolicy, RasScheme
from ehcplan.ras import (
    Answer,
    Evidence,
    Occasion,
    RasForm,
    RasRecord,
    Role,
    Step,
    indicative_resource,
)

FormOf = Callable[[RasScheme, Mapping[str, Level]], RasForm]
D = dt.date


@pytest.fixture
def record(scheme: RasScheme, form_of: FormOf) -> RasRecord:
    """Scored on 4 Nov 2024 with outcome 1 MEDIUM (6 points)."""
    return RasRecord.start(
        "EHC-7", form_of(scheme, {"1": Level.MEDIUM}), by="A. Case", on=D(2024, 11, 4)
    )


def test_the_whole_round(
    record: RasRecord, ras: RasPolicy, scheme: RasScheme, form_of: FormOf
) -> None:
    """Verified with a change, moderated with another, allocated: all kept, with who and when."""
    verified = form_of(scheme, {"1": Level.HIGH})
    moderated = form_of(scheme, {"1": Level.HIGH, "2": Level.LOW})
    record = record.verify(
        by="B. Lead", on=D(2024, 11, 6), form=verified, note="EP report"
    )
    record = record.moderate(by="C. Officer", on=D(2024, 11, 8), form=moderated)
    indicative = indicative_resource(
        record.current.agreed.score, ras.conversion.at(D(2024, 11, 8))
    )
    record = record.allocate(indicative, by="C. Officer", on=D(2024, 11, 8))
    current = record.current
    assert [(e.step, e.role, e.by, e.on) for e in current.entries] == [
        (Step.SCORED, Role.CASE_COORDINATOR, "A. Case", D(2024, 11, 4)),
        (Step.VERIFIED, Role.LEAD_SEND_COORDINATOR, "B. Lead", D(2024, 11, 6)),
        (Step.MODERATED, Role.PERSONALISATION_OFFICER, "C. Officer", D(2024, 11, 8)),
    ]
    assert [e.score.total for e in current.entries] == [6, 12, 14]
    assert current.difference == 8
    assert [(c.step, c.outcome_id, c.before, c.after) for c in current.changes()] == [
        (Step.VERIFIED, "1", Level.MEDIUM, Level.HIGH),
        (Step.MODERATED, "2", Level.NONE, Level.LOW),
    ]
    assert current.allocation is not None
    assert str(current.allocation.indicative.amount) == "£2,100.00"  # 14 points at £150
    text = record.explain()
    assert (
        "  2024-11-06 verified by B. Lead (lead SEND co-ordinator): 12 points - EP report"
        in text
    )
    assert "  agreed score differs from the first by +8 points" in text
    assert "  2024-11-08 indicative resource £2,100.00 allocated by C. Officer" in text
    data = record.to_dict()
    assert data["rounds"][0]["difference"] == 8
    assert data["rounds"][0]["allocation"]["indicative"]["amount_pence"] == 210_000


def test_verify_without_changes_keeps_the_form(record: RasRecord) -> None:
    """A verifier who agrees leaves the score as it was."""
    record = record.verify(by="B. Lead", on=D(2024, 11, 4))
    assert (record.current.agreed.score.total, record.current.difference) == (6, 0)
    assert record.current.changes() == []


def test_rescoring_before_a_key_stage_review_keeps_the_history(
    record: RasRecord, ras: RasPolicy, form_of: FormOf
) -> None:
    """A new round on the 16+ scheme leaves the first round as it was."""
    record = record.verify(by="B. Lead", on=D(2024, 11, 6))
    post16 = ras.scheme("exampleshire-16-plus")
    record = record.rescore(
        form_of(post16, {"9": Level.HIGH}), by="A. Case", on=D(2027, 1, 10)
    )
    assert [r.occasion for r in record.rounds] == [
        Occasion.ASSESSMENT,
        Occasion.KEY_STAGE_REVIEW,
    ]
    assert record.rounds[0].agreed.score.total == 6
    assert record.current.agreed.score.scheme.id == "exampleshire-16-plus"
    assert record.current.agreed.score.total == 6
    assert record.to_dict()["rounds"][1]["occasion"] == "key-stage review"


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (
            lambda r: r.moderate(by="C", on=D(2024, 11, 9)),
            "a form is moderated after it is verified",
        ),
        (
            lambda r: r.verify(by="B", on=D(2024, 11, 5)).verify(
                by="B", on=D(2024, 11, 6)
            ),
            "this round is already verified",
        ),
        (
            lambda r: r.verify(by="B", on=D(2024, 11, 1)),
            "the verification on 2024-11-01 is before the scoring",
        ),
        (
            lambda r: r.verify(by=" ", on=D(2024, 11, 5)),
            "by must name who took the step",
        ),
        (
            lambda r: r.rescore(r.current.agreed.form, by="A", on=D(2025, 1, 1)),
            "not verified yet",
        ),
        (
            lambda r: r.verify(by="B", on=D(2024, 11, 5), form="form"),
            "form must be a RasForm",
        ),
    ],
)
def test_steps_out_of_order_are_refused(
    record: RasRecord, steps: Callable[[RasRecord], object], message: str
) -> None:
    """Each misuse of the workflow has its own message."""
    with pytest.raises(InvalidInput, match=message):
        steps(record)


def test_allocation_rules(
    record: RasRecord, ras: RasPolicy, scheme: RasScheme, form_of: FormOf
) -> None:
    """Allocate once, after verification, from the agreed score, not before the last step."""
    conversion = ras.conversion.at(D(2024, 11, 8))
    right = indicative_resource(record.current.agreed.score, conversion)
    with pytest.raises(InvalidInput, match="after the score is verified"):
        record.allocate(right, by="B", on=D(2024, 11, 8))
    record = record.verify(by="B", on=D(2024, 11, 6))
    wrong = indicative_resource(form_of(scheme, {}).score(), conversion)
    with pytest.raises(InvalidInput, match=r"from the agreed score \(6 points\)"):
        record.allocate(wrong, by="B", on=D(2024, 11, 8))
    with pytest.raises(InvalidInput, match="before the verification"):
        record.allocate(right, by="B", on=D(2024, 11, 5))
    record = record.allocate(right, by="B", on=D(2024, 11, 8))
    with pytest.raises(InvalidInput, match="once per round"):
        record.allocate(right, by="B", on=D(2024, 11, 8))
    with pytest.raises(
        InvalidInput, match="this round has its indicative resource allocated"
    ):
        record.moderate(by="C", on=D(2024, 11, 9))
    with pytest.raises(InvalidInput, match="before the allocation"):
        record.rescore(record.current.agreed.form, by="A", on=D(2024, 11, 7))


def test_an_incomplete_form_cannot_start_a_record(scheme: RasScheme) -> None:
    """Scoring is refused until every outcome is answered."""
    form = RasForm(
        scheme=scheme, answers={"1": Answer(level=Level.LOW, evidence={Evidence.OTHER})}
    )
    with pytest.raises(InvalidInput, match="have no answer"):
        RasRecord.start("EHC-8", form, by="A", on=D(2024, 11, 4))
    with pytest.raises(InvalidInput, match="reference must be"):
        RasRecord.start("", form, by="A", on=D(2024, 11, 4))
