import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sen2 import (
    AssessmentOutcome,
    Personal,
    RequestOutcome,
    Sen2Record,
    Severity,
    case_to_record,
    read_sen2,
    record_to_case,
    write_sen2,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sen2-example.csv"
HEADER = (
    "RequestID,ReceivedDate,RequestOutcome,RequestOutcomeDate,AssessmentOutcome,"
    "AssessmentOutcomeDate,Week20,StartDate,CeaseDate,CeaseReason,PersonBirthDate,"
    "ReviewMeeting,LastReview,PhaseTransferDueDate,PhaseTransferFinalDate"
)
GOOD = "R1,2024-09-02,A,2024-10-07,Y,2024-12-12,0,2025-01-17,,,2015-05-01,,,,"


def read(*rows: str, header: str = HEADER, **kwargs):
    """Read CSV text made of a header and rows."""
    return read_sen2(io.StringIO("\n".join([header, *rows]) + "\n"), **kwargs)


def test_the_example_file_keeps_every_good_row_and_rejects_exactly_three():
    """The shipped example reads with its three deliberate errors reported."""
    imported = read_sen2(EXAMPLE)

    assert len(imported.records) == 600
    assert [r.row for r in imported.rejected] == [602, 603, 604]
    assert imported.report.counts_by_rule() == {"PARSE": 2, "V1": 1}
    assert len(imported.cases()) == 600


def test_a_good_row_becomes_a_record_and_a_case():
    """Dates, codes and flags are typed; the case has the dated facts as events."""
    imported = read(GOOD)
    (record,) = imported.records

    assert imported.report.ok
    assert record.assessment_outcome is AssessmentOutcome.PLAN
    assert record.week20 is False
    assert record.age_at_request == 9
    assert imported.cases()[0].stage is c.Stage.PLAN_IN_PLACE


@pytest.mark.parametrize(
    ("row", "rule", "column", "message"),
    [
        (",2024-09-02,,,,,,,,,,,,,", "REQUIRED", "RequestID", "RequestID is blank"),
        ("R1,,,,,,,,,,,,,,", "REQUIRED", "ReceivedDate", "ReceivedDate is blank"),
        ("R1,2024-13-01,,,,,,,,,,,,,", "PARSE", "ReceivedDate", "is not a real date"),
        ("R1,2024-09-02,Q,2024-10-01,,,,,,,,,,,", "PARSE", "RequestOutcome", "A, N, W"),
        ("R1,2024-09-02,,,,,maybe,,,,,,,,", "PARSE", "Week20", "is not a flag"),
        ("R1,2024-09-02,A,2024-08-01,,,,,,,,,,,", "V1", "RequestOutcomeDate", "before"),
        (
            "R1,2024-09-02,A,2024-10-07,Y,2024-10-01,,,,,,,,,",
            "V2",
            "AssessmentOutcomeDate",
            "is before RequestOutcomeDate",
        ),
        (
            "R1,2024-09-02,A,2024-10-07,Y,2024-12-12,,2024-12-01,,,,,,,",
            "V3",
            "StartDate",
            "is before AssessmentOutcomeDate",
        ),
        (
            "R1,2024-09-02,A,2024-10-07,Y,2024-12-12,,2025-01-17,2025-01-17,2,,,,,",
            "V4",
            "CeaseDate",
            "is on or before StartDate",
        ),
        ("R1,2024-09-02,,,,,,,,,1990-01-01,,,,", "V10", "PersonBirthDate", "was 34"),
        (
            "R1,2024-09-02,N,2024-10-01,N,2024-12-01,,,,,,,,,",
            "C1",
            "AssessmentOutcome",
            "is N",
        ),
        (
            "R1,2024-09-02,,,Y,2024-12-01,,,,,,,,,",
            "C1",
            "AssessmentOutcome",
            "is blank",
        ),
        (
            "R1,2024-09-02,A,2024-10-07,N,2024-12-12,,2025-01-17,,,,,,,",
            "C2",
            "StartDate",
            "needs AssessmentOutcome Y or S, but it is N",
        ),
        ("R1,2024-09-02,A,,,,,,,,,,,,", "C3", "RequestOutcomeDate", "is blank"),
        (
            "R1,2024-09-02,A,2024-10-07,,2024-12-12,,,,,,,,,",
            "C3",
            "AssessmentOutcome",
            "AssessmentOutcomeDate is filled in",
        ),
        (
            "R1,2024-09-02,A,2024-10-07,,,,,2025-01-17,2,,,,,",
            "C4",
            "CeaseDate",
            "needs",
        ),
        (
            "R1,2024-09-02,A,2024-10-07,Y,2024-12-12,,2025-01-17,2025-03-01,,,,,,",
            "C4",
            "CeaseReason",
            "go together",
        ),
    ],
)
def test_each_rule_reports_the_row_column_and_what_to_do(row, rule, column, message):
    """Every error rule names its row, its column and the fix; the row is kept raw."""
    imported = read(row)
    issue = next(i for i in imported.report.issues if i.rule == rule)

    assert (issue.row, issue.field, issue.severity) == (2, column, Severity.ERROR)
    assert message in issue.message
    assert imported.records == ()
    assert imported.rejected[0].values["RequestID"] == row.split(",")[0]


@pytest.mark.parametrize(
    ("row", "rule", "message"),
    [
        ("R1,2024-09-02,A,2024-10-07,,,1,,,,,,,,", "C6", "no plan was issued"),
        ("R1,2024-09-02,A,2024-10-07,H,2024-12-12,,,,,,,,,", "H", "not turned into"),
        (GOOD[:-4] + ",2025-09-01,2025-11-01,,", "V8", "61 days after the meeting"),
        (GOOD[:-4] + ",,,2025-02-15,2025-03-01", "V9", "after it was due"),
    ],
)
def test_warnings_keep_the_row(row, rule, message):
    """A warning is reported and the record is still accepted."""
    imported = read(row)
    issue = next(i for i in imported.report.issues if i.rule == rule)

    assert issue.severity is Severity.WARNING
    assert message in issue.message
    assert len(imported.records) == 1
    assert len(imported.cases()) == 1


def test_a_repeated_request_id_rejects_the_later_row_naming_the_first():
    """RequestID must be unique; the second row points to the first."""
    imported = read(GOOD, GOOD)

    assert len(imported.records) == 1
    assert "also on row 2" in imported.rejected[0].issues[0].message


def test_dates_after_the_reference_date_are_errors():
    """With on=, the future cannot be recorded (rule C5)."""
    imported = read(GOOD, on=dt.date(2025, 1, 1))

    assert [i.field for i in imported.report.errors] == ["StartDate"]


@pytest.mark.parametrize(
    ("share", "message"),
    [(1, "on all 2 plans"), (0.5, "nationally 5-8%")],
)
def test_a_file_where_too_many_plans_have_exceptions_is_flagged(share, message):
    """V6 warns at file level when the exception share is implausible."""
    flagged = GOOD.replace(",0,2025", ",1,2025")
    second = GOOD.replace("R1,", "R2,")
    imported = read(flagged, flagged.replace("R1,", "R2,") if share == 1 else second)
    (issue,) = [i for i in imported.report.issues if i.rule == "V6"]

    assert issue.row is None
    assert message in issue.message


def test_unknown_columns_are_kept_and_written_back():
    """Nothing is lost: unknown columns ride along and come out again."""
    imported = read("R1,2024-09-02,xyz", header="RequestID,ReceivedDate,LocalNote")
    out = io.StringIO()
    write_sen2(imported.records, out, columns=["RequestID", "ReceivedDate"])

    assert imported.records[0].extra == (("LocalNote", "xyz"),)
    assert imported.report.warnings[0].rule == "COLUMNS"
    assert out.getvalue() == "RequestID,ReceivedDate,LocalNote\nR1,2024-09-02,xyz\n"


PERSON_HEADER = "RequestID,ReceivedDate,Surname,Forename,PersonBirthDate,PostCode"
PERSON_ROW = "R1,2024-09-02,Smith,Jane,2015-05-01,GL1 2TG"


def test_personal_columns_are_dropped_by_default_everywhere():
    """With the default, no personal value appears in records or rejected rows."""
    imported = read(
        PERSON_ROW, "R2,2024-02-30,Jones,Sam,2014-01-01,GL2 1AA", header=PERSON_HEADER
    )
    text = repr(imported)

    for value in ("Smith", "Jane", "2015-05-01", "GL1 2TG", "Jones", "GL2 1AA"):
        assert value not in text
    assert imported.records[0].age_at_request == 9


def test_hashed_personal_columns_link_without_revealing():
    """The same salt gives the same hash; a different salt a different one."""
    first = read(PERSON_ROW, header=PERSON_HEADER, personal=Personal.HASH, salt="s1")
    again = read(PERSON_ROW, header=PERSON_HEADER, personal=Personal.HASH, salt="s1")
    other = read(PERSON_ROW, header=PERSON_HEADER, personal=Personal.HASH, salt="s2")

    assert first.records[0].surname == again.records[0].surname
    assert first.records[0].surname != other.records[0].surname
    assert len(first.records[0].surname) == 16
    assert "Smith" not in repr(first)


def test_kept_personal_columns_are_kept():
    """Personal.KEEP keeps what was read."""
    imported = read(PERSON_ROW, header=PERSON_HEADER, personal=Personal.KEEP)

    assert imported.records[0].surname == "Smith"


def test_hashing_without_a_salt_is_refused():
    """A hash without a secret salt could be reversed by guessing."""
    with pytest.raises(InvalidInput, match="needs a salt"):
        read(PERSON_ROW, header=PERSON_HEADER, personal=Personal.HASH)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"RequestID,Other\nR1,x\n", "the required column ReceivedDate is missing"),
        (b"RequestID,ReceivedDate,RequestID\n", "'RequestID' appears more than once"),
        (b"RequestID,Received\xffDate\nR1,2024-01-01\n", "not UTF-8"),
        (b'RequestID,"ReceivedDate\nR1,2024-01-01\n', "quote that is never closed"),
    ],
)
def test_files_that_cannot_be_read_raise_a_file_format_error(
    tmp_path, content, message
):
    """Whole-file problems name the file and say what to do."""
    path = tmp_path / "cases.csv"
    path.write_bytes(content)

    with pytest.raises(FileFormatError, match=message) as caught:
        read_sen2(path)

    assert caught.value.path == str(path)


def test_a_missing_file_is_a_file_format_error():
    """A path that does not exist is reported as such."""
    with pytest.raises(FileFormatError, match="does not exist"):
        read_sen2("no/such/file.csv")


def test_excel_bom_blank_lines_short_rows_and_other_date_forms_are_read(tmp_path):
    """A UTF-8 BOM, blank lines, short rows, DD/MM/YYYY and Blade dates all read."""
    path = tmp_path / "cases.csv"
    path.write_bytes(
        "\ufeffRequestID,ReceivedDate,RequestOutcomeDate,RequestOutcome\n"
        "R1,02/09/2024,2024-Oct-07 00:00:00,a\n\nR2,2024-09-03\n".encode()
    )
    imported = read_sen2(path)

    assert [r.request_outcome_date for r in imported.records] == [
        dt.date(2024, 10, 7),
        None,
    ]
    assert imported.records[0].request_outcome is RequestOutcome.ASSESS


def test_written_files_read_back_equal(tmp_path):
    """write_sen2 then read_sen2 gives the same records."""
    records = read_sen2(EXAMPLE, personal=Personal.KEEP).records
    path = tmp_path / "out.csv"
    write_sen2(records, path)

    assert read_sen2(path, personal=Personal.KEEP).records == records


def test_writing_an_unknown_column_is_refused():
    """Column names are checked."""
    with pytest.raises(InvalidInput, match="'Colour' is not a SEN2 column"):
        write_sen2([], io.StringIO(), columns=["Colour"])


# --- Conversion to and from cases -----------------------------------------------

days = st.integers(0, 400)


@st.composite
def records(draw):
    """Records that describe one consistent case."""
    received = dt.date(2023, 1, 2) + dt.timedelta(days=draw(days))
    fields = {"request_id": "R1", "received_date": received}
    fields["request_source"] = draw(st.none() | st.sampled_from(c.RequestSource))
    outcome = draw(st.none() | st.sampled_from(RequestOutcome))
    if outcome is None:
        return Sen2Record(**fields)
    decided = received + dt.timedelta(days=draw(days))
    fields.update(request_outcome=outcome, request_outcome_date=decided)
    if outcome is not RequestOutcome.WITHDRAWN:
        # A case with no mediation or appeal on its log writes RequestMediation and
        # RequestTribunal 0.
        fields["request_tribunal"] = False
        fields["request_mediation"] = False
    if outcome is not RequestOutcome.ASSESS:
        return Sen2Record(**fields)
    result = draw(
        st.none()
        | st.sampled_from(
            [
                AssessmentOutcome.PLAN,
                AssessmentOutcome.NO_PLAN,
                AssessmentOutcome.WITHDRAWN,
            ]
        )
    )
    if result is None:
        return Sen2Record(**fields)
    issued_decision = decided + dt.timedelta(days=draw(days))
    fields.update(assessment_outcome=result, assessment_outcome_date=issued_decision)
    if result is AssessmentOutcome.WITHDRAWN:
        return Sen2Record(**fields)
    fields["week20"] = draw(st.booleans())
    # The same for the assessment's outcome: AssessmentMediation, AssessmentTribunal 0.
    fields["assessment_mediation"] = fields["assessment_tribunal"] = False
    if result is AssessmentOutcome.NO_PLAN:
        return Sen2Record(**fields)
    if draw(st.booleans()):
        start = issued_decision + dt.timedelta(days=draw(days))
        fields["start_date"] = start
        if draw(st.booleans()):
            fields["cease_date"] = start + dt.timedelta(days=1 + draw(days))
            fields["cease_reason"] = draw(st.sampled_from(c.CeaseReason))
    return Sen2Record(**fields)


@settings(max_examples=300)
@given(records())
def test_record_to_case_and_back_is_lossless(record):
    """The fields a case carries survive record -> case -> record."""
    assert case_to_record(record_to_case(record)) == record


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["", "1", "A", "N", "Y", "2024-09-02", "2023-01-01", "x"]),
            min_size=9,
            max_size=9,
        ),
        max_size=8,
    )
)
def test_garbage_rows_give_records_or_issues_never_a_crash(rows):
    """Any cells give accepted records that convert, or reported rows."""
    header = (
        "RequestID,ReceivedDate,RequestOutcome,RequestOutcomeDate,AssessmentOutcome,"
        "AssessmentOutcomeDate,Week20,StartDate,CeaseReason"
    )
    imported = read(*[",".join(r) for r in rows], header=header)

    assert len(imported.records) + len(imported.rejected) == sum(
        1 for r in rows if any(cell for cell in r)
    )
    assert len(imported.cases()) == len(imported.records)


def test_the_report_reads_as_a_summary():
    """str(report) counts errors and warnings and lists the first issues."""
    rows = [f"R{i},2024-02-30,,,,,,,,,,,,," for i in range(25)]
    text = str(read(*rows).report)

    assert text.startswith("25 errors, 0 warnings")
    assert "row 2 ReceivedDate: PARSE error" in text
    assert text.endswith("... and 5 more")


def test_a_no_plan_decision_with_a_week20_flag_converts():
    """A ground on a no-plan case is recorded on the decision date."""
    imported = read("R1,2024-09-02,A,2024-10-07,N,2024-12-12,1,,,,,,,,")
    case = imported.cases()[0]

    assert case.stage is c.Stage.NOT_ISSUING
    assert case.events[-1].on == dt.date(2024, 12, 12)


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        ("RequestID,ReceivedDate,PlanRes", "R1,2024-09-02,C", "not a PlanRes code"),
        ("RequestID,ReceivedDate", "R1,2024-Sept-02 00:00:00", "not a real date"),
        (
            "RequestID,ReceivedDate,PersonBirthDate",
            "R1,2024-09-02,31/02/2015",
            "PersonBirthDate is not a real date (the value is not shown",
        ),
    ],
)
def test_more_unreadable_cells(header, row, message):
    """Codes, Blade-style dates and birth dates that cannot be read are PARSE errors."""
    imported = read(row, header=header)

    assert message in imported.report.errors[0].message
    assert "31/02/2015" not in repr(imported)


def test_plan_res_codes_are_read():
    """A and B are the residential codes."""
    imported = read("R1,2024-09-02,b", header="RequestID,ReceivedDate,PlanRes")

    assert imported.records[0].plan_res == "B"


def test_a_week20_flag_on_a_withdrawn_assessment_comes_before_the_withdrawal():
    """A same-day ground is recorded while the request is still open."""
    record = Sen2Record(
        request_id="R1",
        received_date=dt.date(2024, 9, 2),
        request_outcome=RequestOutcome.ASSESS,
        request_outcome_date=dt.date(2024, 10, 7),
        assessment_outcome=AssessmentOutcome.WITHDRAWN,
        assessment_outcome_date=dt.date(2024, 12, 12),
        week20=True,
    )

    assert record_to_case(record).stage is c.Stage.WITHDRAWN


def test_extra_columns_from_several_records_are_written_once_each():
    """Each unknown column gets one header, filled where a record has it."""
    first = Sen2Record(
        request_id="R1", received_date=dt.date(2024, 9, 2), extra=(("A", "1"),)
    )
    second = Sen2Record(
        request_id="R2",
        received_date=dt.date(2024, 9, 3),
        extra=(("A", "2"), ("B", "3")),
    )
    out = io.StringIO()
    write_sen2([first, second], out, columns=["RequestID"])

    assert out.getvalue().splitlines() == ["RequestID,A,B", "R1,1,", "R2,2,3"]


def _planned_case(*extra):
    """A case assessed, with a plan decided and issued, and *extra* events before the plan."""
    d = dt.date
    case = c.Case(reference="R1", received_on=d(2024, 1, 8))
    case = case.record(c.AssessmentDecision(on=d(2024, 2, 1), assess=True))
    case = case.record(c.IssueDecision(on=d(2024, 4, 4), issue=True))
    for event in extra:
        case = case.record(event)
    return case.record(c.FinalPlanIssued(on=d(2024, 5, 20)))


def test_a_cases_personal_budget_and_placement_give_pb_oa_dp_and_planres():
    """A budget agreed as a direct payment and a 52-week placement: PB 1, DP 1, OA 0, PlanRes B."""
    from ehcplan.budgets import Mechanism, Part, Requester
    from ehcplan.funding import Agency
    from ehcplan.money import Money
    from ehcplan.policy import PanelRemit

    d = dt.date
    direct = Part(amount=Money(100_000), mechanism=Mechanism.DIRECT_PAYMENT,
                  agency=Agency.SOCIAL_CARE, provision="short breaks")  # fmt: skip
    case = _planned_case(
        c.BudgetRequested(on=d(2024, 4, 5), requester=Requester.PARENT),
        c.BudgetDecided(on=d(2024, 4, 6), agreed=True, parts=[direct],
                        decided_by="panel", evidence="minutes"),
        c.PanelReferred(on=d(2024, 4, 8), panel="atr", remits={PanelRemit.JOINT_FUNDING},
                        referred_by="SEN team", evidence="papers"),
        c.AccessToResourcesDecision(
            on=d(2024, 4, 17), panel="atr", setting="school", weeks_per_year=52,
            total=Money(200_000),
            shares={Agency.EDUCATION: Money(50_000), Agency.SOCIAL_CARE: Money(150_000)},
            reasons="no local school", decided_by="chair", evidence="apportionment"),
    )  # fmt: skip
    record = case_to_record(case)

    assert (record.pb, record.oa, record.dp, record.plan_res) == (
        True,
        False,
        True,
        "B",
    )
    assert case_to_record(_planned_case()).pb is None  # no budget decided: not known


def test_a_refused_personal_budget_writes_pb_0():
    """A budget refused in writing gives PB 0, OA 0 and DP 0."""
    from ehcplan.budgets import Requester

    d = dt.date
    case = _planned_case(
        c.BudgetRequested(on=d(2024, 4, 5), requester=Requester.PARENT),
        c.BudgetDecided(on=d(2024, 4, 6), agreed=False, reasons=["criterion 2"],
                        decided_by="panel", evidence="minutes"),
    )  # fmt: skip
    record = case_to_record(case)
    assert (record.pb, record.oa, record.dp, record.plan_res) == (
        False,
        False,
        False,
        None,
    )


def _refused_then(*steps):
    """A refused request followed by the mediation *steps* (a function of a date each)."""
    case = c.Case(reference="M1", received_on=dt.date(2025, 1, 6)).record(
        c.AssessmentDecision(on=dt.date(2025, 2, 10), assess=False)
    )
    for day, make in enumerate(steps):
        case = case.record(make(dt.date(2025, 3, 3) + dt.timedelta(days=day)))
    return case_to_record(case)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # The family asked and the log says no more (a log of version 1): mediation.
        ((lambda on: c.MediationRequested(on=on),), True),
        # It declined, and got its certificate to appeal: no mediation (reg 34(1)).
        (
            (
                lambda on: c.MediationRequested(on=on),
                lambda on: c.MediationDeclined(on=on),
                lambda on: c.MediationCertificateIssued(on=on),
            ),
            False,
        ),
        # It wanted mediation, which could not be held in the 30 days (reg 37).
        (
            (
                lambda on: c.MediationRequested(on=on),
                lambda on: c.MediationPursued(
                    on=on, issues=[c.MediationIssue.EDUCATION]
                ),
                lambda on: c.MediationNotPossible(on=on),
            ),
            False,
        ),
        # A meeting was held.
        (
            (
                lambda on: c.MediationRequested(on=on),
                lambda on: c.MediationPursued(
                    on=on, issues=[c.MediationIssue.EDUCATION]
                ),
                lambda on: c.MediationHeld(on=on, concluded=True),
            ),
            True,
        ),
        ((), False),
    ],
)
def test_request_mediation_says_whether_mediation_took_place(steps, expected):
    """SEN2's RequestMediation is Y for mediation held, N when declined or not possible."""
    record = _refused_then(*steps)
    assert record.request_mediation is expected
    assert record.assessment_mediation is None  # no assessment


def test_a_sex_cell_that_is_not_a_code_is_never_shown():
    """A name typed into Sex is warned about without being quoted: it may be personal."""
    imported = read("R1,2024-09-02,Jane Smith", header="RequestID,ReceivedDate,Sex")
    (warning,) = [i for i in imported.report.warnings if i.rule == "SEX"]

    assert "not shown" in warning.message
    assert "Jane" not in repr(imported.report)
    assert len(imported.records) == 1
