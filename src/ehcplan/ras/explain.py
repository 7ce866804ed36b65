"""One readable trace of a RAS decision: the score, the amount, and the route.

`explain` joins the workings of `Score`, `Indicative` and `Routing` so a panel,
a parent or an auditor can follow every step: which answers gave which points,
which band or neighbours gave which amount, and which rule routed the plan. The
same trace is available as JSON-ready values for a case system.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ehcplan.ras.convert import Indicative
from ehcplan.ras.form import Score
from ehcplan.ras.signoff import Routing

__all__ = ["Trace", "explain"]


@attrs.frozen(kw_only=True)
class Trace:
    """The workings of a RAS decision.

    Attributes:
        score: The scored form.
        indicative: The indicative resource, if worked out.
        routing: The sign-off route, if decided.
    """

    score: Score
    indicative: Indicative | None = None
    routing: Routing | None = None

    @property
    def lines(self) -> list[str]:
        """The trace as lines of plain text."""
        lines = self.score.explain()
        if self.indicative is not None:
            lines += self.indicative.explain()
        if self.routing is not None:
            lines.append(f"route: {self.routing.route.value}")
            lines += [f"  {reason}" for reason in self.routing.reasons]
        return lines

    def __str__(self) -> str:
        """The trace as text, one step per line."""
        return "\n".join(self.lines)

    def to_dict(self) -> dict[str, Any]:
        """The trace as JSON-ready values."""
        return {
            "score": self.score.to_dict(),
            "indicative": None
            if self.indicative is None
            else self.indicative.to_dict(),
            "routing": None if self.routing is None else self.routing.to_dict(),
        }

    def to_json(self) -> str:
        """The trace as a JSON document."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def explain(
    score: Score, indicative: Indicative | None = None, routing: Routing | None = None
) -> Trace:
    """The trace of a score, and of the amount and route that followed from it.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> from ehcplan.money import Money
        >>> from ehcplan.policy import Level
        >>> from ehcplan.ras.form import Answer, Evidence, RasForm
        >>> from ehcplan.ras.convert import indicative_resource
        >>> from ehcplan.ras.signoff import route
        >>> ras = ehcplan.policy.load_policy("exampleshire").ras
        >>> scheme = ras.scheme("exampleshire-6-16")
        >>> answers = {o.id: Level.NONE for o in scheme.outcomes}
        >>> answers["1"] = Answer(level=Level.HIGH, evidence={Evidence.PROFESSIONAL_REPORT})
        >>> answers["4"] = Answer(level=Level.LOW, evidence={Evidence.FAMILY_CONTRIBUTION})
        >>> score = RasForm(scheme=scheme, answers=answers).score()
        >>> on = dt.date(2025, 9, 1)
        >>> amount = indicative_resource(score, ras.conversion.at(on))
        >>> routing = route(recommended=Money.parse("£1,800"), indicative=amount.amount,
        ...                 threshold=ras.sign_off_threshold.at(on))
        >>> print(explain(score, amount, routing))  # doctest: +ELLIPSIS
        RAS scheme exampleshire-6-16 (version 1.0, ages 6-16)
          outcome 1 Behaviours enable them and others to learn: high = 12 points (evidence: ...)
          outcome 2 Communicates needs, views and ideas: no difficulty, not scored
        ...
          outcome 4 Makes progress in reading, writing and number: low = 2 points (evidence: ...)
        ...
          totals by level: low 2, medium 0, high 12; RAS score 14
        indicative resource £0.00: 14 points falls in the band 0 to 14 points, worth £0.00
        route: team reconsiders
          the team recommends £1,800.00 against an indicative resource of £0.00 (...)
          that is £1,800.00 over, so the team reconsiders ...
    """
    return Trace(score=score, indicative=indicative, routing=routing)
