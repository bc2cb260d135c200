"""Incremental Server-Sent Events decoder: bytes in, events out, as WHATWG HTML specifies.

The rules are those of the HTML standard's "event stream interpretation": UTF-8 with U+FFFD for
bad bytes, one leading BOM dropped, CR, LF and CRLF line ends (and no others), comments, the
`data` / `event` / `id` / `retry` fields, dispatch on an empty line of events whose data buffer is
not empty, and an unterminated event discarded at the end of the stream. How the bytes are split
into chunks never changes the result.

Memory is bounded: a line, or an event's lines, longer than `max_size` (64 MiB by default, far
above any real event) raises EventTooLarge instead of growing without end.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass

_STANDARD_FIELDS = frozenset({"data", "event", "id", "retry"})
MAX_SIZE = 64 * 1024 * 1024
"""The longest line, and the longest event (its lines together), SSEDecoder takes by default."""


class EventTooLarge(ValueError):
    """Raised when a line or an event of the stream grows past the decoder's `max_size`."""

    def __init__(self, max_size: int) -> None:
        super().__init__(f"a line or an event of the stream is larger than {max_size:,} bytes")
        self.max_size = max_size


@dataclass(slots=True)
class ServerSentEvent:
    """One dispatched event.

    `event` is "message" unless an `event` field named another type; `id` is the last event ID in
    force when the event was dispatched; `retry` is described on SSEDecoder. Not frozen: a frozen
    dataclass sets each field through object.__setattr__, which cost more than all the rest of
    decoding an event.
    """

    event: str
    data: str
    id: str
    retry: int | None


class SSEDecoder:
    """Turns chunks of an event stream into ServerSentEvents; `feed` as bytes arrive, then `close`.

    `retry` on an event is the value of the most recent valid `retry` field of the stream, or None
    if there has been none: like the last event ID it persists from event to event, because it is
    the stream's reconnection time, not a property of one event. A `retry` value with more
    significant digits than `int()` converts (sys.get_int_max_str_digits()) is ignored.

    `extra_fields` names non-standard fields to keep (none by default: strict WHATWG). Some servers
    (old llama.cpp) report a failure mid-stream as `error: {...}` and an empty line, with no
    `data`, which the standard drops silently. When a listed field was seen in an event whose data
    buffer is empty, the empty line dispatches `ServerSentEvent(event=<field name>, data=<its
    value>, ...)` instead of nothing; the last such field of the event wins. An event with data
    dispatches as usual, and its extra fields are dropped.
    """

    __slots__ = (
        "_begun",
        "_closed",
        "_data",
        "_event",
        "_extra",
        "_extra_fields",
        "_last_id",
        "_max_size",
        "_open_size",
        "_pending",
        "_retry",
        "_skip",
        "_unterminated",
    )

    def __init__(self, extra_fields: Iterable[str] = (), *, max_size: int = MAX_SIZE) -> None:
        self._max_size = max_size
        self._pending = 0  # bytes in _unterminated
        self._open_size = 0  # characters of the event still open since its first line
        self._extra_fields = frozenset(extra_fields)
        if clash := sorted(self._extra_fields & _STANDARD_FIELDS):
            raise ValueError(f"extra_fields must not name a standard field: {', '.join(clash)}")
        # The bytes after the last line end, kept as they came and joined once the line ends.
        # Only whole lines are decoded: a line end is ASCII, so it never falls inside a UTF-8
        # sequence, valid or not, and decoding line by line gives what decoding the whole
        # stream at once would.
        self._unterminated: list[bytes] = []
        # The character to drop if it comes next: a BOM at the very start, an LF after a CR.
        self._skip = "\ufeff"
        self._data: list[str] = []
        self._event = ""
        self._extra: tuple[str, str] | None = None
        self._begun = False  # the current event has data, a type or an extra field
        self._last_id = ""
        self._retry: int | None = None
        self._closed = False

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode the next bytes of the stream; return the events they complete."""
        if self._closed:
            raise RuntimeError("SSEDecoder.feed() called after close()")
        # Ints, not b"\n": `bytes in bytes` first tries the needle as an int, at the cost of
        # raising and clearing a TypeError.
        if 10 not in chunk and 13 not in chunk:  # no LF, no CR
            if chunk:
                self._unterminated.append(chunk)
                self._pending += len(chunk)
                if self._pending > self._max_size:
                    raise EventTooLarge(self._max_size)
            return []
        unterminated = self._unterminated
        if unterminated:
            # The line held so far ends in this chunk: it must not end past the limit.
            if self._pending + _first_line_end(chunk) > self._max_size:
                raise EventTooLarge(self._max_size)
            unterminated.append(chunk)
            chunk = b"".join(unterminated)
            unterminated.clear()
        last_cr = chunk.rfind(13)
        end = max(chunk.rfind(10), last_cr) + 1
        self._pending = len(chunk) - end
        if self._pending:
            if self._pending > self._max_size:
                raise EventTooLarge(self._max_size)
            unterminated.append(chunk[end:])
            chunk = chunk[:end]
        text = chunk.decode("utf-8", "replace")
        del chunk  # a long line is held once, as text, from here on
        if self._skip:
            if text[0] == self._skip:
                text = text[1:]
            self._skip = ""
        if last_cr >= 0:
            if last_cr == end - 1:
                self._skip = "\n"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        events = self._events(text)
        # Only a long chunk, or one that ends an event held from before, can hold an event
        # over the limit: the check costs nothing otherwise.
        limit = self._max_size
        if self._open_size + len(text) > limit and any(len(e.data) > limit for e in events):
            raise EventTooLarge(limit)
        if self._begun:  # an event goes on into the next chunk: how much of it is held
            blank = text.rfind("\n\n")
            held = len(text) - blank - 2 if blank >= 0 else self._open_size + len(text)
            if held > self._max_size:
                raise EventTooLarge(self._max_size)
            self._open_size = held
        else:
            self._open_size = 0
        return events

    def _events(self, text: str) -> list[ServerSentEvent]:
        """The events that whole lines of text (each ended by an LF) complete."""
        # `text` is now whole lines, each ended by an LF. Nearly every event is one `data: ` line
        # and an empty line: if that is all the text holds, it is the whole work.
        if text.find("\n") == len(text) - 2 and text[:6] == "data: " and not self._begun:
            return [ServerSentEvent("message", text[6:-2], self._last_id, self._retry)]
        # Else the text is cut where an empty line is followed by a data line: a piece between
        # two cuts that holds no line end is the data of one event.
        pieces = text.split("\n\ndata: ")
        last = pieces.pop()
        if not pieces:
            lines = last.split("\n")
            lines.pop()
            return self._interpret(lines)

        # The first piece is followed by an empty line like the others, but it may end an event
        # begun in an earlier chunk, and still has the `data: ` the cuts took from the others.
        head = pieces[0]
        events: list[ServerSentEvent] = []
        if "\n" in head or self._begun:
            events = self._interpret([*head.split("\n"), ""])
            del pieces[0]
        elif head[:6] == "data: ":
            pieces[0] = head[6:]
        elif not head or head[0] == ":":  # an empty line or a comment, then an empty line
            del pieces[0]
        else:
            events = self._interpret([head, ""])
            del pieces[0]
        emit = events.append
        last_id = self._last_id
        retry = self._retry
        for piece in pieces:
            if "\n" in piece:
                events += self._interpret([*("data: " + piece).split("\n"), ""])
                last_id = self._last_id
                retry = self._retry
                continue
            emit(ServerSentEvent("message", piece, last_id, retry))
        # The last piece is whole lines after a cut: often one event's data and an empty line.
        if last[-2:] == "\n\n":
            value = last[:-2]
            if "\n" not in value:
                emit(ServerSentEvent("message", value, last_id, retry))
                return events
        lines = ("data: " + last).split("\n")
        lines.pop()
        events += self._interpret(lines)
        return events

    def close(self) -> list[ServerSentEvent]:
        """End the stream, discarding an event that no empty line ended, as the standard says.

        Nothing complete can be pending: a CR at the end of the last chunk already ended its line
        in `feed`. The empty list is returned so that callers treat `close` like `feed`. `feed`
        raises RuntimeError from now on.
        """
        self._closed = True
        self._unterminated.clear()
        self._pending = self._open_size = 0
        self._data.clear()
        self._event = ""
        self._extra = None
        self._begun = False
        return []

    def _interpret(self, lines: list[str]) -> list[ServerSentEvent]:
        """Apply the field rules to whole lines, dispatching on each empty one."""
        events: list[ServerSentEvent] = []
        data = self._data
        event_type = self._event
        last_id = self._last_id
        retry = self._retry
        extra = self._extra
        for line in lines:
            if not line:
                if data:
                    events.append(
                        ServerSentEvent(event_type or "message", "\n".join(data), last_id, retry)
                    )
                    data.clear()
                elif extra is not None:
                    events.append(ServerSentEvent(extra[0], extra[1], last_id, retry))
                event_type = ""
                extra = None
                continue
            # The usual shapes first, without the general parsing below.
            if line[:6] == "data: ":
                data.append(line[6:])
                continue
            if line[:7] == "event: ":
                event_type = line[7:]
                continue
            colon = line.find(":")
            if colon == 0:  # a comment
                continue
            if colon < 0:
                name = line
                value = ""
            elif line[colon + 1 : colon + 2] == " ":
                name = line[:colon]
                value = line[colon + 2 :]
            else:
                name = line[:colon]
                value = line[colon + 1 :]
            if name == "data":
                data.append(value)
            elif name == "event":
                event_type = value
            elif name == "id":
                if "\0" not in value:
                    last_id = value
            elif name == "retry":
                if value.isascii() and value.isdigit():
                    with suppress(ValueError):  # more digits than int() converts
                        retry = int(value.lstrip("0") or "0")
            elif name in self._extra_fields:
                extra = (name, value)
        self._event = event_type
        self._last_id = last_id
        self._retry = retry
        self._extra = extra
        self._begun = bool(data) or bool(event_type) or extra is not None
        return events


def _first_line_end(chunk: bytes) -> int:
    """Where the first line of `chunk` ends (a CR or an LF; the chunk holds one)."""
    lf, cr = chunk.find(10), chunk.find(13)
    return lf if cr < 0 or 0 <= lf < cr else cr
