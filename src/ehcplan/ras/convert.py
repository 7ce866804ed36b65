"""From a RAS score to an indicative resource, by the conversion the authority chose.

An authority's policy names one conversion for each period
(`ehcplan.policy.RasPolicy.conversion`, a `Dated` value):

- `PerPoint`: a fixed amount per point (the In Control model's "allocation
  table" at its simplest);
- `Bands`: the band the score falls in gives the amount (points ranges to pounds,
  both ends included);
- `SimilarCases`: a statistic of the agreed resources of the k past cases with
  the nearest score profiles, as Gloucestershire's Personalisation Officer
  "allocates an indicative resource based on similar cases" (see
  `ehcplan.ras.similar` for exactly how).

The indicative resource is what the team around the child compares its costed
provision with (`ehcplan.ras.signoff`). It is not written into the plan: "the
actual provision, not the £ value, is written into the final plan".
"""

from __future__ import annotations

from typing import Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy import Band, Bands, Conversion, PerPoint, SimilarCases
from ehcplan.ras.form import Score
from ehcplan.ras.similar import Neighbour, PastCases

__all__ = ["Indicative", "band_for", "indicative_resource"]


@attrs.frozen(kw_only=True)
class Indicative:
    """An indicative resource and how it was reached.

    Attributes:
        amount: The indicative resource a year.
        score: The RAS score it was worked out from.
        conversion: The conversion used.
        band: The band the score fell in, for `Bands`.
        neighbours: The similar cases used, nearest first, for `SimilarCases`.
    """

    amount: Money
    score: int
    conversion: Conversion
    band: Band | None = None
    neighbours: tuple[Neighbour, ...] = ()

    def explain(self) -> list[str]:
        """Which rule, band or neighbours gave the amount."""
        conversion = self.conversion
        if isinstance(conversion, PerPoint):
            return [
                f"indicative resource {self.amount}: {self.score} points at "
                f"{conversion.per_point} a point"
            ]
        if isinstance(conversion, Bands):
            band = self.band
            assert band is not None  # noqa: S101 - set whenever the conversion is Bands
            top = "and above" if band.max_points is None else f"to {band.max_points}"
            return [
                f"indicative resource {self.amount}: {self.score} points falls in the "
                f"band {band.min_points} {top} points, worth {band.amount}"
            ]
        lines = [
            f"indicative resource {self.amount}: the {conversion.statistic} agreed "
            f"resource of the {len(self.neighbours)} past cases with the nearest "
            "score profiles:"
        ]
        lines += [
            f"  {n.reference}: agreed {n.agreed}, distance {n.distance:.2f}, "
            f"points {list(n.profile)}"
            for n in self.neighbours
        ]
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The amount and its workings as JSON-ready values (money as pence and text)."""
        result: dict[str, Any] = {
            "amount_pence": self.amount.pence,
            "amount": str(self.amount),
            "score": self.score,
        }
        conversion = self.conversion
        if isinstance(conversion, PerPoint):
            result["conversion"] = {
                "kind": "per point",
                "per_point_pence": conversion.per_point.pence,
            }
        elif isinstance(conversion, Bands):
            band = self.band
            assert band is not None  # noqa: S101 - set whenever the conversion is Bands
            result["conversion"] = {
                "kind": "bands",
                "band": {
                    "min_points": band.min_points,
                    "max_points": band.max_points,
                    "amount_pence": band.amount.pence,
                },
            }
        else:
            result["conversion"] = {
                "kind": "similar cases",
                "k": conversion.k,
                "statistic": conversion.statistic,
                "neighbours": [
                    {
                        "reference": n.reference,
                        "distance_squared": n.distance_squared,
                        "profile": list(n.profile),
                        "agreed_pence": n.agreed.pence,
                    }
                    for n in self.neighbours
                ],
            }
        return result


def band_for(bands: Bands, points: int) -> Band:
    """The band *points* falls in.

    Examples:
        >>> bands = Bands(bands=[Band(min_points=0, max_points=9, amount=Money(0)),
        ...                      Band(min_points=10, max_points=19, amount=Money(300_000))])
        >>> str(band_for(bands, 10).amount)
        '£3,000.00'
        >>> band_for(bands, 25)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a RAS score of 25 is above the top band (10 to 19 points); ...

    Raises:
        InvalidInput: If the score is above a closed top band.
    """
    for band in bands.bands:
        if band.max_points is None or points <= band.max_points:
            return band
    top = bands.bands[-1]
    msg = (
        f"a RAS score of {points} is above the top band ({top.min_points} to "
        f"{top.max_points} points); the policy's bands must cover every score, so "
        "add an open-ended top band (no max_points) or take the case to panel."
    )
    raise InvalidInput(msg, field="points")


def indicative_resource(
    score: Score, conversion: Conversion, *, past: PastCases | None = None
) -> Indicative:
    """Convert *score* to an indicative resource by *conversion*.

    Args:
        score: The scored (verified or moderated) RAS form.
        conversion: The policy's conversion in force, e.g.
            ``policy.ras.conversion.at(on)``.
        past: The authority's past cases on the same scheme; needed for
            `SimilarCases` only.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> from ehcplan.ras.form import RasForm, Answer, Evidence
        >>> from ehcplan.policy import Level
        >>> ras = ehcplan.policy.load_policy("exampleshire").ras
        >>> scheme = ras.scheme("exampleshire-6-16")
        >>> answers = {o.id: Answer(level=Level.MEDIUM, evidence={Evidence.OTHER})
        ...            for o in scheme.outcomes}
        >>> score = RasForm(scheme=scheme, answers=answers).score()
        >>> score.total
        40
        >>> str(indicative_resource(score, ras.conversion.at(dt.date(2024, 9, 2))).amount)
        '£6,000.00'
        >>> print(*indicative_resource(score, ras.conversion.at(dt.date(2025, 9, 1))).explain())
        indicative resource £4,500.00: 40 points falls in the band 30 to 44 points, ...

    Raises:
        InvalidInput: If the score is above a closed top band, or `SimilarCases`
            is asked for without past cases, or with past cases on another scheme.
    """
    if not isinstance(score, Score):
        msg = f"score must be a Score (RasForm.score()), got {type(score).__name__}."
        raise InvalidInput(msg, field="score")
    points = score.total
    if isinstance(conversion, PerPoint):
        return Indicative(
            amount=conversion.per_point * points, score=points, conversion=conversion
        )
    if isinstance(conversion, Bands):
        band = band_for(conversion, points)
        return Indicative(
            amount=band.amount, score=points, conversion=conversion, band=band
        )
    if not isinstance(conversion, SimilarCases):
        msg = (
            "conversion must be PerPoint, Bands or SimilarCases (the policy's "
            f"ras.conversion.at(date)), got {type(conversion).__name__}."
        )
        raise InvalidInput(msg, field="conversion")
    if past is None:
        msg = (
            "the policy converts by similar cases, so pass past=PastCases(...) with "
            "the authority's past cases and their agreed resources."
        )
        raise InvalidInput(msg, field="past")
    if past.scheme.id != score.scheme.id:
        msg = (
            f"the past cases were scored on scheme {past.scheme.id} and this form on "
            f"{score.scheme.id}; compare like with like."
        )
        raise InvalidInput(msg, field="past")
    amount, neighbours = past.indicative(
        score.profile, conversion.k, conversion.statistic
    )
    return Indicative(
        amount=amount, score=points, conversion=conversion, neighbours=neighbours
    )
