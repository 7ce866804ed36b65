"""Sign-off routes for many plans at once, as numpy arrays.

`route` decides one plan's route with its reasons; a simulator decides
thousands a run. `routes` gives the same answer for arrays of amounts in
pence, by the same rules in the same order (Gloucestershire's TAC steps,
`ehcplan.ras.signoff`): more resource agreed to be needed goes to the SEND
panel; a recommendation over the indicative resource goes back to the team;
one in line with it and less than the threshold is signed off by the lead SEND
co-ordinator; any other goes to the SEND panel. The tests check it against
`route` plan by plan.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.ras.signoff import Route

__all__ = ["ROUTES", "routes"]

ROUTES = tuple(Route)
"""Route by code: ``ROUTES[code]``, in `Route`'s order (0 reconsider, 1 lead, 2 panel)."""

RECONSIDER, LEAD_SIGNS_OFF, SEND_PANEL = (ROUTES.index(r) for r in Route)


def _pence(name: str, values: npt.ArrayLike) -> npt.NDArray[np.int64]:
    array = np.asarray(values)
    if array.dtype.kind not in "iu" or (array.size and array.min() < 0):
        msg = (
            f"{name} must be whole numbers of pence of at least 0 (an integer "
            f"array), got {array.dtype} values."
        )
        raise InvalidInput(msg, field=name)
    return array.astype(np.int64)


def routes(
    *,
    recommended_pence: npt.ArrayLike,
    indicative_pence: npt.ArrayLike,
    threshold_pence: int | npt.ArrayLike,
    more_needed: npt.ArrayLike | bool = False,
) -> npt.NDArray[np.int8]:
    """The sign-off route of each plan, as codes into `ROUTES`.

    Args:
        recommended_pence: The team's recommended resource for each plan.
        indicative_pence: Each plan's indicative resource.
        threshold_pence: The sign-off threshold in force (one, or one per plan).
        more_needed: Whether the team, having reconsidered, agrees more is needed.

    Examples:
        >>> codes = routes(recommended_pence=[800_000, 900_000, 1_200_000],
        ...                indicative_pence=[850_000, 850_000, 1_250_000],
        ...                threshold_pence=1_036_300)
        >>> codes.tolist(), [ROUTES[code].name for code in codes]
        ([1, 0, 2], ['LEAD_SIGNS_OFF', 'RECONSIDER', 'SEND_PANEL'])

    Raises:
        InvalidInput: If an amount is not whole pence of at least 0, or the arrays
            differ in length.
    """
    recommended = _pence("recommended_pence", recommended_pence)
    indicative = _pence("indicative_pence", indicative_pence)
    threshold = _pence("threshold_pence", threshold_pence)
    needed = np.asarray(more_needed)
    if needed.dtype != np.bool_:
        msg = f"more_needed must be True or False for each plan, got {needed.dtype}."
        raise InvalidInput(msg, field="more_needed")
    try:
        recommended, indicative, threshold, needed = np.broadcast_arrays(
            recommended, indicative, threshold, needed
        )
    except ValueError:
        msg = (
            "recommended_pence, indicative_pence, threshold_pence and more_needed must "
            "have one value per plan (or one for all)."
        )
        raise InvalidInput(msg, field="recommended_pence") from None
    result = np.full(recommended.shape, SEND_PANEL, dtype=np.int8)
    lead = (recommended <= indicative) & (recommended < threshold)
    result[lead] = LEAD_SIGNS_OFF
    result[recommended > indicative] = RECONSIDER
    result[needed] = SEND_PANEL
    return result
