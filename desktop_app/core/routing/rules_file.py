"""The rules file, `<data dir>/routing.toml`: reading it, telling the user exactly what is wrong
and on which line, and writing it back (Settings → Routing saves through save_routing).

No file means the rules Tally ships (shipped.py): a user who never wrote one routes by those.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of, replace_atomically
from desktop_app.core.routing.rules import CONDITIONS, ModelRef, Routing, Rule
from desktop_app.core.settings.toml_text import key_line, table_starts, toml_document
from desktop_app.core.text.messages import Text, t

_RULE_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]")
_LADDER_HEADER = re.compile(r"^\s*\[\s*ladder\s*\]")
_RULE_KEYS = {"name", "provider", "model", *CONDITIONS}

_FILE_HEADER = (
    "# Tally's routing rules: the first rule whose conditions all hold picks the model.\n"
    "# Tally rewrites this file when you save in Settings → Routing; comments are not kept.\n"
)


def load_routing(path: Path) -> Routing:
    """The rules of the file at `path`; the shipped rules when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default_routing()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("Cannot read {path}: {error}", path=path, error=reason_of(exc))
        ) from exc
    return parse_routing(text, source=str(path))


@cache
def default_routing() -> Routing:
    """The rules Tally ships (shipped.py), read once."""
    from desktop_app.core.routing.shipped import SHIPPED

    return parse_routing(SHIPPED, source="the shipped rules")


def parse_routing(text: str, *, source: str = "routing.toml") -> Routing:
    """The rules in the text of a rules file; a ConfigError names the file and the line."""
    document = toml_document(text, source)  # tomllib here: routing a question needs none
    lines = text.splitlines()
    unknown = set(document) - {"rule", "ladder"}
    if unknown:
        raise ConfigError(
            t(
                "{source}: unknown top-level setting {names}; only [[rule]] tables and [ladder].",
                source=source,
                names=", ".join(sorted(unknown)),
            )
        )
    tables = document.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(t("{source}: write rules as [[rule]] tables, not [rule].", source=source))
    headers = table_starts(lines, _RULE_HEADER)
    rules = []
    for index, table in enumerate(tables):
        start = headers[index] if index < len(headers) else 0
        end = _next_header(lines, start)
        place = _Place(source, lines, start, end, t("rule #{number}", number=index + 1))
        rules.append(_rule(table, place))
    ladder_line = next((n for n, line in enumerate(lines) if _LADDER_HEADER.match(line)), 0)
    ladder_place = _Place(source, lines, ladder_line, _next_header(lines, ladder_line), t("ladder"))
    ladder = _ladder(document.get("ladder", {}), ladder_place)
    try:
        return Routing(tuple(rules), ladder)
    except ConfigError as exc:
        name = _twice(rules)
        if name is not None:  # the second rule of that name
            n = [i for i, rule in enumerate(rules) if rule.name == name][1]
            start = headers[n] if n < len(headers) else 0
            place = _Place(
                source, lines, start, _next_header(lines, start), t("rule #{number}", number=n + 1)
            )
            raise place.error("name", exc.args[0]) from exc
        raise ladder_place.error("models", exc.args[0]) from exc


def _twice(rules: list[Rule]) -> str | None:
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            return rule.name
        seen.add(rule.name)
    return None


def _next_header(lines: list[str], start: int) -> int:
    for n in range(start + 1, len(lines)):
        if lines[n].lstrip().startswith("["):
            return n
    return len(lines)


@dataclass(frozen=True, slots=True)
class _Place:
    """Where in the file a table is, to name the line of a key that is wrong."""

    source: str
    lines: list[str]
    start: int
    end: int
    what: Text

    def error(self, key: str, problem: Text) -> ConfigError:
        line = key_line(self.lines, self.start, self.end, key)
        where = t(
            "{source}, line {line} ({what})", source=self.source, line=line + 1, what=self.what
        )
        return ConfigError(t("{where}: {problem}.", where=where, problem=problem))


def _rule(table: Any, place: _Place) -> Rule:
    if not isinstance(table, dict):
        raise place.error("rule", t("a rule must be a table of settings"))
    unknown = sorted(set(table) - _RULE_KEYS)
    if unknown:
        raise place.error(unknown[0], t("unknown setting {key!r}", key=unknown[0]))
    for key in ("name", "provider", "model"):
        if key not in table:
            raise place.error(key, t("the setting {key!r} is missing", key=key))
    try:
        return Rule(**table)
    except ConfigError as exc:
        raise place.error(_key_of(exc, table), exc.args[0]) from exc


def _key_of(error: ConfigError, table: dict[str, Any]) -> str:
    """The key a Rule's complaint is about: the first one it names (the table's line else)."""
    text = str(error)
    named = [key for key in table if re.search(rf"\b{re.escape(key)}\b", text)]
    return named[0] if named else "rule"


def _ladder(table: Any, place: _Place) -> tuple[ModelRef, ...]:
    if not isinstance(table, dict):
        raise place.error("ladder", t("the ladder must be a table: [ladder] models = [...]"))
    unknown = sorted(set(table) - {"models"})
    if unknown:
        raise place.error(unknown[0], t("unknown setting {key!r}", key=unknown[0]))
    models = table.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        raise place.error(
            "models",
            t('models must be a list like ["holysheep/deepseek-chat", "holysheep/gpt-4.1"]'),
        )
    try:
        return tuple(ModelRef.parse(model) for model in models)
    except ConfigError as exc:
        raise place.error("models", exc.args[0]) from exc


# -- writing ------------------------------------------------------------------------------------


def dump_routing(routing: Routing) -> str:
    """The text of a rules file holding `routing`."""
    blocks = []
    for rule in routing.rules:
        lines = ["[[rule]]", f"name = {_string(rule.name)}"]
        lines += [f"{key} = {_value(value)}" for key, value in rule.conditions.items()]
        lines += [f"provider = {_string(rule.provider)}", f"model = {_string(rule.model)}"]
        blocks.append("\n".join(lines) + "\n")
    if routing.ladder:
        steps = ", ".join(_string(str(step)) for step in routing.ladder)
        blocks.append(
            f"[ladder]  # cheapest first: what a stronger model means\nmodels = [{steps}]\n"
        )
    return _FILE_HEADER + "".join("\n" + block for block in blocks)


def save_routing(path: Path, routing: Routing) -> None:
    """Write the rules file atomically, readable by its owner only; the old file stays whole if
    anything fails. ConfigError says why it cannot be written."""
    text = dump_routing(routing)
    parse_routing(text, source="the rules to save")  # never write a file that does not read back
    try:
        replace_atomically(path, text.encode("utf-8"))
    except (OSError, UnicodeEncodeError) as exc:
        raise ConfigError(
            t("Cannot write {path}: {error}", path=path, error=reason_of(exc))
        ) from exc


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _string(str(value))


def _string(text: str) -> str:
    """A TOML string: a basic one ("...", JSON's escapes are TOML's), or for text with a
    backslash a literal one ('...', so a regular expression reads as it is written) when it
    can be."""
    plain = "'" not in text and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)
    if "\\" in text and plain:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)
