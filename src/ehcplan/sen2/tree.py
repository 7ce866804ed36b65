"""The SEN2 person-level return as a typed tree, the way DfE's COLLECT holds it.

    Sen2Return                  the return: its header (module 0) and its persons
    └── Person                  module 1: a child or young person
        └── Request             module 2: a request for an EHC needs assessment
            ├── Assessment      module 3: the assessment that followed it
            │   └── NamedPlan   module 4a: the plan issued after it
            │       └── PlanDetail    module 4b: a setting named in that plan
            └── ActivePlan      module 5a: the plan active at the census date
                ├── Placement   module 5b: where the child is placed
                └── Need        module 5c: a special educational need, ranked

Every node keeps its place: the table id the export gave it and the row of its
module file it was read from (`Place`). Personal items (names, date of birth,
postcode, UPN, ULN) hold what the reader was asked to keep: the value, a salted
hash, or None. The age and year group a measure needs are derived from the date
of birth before it is dropped.

`Sen2Return.records` flattens the tree to one `Sen2Record` per request, the
shape every measure, calibration and conversion to a `Case` reads.
Item names and code lists follow the DfE "special educational needs person level
survey" guide (v1.2-v1.4) as transcribed in statutory reference §7.1; see
`ehcplan.sen2.collect` for the export's columns.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from ehcplan import cases as c
from ehcplan.sen2.items import AssessmentOutcome, RequestOutcome
from ehcplan.sen2.records import Sen2Record, record_to_case

__all__ = [
    "ActivePlan",
    "Assessment",
    "NamedPlan",
    "Need",
    "Person",
    "Place",
    "Placement",
    "PlanDetail",
    "Request",
    "ReturnHeader",
    "SenSetting",
    "SenType",
    "Sen2Return",
    "age_at_start_of_school_year",
    "year_group",
]


class SenType(enum.Enum):
    """A special educational need (SEN2 `SENtype`, items 5.8a)."""

    SPLD = "SPLD"
    """Specific learning difficulty."""
    MLD = "MLD"
    """Moderate learning difficulty."""
    SLD = "SLD"
    """Severe learning difficulty."""
    PMLD = "PMLD"
    """Profound and multiple learning difficulty."""
    SEMH = "SEMH"
    """Social, emotional and mental health."""
    SLCN = "SLCN"
    """Speech, language and communication needs."""
    HI = "HI"
    """Hearing impairment."""
    VI = "VI"
    """Vision impairment."""
    MSI = "MSI"
    """Multi-sensory impairment."""
    PD = "PD"
    """Physical disability."""
    ASD = "ASD"
    """Autistic spectrum disorder."""
    DS = "DS"
    """Down syndrome."""
    OTH = "OTH"
    """Other difficulty."""


class SenSetting(enum.Enum):
    """A setting with no URN or UKPRN (SEN2 `SENsetting`, items 4.7c and 5.7c)."""

    OLA = "OLA"
    """Other arrangements by the authority under CFA 2014 s61 (often called EOTAS)."""
    OPA = "OPA"
    """Other arrangements by parents or the young person under s42(5), not home education."""
    EHE = "EHE"
    """Elective home education."""
    EYP = "EYP"
    """An early years provider with no URN (a private nursery, a childminder)."""
    OTH = "OTH"
    """Other, including a type of setting named in the plan with no setting named."""
    NEET = "NEET"
    """Not in education, employment or training (aged 16 to 25)."""
    NIEC = "NIEC"
    """Not in education or training: notice to cease issued."""
    NIEO = "NIEO"
    """Not in education or training: other (for example awaiting a placement)."""


@attrs.frozen(kw_only=True)
class Place:
    """Where a node came from: its module, the id the export gave it, and its row.

    Attributes:
        module: The module's file name (``person``, ``requests``, ``namedplan``...).
        table_id: The row's ``<module>tableid``.
        row: The row of the module file (header = 1), or None if made in memory.
    """

    module: str
    table_id: str
    row: int | None = None


@attrs.frozen(kw_only=True)
class PlanDetail:
    """A setting named in a plan (module 4b)."""

    place: Place
    urn: str | None = None
    ukprn: str | None = None
    sen_setting: SenSetting | None = None
    sen_setting_other: str | None = None
    placement_rank: int | None = None
    sen_unit_indicator: bool | None = None
    resourced_provision_indicator: bool | None = None


@attrs.frozen(kw_only=True)
class NamedPlan:
    """The plan issued after an assessment (module 4a); `start_date` is its issue date."""

    place: Place
    start_date: dt.date | None = None
    plan_res: str | None = None
    plan_wbp: bool | None = None
    pb: bool | None = None
    oa: bool | None = None
    dp: bool | None = None
    cease_date: dt.date | None = None
    cease_reason: c.CeaseReason | None = None
    details: tuple[PlanDetail, ...] = ()


@attrs.frozen(kw_only=True)
class Assessment:
    """The EHC needs assessment that followed a request (module 3)."""

    place: Place
    outcome: AssessmentOutcome | None = None
    outcome_date: dt.date | None = None
    mediation: bool | None = None
    tribunal: bool | None = None
    other_mediation: bool | None = None
    other_tribunal: bool | None = None
    week20: bool | None = None
    plans: tuple[NamedPlan, ...] = ()

    @property
    def plan(self) -> NamedPlan | None:
        """The plan issued after it (the earliest, if the export has more than one)."""
        if not self.plans:
            return None
        return min(self.plans, key=lambda p: p.start_date or dt.date.max)


@attrs.frozen(kw_only=True)
class Placement:
    """Where a child with an active plan is placed (module 5b)."""

    place: Place
    res: str | None = None
    wbp: bool | None = None
    urn: str | None = None
    ukprn: str | None = None
    sen_setting: SenSetting | None = None
    sen_setting_other: str | None = None
    placement_rank: int | None = None
    entry_date: dt.date | None = None
    leaving_date: dt.date | None = None
    attendance_pattern: str | None = None
    sen_unit_indicator: bool | None = None
    resourced_provision_indicator: bool | None = None


@attrs.frozen(kw_only=True)
class Need:
    """A special educational need of a child with an active plan (module 5c)."""

    place: Place
    sen_type: SenType
    rank: int | None = None


@attrs.frozen(kw_only=True)
class ActivePlan:
    """A plan active at the census date (module 5a): the review stock."""

    place: Place
    transfer_la: str | None = None
    review_meeting: dt.date | None = None
    review_outcome: str | None = None
    last_review: dt.date | None = None
    res: str | None = None
    wbp: bool | None = None
    placements: tuple[Placement, ...] = ()
    needs: tuple[Need, ...] = ()

    @property
    def primary_need(self) -> SenType | None:
        """The need ranked 1 (or the best-ranked one), if any is recorded."""
        if not self.needs:
            return None
        return min(self.needs, key=lambda n: n.rank or 99).sen_type


@attrs.frozen(kw_only=True)
class Request:
    """A request for an EHC needs assessment (module 2)."""

    place: Place
    received_date: dt.date
    age_at_request: int | None = None
    request_source: c.RequestSource | None = None
    rya: bool | None = None
    outcome_date: dt.date | None = None
    outcome: RequestOutcome | None = None
    mediation: bool | None = None
    tribunal: bool | None = None
    exported: bool | None = None
    assessment: Assessment | None = None
    active_plan: ActivePlan | None = None


@attrs.frozen(kw_only=True)
class Person:
    """A child or young person (module 1), with their requests.

    `age_at_start_of_school_year` and `year_group` are derived from the date of
    birth (before it is dropped), at the school year of the return's census date.
    """

    place: Place
    surname: str | None = None
    forename: str | None = None
    birth_date: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    postcode: str | None = None
    upn: str | None = None
    uln: str | None = None
    upn_unknown: str | None = None
    age_at_start_of_school_year: int | None = None
    year_group: int | None = None
    requests: tuple[Request, ...] = ()


@attrs.frozen(kw_only=True)
class ReturnHeader:
    """The return itself (module 0): which collection, authority and census date."""

    place: Place
    collection: str | None = None
    year: int | None = None
    reference_date: dt.date | None = None
    source_level: str | None = None
    software_code: str | None = None
    release: str | None = None
    serial_no: str | None = None
    datetime: str | None = None
    lea: str | None = None
    dmo: str | None = None
    dco: str | None = None


def age_at_start_of_school_year(born: dt.date, on: dt.date) -> int:
    """Age on the 31 August before *on*: how SEN2 counts age (2022 guide, item 1.1).

    Examples:
        >>> age_at_start_of_school_year(dt.date(2015, 8, 31), dt.date(2025, 1, 16))
        9
        >>> age_at_start_of_school_year(dt.date(2015, 9, 1), dt.date(2025, 1, 16))
        8
    """
    school_year = on.year - (1 if on.month < 9 else 0)
    start = dt.date(school_year, 8, 31)
    return start.year - born.year - ((start.month, start.day) < (born.month, born.day))


def year_group(age: int) -> int:
    """The national curriculum year for an age at the start of the school year.

    Reception is 0 (age 4), year 1 is age 5, ..., year 11 is age 15; earlier and
    later years extend the same offset (gov.uk "The national curriculum").

    Examples:
        >>> year_group(4), year_group(15), year_group(2)
        (0, 11, -2)
    """
    return age - 4


@attrs.frozen(kw_only=True)
class Sen2Return:
    """A whole SEN2 person-level return: the header and the tree of persons.

    Attributes:
        header: Module 0, or None if the export had no readable header row.
        persons: The persons, in file order, each with their requests.
        guide_version: Which guide's columns the export used ("v1.2 or later",
            "v1.3 or later", or "before v1.2").

    Examples:
        >>> request = Request(place=Place(module="requests", table_id="10"),
        ...                   received_date=dt.date(2024, 3, 4))
        >>> person = Person(place=Place(module="person", table_id="1"),
        ...                 requests=(request,))
        >>> ret = Sen2Return(header=None, persons=(person,))
        >>> [(r.request_id, r.person_id) for r in ret.records()]
        [('10', '1')]
    """

    header: ReturnHeader | None
    persons: tuple[Person, ...]
    guide_version: str = "v1.3 or later"

    @property
    def reference_date(self) -> dt.date | None:
        """The census date the return describes (module 0 ``referencedate``)."""
        return None if self.header is None else self.header.reference_date

    @property
    def calendar_year(self) -> int | None:
        """The calendar year whose activity the return counts: the one before its census.

        DfE's timeliness measures for a return are computed over this year.
        """
        on = self.reference_date
        if on is not None:
            return on.year - 1
        if self.header is not None and self.header.year is not None:
            return self.header.year - 1
        return None

    def requests(self) -> Iterator[tuple[Person, Request]]:
        """Every request with its person, in file order."""
        for person in self.persons:
            for request in person.requests:
                yield person, request

    def active_plans(self) -> Iterator[tuple[Person, Request, ActivePlan]]:
        """The review stock: every plan active at the census date, with its request."""
        for person, request in self.requests():
            if request.active_plan is not None:
                yield person, request, request.active_plan

    def records(self) -> tuple[Sen2Record, ...]:
        """One `Sen2Record` per request, with its person, assessment and plan items."""
        return tuple(to_record(person, request) for person, request in self.requests())

    def cases(self) -> tuple[c.Case, ...]:
        """Every request as a `Case` (its dated facts as events), in file order."""
        return tuple(record_to_case(record) for record in self.records())


def to_record(person: Person, request: Request) -> Sen2Record:
    """The flat `Sen2Record` of one request of *person*."""
    assessment = request.assessment
    plan = None if assessment is None else assessment.plan
    active = request.active_plan
    return Sen2Record(
        request_id=request.place.table_id,
        received_date=request.received_date,
        person_id=person.place.table_id,
        surname=person.surname,
        forename=person.forename,
        person_birth_date=person.birth_date,
        post_code=person.postcode,
        upn=person.upn,
        uln=person.uln,
        sex=person.sex,
        ethnicity=person.ethnicity,
        age_at_request=request.age_at_request,
        request_source=request.request_source,
        rya=request.rya,
        request_outcome_date=request.outcome_date,
        request_outcome=request.outcome,
        request_mediation=request.mediation,
        request_tribunal=request.tribunal,
        exported=request.exported,
        assessment_outcome=None if assessment is None else assessment.outcome,
        assessment_outcome_date=None if assessment is None else assessment.outcome_date,
        assessment_mediation=None if assessment is None else assessment.mediation,
        assessment_tribunal=None if assessment is None else assessment.tribunal,
        week20=None if assessment is None else assessment.week20,
        start_date=None if plan is None else plan.start_date,
        plan_res=None if plan is None else plan.plan_res,
        pb=None if plan is None else plan.pb,
        oa=None if plan is None else plan.oa,
        dp=None if plan is None else plan.dp,
        cease_date=None if plan is None else plan.cease_date,
        cease_reason=None if plan is None else plan.cease_reason,
        review_meeting=None if active is None else active.review_meeting,
        review_outcome=None if active is None else active.review_outcome,
        last_review=None if active is None else active.last_review,
    )
