"""Reading an import file into records: the JSON decoded a piece at a time (import_json.py),
recognised as a Tally export or ChatGPT's conversations.json, and checked whole, each
conversation read into its record as soon as it is decoded. The writing is importer.py's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t, text_of
from desktop_app.core.transfer import import_json
from desktop_app.core.transfer.import_chatgpt import chatgpt_conversation, read_chatgpt_export
from desktop_app.core.transfer.import_records import (
    ImportedConversation,
    Malformed,
    Reading,
    as_object,
)
from desktop_app.core.transfer.import_tally import (
    is_tally_export,
    read_tally_export,
    tally_conversation,
)


def read_import_file(
    path: Path | str, providers: Sequence[Provider] = (), reading: Reading | None = None
) -> list[ImportedConversation]:
    """Read and check a whole file; raises ConfigError naming the file and the place."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig") as stream:
            data = import_json.load(stream, each=_read_as_decoded(providers, reading))
    except Malformed as exc:  # a conversation read as it was decoded
        raise _faulty(str(path), exc) from None
    except OSError as exc:
        raise ConfigError(
            t("Cannot read {path}: {error}.", path=path, error=reason_of(exc))
        ) from exc
    except UnicodeDecodeError as exc:  # before ValueError, which it is
        raise ConfigError(
            t("{path} is not a UTF-8 text file, so not a JSON export.", path=path)
        ) from exc
    except (json.JSONDecodeError, ValueError) as exc:
        raise ConfigError(t("{path} is not JSON: {error}.", path=path, error=exc)) from exc
    except RecursionError:
        raise ConfigError(
            t("{path} nests its JSON too deeply to be an export.", path=path)
        ) from None
    try:
        return parse_export(data, source=str(path), providers=providers, reading=reading)
    finally:
        let_go(data.get("conversations") if isinstance(data, dict) else data)


def _read_as_decoded(providers: Sequence[Provider], reading: Reading | None) -> import_json.Each:
    """Each conversation of the file read into its record as soon as it is decoded (a ChatGPT
    file's, or a Tally export's whose "format" and "version", written before its list, were
    checked), so that the decoded JSON of one conversation at a time is in memory; others are
    left to _parse() with the rest of the file."""

    def read(index: int, item: object, outer: dict[str, Any] | None) -> object:
        if reading is not None and index % 100 == 0:
            reading()
        where = f"conversations[{index}]"
        if outer is None:  # the outer list of a conversations.json
            return chatgpt_conversation(as_object(item, where), where)
        if is_tally_export(outer):
            return tally_conversation(as_object(item, where), where, providers)
        return item

    return read


def parse_export(
    data: object,
    *,
    source: str = t("the file"),
    providers: Sequence[Provider] = (),
    reading: Reading | None = None,
) -> list[ImportedConversation]:
    """Recognise and check decoded JSON: a Tally export, or ChatGPT's conversations.json.

    Raises ConfigError naming `source` and the place in it that is wrong.
    """
    try:
        return _parse(data, providers, reading)
    except Malformed as exc:
        raise _faulty(source, exc) from None


def _faulty(source: str, fault: Malformed) -> ConfigError:
    """The error naming the file and the place in it that is wrong."""
    return ConfigError(t("{source}: {problem}", source=source, problem=text_of(fault)))


def _parse(
    data: object, providers: Sequence[Provider], reading: Reading | None
) -> list[ImportedConversation]:
    if isinstance(data, dict) and "format" in data:
        return read_tally_export(data, providers, reading)
    if isinstance(data, list):
        return read_chatgpt_export(data, reading)
    if isinstance(data, dict) and "mapping" in data:  # one ChatGPT conversation on its own
        return read_chatgpt_export([data], reading)
    raise Malformed(
        t(
            'neither a Tally export (an object with "format": "tally-export") nor a ChatGPT'
            " conversations.json (a list of conversations)"
        )
    )


def let_go(items: object) -> None:
    """Empty a big list a slice at a time. Freeing millions of objects in one go holds the GIL
    as long (a third of a second for 100,000 messages) and the window's thread waits for it;
    between two slices it gets its turn."""
    if isinstance(items, list):
        while items:
            del items[-_LET_GO:]


_LET_GO = 100
"""Conversations freed at a time (a few ms)."""
