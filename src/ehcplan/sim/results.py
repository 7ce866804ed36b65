"""What a simulation produced: journeys, panel meetings, weekly series, KPIs with intervals.

A `Run` is one replication, held as numpy columns (days since the scenario's
start; NaN where a step did not happen). `Results` is every replication of one
scenario, with KPIs averaged across them and 95% confidence intervals (Student's
t over the replications' values), and beside each the range a single year can
take (5% to 95% of the replications' values: a predictive interval, not the
interval of the mean). KPIs count only what happened after the
warm-up, and DfE's measures are computed by
`ehcplan.sen2.timeliness.timeliness_of_columns`, the same code that counts
real SEN2 data.

Journey columns (`Run.journeys`, one row per request in arrival order;
`Results.journeys` puts a ``replication`` column first):

| column | type | meaning |
|---|---|---|
| received | float | day the request was received |
| source | int | SEN2 ``RequestSource`` code |
| decided | float | day of the decision whether to assess |
| assess | bool | whether an assessment was carried out (including after an order) |
| appealed | bool | whether a refusal was appealed |
| order | float | day of a Tribunal order to assess (reg 44), NaN if none |
| advice_asked | float | day advice was requested |
| advice_done | float | day the last advice was received |
| ep_wait | float | days waiting for an educational psychologist |
| panel | float | day the panel decided whether a plan is needed |
| deferrals | int | times the panel deferred the case |
| no_plan | float | day of the decision not to issue a plan |
| draft | float | day the draft plan was served |
| issued | float | day the final plan was issued |
| exception | int | 0, or the `ExceptionGround` (1-based) while the 20-week limit applies |
| outcome | int | ``OUTCOMES`` code: 0 open, 1 refused, 2 no plan, 3 issued |
| request_mediation | float | day of the mediation certificate before a refusal's appeal |
| request_appeal | float | day a refusal's appeal was registered |
| request_tribunal | float | day the Tribunal decided a refusal's appeal |
| papers | float | day the papers were ready (and the RAS scored), after the advice |
| heard | bool | whether the panel heard the plan (or the lead co-ordinator signed it off) |
| assessment_mediation | float | day of the certificate before an appeal after the decision |
| assessment_appeal | float | day an appeal on "no plan", or a plan's B, F, I, was registered |
| assessment_tribunal | float | day the Tribunal decided it |
| appeal_on | int | what it was about (``DISPUTES``): 0 none, 2 "no plan", 3 the plan |
| plan_order | float | day of an order to make and maintain a plan, or to amend it |
| referred | float | day a jointly funded placement was referred to the Access to Resources panel |
| atr | float | day that panel decided it |
| atr_deferrals | int | times that panel deferred it |
| emergency | bool | whether the chair agreed emergency funding at the referral (seed 004, 3.6) |
| placement_review | float | day of the placement's review at that panel, 6 months on |
| ceased | float | day the plan ceased |
| cease_reason | int | SEN2 ``CeaseReason`` code (0 if it has not ceased) |
| due | float | the 20-week deadline (reg 13(2)), as the timeline gives it |
| ras_score | int | the RAS score of the plan's form |
| indicative | int | the indicative resource |
| resource | int | the resource agreed |
| route | int | the sign-off route (``ROUTES``: 1 lead SEND co-ordinator, 2 SEND panel; -1 none) |
| reconsidered | bool | whether the team first recommended more than the indicative resource |
| top_up | int | the element 3 top-up |
| budget_requested | bool | whether the family asked for a personal budget |
| budget_agreed | bool | whether one was agreed |
| budget | int | the personal budget |
| budget_mechanism | int | a ``BUDGET_MECHANISMS`` code (1 direct payment, 2 arrangement, ...) |
| budget_direct | int | its part paid as direct payments |
| budget_third_party | int | its part paid through a third party |
| budget_arrangement | int | its part held as an arrangement (a notional budget) |
| budget_education | int | its part funded by education (high needs) |
| budget_social_care | int | its part funded by social care |
| budget_health | int | its part funded by health |
| placement_weeks | int | a jointly funded placement's weeks a year (0 if none) |
| placement_fee | int | its fee |
| placement_transport | int | its educationally related transport |
| placement_education | int | its costs apportioned to education (high needs) |
| placement_social_care | int | its costs apportioned to social care |
| placement_health | int | its costs apportioned to health |
| high_needs | int | the plan's high-needs money: top-up, placement's and budget's education parts |
| social_care | int | the plan's social care money |
| health | int | the plan's health money |

Amounts (from ``indicative`` on) are exact whole pence a year
(`ehcplan.sim.costs`); only plans issued by the horizon have money.

Meeting columns (`Run.meetings`, one row per panel meeting a case was booked into):

| column | type | meaning |
|---|---|---|
| panel | str | the policy's id of the panel |
| kind | str | the panel's kind (`PanelKind`: resource allocation, multi-agency, ...) |
| day | int | day of the meeting |
| places | int | places at the meeting (the scenario's figure, or the policy's then) |
| used | int | places used, by every kind of decision |
| assess | int | places used deciding whether to assess (reg 5) |
| plan | int | places used deciding whether to issue a plan, and its funding |
| placement | int | places used deciding jointly funded placements (and confirming emergencies) |
| placement_review | int | places used reviewing placements 6 months on |
| deferred | int | cases deferred to a later meeting |
| overflow | int | referrals that wanted this meeting but found it full |
| queue_after | int | cases ready for the panel and still waiting after this meeting |

Weekly columns (`Run.weekly`, one row per week):

| column | type | meaning |
|---|---|---|
| day | int | the day counted |
| arrived | int | requests received so far |
| open | int | requests open on that day |
| ep_queue | int | assessments waiting for an educational psychologist |
| caseworker_queue | int | drafts and reviews waiting for a caseworker |
| plans_in_place | int | plans in place: at the start and issued since, less those ceased |

Reviews (`Run.reviews`): meeting day, decision day. Direct-payment monitoring
(`Run.monitoring`): journey row, day the review is due.
"""

from __future__ import annotations

import csv
import datetime as dt
import fractions
import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.cases import CeaseReason, RequestSource
from ehcplan.errors import InvalidInput
from ehcplan.extras import require
from ehcplan.money import Money
from ehcplan.policy import PanelKind
from ehcplan.sen2.records import RequestFacts, Sen2Record, record_of
from ehcplan.sen2.timeliness import Timeliness, timeliness_of_columns
from ehcplan.sim import outcomes
from ehcplan.sim.costs import costs
from ehcplan.sim.estimates import Estimate, interval
from ehcplan.sim.outcomes import ISSUED, NO_PLAN, OPEN, REFUSED
from ehcplan.sim.world import KINDS, World

__all__ = ["KPIS", "Run", "Results"]

Floats = npt.NDArray[np.float64]

KPIS = (
    "pc_within_20_weeks_ex",
    "pc_within_20_weeks",
    "pc_20_to_52_weeks_ex",
    "pc_over_52_weeks_ex",
    "avg_weeks_to_issue_ex",
    "pc_decided_within_6_weeks",
    "pc_no_plan_within_16_weeks",
    "pc_review_decisions_within_4_weeks",
    "plans_issued_per_month",
    "breaches_per_month",
    "panel_load_per_meeting",
    "pc_panel_meetings_full",
    "panel_queue_after_meeting",
    "open_at_end",
    "ep_utilisation",
    "caseworker_utilisation",
    "mean_ep_wait_days",
    *(
        f"{kind.name.lower()}_panel_{measure}"
        for kind in PanelKind
        for measure in ("load", "pc_full", "queue_after", "deferred", "overflow")
    ),
    "pc_plans_signed_off_by_lead",
    "committed_high_needs_pence",
    "committed_top_ups_pence",
    "committed_placements_high_needs_pence",
    "committed_social_care_pence",
    "committed_health_pence",
    "committed_total_pence",
    "personal_budgets_agreed",
    "pc_personal_budgets_agreed",
    "personal_budgets_pence",
    "personal_budgets_direct_payment_pence",
    "personal_budgets_third_party_pence",
    "personal_budgets_arrangement_pence",
    "direct_payment_reviews",
    "placements_38_to_51_weeks",
    "placements_38_to_51_weeks_pence",
    "placements_52_weeks",
    "placements_52_weeks_pence",
    "emergency_placements",
    "plans_ceased_per_month",
    "plans_in_place_at_end",
    "mediations_per_month",
    "appeals_per_month",
    "surge_staff_days",
    "surge_cost_pence",
)
"""The summary KPIs of a run, in report order. Shares are fractions (0.464).

Panel KPIs by kind (``resource_allocation_panel_load``, ...): the mean places
used per meeting held, the share of meetings full, the mean queue after a
meeting, the mean deferred and the mean referrals passed on (overflow) per
meeting, over every panel of that kind the scenario uses (NaN if none).
Money KPIs end in ``_pence``: a year of funding of the plans issued in the
measured period, summed exactly in pence in each run (`Run.funding`), by
budget: high needs (top-ups, placements' education shares, budgets' education
parts), social care and health. Counts (``personal_budgets_agreed``,
``placements_52_weeks``, ``direct_payment_reviews``, ...) are of the measured
period. ``surge_staff_days`` and ``surge_cost_pence`` count the extra staff a
scenario's ``[surge]`` hired after the warm-up (0 without one); the cost of
each run is exact in pence (`Run.surge_cost`, `Results.surge_cost`)."""

FUNDING = (
    "high_needs",
    "top_ups",
    "placements_high_needs",
    "social_care",
    "health",
    "total",
)
"""The budgets `Run.funding` totals, in report order."""


@attrs.frozen(kw_only=True, eq=False)
class Run:
    """One replication: its seed, columns, and the scenario's dates it is measured over."""

    replication: int
    start: dt.date
    horizon_days: int
    warmup_days: int
    journeys: Mapping[str, npt.NDArray[Any]]
    meetings: Mapping[str, npt.NDArray[Any]]
    weekly: Mapping[str, npt.NDArray[Any]]
    reviews: Mapping[str, npt.NDArray[Any]]
    utilisation: Mapping[str, float]
    panels: tuple[str, ...] = ()
    plan_panel: str = ""
    panel_kinds: tuple[str, ...] = ()
    monitoring: Mapping[str, npt.NDArray[Any]] = attrs.field(factory=dict)
    stock_ceased: npt.NDArray[np.float64] = attrs.field(
        factory=lambda: np.array([], dtype=np.float64)
    )
    surge_days: Mapping[str, int] = attrs.field(factory=dict)
    surge_cost: Money = Money(0)

    @classmethod
    def from_world(cls, world: World, replication: int) -> Run:
        """Freeze a finished run's records into columns."""
        s = world.scenario
        j = world.journeys
        journeys = j.columns()
        journeys["due"] = outcomes.due_days(journeys["received"], s.start)
        money, monitoring = costs(world, journeys)
        journeys.update(money)
        rows = []
        for panel_id, diary in world.diaries.items():
            queue = diary.queue_after()
            rows += [
                (
                    panel_id,
                    diary.kind.value,
                    day,
                    diary.places(day),
                    diary.used(day),
                    *(diary.booked[kind].get(day, 0) for kind in range(len(KINDS))),
                    diary.deferred.get(day, 0),
                    diary.overflow.get(day, 0),
                    queue[index],
                )
                for index, day in enumerate(diary.days)
            ]
        meetings = _meeting_columns(rows)
        weekly = _columns(
            world.weekly,
            (
                "day",
                "arrived",
                "open",
                "ep_queue",
                "caseworker_queue",
                "plans_in_place",
            ),
        )
        reviews = _columns(world.reviews, ("meeting", "decided"), dtype=np.float64)
        window = s.horizon_days - s.warmup_days
        low, high = float(s.warmup_days), float(s.horizon_days)
        pools = {
            name: pool for name, _source, pool in world.advice_pools if pool is not None
        }
        pools["caseworkers"] = world.caseworkers
        # Extra staff hired by a surge add their days to the pool's time.
        utilisation = {
            name: pool.busy(low, high)
            / (pool.capacity * window + world.surge_days.get(name, 0))
            for name, pool in pools.items()
        }
        surge_days = dict(world.surge_days)
        rate = Money(0) if s.surge is None else s.surge.cost_per_day
        return cls(
            replication=replication,
            start=s.start,
            horizon_days=s.horizon_days,
            warmup_days=s.warmup_days,
            journeys=journeys,
            meetings=meetings,
            weekly=weekly,
            reviews=reviews,
            utilisation=utilisation,
            panels=tuple(world.diaries),
            plan_panel=s.plan_panel.panel,
            panel_kinds=tuple(d.kind.value for d in world.diaries.values()),
            monitoring={
                "row": np.array([r for r, _ in monitoring], dtype=np.int64),
                "due": np.array([d for _, d in monitoring], dtype=np.float64),
            },
            stock_ceased=np.array(world.stock_ceased, dtype=np.float64),
            surge_days=surge_days,
            surge_cost=rate * sum(surge_days.values()),
        )

    @property
    def measured_from(self) -> dt.date:
        """The first day the KPIs count (after the warm-up)."""
        return self.start + dt.timedelta(days=self.warmup_days)

    @property
    def measured_to(self) -> dt.date:
        """The last day the KPIs count."""
        return self.start + dt.timedelta(days=self.horizon_days - 1)

    def timeliness(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> Timeliness:
        """DfE's timeliness counts from *start* to *end* (by default, after the warm-up)."""
        j = self.journeys
        first = self.start
        issued = ~np.isnan(j["issued"])
        decided = ~np.isnan(j["decided"])
        # A "no plan" decision counts while it stands (a Tribunal order may overturn it).
        no_plan = ~np.isnan(j["no_plan"]) & (j["outcome"] == NO_PLAN)
        return timeliness_of_columns(
            start=start or self.measured_from,
            end=end or self.measured_to,
            plans=(
                _dates(first, j["received"][issued]),
                _dates(first, j["issued"][issued]),
            ),
            plans_with_exception=j["exception"][issued] > 0,
            decisions=(
                _dates(first, j["received"][decided]),
                _dates(first, j["decided"][decided]),
            ),
            no_plan=(
                _dates(first, j["received"][no_plan]),
                _dates(first, j["no_plan"][no_plan]),
            ),
            reviews=(
                _dates(first, self.reviews["meeting"]),
                _dates(first, self.reviews["decided"]),
            ),
        )

    def held_meetings(self, panel: str | None = None) -> npt.NDArray[np.bool_]:
        """Which rows of `meetings` were held in the measured window (of *panel*, if given)."""
        m = self.meetings
        held = (m["day"] >= self.warmup_days) & (m["day"] < self.horizon_days)
        if panel is not None:
            held &= m["panel"] == panel
        return held

    def panel_load(self) -> dict[str, dict[str, float]]:
        """For each panel: places used per meeting held, by kind, the share full, the queue left.

        Keys per panel: ``meetings`` (held in the measured window), ``places``
        (mean places a meeting), ``used`` (mean places used), one key per kind
        of decision (`KINDS`: ``assess``, ``plan``, ``placement``,
        ``placement_review``), ``pc_full`` (the share of meetings with every
        place used), ``queue_after`` (mean cases still waiting after a meeting),
        ``deferred`` (mean cases deferred) and ``overflow`` (mean referrals that
        wanted the meeting but found it full). NaN where no meeting was held.
        """
        return {panel: self._load(self.held_meetings(panel)) for panel in self.panels}

    def panel_load_by_kind(self) -> dict[str, dict[str, float]]:
        """`panel_load`'s measures over every panel of each kind (`PanelKind` values)."""
        m = self.meetings
        return {
            kind.value: self._load(self.held_meetings() & (m["kind"] == kind.value))
            for kind in PanelKind
        }

    def _load(self, held: npt.NDArray[np.bool_]) -> dict[str, float]:
        m = self.meetings
        count = int(np.count_nonzero(held))

        def mean(values: npt.NDArray[Any]) -> float:
            return float(values[held].mean()) if count else math.nan

        return {
            "meetings": float(count),
            "places": mean(m["places"]),
            "used": mean(m["used"]),
            **{kind: mean(m[kind]) for kind in KINDS},
            "pc_full": mean((m["used"] >= m["places"]).astype(float)),
            "queue_after": mean(m["queue_after"]),
            "deferred": mean(m["deferred"]),
            "overflow": mean(m["overflow"]),
        }

    def _issued_in_window(self) -> npt.NDArray[np.bool_]:
        j = self.journeys
        with np.errstate(invalid="ignore"):
            chosen: npt.NDArray[np.bool_] = (j["issued"] >= self.warmup_days) & (
                j["issued"] < self.horizon_days
            )
        return chosen

    def _in_window(self, days: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
        with np.errstate(invalid="ignore"):
            chosen: npt.NDArray[np.bool_] = (days >= self.warmup_days) & (
                days < self.horizon_days
            )
        return chosen

    def funding(self) -> dict[str, Money]:
        """A year of funding of the plans issued in the measured period, by budget, exact.

        Keys (`FUNDING`): ``high_needs`` (the authority's high-needs block:
        ``top_ups`` and ``placements_high_needs``, and budgets' education parts),
        ``social_care``, ``health`` and ``total``, each summed in pence.

        Examples:
            >>> from ehcplan.sim import default_scenario, run
            >>> money = run(default_scenario(), seed=1).funding()
            >>> money["total"] == money["high_needs"] + money["social_care"] + money["health"]
            True
        """
        j = self.journeys
        chosen = self._issued_in_window()

        def total(*names: str) -> Money:
            return Money(sum(int(j[name][chosen].sum()) for name in names))

        high = total("high_needs")
        social, health = total("social_care"), total("health")
        return {
            "high_needs": high,
            "top_ups": total("top_up"),
            "placements_high_needs": total("placement_education"),
            "social_care": social,
            "health": health,
            "total": high + social + health,
        }

    def cost_by_month(self) -> tuple[list[dt.date], dict[str, npt.NDArray[np.int64]]]:
        """What the plans issued in the measured period cost in each of its months, by budget.

        A plan costs its year's funding spread over the days it is in force:
        from its issue to its ceasing (or the horizon), each month's part being
        the annual amount times the days in force that month divided by the
        days of that year, rounded once, half to even, to a whole penny. The
        budgets are ``high_needs``, ``social_care`` and ``health`` (pence).
        """
        j = self.journeys
        chosen = self._issued_in_window()
        start = np.floor(j["issued"][chosen]).astype(np.int64)
        stop = np.where(
            np.isnan(j["ceased"][chosen]),
            self.horizon_days,
            np.floor(np.nan_to_num(j["ceased"][chosen])),
        ).astype(np.int64)
        months: list[dt.date] = []
        month = dt.date(self.measured_from.year, self.measured_from.month, 1)
        while month <= self.measured_to:
            months.append(month)
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        out = {
            name: np.zeros(len(months), dtype=np.int64)
            for name in ("high_needs", "social_care", "health")
        }
        for k, first in enumerate(months):
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            low = max((first - self.start).days, self.warmup_days)
            high = min((following - self.start).days, self.horizon_days)
            days = np.clip(np.minimum(stop, high) - np.maximum(start, low), 0, None)
            year = (dt.date(first.year + 1, 1, 1) - dt.date(first.year, 1, 1)).days
            for name in out:
                amount = j[name][chosen].astype(np.int64) * days
                whole, left = np.divmod(amount, year)
                up = (2 * left > year) | ((2 * left == year) & (whole % 2 == 1))
                out[name][k] = int((whole + up).sum())
        return months, out

    def kpis(self) -> dict[str, float]:
        """The summary KPIs (`KPIS`) of this run, after the warm-up. NaN where undefined."""
        t = self.timeliness()
        j = self.journeys
        months = (self.horizon_days - self.warmup_days) / (365.25 / 12)
        late = outcomes.breached(j, by=self.horizon_days)
        breaches = np.count_nonzero(late & (j["due"] >= self.warmup_days))
        load = self.panel_load()[self.plan_panel]
        waits = j["ep_wait"][(j["advice_asked"] >= self.warmup_days)]
        kpis = {
            "pc_within_20_weeks_ex": _nan(t.pc_within_20_weeks_ex),
            "pc_within_20_weeks": _nan(t.pc_within_20_weeks),
            "pc_20_to_52_weeks_ex": _ratio(t.weeks_20_to_52_ex, t.plans_issued_ex),
            "pc_over_52_weeks_ex": _ratio(t.over_52_weeks_ex, t.plans_issued_ex),
            "avg_weeks_to_issue_ex": _nan(t.avg_weeks_to_issue_ex),
            "pc_decided_within_6_weeks": _nan(t.pc_decided_within_6_weeks),
            "pc_no_plan_within_16_weeks": _nan(t.pc_no_plan_within_16_weeks),
            "pc_review_decisions_within_4_weeks": _nan(
                t.pc_review_decisions_within_4_weeks
            ),
            "plans_issued_per_month": t.plans_issued / months,
            "breaches_per_month": breaches / months,
            "panel_load_per_meeting": load["used"],
            "pc_panel_meetings_full": load["pc_full"],
            "panel_queue_after_meeting": load["queue_after"],
            "open_at_end": float(np.count_nonzero(j["outcome"] == OPEN)),
            "ep_utilisation": self.utilisation.get("educational psychology", math.nan),
            "caseworker_utilisation": self.utilisation.get("caseworkers", math.nan),
            "mean_ep_wait_days": float(np.nanmean(waits))
            if np.any(~np.isnan(waits))
            else math.nan,
            "surge_staff_days": float(sum(self.surge_days.values())),
            "surge_cost_pence": float(self.surge_cost.pence),
        }
        for kind, measures in self.panel_load_by_kind().items():
            slug = PanelKind(kind).name.lower()
            kpis[f"{slug}_panel_load"] = measures["used"]
            for measure in ("pc_full", "queue_after", "deferred", "overflow"):
                kpis[f"{slug}_panel_{measure}"] = measures[measure]
        decided = self._in_window(j["panel"]) & (j["route"] >= 0)
        kpis["pc_plans_signed_off_by_lead"] = (
            float(np.mean(~j["heard"][decided])) if decided.any() else math.nan
        )
        for name, amount in self.funding().items():
            kpis[f"committed_{name}_pence"] = float(amount.pence)
        issued = self._issued_in_window()
        agreed = issued & j["budget_agreed"]
        asked = issued & j["budget_requested"]
        kpis["personal_budgets_agreed"] = float(np.count_nonzero(agreed))
        kpis["pc_personal_budgets_agreed"] = (
            np.count_nonzero(agreed) / np.count_nonzero(asked)
            if asked.any()
            else math.nan
        )
        for key, column in (
            ("personal_budgets_pence", "budget"),
            ("personal_budgets_direct_payment_pence", "budget_direct"),
            ("personal_budgets_third_party_pence", "budget_third_party"),
            ("personal_budgets_arrangement_pence", "budget_arrangement"),
        ):
            kpis[key] = float(int(j[column][agreed].sum()))
        kpis["direct_payment_reviews"] = float(
            np.count_nonzero(self._in_window(self.monitoring.get("due", np.array([]))))
        )
        weeks = j["placement_weeks"]
        for key, chosen in (
            ("placements_38_to_51_weeks", issued & (weeks >= 38) & (weeks < 52)),
            ("placements_52_weeks", issued & (weeks == 52)),
        ):
            kpis[key] = float(np.count_nonzero(chosen))
            kpis[f"{key}_pence"] = float(
                int(
                    (
                        j["placement_fee"][chosen] + j["placement_transport"][chosen]
                    ).sum()
                )
            )
        kpis["emergency_placements"] = float(
            np.count_nonzero(self._in_window(j["referred"]) & j["emergency"])
        )
        ceased = np.count_nonzero(self._in_window(j["ceased"])) + np.count_nonzero(
            self._in_window(self.stock_ceased)
        )
        kpis["plans_ceased_per_month"] = ceased / months
        in_place = self.weekly["plans_in_place"]
        kpis["plans_in_place_at_end"] = (
            float(in_place[-1]) if len(in_place) else math.nan
        )
        mediations = np.count_nonzero(
            self._in_window(j["request_mediation"])
        ) + np.count_nonzero(self._in_window(j["assessment_mediation"]))
        appeals = np.count_nonzero(
            self._in_window(j["request_appeal"])
        ) + np.count_nonzero(self._in_window(j["assessment_appeal"]))
        kpis["mediations_per_month"] = mediations / months
        kpis["appeals_per_month"] = appeals / months
        return kpis

    def sen2_records(self) -> list[Sen2Record]:
        """The journeys as SEN2 request records, as a case system would return them.

        ``RequestID`` is ``R<replication>-<row>``. Each journey is reduced to
        its `ehcplan.sen2.RequestFacts` and written by `ehcplan.sen2.record_of`,
        the mapping a case's record is written by (`ehcplan.sen2.case_to_record`):
        the decision whether to assess at its date (assess, when an assessment was
        carried out after a Tribunal order too), the decision whether to issue a
        plan (at the panel or signed off), the final plan, ``Week20`` whether an
        exception was recorded, mediation and appeals on each decision, the
        personal budget (``PB``, ``OA``, ``DP``), a residential placement's
        length (``PlanRes``) and the plan's ceasing.
        """
        j = self.journeys
        names = (
            "received", "source", "decided", "assess", "appealed", "panel", "outcome",
            "exception", "issued", "ceased", "cease_reason", "request_mediation",
            "assessment_mediation", "assessment_appeal", "budget_agreed",
            "budget_arrangement", "budget_direct", "budget_third_party",
            "placement_weeks",
        )  # fmt: skip
        columns = {name: j[name].tolist() for name in names}
        origin = self.start
        dates: dict[int, dt.date] = {}

        def date(day: float) -> dt.date | None:
            if day != day:  # NaN
                return None
            whole = math.floor(day)
            found = dates.get(whole)
            if found is None:
                found = dates[whole] = origin + dt.timedelta(days=whole)
            return found

        reasons = {r.value: r for r in CeaseReason}
        sources = {s.value: s for s in RequestSource}
        records = []
        prefix = f"R{self.replication}-"
        for i, row in enumerate(zip(*columns.values(), strict=True)):
            (received, source, decided, assess, appealed, panel, outcome, exception,
             issued, ceased, reason, request_mediation, assessment_mediation,
             assessment_appeal, agreed, arrangement, direct, third_party,
             weeks) = row  # fmt: skip
            plan = None if panel != panel else outcome != NO_PLAN
            budget = None if issued != issued else agreed
            records.append(
                record_of(
                    RequestFacts(
                        reference=f"{prefix}{i}",
                        received_on=date(received),  # type: ignore[arg-type]
                        source=sources[source],
                        decided_on=date(decided),
                        assessed=assess,
                        appealed=appealed,
                        plan_decided_on=date(panel),
                        plan=plan,
                        exception=bool(exception),
                        issued_on=date(issued),
                        ceased_on=date(ceased),
                        cease_reason=reasons.get(reason),
                        request_mediation=request_mediation == request_mediation,
                        assessment_mediation=assessment_mediation
                        == assessment_mediation,
                        assessment_appealed=assessment_appeal == assessment_appeal,
                        personal_budget=budget,
                        organised_arrangement=None
                        if budget is None
                        else arrangement > 0,
                        direct_payment=None
                        if budget is None
                        else direct + third_party > 0,
                        residential_weeks=weeks or None,
                    )
                )
            )
        return records

    def _date(self, day: float) -> dt.date:
        return self.start + dt.timedelta(days=math.floor(day))

    def outcome_counts(self) -> dict[str, int]:
        """How many requests ended each way (or are open at the horizon)."""
        outcome = self.journeys["outcome"]
        return {
            name: int(np.count_nonzero(outcome == code))
            for name, code in (
                ("open", OPEN),
                ("refused", REFUSED),
                ("no plan", NO_PLAN),
                ("issued", ISSUED),
            )
        }


def _dates(start: dt.date, days: Floats) -> npt.NDArray[np.datetime64]:
    """Day numbers as dates (NaN becomes NaT)."""
    whole = np.floor(days)
    result = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    known = ~np.isnan(whole)
    result[known] = np.datetime64(start, "D") + whole[known].astype(np.int64)
    return result


_MEETING_COLUMNS = (
    "panel",
    "kind",
    "day",
    "places",
    "used",
    *KINDS,
    "deferred",
    "overflow",
    "queue_after",
)


def _meeting_columns(rows: Sequence[tuple[Any, ...]]) -> dict[str, npt.NDArray[Any]]:
    panels = np.array([row[0] for row in rows], dtype=str)
    kinds = np.array([row[1] for row in rows], dtype=str)
    counts = _columns([row[2:] for row in rows], _MEETING_COLUMNS[2:])
    return {"panel": panels, "kind": kinds, **counts}


def _columns(
    rows: Sequence[tuple[Any, ...]], names: Sequence[str], dtype: Any = None
) -> dict[str, npt.NDArray[Any]]:
    array = np.array(rows, dtype=dtype if dtype is not None else np.int64).reshape(
        len(rows), len(names)
    )
    return {name: array[:, i] for i, name in enumerate(names)}


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


@attrs.frozen(kw_only=True, eq=False)
class Results:
    """Every replication of one scenario, in replication order."""

    scenario_name: str
    seed: int
    runs: tuple[Run, ...]
    manifest: Mapping[str, Any]
    _values: dict[str, Floats] = attrs.field(factory=dict, init=False, repr=False)

    def kpi_values(self) -> dict[str, Floats]:
        """Each KPI's value in every replication (worked out once, then remembered)."""
        if not self._values:
            per_run = [run.kpis() for run in self.runs]
            self._values.update(
                {name: np.array([k[name] for k in per_run]) for name in KPIS}
            )
        return dict(self._values)

    def kpis(self) -> dict[str, Estimate]:
        """Each KPI's mean across replications with its 95% interval."""
        return {name: interval(values) for name, values in self.kpi_values().items()}

    def surge_cost(self) -> Money:
        """The mean cost of the extra staff a surge hired, over the replications.

        Exact: the replications' costs are added in pence and divided once,
        rounding half to even (`Money.scale`).
        """
        total = sum((run.surge_cost for run in self.runs), Money.zero())
        return total.scale(fractions.Fraction(1, max(1, len(self.runs))))

    def sen2_records(self, *, replications: int | None = None) -> list[Sen2Record]:
        """Every replication's journeys (or the first *replications*') as SEN2 records.

        See `Run.sen2_records`.
        """
        runs = self.runs if replications is None else self.runs[:replications]
        return [record for run in runs for record in run.sen2_records()]

    def journeys(
        self, *, replications: int | None = None
    ) -> dict[str, npt.NDArray[Any]]:
        """Every replication's journeys (or the first *replications*') stacked.

        A ``replication`` column comes first.
        """
        runs = self.runs if replications is None else self.runs[:replications]
        return _stack([(run.replication, run.journeys) for run in runs])

    def funding(self) -> dict[str, Money]:
        """The mean over replications of `Run.funding`, by budget, exact.

        Each replication's totals are added in pence and divided once, rounding
        half to even to a whole penny (`Money.scale`).
        """
        count = max(1, len(self.runs))
        totals: dict[str, Money] = {}
        for run in self.runs:
            for name, amount in run.funding().items():
                totals[name] = totals.get(name, Money(0)) + amount
        return {
            name: amount.scale(fractions.Fraction(1, count))
            for name, amount in totals.items()
        }

    def meetings(self) -> dict[str, npt.NDArray[Any]]:
        """Every replication's panel meetings stacked, with a ``replication`` column."""
        return _stack([(run.replication, run.meetings) for run in self.runs])

    def weekly(self) -> dict[str, npt.NDArray[Any]]:
        """Every replication's weekly series stacked, with a ``replication`` column."""
        return _stack([(run.replication, run.weekly) for run in self.runs])

    def to_csv(
        self, folder: str | os.PathLike[str], *, journeys: int | None = None
    ) -> list[Path]:
        """Write journeys, meetings, weekly series, KPIs and the manifest into *folder*.

        Returns the paths written: ``journeys.csv`` (every replication's, or the
        first *journeys* replications'), ``meetings.csv``, ``weekly.csv``,
        ``kpis.csv`` (mean and 95% interval of each KPI, and the 5% to 95% range
        of the replications' values) and ``manifest.json``
        (scenario, seed, versions).
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, columns in (
            ("journeys", self.journeys(replications=journeys)),
            ("meetings", self.meetings()),
            ("weekly", self.weekly()),
        ):
            path = out / f"{name}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(
                    zip(*(column.tolist() for column in columns.values()), strict=True)
                )
            written.append(path)
        path = out / "kpis.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "kpi", "mean", "lower_95", "upper_95", "replications",
                    "predictive_lower_90", "predictive_upper_90",
                ]
            )  # fmt: skip
            for name, e in self.kpis().items():
                writer.writerow(
                    [
                        name, e.mean, e.lower, e.upper, e.n,
                        _nan(e.predictive_lower), _nan(e.predictive_upper),
                    ]
                )  # fmt: skip
        written.append(path)
        path = out / "manifest.json"
        path.write_text(json.dumps(dict(self.manifest), indent=2), encoding="utf-8")
        written.append(path)
        return written

    def plot_open_cases(self, *, warmup: bool = False) -> Any:
        """Open requests and the backlog past 20 weeks, weekly (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_open_cases(self, warmup=warmup)

    def plot_panel_load(self, *, warmup: bool = False) -> Any:
        """Places used per panel meeting (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_panel_load(self, warmup=warmup)

    def plot_weeks_to_issue(self) -> Any:
        """Weeks from request to plan against the 20-week line (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_weeks_to_issue(self)

    def plot_share_by_month(self, *, warmup: bool = False) -> Any:
        """Share of each month's plans within 20 weeks (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_share_by_month(self, warmup=warmup)

    def plot_panel_chair(self) -> Any:
        """Each panel month by month: places used, its places, overflow (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_panel_chair(self)

    def plot_funding(self) -> Any:
        """A year's funding of the new plans by budget, and their personal budgets."""
        from ehcplan.sim import plots

        return plots.plot_funding(self)

    def plot_cost_by_month(self) -> Any:
        """What the new plans cost month by month, by budget, with 5-95% bands."""
        from ehcplan.sim import plots

        return plots.plot_cost_by_month(self)

    def panel_load_by_month(
        self, panel: str
    ) -> tuple[list[dt.date], dict[str, Floats]]:
        """A panel's meetings by month in every replication (`plots.panel_load_by_month`).

        Returns the months of the measured period and, for ``used``, ``places``,
        ``full``, ``overflow`` and ``deferred``, a replications-by-months array.
        """
        from ehcplan.sim import plots

        return plots.panel_load_by_month(self, panel)

    def plot_utilisation(self) -> Any:
        """Staff utilisation with intervals (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_utilisation(self)

    def kpi_table(self) -> dict[str, npt.NDArray[Any]]:
        """The KPIs as columns, as in kpis.csv."""
        kpis = self.kpis()
        return {
            "kpi": np.array(list(kpis)),
            "mean": np.array([e.mean for e in kpis.values()]),
            "lower_95": np.array([e.lower for e in kpis.values()]),
            "upper_95": np.array([e.upper for e in kpis.values()]),
            "replications": np.array([e.n for e in kpis.values()]),
            "predictive_lower_90": np.array(
                [e.predictive_lower for e in kpis.values()]
            ),
            "predictive_upper_90": np.array(
                [e.predictive_upper for e in kpis.values()]
            ),
        }

    def to_pandas(self, table_name: str = "journeys") -> Any:
        """One table as a tidy pandas DataFrame (needs pandas).

        Tables: ``journeys`` (with dates and labels,
        `ehcplan.sim.frames.journeys_frame`), ``meetings``, ``weekly`` (one row
        per replication and item, with a ``replication`` column), ``kpis`` (one
        row per KPI, by id, shares as fractions: for computing) and ``summary``
        (the KPIs in words, formatted: `summary`).

        Raises:
            InvalidInput: If there is no such table.
        """
        pd = require("pandas", extra="planners", purpose="DataFrames")
        from ehcplan.sim import frames

        tables: dict[str, Callable[[], dict[str, npt.NDArray[Any]]]] = {
            "journeys": self.journeys,
            "meetings": self.meetings,
            "weekly": self.weekly,
            "kpis": self.kpi_table,
        }
        if table_name == "journeys":
            return frames.journeys_frame(self)
        if table_name == "summary":
            return self.summary()
        if table_name not in tables:
            msg = (
                f"no table {table_name!r}; the tables are {', '.join(tables)}, summary."
            )
            raise InvalidInput(msg, field="table_name")
        return pd.DataFrame(tables[table_name]())

    def summary(self) -> Any:
        """The KPIs as the report shows them, a DataFrame in words (`ehcplan.sim.frames.kpi_frame`).

        Indexed by each KPI's name; columns ``unit``, ``mean``, the range of a
        single year, the average's 95% interval, the published figure and a
        flag where the scenario is far from it. Needs pandas.
        """
        from ehcplan.sim import frames

        return frames.kpi_frame(self)


def _stack(
    parts: Sequence[tuple[int, Mapping[str, npt.NDArray[Any]]]],
) -> dict[str, npt.NDArray[Any]]:
    if not parts:
        return {"replication": np.array([], dtype=np.int64)}
    names = list(parts[0][1])
    stacked: dict[str, npt.NDArray[Any]] = {
        "replication": np.concatenate(
            [np.full(len(cols[names[0]]), rep) for rep, cols in parts]
        )
    }
    for name in names:
        stacked[name] = np.concatenate([cols[name] for _, cols in parts])
    return stacked
