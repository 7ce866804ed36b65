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
| exception | int | 0, or the `ExceptionGround` recorded (1-based, in enum order) |
| outcome | int | ``OUTCOMES`` code: 0 open, 1 refused, 2 no plan, 3 issued |
| due | float | the 20-week deadline (reg 13(2)), as the timeline gives it |

Meeting columns (`Run.meetings`, one row per panel meeting a case was booked into):

| column | type | meaning |
|---|---|---|
| panel | str | the policy's id of the panel |
| day | int | day of the meeting |
| places | int | places at the meeting (the scenario's figure, or the policy's then) |
| used | int | places used, by every kind of decision |
| assess | int | places used deciding whether to assess (reg 5) |
| plan | int | places used deciding whether to issue a plan |
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

Reviews (`Run.reviews`): meeting day, decision day.
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

from ehcplan.cases import RequestSource
from ehcplan.errors import InvalidInput
from ehcplan.extras import require
from ehcplan.money import Money
from ehcplan.sen2.records import RequestFacts, Sen2Record, record_of
from ehcplan.sen2.timeliness import Timeliness, timeliness_of_columns
from ehcplan.sim import outcomes
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
    "surge_staff_days",
    "surge_cost_pence",
)
"""The summary KPIs of a run, in report order. Shares are fractions (0.464).

``surge_staff_days`` and ``surge_cost_pence`` count the extra staff a scenario's
``[surge]`` hired after the warm-up (0 without one); the cost of each run is
exact in pence (`Run.surge_cost`, `Results.surge_cost`)."""


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
    surge_days: Mapping[str, int] = attrs.field(factory=dict)
    surge_cost: Money = Money(0)

    @classmethod
    def from_world(cls, world: World, replication: int) -> Run:
        """Freeze a finished run's records into columns."""
        s = world.scenario
        j = world.journeys
        journeys: dict[str, npt.NDArray[Any]] = {
            name: getattr(j, name) for name in j.COLUMNS
        }
        journeys["due"] = outcomes.due_days(journeys["received"], s.start)
        rows = []
        for panel_id, diary in world.diaries.items():
            queue = diary.queue_after()
            rows += [
                (
                    panel_id,
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
            world.weekly, ("day", "arrived", "open", "ep_queue", "caseworker_queue")
        )
        reviews = _columns(world.reviews, ("meeting", "decided"), dtype=np.float64)
        window = s.horizon_days - s.warmup_days
        capacity = {
            name: pool.capacity
            for name, _source, pool in world.advice_pools
            if pool is not None
        }
        capacity["caseworkers"] = s.drafting.caseworkers
        # Extra staff hired by a surge add their days to the pool's time.
        utilisation = {
            name: world.busy[name]
            / (capacity[name] * window + world.surge_days.get(name, 0))
            for name in world.busy
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
        no_plan = ~np.isnan(j["no_plan"])
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
        of decision (`KINDS`: ``assess``, ``plan``), ``pc_full`` (the share of
        meetings with every place used) and ``queue_after`` (mean cases still
        waiting after a meeting). NaN where no meeting was held.
        """
        m = self.meetings
        load = {}
        for panel in self.panels:
            held = self.held_meetings(panel)
            count = int(np.count_nonzero(held))

            def mean(
                values: npt.NDArray[Any], held: Any = held, count: int = count
            ) -> float:
                return float(values[held].mean()) if count else math.nan

            load[panel] = {
                "meetings": float(count),
                "places": mean(m["places"]),
                "used": mean(m["used"]),
                **{kind: mean(m[kind]) for kind in KINDS},
                "pc_full": mean((m["used"] >= m["places"]).astype(float)),
                "queue_after": mean(m["queue_after"]),
            }
        return load

    def kpis(self) -> dict[str, float]:
        """The summary KPIs (`KPIS`) of this run, after the warm-up. NaN where undefined."""
        t = self.timeliness()
        j = self.journeys
        months = (self.horizon_days - self.warmup_days) / (365.25 / 12)
        late = outcomes.breached(j, by=self.horizon_days)
        breaches = np.count_nonzero(late & (j["due"] >= self.warmup_days))
        load = self.panel_load()[self.plan_panel]
        waits = j["ep_wait"][(j["advice_asked"] >= self.warmup_days)]
        return {
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

    def sen2_records(self) -> list[Sen2Record]:
        """The journeys as SEN2 request records, as a case system would return them.

        ``RequestID`` is ``R<replication>-<row>``. Each journey is reduced to
        its `ehcplan.sen2.RequestFacts` and written by `ehcplan.sen2.record_of`,
        the mapping a case's record is written by (`ehcplan.sen2.case_to_record`):
        the decision whether to assess at its date (assess, when an assessment was
        carried out after a Tribunal order too), the panel's decision whether to
        issue a plan, the final plan, and ``Week20`` whether an exception was
        recorded.
        """
        j = self.journeys
        records = []
        for i in range(len(j["received"])):
            decided, panel, issued = j["decided"][i], j["panel"][i], j["issued"][i]
            records.append(
                record_of(
                    RequestFacts(
                        reference=f"R{self.replication}-{i}",
                        received_on=self._date(j["received"][i]),
                        source=RequestSource(int(j["source"][i])),
                        decided_on=None if math.isnan(decided) else self._date(decided),
                        assessed=bool(j["assess"][i]),
                        appealed=bool(j["appealed"][i]),
                        plan_decided_on=None
                        if math.isnan(panel)
                        else self._date(panel),
                        plan=None if math.isnan(panel) else j["outcome"][i] != NO_PLAN,
                        exception=bool(j["exception"][i]),
                        issued_on=None if math.isnan(issued) else self._date(issued),
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
    counts = _columns([row[1:] for row in rows], _MEETING_COLUMNS[1:])
    return {"panel": panels, **counts}


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

    def kpi_values(self) -> dict[str, Floats]:
        """Each KPI's value in every replication."""
        per_run = [run.kpis() for run in self.runs]
        return {name: np.array([k[name] for k in per_run]) for name in KPIS}

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

    def sen2_records(self) -> list[Sen2Record]:
        """Every replication's journeys as SEN2 request records (see `Run.sen2_records`)."""
        return [record for run in self.runs for record in run.sen2_records()]

    def journeys(self) -> dict[str, npt.NDArray[Any]]:
        """Every replication's journeys stacked, with a ``replication`` column first."""
        return _stack([(run.replication, run.journeys) for run in self.runs])

    def meetings(self) -> dict[str, npt.NDArray[Any]]:
        """Every replication's panel meetings stacked, with a ``replication`` column."""
        return _stack([(run.replication, run.meetings) for run in self.runs])

    def weekly(self) -> dict[str, npt.NDArray[Any]]:
        """Every replication's weekly series stacked, with a ``replication`` column."""
        return _stack([(run.replication, run.weekly) for run in self.runs])

    def to_csv(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write journeys, meetings, weekly series, KPIs and the manifest into *folder*.

        Returns the paths written: ``journeys.csv``, ``meetings.csv``,
        ``weekly.csv``, ``kpis.csv`` (mean and 95% interval of each KPI, and the
        5% to 95% range of the replications' values) and ``manifest.json``
        (scenario, seed, versions).
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, columns in (
            ("journeys", self.journeys()),
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

    def plot_open_cases(self) -> Any:
        """Open requests and the backlog past 20 weeks, weekly (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_open_cases(self)

    def plot_panel_load(self) -> Any:
        """Places used per panel meeting (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_panel_load(self)

    def plot_weeks_to_issue(self) -> Any:
        """Weeks from request to plan against the 20-week line (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_weeks_to_issue(self)

    def plot_share_by_month(self) -> Any:
        """Share within 20 weeks by month of request (`ehcplan.sim.plots`)."""
        from ehcplan.sim import plots

        return plots.plot_share_by_month(self)

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

        Tables: ``journeys``, ``meetings``, ``weekly`` (one row per replication
        and item, with a ``replication`` column) and ``kpis`` (one row per KPI).

        Raises:
            InvalidInput: If there is no such table.
        """
        pd = require("pandas", extra="planners", purpose="DataFrames")

        tables: dict[str, Callable[[], dict[str, npt.NDArray[Any]]]] = {
            "journeys": self.journeys,
            "meetings": self.meetings,
            "weekly": self.weekly,
            "kpis": self.kpi_table,
        }
        if table_name not in tables:
            msg = f"no table {table_name!r}; the tables are {', '.join(tables)}."
            raise InvalidInput(msg, field="table_name")
        return pd.DataFrame(tables[table_name]())


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
