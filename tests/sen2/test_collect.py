import csv
import datetime as dt
import importlib.util
import json
import shutil
import zipfile
from pathlib import Path

import pytest

import ehcplan as ehc
from ehcplan import cases as c
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sen2 import (
    AssessmentOutcome,
    Personal,
    RequestOutcome,
    Sen2Record,
    SenType,
    Severity,
    dfe_measures,
    is_export,
    read_collect,
    return_from_records,
    write_collect,
)
from ehcplan.sen2.tree import age_at_start_of_school_year, year_group

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sen2-collect-example"
STAMP = "20-01-2025"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_sen2_collect_example", ROOT / "examples" / "make_sen2_collect_example.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example():
    """The shipped synthetic export, read once."""
    return read_collect(EXAMPLE)


def _file(folder, module):
    return folder / f"Blade-Export_{STAMP}_{module}.csv"


def _copy(tmp_path):
    target = tmp_path / "export"
    shutil.copytree(EXAMPLE, target)
    return target


def _add(folder, module, *lines):
    with _file(folder, module).open("a", encoding="utf-8") as stream:
        for line in lines:
            stream.write(line + "\n")


def test_every_deliberately_bad_row_of_the_example_is_reported_by_module_row_and_field(
    example,
):
    """Each of the example's bad rows is named by module, row, field and rule."""
    own = {
        (i.module, i.row, i.field, i.rule)
        for i in example.report.issues
        if i.rule not in ("LINKED", "V8", "MULTI")
    }

    assert own == {
        ("person", 262, "sex", "SEX"),
        ("requests", 275, "receiveddate", "PARSE"),
        ("requests", 276, "requestoutcomedate", "V1"),
        ("requests", 277, None, "QUOTE"),
        ("assessment", 186, "requeststableid", "ORPHAN"),
        ("namedplan", 168, "ceasereason", "PARSE"),
        ("namedplan", 168, None, "PLANS"),
        ("placementdetail", 165, "leavingdate", "P1"),
        ("senneed", 224, "sentype", "PARSE"),
    }


def test_the_example_keeps_every_good_request_and_reports_every_rejected_row(example):
    """Four requests are kept out with all their rows; every other request is kept."""
    rejected = {(r.module, r.row) for r in example.rejected}

    assert example.counts()["requests_accepted"] == 272
    assert example.counts()["rows_rejected"] == {
        "sen2": 0,
        "person": 0,
        "requests": 4,
        "assessment": 2,
        "namedplan": 2,
        "plandetail": 1,
        "activeplans": 1,
        "placementdetail": 2,
        "senneed": 2,
    }
    assert ("requests", 2) in rejected
    assert sum(example.rows_read.values()) - len(rejected) == sum(
        1 for _ in _tree_rows(example.sen2_return)
    )


def _tree_rows(ret):
    """Every row that reached the tree, header and persons included."""
    yield ret.header
    for person in ret.persons:
        yield person
        for request in person.requests:
            yield request
            if request.assessment is not None:
                yield request.assessment
                for plan in request.assessment.plans:
                    yield plan
                    yield from plan.details
            if request.active_plan is not None:
                yield request.active_plan
                yield from request.active_plan.placements
                yield from request.active_plan.needs


def test_the_return_knows_its_census_calendar_year_and_guide_version(example):
    """Module 0 gives the census date; the columns say which guide they follow."""
    ret = example.sen2_return

    assert ret.reference_date == dt.date(2025, 1, 16)
    assert ret.calendar_year == 2024
    assert ret.guide_version == "v1.3 or later"


def _plain_count(cases, year):
    """DfE's figures counted case by case, with no library code but the 20-week rule."""
    plans = ex = within = within_ex = decided = six = 0
    for case in cases:
        issued = case.first(c.FinalPlanIssued)
        if issued is not None and issued.on.year == year:
            late = (issued.on - case.received_on).days > 140
            exception = bool(case.grounds_for(ehc.Limit.FINAL_PLAN))
            plans += 1
            within += not late
            if not exception:
                ex += 1
                within_ex += not late
        decision = case.first(c.AssessmentDecision)
        if decision is not None and decision.on.year == year:
            decided += 1
            six += (decision.on - case.received_on).days <= 42
    return {
        "plans_issued_den": plans,
        "plans_issued_within_20_weeks": within,
        "plans_issued_den_ex": ex,
        "plans_issued_20_weeks_ex": within_ex,
        "request_outcome_den": decided,
        "request_outcome_six_weeks": six,
    }


def test_the_dfe_measures_of_a_return_equal_a_plain_count_of_its_cases(example):
    """The published figures computed from the return match counting case by case."""
    cases = example.cases()
    measures = dfe_measures(cases, 2024)
    plain = _plain_count(cases, 2024)

    assert {k: measures[k] for k in plain} == plain
    assert plain["plans_issued_den"] > 50


def test_the_tree_keeps_placements_needs_and_plan_details(example):
    """Active plans carry their placements and ranked needs; plans their settings."""
    stock = list(example.sen2_return.active_plans())
    person, request, plan = stock[0]

    assert len(stock) == 162
    assert plan.placements[0].entry_date == request.assessment.plan.start_date
    assert isinstance(plan.primary_need, SenType)
    assert all(p.details for _, r in example.sen2_return.requests() if r.assessment
               for p in r.assessment.plans)  # fmt: skip
    assert person.year_group == person.age_at_start_of_school_year - 4


def test_records_carry_the_request_person_and_plan_items(example):
    """A request's record has its person's id, its outcomes and its plan's flags."""
    record = next(r for r in example.records() if r.start_date is not None)

    assert record.person_id is not None
    assert record.request_outcome is RequestOutcome.ASSESS
    assert record.assessment_outcome is AssessmentOutcome.PLAN
    assert record.pb is not None
    assert record.age_at_request is not None


def test_personal_values_are_dropped_by_default_and_never_in_the_report(example):
    """No name, date of birth, postcode or UPN in the tree, the rejects or any message."""
    text = repr(example.sen2_return) + repr(example.rejected) + str(example.report)
    text += "".join(i.message for i in example.report.issues)

    kept = read_collect(EXAMPLE, personal=Personal.KEEP).sen2_return.persons
    births = {p.birth_date for p in kept}

    for value in ("Example", "Child0", "ZZ99", "X000000"):
        assert value not in text
    assert not [b for b in births if b in text]
    assert all(p.birth_date is None for p in example.sen2_return.persons)


def test_hashed_and_kept_personal_values(tmp_path):
    """HASH links without revealing; KEEP keeps; HASH needs a salt."""
    hashed = read_collect(EXAMPLE, personal=Personal.HASH, salt="s")
    kept = read_collect(EXAMPLE, personal=Personal.KEEP)

    assert len(hashed.sen2_return.persons[0].surname) == 16
    assert kept.sen2_return.persons[0].surname == "Example"
    with pytest.raises(InvalidInput, match="needs a salt"):
        read_collect(EXAMPLE, personal=Personal.HASH)


def test_written_exports_read_back_to_the_same_records_as_a_folder_and_a_zip(
    example, tmp_path
):
    """write_collect then read_collect gives the same requests, folder or zip."""
    kept = read_collect(EXAMPLE, personal=Personal.KEEP)
    folder, archive = tmp_path / "out", tmp_path / "out.zip"
    write_collect(kept, folder, export_date=dt.date(2025, 1, 20))
    write_collect(kept.sen2_return, archive, export_date=dt.date(2025, 1, 20))

    for target in (folder, archive):
        back = read_collect(target, personal=Personal.KEEP)
        assert back.records() == kept.records()
        assert back.report.errors == ()
    assert is_export(archive)


def test_records_and_cases_are_written_as_an_export(tmp_path):
    """Records and cases become a return: persons, requests, assessments, plans."""
    record = Sen2Record(
        request_id="R1", received_date=dt.date(2024, 3, 4), person_id="P1",
        request_outcome=RequestOutcome.ASSESS, request_outcome_date=dt.date(2024, 4, 1),
        assessment_outcome=AssessmentOutcome.PLAN,
        assessment_outcome_date=dt.date(2024, 6, 3), start_date=dt.date(2024, 7, 1),
        week20=False, review_meeting=dt.date(2024, 12, 2),
    )  # fmt: skip
    case = c.Case(reference="R2", received_on=dt.date(2024, 5, 1))
    write_collect(
        [record, case], tmp_path, export_date=dt.date(2025, 1, 20),
        reference_date=dt.date(2025, 1, 16), lea="999",
    )  # fmt: skip
    back = read_collect(tmp_path)

    assert [r.request_id for r in back.records()] == ["R1", "R2"]
    assert back.records()[0].start_date == dt.date(2024, 7, 1)
    assert back.sen2_return.header.lea == "999"
    assert len(list(back.sen2_return.active_plans())) == 1


def test_a_return_of_cases_gives_clock_reports_and_calibration_inputs(example):
    """Cases from a return go straight into clock_report; records into calibration."""
    case = next(c_ for c_ in example.cases() if c_.is_open_request)
    report = ehc.clock_report(case, on=dt.date(2025, 1, 16))

    assert report.deadlines
    assert all(isinstance(r, Sen2Record) for r in example.records())


OLD_PERSON = (
    "persontableid,NativeId,personorderseqcolumn,sourceid,sen2tableid,surname,"
    "forename,personbirthdate,gendercurrent,ethnicity,postcode,upn,"
    "uniquelearnernumber,upnunknown"
)


def test_an_export_from_before_guide_v1_2_is_read(tmp_path):
    """gendercurrent, res and wbp on active plans, and attendance pattern are read."""
    files = {
        "sen2": "sen2tableid,NativeId,sen2orderseqcolumn,sourceid,collection,year,"
        "referencedate\n1,1,1,,SEN2,2023,2023-Jan-19 00:00:00",
        "person": OLD_PERSON + "\n1,1,1,,1,A,B,2012-Feb-03 00:00:00,2,WBRI,,,,UN1",
        "requests": "requeststableid,NativeId,requestsorderseqcolumn,sourceid,"
        "persontableid,receiveddate,rya,requestoutcomedate,requestoutcome\n"
        "10,10,1,,1,2022-Mar-01 00:00:00,0,2022-Apr-05 00:00:00,A",
        "activeplans": "activeplanstableid,NativeId,activeplansorderseqcolumn,"
        "sourceid,requeststableid,transferla,res,wbp,lastreview\n"
        "20,20,1,,10,,A,0,2022-Dec-01 00:00:00",
        "placementdetail": "placementdetailtableid,NativeId,"
        "placementdetailorderseqcolumn,sourceid,activeplanstableid,urn,sensetting,"
        "placementrank,entrydate,attendancepattern\n30,30,1,,20,,EHE,1,"
        "2022-Sep-01 00:00:00,F",
    }
    for module, text in files.items():
        _file(tmp_path, module).write_text(text + "\n")
    imported = read_collect(tmp_path)
    (person,) = imported.sen2_return.persons
    plan = person.requests[0].active_plan

    assert imported.sen2_return.guide_version == "before v1.2"
    assert (person.sex, plan.res, plan.placements[0].attendance_pattern) == (
        "2", "A", "F",
    )  # fmt: skip
    assert person.age_at_start_of_school_year == 10
    assert {i.rule for i in imported.report.issues} == {"MODULE", "ABSENT"}


def test_ids_parents_and_one_assessment_per_request_are_checked(tmp_path):
    """A repeated id, a second assessment and a needs rank twice are reported."""
    folder = _copy(tmp_path)
    lines = _file(folder, "assessment").read_text().splitlines()
    first = lines[1].split(",")
    second = [first[0] + "9", *first[1:]]
    _add(folder, "assessment", ",".join(second), lines[1])
    need = _file(folder, "senneed").read_text().splitlines()[1].split(",")
    _add(folder, "senneed", ",".join(["77777", *need[1:]]))
    imported = read_collect(folder)
    rules = {(i.module, i.rule, i.severity) for i in imported.report.issues}

    assert ("assessment", "ONE", Severity.ERROR) in rules
    assert ("assessment", "ID", Severity.ERROR) in rules
    assert ("senneed", "RANK", Severity.WARNING) in rules


def test_person_checks_warn_about_pupil_numbers_and_age(tmp_path):
    """No UPN, ULN or reason, and an age outside 0-24, are warnings; the row stays."""
    folder = _copy(tmp_path)
    _add(
        folder,
        "person",
        "5555,5555,5555,,1,Example,Old,1990-Jan-01 00:00:00,F,WBRI,,,,",
    )
    imported = read_collect(folder)
    person_issues = {i.rule for i in imported.report.issues if i.row == 263}

    assert person_issues == {"UPN", "AGE"}
    assert any(p.place.table_id == "5555" for p in imported.sen2_return.persons)


def test_unknown_columns_and_missing_modules_are_warnings(tmp_path):
    """An extra column is named; a missing module file is read as empty."""
    folder = _copy(tmp_path)
    _file(folder, "senneed").unlink()
    text = _file(folder, "sen2").read_text().splitlines()
    _file(folder, "sen2").write_text(text[0] + ",localnote\n" + text[1] + ",x\n")
    imported = read_collect(folder)
    warnings = {(i.module, i.rule) for i in imported.report.warnings}

    assert {("senneed", "MODULE"), ("sen2", "COLUMNS")} <= warnings
    assert all(not p.needs for _, _, p in imported.sen2_return.active_plans())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no-requests", "no person or requests file"),
        ("two-person", "more than one file is the person module"),
        ("no-id", "the requeststableid column is missing"),
    ],
)
def test_exports_that_cannot_be_read_raise_a_file_format_error(
    tmp_path, change, message
):
    """Whole-export problems name the export and say what to do."""
    folder = _copy(tmp_path)
    if change == "no-requests":
        _file(folder, "requests").unlink()
    elif change == "two-person":
        shutil.copy(
            _file(folder, "person"), folder / "Blade-Export_01-01-2025_person.csv"
        )
    else:
        text = _file(folder, "requests").read_text()
        _file(folder, "requests").write_text(text.replace("requeststableid", "id", 1))

    with pytest.raises(FileFormatError, match=message):
        read_collect(folder)


def test_a_path_that_is_not_an_export_is_refused(tmp_path):
    """A plain file is neither a folder nor a zip."""
    path = tmp_path / "x.csv"
    path.write_text("a\n")

    with pytest.raises(FileFormatError, match="neither a folder nor a zip"):
        read_collect(path)
    with pytest.raises(InvalidInput, match="is a file"):
        write_collect([], path, export_date=dt.date(2025, 1, 1))


def test_age_and_year_group_follow_the_31_august_rule():
    """Age is counted on the 31 August before the census; reception is year 0."""
    assert age_at_start_of_school_year(dt.date(2020, 8, 31), dt.date(2025, 1, 16)) == 4
    assert age_at_start_of_school_year(dt.date(2020, 9, 1), dt.date(2025, 9, 1)) == 4
    assert year_group(4) == 0


def test_a_generated_return_reads_with_no_errors_and_its_measures_equal_a_plain_count(
    tmp_path,
):
    """A clean generated return of 2,000 persons: no errors, measures as counted."""
    ret = _generator().make_return(2000, seed=7)
    write_collect(ret, tmp_path, export_date=dt.date(2025, 1, 20))
    imported = read_collect(tmp_path)
    plain = _plain_count(imported.cases(), 2024)
    measures = dfe_measures(imported.cases(), 2024)

    assert imported.report.errors == ()
    assert len(imported.records()) == len(ret.records())
    assert {k: measures[k] for k in plain} == plain


def test_return_from_records_builds_one_person_per_person_id():
    """Two requests of one person share the person; a record with no person is its own."""
    records = [
        Sen2Record(request_id="R1", received_date=dt.date(2024, 1, 2), person_id="P"),
        Sen2Record(request_id="R2", received_date=dt.date(2024, 5, 2), person_id="P"),
        Sen2Record(request_id="R3", received_date=dt.date(2024, 6, 2)),
    ]
    ret = return_from_records(records)

    assert [len(p.requests) for p in ret.persons] == [2, 1]
    assert ret.calendar_year is None


def test_summary_json_of_a_zip_export(tmp_path):
    """The summary of a zipped export has DfE's column names and the counts."""
    from ehcplan.sen2.summary import summarise

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in EXAMPLE.iterdir():
            zipped.write(path, f"export/{path.name}")
    data = json.loads(summarise(archive, as_json=True))

    assert (
        data["measures"]["plans_issued_den"]
        == dfe_measures(read_collect(EXAMPLE).cases(), 2024)["plans_issued_den"]
    )
    assert data["validation"]["rows_rejected"]["requests"] == 4


def test_the_summary_command_prints_the_export_s_figures_and_issues(capsys):
    """`ehcplan summary FOLDER` prints the year's figures, the stock and the issues."""
    from ehcplan.cli import main

    assert main(["summary", str(EXAMPLE), "--issues", "3"]) == 0
    text = capsys.readouterr().out

    assert "calendar year 2024" in text
    assert "plans_issued_20_weeks_ex" in text
    assert "Active plans at the census: 162" in text
    assert "Validation issues (3 of" in text
    assert "Example" not in text
    assert main(["summary", str(EXAMPLE), "--year", "2023", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["measures"]["time_period"] == 2023


def test_the_summary_of_a_simple_file_as_json_uses_the_latest_complete_year(
    tmp_path, capsys
):
    """A simple CSV's JSON summary counts the latest complete year (not 2025's fortnight)."""
    from ehcplan.cli import main

    path = ROOT / "examples" / "sen2-example.csv"
    assert main(["summary", str(path), "--json"]) == 0
    latest = json.loads(capsys.readouterr().out)
    assert main(["summary", str(path), "--json", "--on", "2025-01-15"]) == 0
    on = json.loads(capsys.readouterr().out)

    assert latest["measures"]["time_period"] == 2024
    assert latest["measures"]["plans_issued_den"] == 194
    assert on["measures"]["time_period"] == 2024
    assert on["validation"]["rows_rejected"] == 3


def test_a_column_missing_from_a_module_file_is_named_once_for_the_file(tmp_path):
    """A dropped column is one file-level warning naming it, beside its rows' own checks."""
    export = ROOT / "examples" / "sen2-collect-example"
    for file in export.iterdir():
        shutil.copy(file, tmp_path / file.name)
    (assessment,) = tmp_path.glob("*_assessment.csv")
    rows = list(csv.reader(assessment.read_text(encoding="utf-8").splitlines()))
    dropped = rows[0].index("assessmentoutcomedate")
    with assessment.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(
            [cell for at, cell in enumerate(row) if at != dropped] for row in rows
        )

    imported = read_collect(tmp_path)
    (absent,) = [i for i in imported.report.issues if i.rule == "ABSENT"]

    assert (absent.module, absent.row, absent.field) == ("assessment", None, None)
    assert "read as blank in every row: assessmentoutcomedate;" in absent.message
