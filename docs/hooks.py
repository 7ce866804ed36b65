"""MkDocs hooks: pages generated from the code, so the docs cannot disagree with it."""

from __future__ import annotations

from typing import Any

RULES = "<!-- rules table -->"
CLI = "<!-- cli help -->"


def _rules() -> str:
    from ehcplan.timeline import ExceptionGround, table
    from ehcplan.timeline.grounds import can_disapply

    rows = [
        "| clock | the rule | exception grounds that can disapply it | provision |",
        "|---|---|---|---|",
    ]
    for clock in table.ALL:
        grounds = (
            ", ".join(g.value for g in ExceptionGround if can_disapply(g, clock.limit))
            if clock.limit is not None
            else ""
        )
        rows.append(
            f"| {clock.name} | {clock.describe()} | {grounds or 'none'} | {clock.cites} |"
        )
    return "\n".join(rows)


def _cli() -> str:
    from ehcplan.cli import _parser

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


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill the generated tables into the pages that ask for them."""
    if RULES in markdown:
        markdown = markdown.replace(RULES, _rules())
    if CLI in markdown:
        markdown = markdown.replace(CLI, _cli())
    return markdown
