"""Markdown rendering: highlighted code, and the same HTML and parts when streamed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.text.markdown import IncrementalMarkdown, render_markdown


def test_closed_fence_is_highlighted_with_a_copy_link() -> None:
    rendered = render_markdown("Text\n\n```python\ndef f():\n    return 1\n```\n")
    assert '<span style="color:' in rendered.html
    assert 'href="copy-code:0"' in rendered.html
    assert rendered.code_blocks == ["def f():\n    return 1"]


def test_dark_and_light_palettes_differ() -> None:
    text = "```python\nimport os\n```\n"
    assert render_markdown(text, dark=True).html != render_markdown(text, dark=False).html


def test_code_blocks_are_numbered_in_order() -> None:
    text = (
        "```sh\nls\n```\n\n- item\n\n  ```\n  nested\n  ```\n\n"
        "para\n\n    indented\n\n~~~js\nx()\n~~~\n"
    )
    rendered = render_markdown(text)
    assert rendered.code_blocks == ["ls", "nested", "indented", "x()"]
    for n in range(4):
        assert f'href="copy-code:{n}"' in rendered.html


def test_unknown_language_is_escaped_plain_code() -> None:
    rendered = render_markdown("```nosuchlanguage\n<b>&</b>\n```\n")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in rendered.html
    assert rendered.code_blocks == ["<b>&</b>"]


def test_unclosed_fence_streams_as_plain_text_until_it_closes() -> None:
    stream = IncrementalMarkdown()
    text = "Intro\n\n```python\ndef f():\n    return 1\n"
    update = stream.update(text)
    assert "<pre" in update.tail_html
    assert "<span" not in update.tail_html.split("<pre", 1)[1]
    assert stream.code_blocks == ["def f():\n    return 1"]
    closed = stream.update(text + "```\n\nAfter\n")
    assert '<span style="color:' in closed.stable_html + closed.tail_html


def test_final_update_highlights_an_unclosed_fence_like_a_whole_render() -> None:
    text = "```python\nimport os\n"
    stream = IncrementalMarkdown()
    stream.update(text)
    final = stream.update(text, final=True)
    assert final.stable_html + final.tail_html == render_markdown(text).html


DOCUMENTS = [
    """# Title

Some *text* with `code`, a [link](https://example.com) and ~~gone~~.
A second line of the same paragraph.

- one
- two

  still two

- three
1. ordered
2. list

```python
def f(x):

    return x * 2
```

Setext heading
--------------

> quote
lazy continuation

> another quote

| a | b |
|---|:-:|
| 1 | 2 |

    indented code

    more of it

after the code
* * *
- a
  ```js
  let x = 1;

  x += 2;
  ```
- b
```
fence right after a list

```
~~~
tilde fence
```
still inside
~~~

中文段落，带 emoji 😀。

- list
```
fence interrupting a list
```
last paragraph
""",
    "```\nnever closed\n\nstill code\n\n# not a heading\n",
    "para\n\n   ```\n   indented fence\n\nstill in it\n   ```\n\nafter\n",
    "1. a\n\n2. b\n\n10) c\n\n- d\n+ e\n\n* f\n\ntext\n",
    "> ```\n> quoted fence\n\nout\n\n>  - list in quote\n\nend\n",
    "| x | y |\n| - | - |\n| 1 | 2 |\n\n| not | a table\n\nplain\n",
    "Title\n===\n\ntext\n\n- - -\n\n___\n\n`inline`\n\n\tTab code\n\nok\n",
    "- a\n\n      code in item\n\n  ```\n  item fence\n\nout of the list\n```\nreal fence\n\n```\n",
]


def stream_pieces(text: str, cuts: list[int], final: bool = True) -> tuple[str, list[str]]:
    stream = IncrementalMarkdown()
    parts = []
    tail = ""
    for cut in [*cuts, len(text)]:
        update = stream.update(text[:cut])
        parts.append(update.stable_html)
        tail = update.tail_html
    if final:
        update = stream.update(text, final=True)
        parts.append(update.stable_html)
        tail = update.tail_html
    return "".join(parts) + tail, stream.code_blocks


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("step", [1, 2, 3, 7, 24, 100])
def test_streaming_renders_the_same_as_a_whole_render(document: str, step: int) -> None:
    whole = render_markdown(document)
    html, codes = stream_pieces(document, list(range(step, len(document), step)))
    assert html == whole.html
    assert codes == whole.code_blocks


@pytest.mark.parametrize("seed", range(20))
def test_streaming_at_random_split_points_renders_the_same(seed: int) -> None:
    rng = random.Random(seed)
    document = DOCUMENTS[seed % len(DOCUMENTS)]
    cuts = sorted(rng.sample(range(1, len(document)), min(12, len(document) - 1)))
    assert stream_pieces(document, cuts)[0] == render_markdown(document).html


LINES = [
    "",
    "",
    "text",
    "more *text*",
    "# heading",
    "---",
    "===",
    "- item",
    "  - nested",
    "  continued",
    "1. first",
    "2) second",
    "```",
    "```python",
    "  ```",
    "~~~",
    "    indented",
    "\tindented",
    "> quote",
    ">",
    "| a | b |",
    "|---|---|",
    "[x](https://e.com)",
    "<div>",
    "* * *",
    "-",
    " 3. item",
]


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=24),
    cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=10),
)
def test_any_line_mix_streams_the_same_as_a_whole_render(lines: list[str], cuts: list[int]) -> None:
    document = "\n".join(lines) + "\n"
    cuts = sorted({c for c in cuts if c < len(document)})
    assert stream_pieces(document, cuts)[0] == render_markdown(document).html


def stream_parts(text: str, cuts: list[int], part_chars: int) -> list[str]:
    """The parts a streamed text ends in, put together as a view would from each update."""
    stream = IncrementalMarkdown(part_chars=part_chars)
    parts = [""]

    def add(new: list[str]) -> None:
        parts[-1] += new[0]
        parts.extend(new[1:])

    for cut in [*cuts, len(text)]:
        update = stream.update(text[:cut])
        add(update.stable_parts)
        assert len(update.tail_parts) == 1  # a tail still streaming stays in the last part
    final = stream.update(text, final=True)
    add(final.stable_parts)
    add(final.tail_parts)
    return parts


@pytest.mark.parametrize("part_chars", [1, 40, 100_000])
@pytest.mark.parametrize("step", [3, 24, 333])
def test_a_streamed_text_ends_in_the_parts_of_a_whole_render(part_chars: int, step: int) -> None:
    document = "\n".join(DOCUMENTS) + long_answer(12)
    whole = render_markdown(document, part_chars=part_chars)
    parts = stream_parts(document, list(range(step, len(document), step)), part_chars)
    assert parts == whole.parts
    assert whole.html == render_markdown(document).html
    if part_chars < 1000:
        assert len(parts) > 5
    else:
        assert len(parts) == 1
    for part in parts[1:]:
        assert part.startswith(("<p>", "<h1>", "<h2>"))  # a paragraph or a heading starts each


def test_a_part_does_not_start_right_after_a_table() -> None:
    document = "| a |\n|---|\n| 1 |\n\nafter the table\n\nnext\n"
    parts = render_markdown(document, part_chars=1).parts
    assert len(parts) == 2
    assert parts[0].startswith("<table")
    assert parts[0].endswith("<p>after the table</p>\n")
    assert parts[1] == "<p>next</p>\n"


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=24),
    cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=10),
    part_chars=st.integers(min_value=1, max_value=60),
)
def test_any_line_mix_streams_into_the_same_parts(
    lines: list[str], cuts: list[int], part_chars: int
) -> None:
    document = "\n".join(lines) + "\n"
    cuts = sorted({c for c in cuts if c < len(document)})
    assert (
        stream_parts(document, cuts, part_chars)
        == render_markdown(document, part_chars=part_chars).parts
    )


def long_answer(sections: int) -> str:
    return "".join(
        f"## Part {n}\n\nSome words about part {n}, with `code` and **bold**.\n\n"
        f"- a\n- b\n\n| k | v |\n|---|---|\n| {n} | {n * n} |\n\n"
        f"```python\nprint({n})\n```\n\n"
        for n in range(sections)
    )


def test_the_scanner_reads_each_character_once() -> None:
    text = long_answer(60)
    stream = IncrementalMarkdown()
    for end in range(1, len(text) + 1, 3):
        stream.update(text[:end])
    stream.update(text, final=True)
    assert stream.scanned_chars == len(text)


def test_a_long_line_arriving_in_pieces_is_not_rescanned() -> None:
    text = "word " * 2000
    stream = IncrementalMarkdown()
    for end in range(1, len(text) + 1, 7):
        stream.update(text[:end])
    stream.update(text)
    assert stream.scanned_chars == len(text)


def test_finished_blocks_leave_the_tail() -> None:
    text = long_answer(40)
    stream = IncrementalMarkdown()
    longest_tail = 0
    for end in range(24, len(text) + 24, 24):
        stream.update(text[:end])
        longest_tail = max(longest_tail, min(end, len(text)) - stream.tail_start)
    assert longest_tail < 120  # one block at a time, never the whole answer


def test_a_text_that_shrinks_starts_again() -> None:
    stream = IncrementalMarkdown()
    stream.update("first paragraph\n\nsecond\n\nthird")
    update = stream.update("other")
    assert update.stable_html + update.tail_html == render_markdown("other").html
