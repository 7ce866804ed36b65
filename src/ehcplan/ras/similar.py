"""Similar past cases: the k nearest score profiles and a statistic of their agreed resources.

Gloucestershire's Personalisation Officer "allocates an indicative resource
based on similar cases" (Gloucestershire County Council, "Understanding the SEND
Resource Allocation System", 2017). ehcplan makes "similar" exact and
repeatable:

- a case's **profile** is its points per outcome, in form order (`Score.profile`);
- two profiles are as far apart as the squared Euclidean distance between them
  (the sum over outcomes of the squared difference in points), an integer, so
  nothing depends on floating-point rounding;
- the **k nearest** past cases are taken in order of distance; cases at the same
  distance are taken in the order the past cases were given (the first given
  wins), so the neighbours are the same on every machine;
- the **statistic** (`ehcplan.policy.STATISTICS`) of their agreed resources is
  worked out exactly in pence and rounded once to the penny, half to even:
  "median" is the middle value, or the mean of the two middle values;
  "mean" is the arithmetic mean; "lower quartile" and "upper quartile" are
  the 25th and 75th percentiles by linear interpolation between order
  statistics (numpy's default "linear" method, Hyndman and Fan type 7).

The search runs on numpy arrays in blocks, so 10,000 forms against 20,000 past
cases take well under two seconds (see `benchmarks/results/ras.md`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.money import MAX_PENCE, Money
from ehcplan.policy import STATISTICS, RasScheme
from ehcplan.ras.form import Score

__all__ = ["Neighbour", "PastCase", "PastCases"]

Ints = npt.NDArray[np.int64]
Reals = npt.NDArray[np.floating[Any]]
Wholes = npt.NDArray[np.signedinteger[Any]]

_MAX_AGREED_PENCE = MAX_PENCE // 4
"""The largest agreed resource a past case may have: quartiles are worked out on
four times the amounts, in 64-bit whole numbers, which must not wrap round."""

_BLOCK_ROWS = 512
"""Query rows per block: bounds the distance matrix to 512 x (past cases) numbers."""


@attrs.frozen(kw_only=True)
class PastCase:
    """A past case whose resource was agreed: its reference, its RAS score and the amount.

    Examples:
        >>> import ehcplan.policy
        >>> from ehcplan.ras.form import RasForm
        >>> from ehcplan.policy import Level
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> answers = {o.id: Level.NONE for o in scheme.outcomes}
        >>> score = RasForm(scheme=scheme, answers=answers).score()
        >>> PastCase(reference="P-1", score=score, agreed=Money.parse("£0")).agreed
        Money('£0.00')
    """

    reference: str
    score: Score
    agreed: Money

    def __attrs_post_init__(self) -> None:
        """Refuse a negative agreed amount or a value of the wrong kind."""
        if not isinstance(self.score, Score):
            msg = (
                f"past case {self.reference}: score must be a Score, "
                f"got {type(self.score).__name__}."
            )
            raise InvalidInput(msg, field="score")
        if not isinstance(self.agreed, Money) or self.agreed.pence < 0:
            msg = (
                f"past case {self.reference}: the agreed resource must be Money of at "
                f"least £0, got {self.agreed!r}."
            )
            raise InvalidInput(msg, field="agreed")


@attrs.frozen(kw_only=True)
class Neighbour:
    """One of the similar cases an indicative resource was based on.

    Attributes:
        reference: The past case's reference.
        distance_squared: The squared distance between its profile and the form's.
        profile: Its points per outcome.
        agreed: The resource agreed for it.
    """

    reference: str
    distance_squared: int
    profile: tuple[int, ...]
    agreed: Money

    @property
    def distance(self) -> float:
        """The Euclidean distance, for display (ranking uses `distance_squared`)."""
        return math.sqrt(self.distance_squared)


def _div_half_even(numerator: Ints, denominator: int) -> Ints:
    """Divide exactly and round to the nearest whole number, halves to even."""
    quotient = numerator // denominator
    twice_rest = 2 * (numerator - quotient * denominator)
    up = (twice_rest > denominator) | (
        (twice_rest == denominator) & (quotient % 2 == 1)
    )
    result: Ints = quotient + up.astype(np.int64)
    return result


def statistic_pence(sorted_pence: Ints, statistic: str) -> Ints:
    """The *statistic* of each row of *sorted_pence* (each row in rising order), in pence.

    Examples:
        >>> rows = np.array([[100, 200, 301, 400]], dtype=np.int64)
        >>> [int(statistic_pence(rows, s)[0]) for s in STATISTICS]
        [250, 250, 175, 326]
    """
    if statistic not in STATISTICS:
        choices = ", ".join(repr(s) for s in STATISTICS)
        msg = f"statistic must be one of {choices}, got {statistic!r}."
        raise InvalidInput(msg, field="statistic")
    k = sorted_pence.shape[1]
    if statistic == "mean":
        if sorted_pence.size and k * int(sorted_pence.max()) > MAX_PENCE:
            # The sums would wrap round in 64 bits: add them as Python's exact ints.
            sums = sorted_pence.astype(object).sum(axis=1)
            mean: Ints = _div_half_even(sums, k).astype(np.int64)
            return mean
        return _div_half_even(sorted_pence.sum(axis=1), k)
    quarters = {"median": 2, "lower quartile": 1, "upper quartile": 3}[statistic]
    position = (k - 1) * quarters  # in quarters of a place
    below, part = divmod(position, 4)
    above = min(below + 1, k - 1)
    low = sorted_pence[:, below]
    high = sorted_pence[:, above]
    return _div_half_even(4 * low + part * (high - low), 4)


@attrs.frozen(kw_only=True, eq=False)
class PastCases:
    """An authority's past cases for one RAS scheme, held as numpy columns.

    Build it with `PastCases.of` from `PastCase` values, or with
    `PastCases.from_arrays` from columns read elsewhere (a CSV, a database).

    Attributes:
        scheme: The scheme every past case was scored on.
        references: The cases' references, in the order given.
        profiles: Points per outcome, one row per case (int64, cases x outcomes).
        agreed_pence: The agreed resource of each case, in pence (int64).

    Examples:
        >>> import ehcplan.policy
        >>> scheme = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> past = PastCases.from_arrays(
        ...     scheme,
        ...     references=["A", "B", "C"],
        ...     profiles=[[12, 8, 0, 0, 0, 0, 0, 0, 0, 0],
        ...               [6, 4, 0, 0, 0, 0, 0, 0, 0, 0],
        ...               [12, 4, 0, 0, 0, 0, 0, 0, 0, 0]],
        ...     agreed_pence=[900_000, 300_000, 700_000],
        ... )
        >>> amount, near = past.indicative((12, 6, 0, 0, 0, 0, 0, 0, 0, 0), k=2)
        >>> str(amount), [(n.reference, n.distance_squared) for n in near]
        ('£8,000.00', [('A', 4), ('C', 4)])
    """

    scheme: RasScheme
    references: tuple[str, ...]
    profiles: Ints
    agreed_pence: Ints
    _norms: Ints = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the columns agree in length and with the scheme."""
        outcomes = len(self.scheme.outcomes)
        if self.profiles.ndim != 2 or self.profiles.shape[1] != outcomes:
            msg = (
                f"profiles must have one column per outcome of scheme {self.scheme.id} "
                f"({outcomes}), got an array of shape {self.profiles.shape}."
            )
            raise InvalidInput(msg, field="profiles")
        if not len(self.references) == len(self.profiles) == len(self.agreed_pence):
            msg = (
                f"references ({len(self.references)}), profiles ({len(self.profiles)}) "
                f"and agreed_pence ({len(self.agreed_pence)}) must have one entry per past case."
            )
            raise InvalidInput(msg, field="references")
        if len(self.references) == 0:
            msg = "similar cases needs at least one past case with an agreed resource."
            raise InvalidInput(msg, field="references")
        if (self.profiles < 0).any():
            row = int(np.argwhere(self.profiles < 0)[0][0])
            msg = f"past case {self.references[row]}: points cannot be negative."
            raise InvalidInput(msg, field="profiles")
        if (self.agreed_pence < 0).any():
            row = int(np.argmax(self.agreed_pence < 0))
            msg = f"past case {self.references[row]}: the agreed resource cannot be negative."
            raise InvalidInput(msg, field="agreed_pence")
        if (self.agreed_pence > _MAX_AGREED_PENCE).any():
            row = int(np.argmax(self.agreed_pence > _MAX_AGREED_PENCE))
            msg = (
                f"past case {self.references[row]}: the agreed resource is more than "
                f"{Money(_MAX_AGREED_PENCE)}, beyond what the statistics of similar "
                "cases can be worked out exactly on; check the figure at its source."
            )
            raise InvalidInput(msg, field="agreed_pence")
        norms = (self.profiles.astype(np.float64) ** 2).sum(axis=1)
        object.__setattr__(self, "_norms", norms)

    @classmethod
    def of(cls, scheme: RasScheme, cases: Iterable[PastCase]) -> PastCases:
        """Hold *cases*, each scored on *scheme*.

        Raises:
            InvalidInput: If a case was scored on another scheme, or there are none.
        """
        cases = list(cases)
        for case in cases:
            if case.score.scheme.id != scheme.id:
                msg = (
                    f"past case {case.reference} was scored on scheme "
                    f"{case.score.scheme.id}, not {scheme.id}; compare like with like."
                )
                raise InvalidInput(msg, field="cases")
        return cls.from_arrays(
            scheme,
            references=[case.reference for case in cases],
            profiles=np.array(
                [case.score.profile for case in cases], dtype=np.int64
            ).reshape(len(cases), len(scheme.outcomes)),
            agreed_pence=[case.agreed.pence for case in cases],
        )

    @classmethod
    def from_arrays(
        cls,
        scheme: RasScheme,
        *,
        references: Sequence[str],
        profiles: npt.ArrayLike,
        agreed_pence: npt.ArrayLike,
    ) -> PastCases:
        """Hold past cases given as columns: references, points per outcome, agreed pence."""
        try:
            profile_array = np.asarray(profiles)
            pence_array = np.asarray(agreed_pence)
            columns = (profile_array, pence_array)
            if any(a.size and a.dtype.kind not in "iu" for a in columns):
                raise TypeError  # noqa: TRY301 - one message for both columns
        except (TypeError, ValueError):
            msg = (
                "profiles and agreed_pence must be whole numbers (points per outcome, "
                "and pence); convert amounts with Money.parse(...).pence."
            )
            raise InvalidInput(msg, field="profiles") from None
        return cls(
            scheme=scheme,
            references=tuple(str(r) for r in references),
            profiles=profile_array.astype(np.int64),
            agreed_pence=pence_array.astype(np.int64).reshape(-1),
        )

    def __len__(self) -> int:
        """The number of past cases."""
        return len(self.references)

    def nearest(self, profiles: npt.ArrayLike, k: int) -> tuple[Ints, Ints]:
        """The *k* nearest past cases to each profile: (indices, squared distances).

        Both arrays have one row per profile and *k* columns, nearest first.

        Raises:
            InvalidInput: If *k* is not between 1 and the number of past cases, or
                the profiles do not have one column per outcome.
        """
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(self):
            msg = (
                f"k must be a whole number from 1 to the number of past cases "
                f"({len(self)}), got {k!r}; lower k or add past cases."
            )
            raise InvalidInput(msg, field="k")
        queries = np.asarray(profiles, dtype=np.int64)
        if queries.ndim == 1:
            queries = queries.reshape(1, -1)
        if queries.ndim != 2 or queries.shape[1] != self.profiles.shape[1]:
            msg = (
                f"each profile needs one number per outcome of scheme {self.scheme.id} "
                f"({self.profiles.shape[1]}), got an array of shape {queries.shape}."
            )
            raise InvalidInput(msg, field="profiles")
        count = len(self)
        # Distances are whole numbers; float32 and int32 hold them exactly while the
        # largest possible distance (and key) stays below 2**24 (and 2**31).
        largest = (
            int(max(self.profiles.max(), queries.max(initial=0))) ** 2
            * queries.shape[1]
        )
        small = largest < 2**22 and (largest + 1) * count < 2**31
        real, whole = (np.float32, np.int32) if small else (np.float64, np.int64)
        past: Reals = self.profiles.astype(real)
        norms: Reals = self._norms.astype(real)
        positions: Wholes = np.arange(count, dtype=whole)
        indices = np.empty((len(queries), k), dtype=np.int64)
        distances = np.empty((len(queries), k), dtype=np.int64)
        for start in range(0, len(queries), _BLOCK_ROWS):
            block: Reals = queries[start : start + _BLOCK_ROWS].astype(real)
            squared: Reals = block @ past.T
            squared *= -2
            squared += norms[None, :]
            squared += (block**2).sum(axis=1)[:, None]
            # One unique key per (distance, position): ties go to the first given.
            keys: Wholes = squared.astype(whole)
            keys *= count
            keys += positions
            if k < count:
                keys = np.partition(keys, k - 1, axis=1)[:, :k]
            keys.sort(axis=1)
            rows = slice(start, start + len(block))
            indices[rows] = keys % count
            distances[rows] = keys // count
        return indices, distances

    def indicative_pence(
        self, profiles: npt.ArrayLike, k: int, statistic: str = "median"
    ) -> Ints:
        """The *statistic* of the *k* nearest agreed resources, per profile, in pence."""
        indices, _ = self.nearest(profiles, k)
        return statistic_pence(np.sort(self.agreed_pence[indices], axis=1), statistic)

    def indicative(
        self, profile: Sequence[int], k: int, statistic: str = "median"
    ) -> tuple[Money, tuple[Neighbour, ...]]:
        """The indicative resource for one profile, and the neighbours it rests on."""
        indices, distances = self.nearest(np.asarray(profile).reshape(1, -1), k)
        amount = statistic_pence(np.sort(self.agreed_pence[indices], axis=1), statistic)
        neighbours = tuple(
            Neighbour(
                reference=self.references[index],
                distance_squared=int(distance),
                profile=tuple(int(p) for p in self.profiles[index]),
                agreed=Money(int(self.agreed_pence[index])),
            )
            for index, distance in zip(indices[0], distances[0], strict=True)
        )
        return Money(int(amount[0])), neighbours
