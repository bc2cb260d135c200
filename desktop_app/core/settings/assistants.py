"""Assistants: named presets of a system prompt, parameters and, optionally, the provider and
model to start with, kept in `<data dir>/assistants.toml` (DESIGN.md, "Assistants").

"Default" (plain chat: no system prompt, nothing set) is always first and never stored. With no
file, the shipped assistants are listed (shipped_assistants.py); once the user saves, the file
holds the whole list, shipped ones included, and is read as it is. A hand-edited file that does
not load gets an error naming the line, and is kept as .bak before anything is written over it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import keep_aside, reason_of, replace_atomically
from desktop_app.core.parameters import NUMBERS, Parameters, problem_with
from desktop_app.core.settings import shipped_assistants as shipped
from desktop_app.core.settings.toml_text import key_line, table_starts, toml_document
from desktop_app.core.text.language import Language, chosen, system_locale
from desktop_app.core.text.messages import Text, say, t

FILE_NAME = "assistants.toml"
DEFAULT_NAME = "Default"
EXPORT_FORMAT = "tally-assistants"

_KEYS = ("name", "system", "provider", "model", *NUMBERS)
_HEADER = re.compile(r"^\s*\[\[\s*assistant\s*\]\]")
_FILE_HEADER = (
    "# Tally's assistants: a system prompt and parameters each (see the README's 'Assistants').\n"
    "# Tally rewrites this file when you change an assistant in the app; comments are not kept.\n"
)


def _problem(assistant: Assistant) -> Text | None:
    if not isinstance(assistant.name, str) or not assistant.name.strip():
        return t("an assistant needs a name")
    if assistant.name != assistant.name.strip() or "\n" in assistant.name:
        return t("a name has no spaces around it and no line break")
    for key in ("provider", "model"):
        value = getattr(assistant, key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            return t("{name} must be text", name=key)
    if not isinstance(assistant.system, str):
        return t("system must be text")
    for key in NUMBERS:
        problem = problem_with(key, getattr(assistant, key))
        if problem is not None:
            return problem
    return None


@dataclass(frozen=True, slots=True)
class Assistant:
    """A named preset; a value out of range, or an empty name, raises ConfigError."""

    name: str
    system: str = ""
    provider: str | None = None
    """The provider's id, with `model`: what a conversation with it starts on (None: the
    one chosen in the window)."""
    model: str | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    thinking_budget: int | None = None
    context_turns: int | None = None

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem is not None:
            raise ConfigError(problem)

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT_NAME

    def parameters(self) -> Parameters:
        """What a conversation with this assistant asks with."""
        numbers = {name: getattr(self, name) for name in NUMBERS}
        return Parameters(system=self.system or None, **numbers)

    def as_dict(self) -> dict[str, Any]:
        """The settings that are set, by name (the JSON export's and the file's)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {key: value for key, value in values.items() if value not in (None, "")}


DEFAULT = Assistant(DEFAULT_NAME)
"""Plain chat: no system prompt, every parameter the provider's own."""


def shipped_assistants(language: Language = "en") -> list[Assistant]:
    """The assistants Tally comes with, their prompts in `language`."""
    return [
        Assistant(name, prompts[language], **shipped.SETTINGS[name])  # type: ignore[arg-type]
        for name, prompts in shipped.PROMPTS.items()
    ]


def assistants_file(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_assistants(data_dir: Path, language: Language | None = None) -> list[Assistant]:
    """Default, then the file's assistants, or the shipped ones (in `language`; None: the
    system's) when there is no file. A file that does not load raises ConfigError."""
    path = assistants_file(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [DEFAULT, *shipped_assistants(language or chosen("system", system_locale()))]
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("Cannot read {path}: {reason}.", path=str(path), reason=reason_of(exc))
        ) from exc
    return [DEFAULT, *parse_assistants(text, source=str(path))]


def save_assistants(data_dir: Path, assistants: Iterable[Assistant]) -> Path | None:
    """Write the assistants (Default left out) atomically. A file there that does not load (a
    hand edit gone wrong) is kept as assistants.toml.bak first, and that path is returned."""
    path = assistants_file(data_dir)
    text = dump_assistants(assistants)
    parse_assistants(text, source="the assistants to save")  # never write what would not load
    try:
        kept = _keep_unloadable(path)
        replace_atomically(path, text.encode("utf-8"))
    except (OSError, UnicodeEncodeError) as exc:
        raise ConfigError(t("Cannot write {path}: {reason}.", path=str(path), reason=exc)) from exc
    return kept


def find_assistant(assistants: Iterable[Assistant], name: str) -> Assistant | None:
    """The assistant of that name, whatever its case and the spaces around it."""
    wanted = name.strip().casefold()
    return next((a for a in assistants if a.name.casefold() == wanted), None)


def with_assistant(
    assistants: Sequence[Assistant], assistant: Assistant, replacing: str | None = None
) -> list[Assistant]:
    """The list with `assistant` added at the end, or in the place of the one named
    `replacing`; ConfigError when another one has its name, or it is Default."""
    if find_assistant([DEFAULT], assistant.name) is not None:
        raise ConfigError(t("the name {name} is Tally's own (plain chat)", name=DEFAULT_NAME))
    old = find_assistant(assistants, replacing) if replacing is not None else None
    clash = find_assistant(assistants, assistant.name)
    if clash is not None and clash is not old:
        raise ConfigError(t("the name {name} is used twice", name=clash.name))
    if old is None:
        return [*assistants, assistant]
    return [assistant if a is old else a for a in assistants]


def without_assistant(assistants: Sequence[Assistant], name: str) -> list[Assistant]:
    """The list without the assistant of that name (Default stays: it is not stored)."""
    gone = find_assistant(assistants, name)
    return [a for a in assistants if a is not gone or a.is_default]


def duplicate_assistant(assistants: Sequence[Assistant], name: str) -> Assistant:
    """A copy of the assistant of that name, under a name no other has ("… (copy)")."""
    original = find_assistant(assistants, name)
    if original is None:
        raise KeyError(name)
    copy_name = say("{name} (copy)", name=original.name)
    number = 2
    while find_assistant(assistants, copy_name) is not None:
        copy_name = say("{name} (copy {number})", name=original.name, number=number)
        number += 1
    fields_ = original.as_dict() | {"name": copy_name}
    return Assistant(**fields_)


# -- the file ---------------------------------------------------------------------------------


def parse_assistants(text: str, *, source: str = FILE_NAME) -> list[Assistant]:
    """The assistants in the text of an assistants file; errors name the file and the line."""
    document = toml_document(text, source)
    tables = document.get("assistant", [])
    if set(document) - {"assistant"} or not isinstance(tables, list):
        raise ConfigError(
            t("{source}: write each assistant as an [[assistant]] table.", source=source)
        )
    lines = text.splitlines()
    headers = table_starts(lines, _HEADER)
    found: list[Assistant] = []
    for index, table in enumerate(tables):
        start = headers[index] if index < len(headers) else 0
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)

        def place(
            key: str, problem: Text, start: int = start, end: int = end, index: int = index
        ) -> ConfigError:
            line = key_line(lines, start, end, key)
            return ConfigError(
                t(
                    "{source}, line {line} (assistant {number}): {problem}.",
                    source=source,
                    line=line + 1,
                    number=index + 1,
                    problem=problem,
                )
            )

        found.append(_checked(table, place, found))
    return found


def dump_assistants(assistants: Iterable[Assistant]) -> str:
    """The text of an assistants file for these assistants (Default left out)."""
    blocks = []
    for assistant in assistants:
        if assistant.is_default:
            continue
        lines = ["[[assistant]]"]
        for key, value in assistant.as_dict().items():
            lines.append(f"{key} = {_toml_value(value, multiline=key == 'system')}")
        blocks.append("\n".join(lines) + "\n")
    return _FILE_HEADER + "".join("\n" + block for block in blocks)


# -- import and export ------------------------------------------------------------------------


def import_assistants(path: Path) -> list[Assistant]:
    """The assistants in a file: JSON (.json: an export's object, or a list of assistants) or
    TOML (anything else, as assistants.toml is written). Raises ConfigError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("Cannot read {path}: {reason}.", path=str(path), reason=reason_of(exc))
        ) from exc
    if path.suffix.lower() != ".json":
        return parse_assistants(text, source=str(path))
    try:
        data = json.loads(text)
    except ValueError as exc:
        problem = t("{source} cannot be read: {problem}.", source=str(path), problem=exc)
        raise ConfigError(problem) from exc
    items = data.get("assistants") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(
            t("{source}: expected a list of assistants, or Tally's export of them.", source=path)
        )
    found: list[Assistant] = []
    for index, item in enumerate(items):

        def place(key: str, problem: Text, index: int = index) -> ConfigError:
            return ConfigError(
                t(
                    "{source}, assistant {number}: {problem}.",
                    source=str(path),
                    number=index + 1,
                    problem=problem,
                )
            )

        found.append(_checked(item, place, found))
    return found


def export_assistants(path: Path, assistants: Iterable[Assistant]) -> None:
    """Write the assistants (Default left out) to a file: JSON for .json, else TOML."""
    chosen_ones = [a for a in assistants if not a.is_default]
    if path.suffix.lower() == ".json":
        document = {
            "format": EXPORT_FORMAT,
            "version": 1,
            "assistants": [a.as_dict() for a in chosen_ones],
        }
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    else:
        text = dump_assistants(chosen_ones)
    try:
        replace_atomically(path, text.encode("utf-8"))
    except (OSError, UnicodeEncodeError) as exc:
        raise ConfigError(t("Cannot write {path}: {reason}.", path=str(path), reason=exc)) from exc


# -- internals --------------------------------------------------------------------------------


def _checked(table: Any, place: Any, before: list[Assistant]) -> Assistant:
    """One assistant from a table of the file (or an object of a JSON file), checked key by
    key so that the error names the line; `place(key, problem)` makes the error."""
    if not isinstance(table, dict):
        raise place("name", t("an assistant must be a table of settings"))
    for key in table:
        if key not in _KEYS:
            raise place(key, t("unknown setting {key}", key=key))
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise place("name", t("an assistant needs a name"))
    values = dict(table, name=name.strip())
    for key in ("temperature", "top_p"):  # a whole number in the file is a float here
        if isinstance(values.get(key), int) and not isinstance(values[key], bool):
            values[key] = float(values[key])
    for key, value in values.items():
        problem = problem_with(key, value) if key in (*NUMBERS, "system") else None
        if key in ("provider", "model") and (not isinstance(value, str) or not value.strip()):
            problem = t("{name} must be text", name=key)
        if problem is not None:
            raise place(key, problem)
    try:
        assistant = Assistant(**values)
    except ConfigError as exc:
        raise place("name", exc.args[0]) from exc
    if assistant.is_default or find_assistant([DEFAULT], assistant.name):
        raise place("name", t("the name {name} is Tally's own (plain chat)", name=DEFAULT_NAME))
    if (other := find_assistant(before, assistant.name)) is not None:
        raise place("name", t("the name {name} is used twice", name=other.name))
    return assistant


def _keep_unloadable(path: Path) -> Path | None:
    """Copy a file that does not load to a backup no other file has; None if it loads (or is
    not there)."""
    try:
        parse_assistants(path.read_text(encoding="utf-8"), source=str(path))
        return None
    except FileNotFoundError:
        return None
    except (ConfigError, UnicodeDecodeError):
        old = path.read_bytes()
    return keep_aside(path, old)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def _toml_value(value: object, *, multiline: bool) -> str:
    """A TOML value: a number as it is, text as a basic string; a system prompt with line
    breaks as a multi-line string, so that the file reads (and edits) as the prompt does."""
    if not isinstance(value, str):
        return repr(value)
    breaks = multiline and "\n" in value
    out = []
    for char in value:
        if char == "\n":
            out.append("\n" if breaks else "\\n")
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    text = "".join(out)
    return f'"""\n{text}"""' if breaks else f'"{text}"'
