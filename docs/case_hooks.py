"""MkDocs hook: the case JSON reference page, generated from the case's JSON Schema."""

from __future__ import annotations

import json
from typing import Any

EVENTS = "<!-- case events -->"


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        kept = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(_type(s) for s in kept) + ", or null"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type(schema['items'])}"
    if kind == "object":
        return f"object of {_type(schema['additionalProperties'])}"
    if schema.get("format") == "date":
        return "date (text, YYYY-MM-DD)"
    if "£" in schema.get("pattern", ""):
        return 'money (text, "£10,363.00")'
    return {"string": "text", "boolean": "true or false", "integer": "whole number"}[
        kind
    ]


def _table(name: str, definition: dict[str, Any]) -> list[str]:
    rows = [
        f"### `{name}` {{#{name.lower()}}}",
        "",
        definition["description"],
        "",
        "| field | type | required | meaning |",
        "|---|---|---|---|",
    ]
    for field, schema in definition["properties"].items():
        required = "yes" if field in definition["required"] else "no"
        meaning = schema.get(
            "description", "the kind of event" if field == "event" else ""
        )
        rows.append(f"| `{field}` | {_type(schema)} | {required} | {meaning} |")
    return [*rows, ""]


def _events() -> str:
    import ehcplan as ehc

    schema = ehc.Case.json_schema()
    kinds = {t.kind for t in ehc.cases.EVENT_TYPES}
    parts = ["## Events", ""]
    for name, definition in schema["$defs"].items():
        if name in kinds:
            parts += _table(name, definition)
    parts += ["## Values inside events", ""]
    for name, definition in schema["$defs"].items():
        if name not in kinds:
            parts += _table(name, definition)
    parts += [
        "## The schema itself",
        "",
        "```json",
        json.dumps({k: v for k, v in schema.items() if k != "$defs"}, indent=2),
        "```",
    ]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill the events tables into the page that asks for them."""
    if EVENTS in markdown:
        markdown = markdown.replace(EVENTS, _events())
    return markdown
