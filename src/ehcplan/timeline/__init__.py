"""National statute: the time limits of the EHC process and the grounds that disapply them.

Everything here is the same for every local authority and cites its provision.
Local practice (panel calendars, funding splits) lives in `ehcplan.policy`.
The calendars the law counts with live here too: the bank holidays of England
and Wales (`BankHolidays`), institutions' closures for the closure ground
(`SchoolCalendar`), and the Tribunal's own way of counting (`appeal_deadline`).
Every time limit of the law, with its clock or the reason it has none, is in
`audit`; whether recorded facts support an exception ground is `supports`.

This package imports nothing of the domain above it: the clock report of a
case lives with the case (`ehcplan.cases.report`), and DfE's timeliness
measures with the SEN2 data they are defined on (`ehcplan.sen2.timeliness`).
"""

from ehcplan.timeline import audit, table
from ehcplan.timeline.calendars import ENGLAND_AND_WALES, BankHolidays
from ehcplan.timeline.clocks import Clock, Counting, Direction, Unit
from ehcplan.timeline.closures import Closure, SchoolCalendar
from ehcplan.timeline.facts import (
    Absence,
    CoronavirusImpact,
    Fact,
    InstitutionAdviceRequest,
    MissedAppointment,
    Person,
    PersonalCircumstances,
    Verdict,
    supports,
)
from ehcplan.timeline.grounds import (
    CORONAVIRUS_PERIOD,
    GROUNDS_BY_LIMIT,
    ExceptionGround,
    Limit,
    can_disapply,
)
from ehcplan.timeline.reviews import Reading, phase_transfer_deadline, review_window
from ehcplan.timeline.tribunal import (
    AppealDeadline,
    appeal_deadline,
    count_days_excluding_august_and_christmas,
)

__all__ = [
    "CORONAVIRUS_PERIOD",
    "ENGLAND_AND_WALES",
    "GROUNDS_BY_LIMIT",
    "Absence",
    "AppealDeadline",
    "BankHolidays",
    "Clock",
    "Closure",
    "CoronavirusImpact",
    "Counting",
    "Direction",
    "ExceptionGround",
    "Fact",
    "InstitutionAdviceRequest",
    "Limit",
    "MissedAppointment",
    "Person",
    "PersonalCircumstances",
    "Reading",
    "SchoolCalendar",
    "Unit",
    "Verdict",
    "appeal_deadline",
    "audit",
    "can_disapply",
    "count_days_excluding_august_and_christmas",
    "phase_transfer_deadline",
    "review_window",
    "supports",
    "table",
]
