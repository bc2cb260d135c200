"""Markdown to the HTML subset of Qt's rich text, safe for untrusted model output, rendered whole
or block by block while an answer streams.

Safety: raw HTML is shown as text, images are shown as their alt text and never loaded, and only
http(s) links stay links. Reference definitions (`[x]: url`) are turned off, so that a block never
depends on text further down; that is what lets a streaming answer keep its finished blocks.

A long text can be rendered in parts (`part_chars`): a part ends before a paragraph or heading
that starts at least that many characters after the part's start (not right after a table),
wherever the text was cut while streaming, so a streamed text ends in the same parts as a whole
render of it.

markdown-it is imported when the first text is rendered (markdown_renderer.py), and Pygments when
the first code block is: a window that opens with no messages, or none with code, needs neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """A whole text rendered at once."""

    parts: list[str]
    """The HTML of each part, in order (one part unless `part_chars` was given)."""
    code_blocks: list[str]
    """The text of each code block, by the n of its `copy-code:<n>` link."""

    @property
    def html(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True, slots=True)
class MarkdownUpdate:
    """What changed after an `IncrementalMarkdown.update`."""

    stable_parts: list[str]
    """Blocks finished by this update, to append once after the earlier ones: the first item
    to the last part, each further item as a new part."""
    tail_parts: list[str]
    """The rest of the text, which replaces the previous tail: the first item after the stable
    blocks, each further item as a new part (only in the final update)."""

    @property
    def stable_html(self) -> str:
        return "".join(self.stable_parts)

    @property
    def tail_html(self) -> str:
        return "".join(self.tail_parts)


def render_markdown(
    text: str, *, dark: bool = False, part_chars: int | None = None
) -> RenderedMarkdown:
    """Render a whole text; the same HTML, and the same parts, as streaming it through
    `IncrementalMarkdown`."""
    codes: list[str] = []
    md = _markdown(dark)
    env = _render_env(codes, 0, streaming=False)
    if part_chars is None or len(text) < part_chars:
        return RenderedMarkdown([md.render(text, env)], codes)
    tokens = md.parse(text, env)
    breaks, _ = _Parts(part_chars).breaks(tokens, _LineOffsets(text, 0), len(text))
    return RenderedMarkdown(_render_parts(md, tokens, breaks, env), codes)


class IncrementalMarkdown:
    """Renders one growing text: each finished top-level block once, the unfinished tail each time.

    `update(text)` takes the whole text so far (each call's text extends the previous one). New
    lines are scanned once each, from a saved offset, for lines that may start a top-level block:
    after a blank line, not indented, not a list item, outside any code fence. The tail is then
    parsed once; everything before the last such line where markdown-it does start a block is
    finished, since nothing further down can change it. The tail shows an unclosed code fence as
    plain text; `update(text, final=True)` renders it as `render_markdown` would.
    """

    def __init__(self, *, dark: bool = False, part_chars: int | None = None) -> None:
        self._md: MarkdownIt = _markdown(dark)
        self._part_chars = part_chars
        self.scanned_chars = 0
        """Characters the block scanner examined: each one once, however the text arrives."""
        self._start()

    def _start(self) -> None:
        self._length = 0
        self._stable_end = 0  # where the tail starts: the start of a line
        self._scan_pos = 0  # the start of the first line not scanned yet
        self._searched_to = 0  # no line end between _scan_pos and here
        self._lines = 0  # lines between _stable_end and _scan_pos
        self._candidates: list[tuple[int, int]] = []  # (line in the tail, offset in the text)
        self._scanner = _LineScanner()
        self._stable_code: list[str] = []
        self._tail_code: list[str] = []
        self._parts = _Parts(self._part_chars)

    @property
    def code_blocks(self) -> list[str]:
        """The text of each code block so far, by the n of its `copy-code:<n>` link."""
        return self._stable_code + self._tail_code

    @property
    def tail_start(self) -> int:
        """Where the tail begins in the text: everything before it is rendered for good."""
        return self._stable_end

    def update(self, text: str, *, final: bool = False) -> MarkdownUpdate:
        if len(text) < self._length:
            self._start()  # not the same text growing: start again
        self._length = len(text)
        self._scan(text)
        start = self._stable_end
        tokens = self._md.parse(text[start:], {})
        split = self._split_index(tokens)
        lines = _LineOffsets(text, start)
        stable = [""]
        if split:
            breaks, self._parts = self._parts.breaks(tokens[:split], lines, self._stable_end)
            env = _render_env(self._stable_code, 0, streaming=False)
            stable = _render_parts(self._md, tokens[:split], breaks, env)
        self._tail_code = []
        env = _render_env(self._tail_code, len(self._stable_code), streaming=not final)
        # while streaming the tail stays in the last part: its blocks may still change
        breaks = self._parts.breaks(tokens[split:], lines, len(text), split)[0] if final else []
        tail = _render_parts(self._md, tokens[split:], [b - split for b in breaks], env)
        return MarkdownUpdate(stable, tail)

    def _scan(self, text: str) -> None:
        """Look at each new whole line once, noting those that may start a top-level block."""
        pos = self._scan_pos
        search_from = max(pos, self._searched_to)
        while (end := text.find("\n", search_from)) >= 0:
            self.scanned_chars += end + 1 - search_from
            if self._scanner.starts_block(text[pos:end]):
                self._candidates.append((self._lines, pos))
            self._lines += 1
            pos = search_from = end + 1
        self.scanned_chars += len(text) - search_from
        self._scan_pos = pos
        self._searched_to = len(text)

    def _split_index(self, tokens: Sequence[Token]) -> int:
        """Index of the first tail token after the blocks this update finishes (0 if none)."""
        if not self._candidates:
            return 0
        starts = {t.map[0]: i for i, t in enumerate(tokens) if t.level == 0 and t.map is not None}
        candidates, self._candidates = self._candidates, []
        # a candidate line that is not a block start now never will be: all are used up here
        for line, offset in reversed(candidates):
            if line in starts:
                self._stable_end = offset
                self._lines -= line
                return starts[line]
        return 0


@dataclass(frozen=True, slots=True)
class _Parts:
    """Where parts start: the rule of the module's docstring, and how far it has got."""

    chars: int | None
    start: int = 0
    """Where the last part starts in the text."""
    after_table: bool = False
    """Whether the last top-level block seen was a table."""

    def breaks(
        self, tokens: Sequence[Token], lines: _LineOffsets, end: int, first: int = 0
    ) -> tuple[list[int], _Parts]:
        """The indexes (counted from `first`) of the tokens that start a new part, and the
        state after these tokens, which come from the text before `end`."""
        if self.chars is None:
            return [], self
        if end - self.start <= self.chars:  # no part can start in them: only the last counts
            for token in reversed(tokens):
                if not token.level and token.nesting <= 0:
                    return [], _Parts(self.chars, self.start, token.type == "table_close")
            return [], self
        found: list[int] = []
        start, after_table = self.start, self.after_table
        for index, token in enumerate(tokens, first):
            if token.level:
                continue
            if token.map is not None and token.type in _PART_OPENERS and not after_table:
                offset = lines.offset(token.map[0])
                if offset - start >= self.chars:
                    found.append(index)
                    start = offset
            if token.nesting <= 0:  # a closing token, or a block of one token (a fence)
                after_table = token.type == "table_close"
        return found, _Parts(self.chars, start, after_table)


_PART_OPENERS = frozenset(("paragraph_open", "heading_open"))
_NEWLINE = re.compile(r"\r\n?|\n")  # markdown-it's own line ends


class _LineOffsets:
    """Where each line of `text[start:]` starts in `text`, by line number as markdown-it counts
    them; worked out on the first question."""

    def __init__(self, text: str, start: int) -> None:
        self._text = text
        self._start = start
        self._offsets: list[int] | None = None

    def offset(self, line: int) -> int:
        if self._offsets is None:
            found = _NEWLINE.finditer(self._text, self._start)
            self._offsets = [self._start, *(match.end() for match in found)]
        return self._offsets[line]


def _render_parts(
    md: MarkdownIt, tokens: Sequence[Token], breaks: Sequence[int], env: EnvType
) -> list[str]:
    """Render tokens in the parts that start at `breaks` (the first part from token 0)."""
    bounds = [0, *breaks, len(tokens)]
    return [md.renderer.render(tokens[a:b], md.options, env) for a, b in pairwise(bounds)]


_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")


class _LineScanner:
    """Follows code fences and list items line by line, to say where a top-level block may start.

    It can be wrong in odd documents; a wrong guess only costs time, because markdown-it checks
    every candidate before anything is made stable.
    """

    def __init__(self) -> None:
        self.fence: tuple[str, int, int] | None = None  # marker char, length, content column
        self.list_column = 0  # content column of the current top-level list item, or 0
        self.after_blank = False

    def starts_block(self, line: str) -> bool:
        """Take the next line; true if it may start a new top-level block."""
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        blank = not stripped.strip()
        after_blank, self.after_blank = self.after_blank, blank
        if self.fence is not None:
            char, length, column = self.fence
            if not (column and not blank and indent < column):
                if indent - column <= 3 and _closes_fence(stripped, char, length):
                    self.fence = None
                return False
            self.fence = None  # the list item ended, and its code block with it
        if blank:
            return False
        marker = _LIST_MARKER.match(stripped)
        if marker is not None:
            if not self.list_column or indent < self.list_column:
                rest = stripped[marker.end() :]
                self.list_column = indent + marker.end() + min(len(rest) - len(rest.lstrip()), 4)
                self.list_column += 0 if rest.strip() else 1
                self._open_fence(rest.strip(), self.list_column)
            return False
        if self.list_column and indent < self.list_column and after_blank:
            self.list_column = 0
        column = self.list_column if self.list_column and indent >= self.list_column else 0
        if indent - column <= 3 and not stripped.startswith(">"):
            self._open_fence(stripped, column)
        return after_blank and indent == 0

    def _open_fence(self, text: str, column: int) -> None:
        match = _FENCE.match(text)
        if match is not None and not (match[1][0] == "`" and "`" in match[2]):
            self.fence = (match[1][0], len(match[1]), column)


def _closes_fence(text: str, char: str, length: int) -> bool:
    match = _FENCE.match(text)
    return (
        match is not None
        and match[1][0] == char
        and len(match[1]) >= length
        and not match[2].strip()
    )


def _markdown(dark: bool) -> MarkdownIt:
    from desktop_app.core.text.rendering import markdown_it_for

    return markdown_it_for(dark)


def _render_env(codes: list[str], offset: int, *, streaming: bool) -> EnvType:
    return {"code_blocks": codes, "code_offset": offset, "streaming": streaming}
