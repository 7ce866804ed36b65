"""When direct payments are reviewed: within 3 months, then yearly, and on changes.

Source: seed 002: "The LA will undertake ongoing monitoring of how the direct
payment is being used. This will be carried out within the first three months
of making the payment and then yearly after the first payment or whenever there
are changes in relation to the services provided." The clocks are
`ehcplan.timeline.table.PERSONAL_BUDGET_FIRST_REVIEW` and `PERSONAL_BUDGET_REVIEW`
(SI 2014/1652 reg 11; SI 2012/206 Sch 1 para 15); an authority whose policy
sets other intervals (`PersonalBudgetPolicy`) has them counted the same way, in
calendar months clamped to the month's end.

Every yearly review is counted from the first payment itself (12, 24, 36
months after it), never from the review before: a first payment on
29 February is reviewed on 28 February in ordinary years and on 29 February
again in leap years, and one on 31 August every six months stays on the
last day of February and 31 August, rather than drifting to the 28th.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from ehcplan.dates import add_months, to_date
from ehcplan.errors import InvalidInput
from ehcplan.policy import PersonalBudgetPolicy
from ehcplan.timeline import table
from ehcplan.validators import check, instance_of

__all__ = ["MonitoringReview", "reviews_due"]


@attrs.frozen(kw_only=True)
class MonitoringReview:
    """A review of direct payments: its last day, why it is due, and its source."""

    due: dt.date
    reason: str
    cites: str


def _months_after(first: dt.date, months: int) -> dt.date | None:
    """The date *months* calendar months after *first*, or None if it is after 9999."""
    if first.year * 12 + first.month - 1 + months > dt.date.max.year * 12 + 11:
        return None
    return add_months(first, months)


def reviews_due(
    first_payment_on: dt.date,
    until: dt.date,
    policy: PersonalBudgetPolicy,
    *,
    changes: Iterable[dt.date] = (),
) -> tuple[MonitoringReview, ...]:
    """Every direct-payment review due from the first payment until *until*, in date order.

    Examples:
        >>> import ehcplan.policy
        >>> policy = ehcplan.policy.load_policy("exampleshire").personal_budgets
        >>> for r in reviews_due(dt.date(2025, 1, 31), dt.date(2027, 2, 1), policy,
        ...                      changes=[dt.date(2025, 9, 15)]):
        ...     print(r.due, r.reason)
        2025-04-30 first review, within 3 months of the first payment
        2025-09-15 services changed
        2026-01-31 yearly review
        2027-01-31 yearly review

    Raises:
        InvalidInput: If *until* is before the first payment, or a change is, or
            if the policy reviews less often than the law requires (a local
            policy may review sooner, never later).
    """
    first = to_date(first_payment_on, field="first_payment_on")
    until = to_date(until, field="until")
    check("policy", policy, instance_of(PersonalBudgetPolicy, "a PersonalBudgetPolicy"))
    if until < first:
        msg = f"until {until.isoformat()} is before the first payment on {first.isoformat()}."
        raise InvalidInput(msg, field="until")
    for months, clock in (
        (policy.first_monitoring_months, table.PERSONAL_BUDGET_FIRST_REVIEW),
        (policy.monitoring_interval_months, table.PERSONAL_BUDGET_REVIEW),
    ):
        if months > clock.length:
            msg = (
                f"the policy reviews direct payments after {months} months, later than "
                f"the law allows ({clock.describe()}); a local policy may review "
                "sooner, never later: correct it in the policy file."
            )
            raise InvalidInput(msg, field="policy")
    standard = (
        policy.first_monitoring_months == table.PERSONAL_BUDGET_FIRST_REVIEW.length
        and policy.monitoring_interval_months == table.PERSONAL_BUDGET_REVIEW.length
    )
    cites = table.PERSONAL_BUDGET_FIRST_REVIEW.cites + "; seed 002"
    if not standard:
        cites = f"{policy.reference} (local intervals)"
    reviews = []
    initial = _months_after(first, policy.first_monitoring_months)
    if initial is not None:
        reviews.append(
            MonitoringReview(
                due=initial,
                reason=f"first review, within {policy.first_monitoring_months} months "
                "of the first payment",
                cites=cites,
            )
        )
    count = 1
    while (
        yearly := _months_after(first, count * policy.monitoring_interval_months)
    ) is not None and yearly <= until:
        reviews.append(
            MonitoringReview(due=yearly, reason="yearly review", cites=cites)
        )
        count += 1
    for change in changes:
        day = to_date(change, field="changes")
        if day < first:
            msg = f"a change of services on {day.isoformat()} is before the first payment."
            raise InvalidInput(msg, field="changes")
        reviews.append(
            MonitoringReview(due=day, reason="services changed", cites="seed 002")
        )
    return tuple(sorted((r for r in reviews if r.due <= until), key=lambda r: r.due))
