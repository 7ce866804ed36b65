"""National statute: the time limits of the EHC process and the grounds that disapply them.

Everything here is the same for every local authority and cites its provision.
Local practice (panel calendars, funding splits) lives in `ehcplan.policy`.
"""

from ehcplan.timeline.grounds import (
    GROUNDS_BY_LIMIT,
    ExceptionGround,
    Limit,
    can_disapply,
)

__all__ = ["GROUNDS_BY_LIMIT", "ExceptionGround", "Limit", "can_disapply"]
