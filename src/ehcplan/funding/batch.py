"""Element 2 and element 3 for many pupils at once, as numpy arrays.

`costed_top_up` splits one pupil's costed provision at the element 2
threshold, with its reason; `costed_top_ups` does the same for an array of
amounts in pence, exactly (whole pence in, whole pence out; no rounding is
needed), and the tests check it against `costed_top_up` pupil by pupil.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.money import Money

__all__ = ["costed_top_ups"]

Ints = npt.NDArray[np.int64]


def costed_top_ups(
    provision_pence: npt.ArrayLike, threshold: Money
) -> tuple[Ints, Ints]:
    """What the school meets (element 2) and the authority tops up (element 3), in pence.

    Examples:
        >>> school, top_up = costed_top_ups([1_600_000, 400_000], Money.parse("£6,000"))
        >>> school.tolist(), top_up.tolist()
        ([600000, 400000], [1000000, 0])

    Raises:
        InvalidInput: If the amounts are not whole pence of at least 0, or the
            threshold is not Money of at least £0.
    """
    provision = np.asarray(provision_pence)
    if provision.dtype.kind not in "iu" or (provision.size and provision.min() < 0):
        msg = (
            "provision_pence must be whole numbers of pence of at least 0 (an integer "
            f"array), got {provision.dtype} values."
        )
        raise InvalidInput(msg, field="provision_pence")
    if not isinstance(threshold, Money) or threshold.pence < 0:
        msg = f"threshold must be Money of at least £0, got {threshold!r}."
        raise InvalidInput(msg, field="threshold")
    provision = provision.astype(np.int64)
    school: Ints = np.minimum(provision, threshold.pence)
    top_up: Ints = provision - school
    return school, top_up
