"""Each request's chance, drawn before a run, and the domain's answers on it.

A run draws, for every request (open cases first, then arrivals), each fact a
step of its journey may need: durations, the rolls that decide refusals,
deferrals, disputes and "no plan", its exception ground, its RAS form, its
team's recommendation, whether the family asks for a personal budget, whether
it needs a jointly funded placement, and when its plan will cease. Request *i*
always gets the *i*-th draw of each step's stream, whatever happens to the
others, so two scenarios run on one seed pair request by request (common
random numbers), and the draws are made a column at a time in numpy.

The rules are asked of the domain here, once a run, for every request at once:
the RAS scores and indicative resources of `ehcplan.ras.batch`, by the scheme
and conversion in force (each distinct combination of the policy's dated
conversion and sign-off threshold over the run), and the sign-off routes of
`ehcplan.ras.routing`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ehcplan.cases import CeaseReason
from ehcplan.funding import Placement
from ehcplan.money import Money
from ehcplan.policy import Level
from ehcplan.ras import batch
from ehcplan.ras.routing import RECONSIDER, SEND_PANEL, routes
from ehcplan.sim.plans import AGENCIES, CRITERIA, MECHANISMS
from ehcplan.sim.scenario import Scenario
from ehcplan.timeline.grounds import ExceptionGround

__all__ = ["CEASE_REASONS", "DISPUTES", "GROUNDS", "Dispute", "Facts", "ceasing"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

DISPUTES = ("refusal to assess", "no plan", "plan")
"""What an appeal is about, in code order (1, 2, 3; 0 for none): the decisions the
simulator lets families dispute (CFA 2014 s51; the plan's sections B, F and I)."""

CEASE_REASONS = tuple(CeaseReason)
"""Cease reasons by code order."""

GROUNDS = tuple(ExceptionGround)
"""Exception grounds by code order: a journey's ``exception`` is 1 + the index."""


class Dispute:
    """The draws for disputing one kind of decision: appeal, mediation, days, order."""

    def __init__(
        self, rng: np.random.Generator, count: int, scenario: Scenario, kind: int
    ) -> None:
        d = scenario.disputes
        share, order = (
            (d.appeal_share, d.order_share),
            (d.no_plan_appeal_share, d.no_plan_order_share),
            (d.plan_appeal_share, d.plan_order_share),
        )[kind]
        self.appeal: list[bool] = (rng.random(count) < share).tolist()
        self.mediation: list[bool] = (rng.random(count) < d.mediation_share).tolist()
        self.mediation_days: list[float] = d.mediation_days.sample(rng, count).tolist()
        self.appeal_days: list[float] = d.appeal_days.sample(rng, count).tolist()
        self.tribunal_days: list[float] = d.tribunal_days.sample(rng, count).tolist()
        self.order: list[bool] = (rng.random(count) < order).tolist()


def _scores(
    rng: np.random.Generator, count: int, outcomes: int, rho: float
) -> npt.NDArray[np.float64]:
    """Normal scores for *count* forms of *outcomes* outcomes, alike within a form.

    Each score has a part common to the child and a part of its own, so that
    two outcomes' scores have correlation *rho*.
    """
    common = rng.standard_normal((count, 1))
    own = rng.standard_normal((count, outcomes))
    scores: npt.NDArray[np.float64] = np.sqrt(rho) * common + np.sqrt(1 - rho) * own
    return scores


def _levels(
    scores: npt.NDArray[np.float64], shares: Sequence[float]
) -> npt.NDArray[np.int64]:
    """Level codes (0 none to 3 high): normal scores cut at the levels' cumulative shares."""
    normal = statistics.NormalDist()
    cuts = []
    total = 0.0
    for share in shares[:-1]:
        total += share
        cuts.append(
            -np.inf if total <= 0 else np.inf if total >= 1 else normal.inv_cdf(total)
        )
    levels: npt.NDArray[np.int64] = np.searchsorted(np.array(cuts), scores).astype(
        np.int64
    )
    return levels


def _pick(rng: np.random.Generator, count: int, shares: Sequence[float]) -> Ints:
    """Codes 0..k-1 drawn by *shares* (which add up to 1)."""
    if not shares:
        return np.zeros(count, dtype=np.int64)
    edges = np.cumsum(shares)
    codes: Ints = np.minimum(
        np.searchsorted(edges, rng.random(count), side="right"), len(shares) - 1
    ).astype(np.int64)
    return codes


class Facts:
    """Every request's draws, and the domain's answers on them, for one run.

    Args:
        scenario: What is simulated.
        generators: One numpy generator per named step (`ehcplan.sim.world.STREAMS`).
        count: How many requests (open cases and arrivals).
        days: How many days the RAS terms are looked up for (the horizon and a margin).
    """

    def __init__(
        self,
        scenario: Scenario,
        generators: dict[str, np.random.Generator],
        count: int,
        days: int,
    ) -> None:
        s, g, n = scenario, generators, count
        self.count = n
        # The pathway's durations and rolls.
        self.decision_days: list[float] = s.decision.days.sample(
            g["decision"], n
        ).tolist()
        self.refuse: list[bool] = (
            g["refuse"].random(n) < s.decision.refuse_share
        ).tolist()
        advice = s.advice
        self.advice_days: list[list[float]] = [
            source.days.sample(g[name], n).tolist()
            for name, source in (
                ("educational psychology", advice.educational_psychology),
                ("health", advice.health),
                ("social care", advice.social_care),
            )
        ]
        unstaffed = [
            days
            for days, source in zip(
                self.advice_days,
                (advice.educational_psychology, advice.health, advice.social_care),
                strict=True,
            )
            if source.staff is None
        ]
        # For each request, the last response of the sources without staff.
        self.unstaffed: list[float] = (
            np.max(np.array(unstaffed), axis=0).tolist() if unstaffed else [0.0] * n
        )
        self.prepare: list[float] = s.plan_panel.prepare_days.sample(
            g["prepare"], n
        ).tolist()
        self.no_plan: list[bool] = (
            g["no plan"].random(n) < s.plan_panel.no_plan_share
        ).tolist()
        self.drafting: list[float] = s.drafting.days.sample(g["drafting"], n).tolist()
        c = s.consultation
        self.family: list[float] = c.representation_days.sample(
            g["representations"], n
        ).tolist()
        school = c.school_days.sample(g["school"], 3 * n).reshape(n, 3)
        declines = g["decline"].random((n, 2)) < c.decline_share
        rounds = 1 + declines[:, 0] + (declines[:, 0] & declines[:, 1])
        self.school: list[float] = np.where(
            rounds == 1,
            school[:, 0],
            np.where(rounds == 2, school[:, :2].sum(axis=1), school.sum(axis=1)),
        ).tolist()
        self.finalise: list[float] = c.finalise_days.sample(g["finalise"], n).tolist()
        # Exception grounds, drawn when the request arrives, and how long each holds it up.
        grounds = [
            (GROUNDS.index(k), v) for k, v in s.exceptions.shares.items() if v > 0
        ]
        roll = g["exception"].random(n)
        code = np.zeros(n, dtype=np.int8)
        low = 0.0
        for index, share in grounds:
            code[(roll >= low) & (roll < low + share)] = index + 1
            low += share
        self.exception: list[int] = code.tolist()
        delay = np.zeros(n)
        rng = g["exception days"]
        for ground, distribution in s.exceptions.days.items():
            drawn = distribution.sample(rng, n)
            delay = np.where(code == GROUNDS.index(ground) + 1, drawn, delay)
        self.exception_days: list[float] = delay.tolist()
        # Disputes of each kind of decision.
        self.disputes = [Dispute(g["appeals"], n, s, kind) for kind in range(3)]
        # Ceasing: how long after its issue a plan ceases, and why.
        self.cease_after, self.cease_reason = ceasing(s.ceasing, g["ceasing"], n)
        self._resources(s, g, n, days)
        self._budgets(s, g, n)
        self._hear()
        self._placements(s, g, n)

    def _resources(
        self,
        s: Scenario,
        g: dict[str, np.random.Generator],
        n: int,
        days: int,
    ) -> None:
        resources = s.resources
        self.signoff: list[float] = (
            [0.0] * n
            if resources is None
            else resources.signoff_days.sample(g["signoff"], n).tolist()
        )
        if resources is None or s.policy.ras is None:
            self.periods: list[int] = [0]
            self.period_starts: list[int] = [0]
            self.route = [[SEND_PANEL] * n]
            self.scheme = np.zeros(n, dtype=np.int64)
            self.score = np.zeros(n, dtype=np.int64)
            self.form_levels = np.zeros((n, 0), dtype=np.int64)
            self.indicative = np.zeros((1, n), dtype=np.int64)
            self.recommended = np.zeros((1, n), dtype=np.int64)
            self.first_route = np.full((1, n), SEND_PANEL, dtype=np.int8)
            self.final_route = np.full((1, n), SEND_PANEL, dtype=np.int8)
            self.more_needed = np.zeros(n, dtype=bool)
            self.thresholds: list[int] = [0]
            return
        ras = s.policy.ras
        schemes = [ras.scheme(scheme_id) for scheme_id in resources.forms]
        forms = list(resources.forms.values())
        rng = g["forms"]
        self.scheme = _pick(rng, n, [f.share for f in forms])
        self.score = np.zeros(n, dtype=np.int64)
        width = max(len(scheme.outcomes) for scheme in schemes)
        all_levels = np.zeros((n, width), dtype=np.int64)
        order = (Level.NONE, Level.LOW, Level.MEDIUM, Level.HIGH)
        scores = _scores(rng, n, width, resources.correlation)
        for index, (scheme, form) in enumerate(zip(schemes, forms, strict=True)):
            chosen = self.scheme == index
            levels = _levels(
                scores[chosen, : len(scheme.outcomes)],
                [form.levels[level] for level in order],
            )
            all_levels[chosen, : len(scheme.outcomes)] = levels
            self.score[chosen] = batch.scores(scheme, levels)
        self.form_levels = all_levels
        # The periods over which the conversion and the threshold are both constant.
        start = s.start
        changes = sorted(
            {0}
            | {
                (d - start).days
                for d in (*ras.conversion.starts, *ras.sign_off_threshold.starts)
                if 0 < (d - start).days < days
            }
        )
        self.period_starts = changes
        rec = g["recommendation"]
        over = rec.random(n) < resources.over_indicative_share
        over_by = resources.over_by.sample(rec, n)
        self.more_needed = over & (rec.random(n) < resources.more_needed_share)
        periods = len(changes)
        self.indicative = np.zeros((periods, n), dtype=np.int64)
        self.recommended = np.zeros((periods, n), dtype=np.int64)
        self.first_route = np.zeros((periods, n), dtype=np.int8)
        self.final_route = np.zeros((periods, n), dtype=np.int8)
        self.thresholds = []
        for k, day in enumerate(changes):
            on = s.date_at(day)
            conversion = ras.conversion.at(on)
            threshold = ras.sign_off_threshold.at(on).amount.pence
            self.thresholds.append(threshold)
            indicative = np.zeros(n, dtype=np.int64)
            for index, scheme in enumerate(schemes):
                chosen = self.scheme == index
                if chosen.any():
                    indicative[chosen] = batch.indicative_pence(
                        scheme,
                        all_levels[chosen, : len(scheme.outcomes)],
                        conversion,
                    )
            first = indicative + np.where(over, over_by, 0)
            first_route = routes(
                recommended_pence=first,
                indicative_pence=indicative,
                threshold_pence=threshold,
            )
            # The team reconsiders: it brings the provision within the indicative
            # resource, or agrees more is needed (seed 001).
            recommended = np.where(
                (first_route == RECONSIDER) & ~self.more_needed, indicative, first
            )
            final = routes(
                recommended_pence=recommended,
                indicative_pence=indicative,
                threshold_pence=threshold,
                more_needed=self.more_needed & (first_route == RECONSIDER),
            )
            self.indicative[k] = indicative
            self.recommended[k] = recommended
            self.first_route[k] = first_route
            self.final_route[k] = final
        self.route = [row.tolist() for row in self.final_route]

    def _hear(self) -> None:
        """Whether each plan is heard by the panel, in each period of the RAS terms.

        The panel hears a case the sign-off routes to it, and any with a request
        for a personal budget, which the panel decides.
        """
        requested = np.array(self.budget_requested, dtype=bool)
        self.heard_on: list[list[bool]] = [
            ((row == SEND_PANEL) | requested).tolist() for row in self.final_route
        ]

    def placement_of(self, i: int, placed_on: dt.date) -> Placement:
        """Request *i*'s jointly funded placement, as `ehcplan.funding` reads one."""
        return Placement(
            reference=f"R{i}",
            placed_on=placed_on,
            weeks_per_year=int(self.weeks[i]),
            fee=Money(int(self.weekly_fee[i] * self.weeks[i])),
            transport=Money(int(self.transport[i])),
            health_contribution=Money(int(self.health_contribution[i])),
        )

    def period(self, day: float) -> int:
        """The RAS terms' period index on *day*."""
        return bisect.bisect_right(self.period_starts, day) - 1

    def _budgets(self, s: Scenario, g: dict[str, np.random.Generator], n: int) -> None:
        budgets = s.personal_budgets
        rng = g["personal budget"]
        self.criteria = np.zeros((n, len(CRITERIA)), dtype=bool)
        self.budget_pence = np.zeros(n, dtype=np.int64)
        self.budget_agency = np.zeros(n, dtype=np.int64)
        self.budget_mechanism = np.zeros(n, dtype=np.int64)
        self.capable = np.zeros(n, dtype=bool)
        self.on_premises = np.zeros(n, dtype=bool)
        self.school_agrees = np.zeros(n, dtype=bool)
        if budgets is None:
            self.budget_requested: list[bool] = [False] * n
            return
        self.budget_requested = (rng.random(n) < budgets.request_share).tolist()
        self.criteria = np.stack(
            [rng.random(n) < budgets.criteria[name] for name in CRITERIA], axis=1
        )
        self.budget_pence = budgets.amount.sample(rng, n)
        self.budget_agency = _pick(
            rng, n, [budgets.agencies.get(a, 0.0) for a in AGENCIES]
        )
        self.budget_mechanism = _pick(
            rng, n, [budgets.mechanisms.get(m, 0.0) for m in MECHANISMS]
        )
        self.capable = rng.random(n) < budgets.capable_share
        self.on_premises = rng.random(n) < budgets.on_premises_share
        self.school_agrees = rng.random(n) < budgets.school_agrees_share

    def _placements(
        self, s: Scenario, g: dict[str, np.random.Generator], n: int
    ) -> None:
        placements = s.placements
        rng = g["placement"]
        self.weeks = np.zeros(n, dtype=np.int64)
        self.weekly_fee = np.zeros(n, dtype=np.int64)
        self.transport = np.zeros(n, dtype=np.int64)
        self.health_contribution = np.zeros(n, dtype=np.int64)
        self.emergency: list[bool] = [False] * n
        self.referral: list[float] = [0.0] * n
        if placements is None:
            self.placement: list[bool] = [False] * n
            return
        self.placement = (rng.random(n) < placements.share).tolist()
        lengths = list(placements.weeks)
        self.weeks = np.array(lengths, dtype=np.int64)[
            _pick(rng, n, [placements.weeks[w] for w in lengths])
        ]
        self.weekly_fee = placements.weekly_fee.sample(rng, n)
        self.transport = placements.transport.sample(rng, n)
        health = rng.random(n) < placements.health_share
        contribution = placements.health_contribution.sample(rng, n)
        fee = self.weekly_fee * self.weeks
        self.health_contribution = np.where(health, np.minimum(contribution, fee), 0)
        self.emergency = (rng.random(n) < placements.emergency_share).tolist()
        self.referral = placements.referral_days.sample(rng, n).tolist()

    @property
    def heard(self) -> Bools:
        """Whether each request's plan would be heard by the panel, on the first RAS terms.

        The panel hears a case the sign-off routes to it, and any with a request for a
        personal budget, which the panel decides.
        """
        heard: Bools = np.array(self.heard_on[0], dtype=bool)
        return heard


def ceasing(
    section: Any, rng: np.random.Generator, n: int
) -> tuple[list[float], list[int]]:
    """Days from issue until each of *n* plans ceases (inf if never), and the reason codes."""
    if section is None or section.annual_share <= 0:
        return [float("inf")] * n, [0] * n
    rate = -np.log1p(-min(section.annual_share, 1 - 1e-12)) / 365.25
    after = rng.exponential(1 / rate, n)
    reasons = list(section.reasons)
    codes = np.array([CEASE_REASONS.index(r) for r in reasons])[
        _pick(rng, n, [section.reasons[r] for r in reasons])
    ]
    return after.tolist(), codes.tolist()
