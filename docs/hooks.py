"""MkDocs hooks: pages generated from the code, so the docs cannot disagree with it."""

from __future__ import annotations

from typing import Any

RULES = "<!-- rules table -->"
CLI = "<!-- cli help -->"
DIAGRAM = "<!-- process diagram -->"
KPIS = "<!-- kpi table -->"
SCENARIO_KEYS = "<!-- scenario keys -->"
OUTPUTS = "<!-- show outputs -->"


def _rules() -> str:
    """The audit of every time limit, and the fact test of every exception ground."""
    from ehcplan.timeline import ExceptionGround, audit
    from ehcplan.timeline.facts import FACT_TESTS, GROUND_CITES

    def link(cites: str) -> str:
        url = audit.legislation_url(cites)
        return f"[{cites}]({url})" if url else cites

    rows = [
        "| provision | the limit | its clock, or why there is none "
        "| grounds that can disapply it | worked example |",
        "|---|---|---|---|---|",
    ]
    for entry in audit.AUDIT:
        checked = entry.checked.value
        if entry.unconfirmed:
            checked += f"; unconfirmed: {entry.unconfirmed}"
        clocks = [f"`{c.name}`: {c.describe()}" for c in entry.clocks]
        if entry.reason:
            clocks.append(entry.reason if entry.clocks else f"No clock. {entry.reason}")
        grounds = sorted(
            {
                # The provision is the row's own instrument: name the paragraph only.
                f"{ground.value} "
                f"({GROUND_CITES[ground, clock.limit].replace('SI 2014/1530 ', '')})"
                for clock in entry.clocks
                if clock.limit is not None
                for ground in ExceptionGround
                if (ground, clock.limit) in GROUND_CITES
            }
        )
        examples = [e.says for e in entry.examples]
        if entry.example:
            examples.append(entry.example)
        rows.append(
            f"| {link(entry.cites)}<br>*{checked}* "
            f"| {entry.limit}<br>*who:* {entry.duty_holder} "
            f"| {'<br>'.join(clocks)} "
            f"| {'<br>'.join(grounds) or 'none'} "
            f"| {'<br>'.join(examples)} |"
        )
    rows += [
        "",
        "## The facts behind each exception ground",
        "",
        "`ehcplan.timeline.supports(ground, limit, facts, trigger=...)` checks these "
        "from recorded facts and returns a `Verdict` with its reasons and citations.",
        "",
        "| ground | the fact it reads | its test | provisions |",
        "|---|---|---|---|",
    ]
    for ground, (kind, test) in FACT_TESTS.items():
        cites = "<br>".join(
            link(cites)
            for (each, _limit), cites in GROUND_CITES.items()
            if each is ground
        )
        rows.append(f"| {ground.value} | `{kind.__name__}` | {test} | {cites} |")
    return "\n".join(rows)


def _cli() -> str:
    from ehcplan.cli.app import _parser

    parser = _parser()
    parts = ["```text", parser.format_help().rstrip(), "```"]
    commands = next(a for a in parser._actions if a.dest == "command")
    for name, command in commands.choices.items():  # type: ignore[union-attr]
        parts += [
            f"## `ehcplan {name}`",
            "",
            "```text",
            command.format_help().rstrip(),
            "```",
            "",
        ]
    return "\n".join(parts)


def _attribute_docs(cls: type) -> dict[str, str]:
    """The *Attributes:* section of a class's Google-style docstring, by name."""
    import inspect

    from griffe import Docstring, DocstringSectionKind

    parsed = Docstring(inspect.cleandoc(cls.__doc__ or "")).parse("google")
    return {
        item.name: " ".join(item.description.split())
        for section in parsed
        if section.kind is DocstringSectionKind.attributes
        for item in section.value
    }


def _toml_type(hint: Any) -> str:
    """A field's type as it is written in a scenario file."""
    import datetime as dt
    import enum
    import types
    import typing
    from collections.abc import Mapping

    import attrs

    from ehcplan.cases import CeaseReason, RequestSource
    from ehcplan.money import Money
    from ehcplan.sim.amounts import AMOUNTS
    from ehcplan.sim.distributions import DISTRIBUTIONS

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if set(args) == set(DISTRIBUTIONS):
            return "[distribution](#distribution)"
        if set(args) == set(AMOUNTS):
            return "[amount](#amount)"
        kept = [a for a in args if a is not type(None)]
        return " or ".join(_toml_type(a) for a in kept) + ", or left out"
    if origin is tuple:
        return f"array of {_toml_type(args[0])}s"
    if attrs.has(hint):
        return f"[table](#{hint.__name__.lower()})"
    if origin is Mapping:
        key, value = args
        if key is int:
            return f"table of {_toml_type(value)}s keyed by weeks a year"
        if key is str and attrs.has(value):
            return (
                f"table of [{value.__name__.lower()}](#{value.__name__.lower()}) "
                "tables keyed by the policy's RAS scheme ids"
            )
        if key is str:
            return f"table of {_toml_type(value)}s keyed by name (see its meaning)"
        words = (
            [s.name.lower() for s in key]
            if key in (RequestSource, CeaseReason)
            else [f'"{m.value}"' for m in key]
            if issubclass(key, enum.Enum)
            else []
        )
        return f"table of {_toml_type(value)}s keyed by " + ", ".join(
            f"`{w}`" for w in words
        )
    if hint is Money:
        return 'text: a sum of money, e.g. `"£450"`'
    names = {
        float: "number",
        int: "whole number",
        bool: "true or false",
        str: "text",
        dt.date: "date",
    }
    return names[hint]


def _scenario_keys() -> str:
    """Every key of a scenario file, table by table, from the attrs classes."""
    import typing
    from collections.abc import Mapping

    import attrs

    from ehcplan.policy import LocalPolicy
    from ehcplan.sim import amounts, distributions, scenario

    # The file names the policy (its reader loads it), and never writes policy_ref.
    named = {LocalPolicy}
    not_in_file = {"policy_ref"}
    paths: dict[type, list[str]] = {scenario.Scenario: []}
    order = [scenario.Scenario]
    for cls in order:  # grows as nested tables are found
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            table, suffix = _nested_table(hints[field.name])
            if field.init and table is not None and table not in named:
                if table not in paths:
                    paths[table] = []
                    order.append(table)
                for parent in paths[cls] or [""]:
                    paths[table].append(f"{parent}.{field.name}{suffix}".lstrip("."))
    parts: list[str] = []
    for cls in order:
        docs = _attribute_docs(cls)
        hints = typing.get_type_hints(cls)
        heading = ", ".join(f"`[{p}]`" for p in paths[cls]) or "The top level"
        parts += [
            f"### {heading} {{#{cls.__name__.lower()}}}",
            "",
            inspect_summary(cls),
            "",
            "| key | type | default | meaning |",
            "|---|---|---|---|",
        ]
        for field in attrs.fields(cls):
            if not field.init or field.name in not_in_file:
                continue
            if field.name not in docs:
                msg = f"{cls.__name__}.{field.name} has no description in its docstring"
                raise ValueError(msg)
            hint = hints[field.name]
            table, _ = _nested_table(hint)
            if field.default is attrs.NOTHING:
                default = "required"
            elif table is not None and table not in named:
                default = "optional"
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                default = _literal(field.default.factory())
            else:
                default = _literal(field.default)
            kind = (
                "text: a shipped policy's name or a policy file's path"
                if hint in named
                else f"[table](#{table.__name__.lower()}), or left out"
                if table is not None
                and not attrs.has(hint)
                and typing.get_origin(hint) is not Mapping
                else _toml_type(hint)
            )
            parts.append(
                f"| `{field.name}` | {kind} | {default} | {docs[field.name]} |"
            )
        parts.append("")
    parts += [
        "### Distributions {#distribution}",
        "",
        "A duration in days is a table with its `kind` and that kind's keys.",
        "",
        "| kind | keys | what it draws |",
        "|---|---|---|",
    ]
    for kind, made in distributions._KINDS.items():
        keys = ", ".join(f"`{f.name}`" for f in attrs.fields(made))
        parts.append(f"| `{kind}` | {keys} | {inspect_summary(made)} |")
    parts += [
        "",
        "### Amounts {#amount}",
        "",
        "An amount of money is a table with its `kind` and that kind's keys, each "
        'amount text in pounds (`"£3,500"`); each draw is rounded once to a whole penny.',
        "",
        "| kind | keys | what it draws |",
        "|---|---|---|",
    ]
    for kind, made in amounts.KINDS.items():
        keys = ", ".join(f"`{f.name}`" for f in attrs.fields(made))
        parts.append(f"| `{kind}` | {keys} | {inspect_summary(made)} |")
    return "\n".join(parts)


def _nested_table(hint: Any) -> tuple[type | None, str]:
    """The attrs class a field's value is a table of, and the key path it adds.

    A section (``Resources``), an optional one (``Resources | None``), or a table of
    them keyed by name (``Mapping[str, Form]``: ``.<scheme id>``).
    """
    import types
    import typing
    from collections.abc import Mapping

    import attrs

    if attrs.has(hint):
        return hint, ""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        if len(kept) == 1 and attrs.has(kept[0]):
            return kept[0], ""
    if origin is Mapping and args[0] is str and attrs.has(args[1]):
        return args[1], ".<scheme id>"
    return None, ""


def inspect_summary(cls: type) -> str:
    """The first line of a class's docstring."""
    return (cls.__doc__ or "").strip().splitlines()[0]


def _literal(value: object) -> str:
    """A default value as it would be written in TOML."""
    import enum
    from collections.abc import Mapping

    from ehcplan.sim.amounts import AMOUNTS, amount_to_dict
    from ehcplan.sim.distributions import DISTRIBUTIONS, distribution_to_dict

    if isinstance(value, AMOUNTS):
        table = ", ".join(f'{k} = "{v}"' for k, v in amount_to_dict(value).items())
        return "`{ " + table + " }`"
    if isinstance(value, DISTRIBUTIONS):
        table = ", ".join(
            f"{k} = {v!r}" for k, v in distribution_to_dict(value).items()
        )
        return "`{ " + table.replace("'", '"') + " }`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value is None:
        return "left out"
    if isinstance(value, Mapping):
        if not value:
            return "none"
        return (
            "`{ "
            + ", ".join(
                f"{k.name.lower() if isinstance(k, enum.Enum) else k} = {v}"
                for k, v in value.items()
            )
            + " }`"
        )
    if isinstance(value, tuple):
        if not value:
            return "`[]`"
        if len(set(value)) == 1:
            return f"{len(value)} × `{value[0]}`"
        return f"`{list(value)}`"
    return f"`{value}`"


def _kpis() -> str:
    """The KPIs in report order, with what each measures."""
    from ehcplan.sim.report import KPI_LABELS
    from ehcplan.sim.results import KPIS

    rows = ["| KPI | what it measures |", "|---|---|"]
    rows += [f"| `{name}` | {KPI_LABELS[name]} |" for name in KPIS]
    return "\n".join(rows)


def _diagram() -> str:
    """The initial assessment's 20 weeks as an SVG, from the clocks and the schedule."""
    import datetime as dt

    import ehcplan as ehc
    from ehcplan.cases.schedule import Step, latest_safe_dates
    from ehcplan.timeline import table

    received = dt.date(2024, 9, 2)
    latest = dict(
        latest_safe_dates(ehc.Case(reference="diagram", received_on=received))
    )

    def day(clock: Any, trigger: dt.date) -> int:
        return (clock.last_day(trigger) - received).days

    def since(step: Step) -> int:
        return (latest[step] - received).days

    # (label, first day, last day, kind, provision)
    rows = [
        (
            "decision whether to assess",
            0,
            day(table.DECISION_TO_ASSESS, received),
            "law",
            table.DECISION_TO_ASSESS.cites,
        ),
        (
            "advice from each body asked",
            since(Step.ADVICE_REQUESTED),
            since(Step.ADVICE_RECEIVED),
            "law",
            table.ADVICE.cites,
        ),
        (
            "panel decides on a plan",
            since(Step.PANEL),
            since(Step.PANEL),
            "practice",
            "local practice",
        ),
        (
            "no-plan notice at the latest",
            day(table.NO_PLAN_NOTICE, received),
            day(table.NO_PLAN_NOTICE, received),
            "law",
            table.NO_PLAN_NOTICE.cites,
        ),
        (
            "draft served: 15 days for the family",
            since(Step.DRAFT_SERVED),
            since(Step.DRAFT_SERVED) + table.REPRESENTATIONS.length - 1,
            "law",
            table.REPRESENTATIONS.cites,
        ),
        (
            "school consultation",
            since(Step.SCHOOL_CONSULTED),
            since(Step.SCHOOL_CONSULTED) + table.SCHOOL_CONSULTATION.length,
            "guidance",
            table.SCHOOL_CONSULTATION.cites,
        ),
        (
            "final plan issued",
            day(table.FINAL_PLAN, received),
            day(table.FINAL_PLAN, received),
            "law",
            table.FINAL_PLAN.cites,
        ),
    ]
    # Sized so that, at the text column's width, labels read at the body text's size.
    left, width, row, top = 300, 380, 36, 30
    weeks = table.FINAL_PLAN.length
    x = lambda d: left + width * d / (weeks * 7)  # noqa: E731 - a scale
    colours = {"law": "#1565c0", "guidance": "#78909c", "practice": "#ef6c00"}
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 200} '
        f'{top + row * len(rows) + 40}" role="img" class="ehc-diagram" '
        'aria-label="The 20 weeks of an EHC needs assessment" font-family="sans-serif" '
        'font-size="15">'
    ]
    for week in range(0, weeks + 1, 2):
        svg.append(
            f'<line x1="{x(week * 7):.1f}" y1="{top - 8}" x2="{x(week * 7):.1f}" '
            f'y2="{top + row * len(rows)}" stroke="#cfd8dc" stroke-width="1"/>'
            f'<text x="{x(week * 7):.1f}" y="{top - 14}" text-anchor="middle" '
            f'fill="#546e7a">{"week " if week == 0 else ""}{week}</text>'
        )
    for i, (label, first, last, kind, cites) in enumerate(rows):
        y = top + i * row + 8
        svg.append(
            f'<text x="{left - 10}" y="{y + 13}" text-anchor="end" fill="currentColor">'
            f"{label}</text>"
        )
        if last > first:
            svg.append(
                f'<rect x="{x(first):.1f}" y="{y}" width="{x(last) - x(first):.1f}" '
                f'height="18" rx="3" fill="{colours[kind]}"/>'
            )
        else:
            svg.append(
                f'<circle cx="{x(first):.1f}" cy="{y + 9}" r="7" fill="{colours[kind]}"/>'
            )
        svg.append(
            f'<text x="{x(last) + 12:.1f}" y="{y + 13}" fill="#546e7a" '
            f'font-size="13">{cites}</text>'
        )
    y = top + row * len(rows) + 22
    for j, (kind, words) in enumerate(
        (
            ("law", "the law (must)"),
            ("guidance", "guidance (should)"),
            ("practice", "local practice"),
        )
    ):
        svg.append(
            f'<rect x="{left - 200 + j * 190}" y="{y - 11}" width="14" height="14" rx="2" '
            f'fill="{colours[kind]}"/><text x="{left - 200 + j * 190 + 20}" y="{y}" '
            f'fill="currentColor">{words}</text>'
        )
    svg.append("</svg>")
    return "\n".join(svg)


def _with_outputs(markdown: str) -> str:
    """Run the page's Python blocks in order, as a reader would, and show what each prints.

    Each block runs in one namespace shared by the page, from the repository's
    folder; its printed output follows it, so the page shows what the code does now.
    """
    import contextlib
    import io
    import os
    import re
    from pathlib import Path

    namespace: dict[str, Any] = {}
    root = Path(__file__).resolve().parents[1]

    def run(match: re.Match[str]) -> str:
        printed = io.StringIO()
        cwd = Path.cwd()
        os.chdir(root)
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(match.group(1), "<tutorial>", "exec"), namespace)  # noqa: S102
        finally:
            os.chdir(cwd)
        output = printed.getvalue().rstrip()
        shown = f"\n\nIt prints:\n\n```text\n{output}\n```" if output else ""
        return match.group(0) + shown

    return re.sub(
        r"```python\n(.*?)```", run, markdown.replace(OUTPUTS, ""), flags=re.S
    )


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill the generated tables into the pages that ask for them."""
    if OUTPUTS in markdown:
        markdown = _with_outputs(markdown)
    if RULES in markdown:
        markdown = markdown.replace(RULES, _rules())
    if CLI in markdown:
        markdown = markdown.replace(CLI, _cli())
    if DIAGRAM in markdown:
        markdown = markdown.replace(DIAGRAM, _diagram())
    if SCENARIO_KEYS in markdown:
        markdown = markdown.replace(SCENARIO_KEYS, _scenario_keys())
    if KPIS in markdown:
        markdown = markdown.replace(KPIS, _kpis())
    return markdown
