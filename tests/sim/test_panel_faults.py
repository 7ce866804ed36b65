"""Faults in DfE's per-authority panel: found by rule, set aside, nothing else changed."""

import csv
import io

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.sim.authorities import Authority, read_panel, shipped_panel
from ehcplan.sim.panel_faults import COUNTS, find_faults, panel_faults, set_aside

HEADER = [
    "year", "geographic_level", "code", "old_la_code", "name", "region_name",
    "requests", "requests_refused", "assessments_plan_issued", "assessments_no_plan",
    "pc_within_20_weeks_ex", "plans_issued_20_to_52_weeks_ex",
    "plans_issued_over_52_weeks_ex", "plans_issued", "plans_issued_within_20_weeks_ex",
    "plans_issued_ex", "new_plans", "plans_in_place_january",
]  # fmt: skip


def _panel(rows):
    """A panel's CSV text from rows given as dicts (missing cells are empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in HEADER})
    return out.getvalue()


def _row(year, code, name, region="North East", level="Local authority", **figures):
    """One row with ordinary figures, changed by *figures*."""
    base = {
        "year": year,
        "geographic_level": level,
        "code": code,
        "old_la_code": code[-3:],
        "name": name,
        "region_name": region,
        "requests": 300,
        "requests_refused": 60,
        "assessments_plan_issued": 200,
        "assessments_no_plan": 10,
        "plans_issued": 200,
        "plans_issued_ex": 190,
        "plans_issued_within_20_weeks_ex": 95,
        "pc_within_20_weeks_ex": 50.0,
        "new_plans": 200,
        "plans_in_place_january": 1500,
    }
    return base | figures


def _region(year, region="North East", **figures):
    """A regional row: two authorities' ordinary figures added up."""
    totals = {
        "requests": 600,
        "requests_refused": 120,
        "assessments_plan_issued": 400,
        "assessments_no_plan": 20,
        "plans_issued": 400,
        "plans_issued_ex": 380,
        "plans_issued_within_20_weeks_ex": 190,
        "new_plans": 400,
        "plans_in_place_january": 3000,
    }
    return _row(
        year, "E12000001", region, region, level="Regional", **(totals | figures)
    )


def test_every_yorkshire_row_of_2022_carries_the_regional_total_and_it_is_left_out():
    """The known fault: 15 authorities' new_plans of 2022 are 6078; read, they are None."""
    raw = shipped_panel(check=False)
    checked = shipped_panel()
    faulty = [
        r
        for r in raw
        if r.level == "Local authority" and r.year == 2022 and r.new_plans == 6078
    ]
    names = {r.name for r in faulty}
    after = {
        r.name: r
        for r in checked
        if r.year == 2022 and r.name in names and r.level == "Local authority"
    }
    assert len(faulty) == 15
    assert {r.region for r in faulty} == {"Yorkshire and The Humber"}
    assert all(r.new_plans is None for r in after.values())
    assert after["Leeds"].plans_issued == 358  # the rest of the row is kept
    assert [f.kind for f in after["Leeds"].faults] == ["regional total"]


def test_a_regional_total_copied_into_one_authority_is_found():
    """A count equal to its region's, with another authority reporting, is a fault."""
    text = _panel(
        [
            _row(2022, "E06000001", "Alpha", new_plans=400),
            _row(2022, "E06000002", "Beta"),
            _region(2022),
        ]
    )
    rows = read_panel(text)
    alpha = next(r for r in rows if r.name == "Alpha")
    assert alpha.new_plans is None
    assert [(f.column, f.kind, f.value) for f in alpha.faults] == [
        ("new_plans", "regional total", 400.0)
    ]
    assert "North East total for 2022 (400)" in str(alpha.faults[0])


def test_an_authority_alone_in_its_region_may_equal_the_region():
    """With nobody else reporting the column, equal to the region is not evidence of a fault."""
    text = _panel([_row(2022, "E06000001", "Alpha"), _region(2022, new_plans=200)])
    assert panel_faults(read_panel(text)) == ()


def test_a_zero_where_other_years_have_hundreds_is_not_returned():
    """West Berkshire's 0 requests in 2022 are set aside; small authorities' zeros are kept."""
    west_berkshire = next(
        r for r in shipped_panel() if r.name == "West Berkshire" and r.year == 2022
    )
    text = _panel(
        [
            _row(y, "E06000001", "Alpha", requests_refused=0 if y == 2021 else 60)
            for y in (2020, 2021, 2022)
        ]
        + [
            _row(y, "E06000002", "Tiny", requests=3, requests_refused=0)
            for y in (2020, 2021)
        ]
    )
    faults = panel_faults(read_panel(text))
    assert west_berkshire.requests is None
    assert {f.column for f in west_berkshire.faults} == {"requests", "requests_refused"}
    assert [(f.name, f.year, f.column, f.kind) for f in faults] == [
        ("Alpha", 2021, "requests_refused", "not returned")
    ]


def test_counts_that_contradict_each_other_are_left_out():
    """More refusals than requests, a share its counts do not give, buckets that miss the plans."""
    text = _panel(
        [
            _row(2021, "E06000001", "Alpha", requests_refused=400),
            _row(2022, "E06000001", "Alpha", pc_within_20_weeks_ex=60.0),
            _row(
                2023,
                "E06000001",
                "Alpha",
                plans_issued_20_to_52_weeks_ex=20,
                plans_issued_over_52_weeks_ex=5,
            ),
            _row(
                2023,
                "E06000002",
                "Beta",
                plans_issued_20_to_52_weeks_ex=90,
                plans_issued_over_52_weeks_ex=5,
            ),
        ]
    )
    rows = read_panel(text)
    found = [(f.year, f.name, f.column, f.kind) for f in panel_faults(rows)]
    assert found == [
        (2021, "Alpha", "requests_refused", "inconsistent"),
        (2022, "Alpha", "pc_within_20_weeks_ex", "inconsistent"),
        (2023, "Alpha", "plans_issued_20_to_52_weeks_ex", "inconsistent"),
        (2023, "Alpha", "plans_issued_over_52_weeks_ex", "inconsistent"),
    ]
    assert [r.pc_within_20_weeks_ex for r in rows] == [50.0, None, 50.0, 50.0]


def test_an_authority_published_under_two_codes_is_joined_by_its_old_code():
    """Buckinghamshire is E10000002 in 2019 and 2023 and E06000060 between: one series, noted."""
    rows = [r for r in shipped_panel() if r.name == "Buckinghamshire"]
    assert [(r.year, r.code) for r in rows] == [
        (2020, "E06000060"),
        (2021, "E06000060"),
        (2022, "E06000060"),
        (2019, "E10000002"),
        (2023, "E10000002"),
    ]
    assert {r.series for r in rows} == {"825"}
    noted = [f for r in rows for f in r.faults]
    assert [(f.year, f.kind, f.left_out) for f in noted] == [
        (2019, "code changed", False),
        (2023, "code changed", False),
    ]
    assert rows[-1].requests == 1577  # kept


def test_reading_unchecked_keeps_the_panel_as_published():
    """check=False leaves every published value in place and records no fault."""
    raw = shipped_panel(check=False)
    assert panel_faults(raw) == ()
    assert sum(r.new_plans == 6078 for r in raw if r.level == "Local authority") == 15


_ROW = st.fixed_dictionaries(
    {column: st.one_of(st.none(), st.integers(0, 500)) for column in COUNTS}
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ROW, min_size=1, max_size=6), st.integers(0, 2))
def test_setting_aside_changes_only_the_values_found_faulty(figures, regional):
    """Every value left out becomes None; every other value, and every row, is kept."""
    rows = [
        Authority(
            level="Local authority" if i != regional else "Regional",
            code=f"E0600000{i % 3}",
            name=f"LA {i % 3}" if i != regional else "North East",
            region="North East",
            year=2020 + i // 3,
            pc_within_20_weeks_ex=None,
            old_code=str(i % 3),
            **{
                k: v
                for k, v in row.items()
                if k in {f.name for f in attrs.fields(Authority)}
            },
        )
        for i, row in enumerate(figures)
    ]
    faults = find_faults(rows)
    checked = set_aside(rows, faults)
    left_out = {(f.code, f.year, f.column) for f in faults if f.left_out}
    assert len(checked) == len(rows)
    for before, after in zip(rows, checked, strict=True):
        for column in COUNTS:
            if (
                before.code,
                before.year,
                column,
            ) in left_out and before.level != "Regional":
                assert getattr(after, column) is None
            else:
                assert getattr(after, column) == getattr(before, column)
