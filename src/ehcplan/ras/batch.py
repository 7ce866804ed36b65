"""Scoring many RAS forms at once, as numpy arrays.

A form is a row of level codes, one per outcome in form order: 0 for no
difficulty (`Level.NONE`), 1 LOW, 2 MEDIUM, 3 HIGH (`LEVEL_CODES`). `profiles`
turns rows into points per outcome, `scores` into RAS scores, and
`indicative_pence` into indicative resources by any of the policy's
conversions. Each agrees exactly with scoring the forms one by one
(`RasForm.score`, `indicative_resource`); the tests check it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.money import MAX_PENCE, Money
from ehcplan.policy import (
    Bands,
    Conversion,
    Level,
    PerPoint,
    RasScheme,
    SimilarCases,
)
from ehcplan.ras.convert import band_for
from ehcplan.ras.similar import PastCases

__all__ = ["LEVEL_CODES", "indicative_pence", "points_table", "profiles", "scores"]

Ints = npt.NDArray[np.int64]

LEVEL_CODES = (Level.NONE, Level.LOW, Level.MEDIUM, Level.HIGH)
"""Level by code: ``LEVEL_CODES[2]`` is MEDIUM."""


def points_table(scheme: RasScheme) -> Ints:
    """Points by outcome (rows, form order) and level code (columns 0-3).

    Examples:
        >>> import ehcplan.policy
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> points_table(scheme)[0].tolist()
        [0, 3, 6, 12]
    """
    return np.array(
        [
            [outcome.points_for(level) for level in LEVEL_CODES]
            for outcome in scheme.outcomes
        ],
        dtype=np.int64,
    )


def profiles(scheme: RasScheme, levels: npt.ArrayLike) -> Ints:
    """Points per outcome for each row of level codes.

    Raises:
        InvalidInput: If *levels* is not a 2-D array of whole numbers 0-3 with one
            column per outcome; the message names the first bad row and column.
    """
    codes = np.asarray(levels)
    outcomes = len(scheme.outcomes)
    if codes.ndim != 2 or codes.shape[1] != outcomes or codes.dtype.kind not in "iu":
        msg = (
            f"levels must be a 2-D array of whole-number level codes with one column per "
            f"outcome of scheme {scheme.id} ({outcomes}), got {codes.dtype} of shape "
            f"{codes.shape}; use 0 none, 1 low, 2 medium, 3 high."
        )
        raise InvalidInput(msg, field="levels")
    bad = (codes < 0) | (codes > 3)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        msg = (
            f"levels[{row}, {column}] (outcome {scheme.outcomes[column].id}) is "
            f"{int(codes[row, column])}; level codes are 0 none, 1 low, 2 medium, 3 high."
        )
        raise InvalidInput(msg, field="levels")
    table = points_table(scheme)
    result: Ints = table[np.arange(outcomes), codes]
    return result


def scores(scheme: RasScheme, levels: npt.ArrayLike) -> Ints:
    """The RAS score of each row of level codes.

    Examples:
        >>> import ehcplan.policy
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> scores(scheme, [[3, 2, 0, 0, 0, 0, 0, 0, 0, 0], [2] * 10]).tolist()
        [16, 40]
    """
    result: Ints = profiles(scheme, levels).sum(axis=1)
    return result


def indicative_pence(
    scheme: RasScheme,
    levels: npt.ArrayLike,
    conversion: Conversion,
    *,
    past: PastCases | None = None,
) -> Ints:
    """The indicative resource, in pence, of each row of level codes.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> ras = ehcplan.policy.load_policy("exampleshire").ras
        >>> scheme = ras.scheme("exampleshire-6-16")
        >>> bands = ras.conversion.at(dt.date(2025, 9, 1))
        >>> indicative_pence(scheme, [[0] * 10, [2] * 10, [3] * 10], bands).tolist()
        [0, 450000, 1100000]

    Raises:
        InvalidInput: As `profiles`; or a score above a closed top band; or
            `SimilarCases` without past cases on this scheme; or an amount per
            point so large that a form's resource would be more than `Money`
            holds (it is never wrapped round).
    """
    points = profiles(scheme, levels)
    totals = points.sum(axis=1)
    if isinstance(conversion, PerPoint):
        rate = conversion.per_point.pence
        if len(totals) and int(totals.max()) * rate > MAX_PENCE:
            row = int(np.argmax(totals))
            msg = (
                f"levels[{row}] scores {int(totals[row])} points, which at "
                f"{conversion.per_point} a point is more than Money holds "
                f"({Money(MAX_PENCE)}); check the conversion's per_point amount."
            )
            raise InvalidInput(msg, field="conversion")
        # Every product is at most MAX_PENCE, so the int64 columns cannot wrap.
        result: Ints = totals * rate
        return result
    if isinstance(conversion, Bands):
        starts = np.array(
            [band.min_points for band in conversion.bands], dtype=np.int64
        )
        amounts = np.array(
            [band.amount.pence for band in conversion.bands], dtype=np.int64
        )
        top = conversion.bands[-1].max_points
        if top is not None and len(totals) and totals.max() > top:
            band_for(conversion, int(totals.max()))  # raises the per-form error
        band_pence: Ints = amounts[np.searchsorted(starts, totals, side="right") - 1]
        return band_pence
    if not isinstance(conversion, SimilarCases):
        msg = (
            "conversion must be PerPoint, Bands or SimilarCases, "
            f"got {type(conversion).__name__}."
        )
        raise InvalidInput(msg, field="conversion")
    if past is None or past.scheme.id != scheme.id:
        msg = (
            "the policy converts by similar cases, so pass past=PastCases(...) holding "
            f"the authority's past cases scored on scheme {scheme.id}."
        )
        raise InvalidInput(msg, field="past")
    return past.indicative_pence(points, conversion.k, conversion.statistic)
