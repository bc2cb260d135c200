"""The canned texts the scenarios send, and how they are cut into tokens."""

from __future__ import annotations

import functools
import re

NORMAL_ANSWER = (
    "## Simulated answer\n"
    "\n"
    "This reply comes from the Tally simulator, so it costs nothing and needs no network.\n"
    "\n"
    "- It starts with a heading\n"
    "- It has a list of **three** items\n"
    "- It ends with a `python` code block\n"
    "\n"
    "```python\n"
    "def greet(name: str) -> str:\n"
    '    return f"Hello, {name}!"\n'
    "```\n"
)

REASONING_TEXT = (
    "The user wants a short demonstration answer. A heading, one sentence, a list of three "
    "items and a small code block will show every kind of markdown."
)

# Every character here is a line break to str.splitlines() but not to an SSE decoder.
UNICODE_SEPARATOR_TEXT = (
    "Separators inside JSON strings: line\u2028paragraph\u2029next-line\u0085"
    "vertical-tab\x0bform-feed\x0cfile\x1cgroup\x1drecord\x1eend."
)

HTML_BAD_GATEWAY = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>api.example.com | 502: Bad gateway</title></head>
<body>
<div id="cf-error-details">
  <h1><span>Bad gateway</span> <span>Error code 502</span></h1>
  <p>The web server reported a bad gateway error.</p>
  <p>Please try again in a few minutes.</p>
  <p>Ray ID: <strong>8c1f00dd5a2b7e41</strong> &bull; Performance &amp; security by a CDN</p>
</div>
</body>
</html>
"""

HTML_HOME_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Example Corp - Home</title></head>
<body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/docs">Docs</a></nav>
<h1>Welcome to Example Corp</h1>
<p>This is a web site, not an API. You probably meant to use a different base URL.</p>
</body>
</html>
"""

_WORDS = re.compile(r"\s*\S+|\s+")


def split_pieces(text: str, max_len: int) -> list[str]:
    """Cut text into token-like pieces: whitespace plus a word, at most max_len characters each."""
    return [
        word[start : start + max_len]
        for word in _WORDS.findall(text)
        for start in range(0, len(word), max_len)
    ]


def split_fixed(text: str, size: int) -> list[str]:
    """Cut text into pieces of exactly `size` characters (the last one may be shorter)."""
    return [text[start : start + size] for start in range(0, len(text), size)]


_CODE_SAMPLES = (
    ("python", "def square_{n}(x: int) -> int:\n    return x * x + {n}\n"),
    ("javascript", "function cube{n}(x) {{\n  return x ** 3 + {n};\n}}\n"),
    ("rust", 'fn main() {{\n    let n = {n};\n    println!("n = {{}}", n);\n}}\n'),
    ("go", 'package main\n\nimport "fmt"\n\nfunc main() {{\n\tfmt.Println({n})\n}}\n'),
    ("sql", "SELECT id, title\nFROM messages\nWHERE conversation_id = {n}\nORDER BY id;\n"),
    ("bash", 'for i in $(seq 1 {n}); do\n  echo "line $i"\ndone\n'),
    ("json", '{{\n  "section": {n},\n  "tags": ["demo", "long"]\n}}\n'),
    ("c", '#include <stdio.h>\n\nint main(void) {{\n    printf("%d\\n", {n});\n}}\n'),
)
_TOPICS = ("Streaming", "Rendering", "Costs", "Retries", "Storage", "Shortcuts", "Themes")
_EMOJI = ("🚀", "✨", "👍🏽", "👨\u200d👩\u200d👧", "🇯🇵", "🧪")


def _long_section(index: int) -> str:
    """One section of the long answer; the index picks its topic, language and extras."""
    n = index + 1
    language, code = _CODE_SAMPLES[index % len(_CODE_SAMPLES)]
    emoji = _EMOJI[index % len(_EMOJI)]
    paragraph = (
        f"Section {n} talks about {_TOPICS[index % len(_TOPICS)].lower()} {emoji}. It is long "
        "enough to wrap over several lines in a chat window, with **bold**, *italic*, `code` "
        f"and a [link](https://example.com/{n}) along the way. "
    ) * 2
    parts = [f"## {n}. {_TOPICS[index % len(_TOPICS)]}\n\n", paragraph.rstrip(), "\n\n"]
    if index % 3 == 0:
        parts.append(
            f"第{n}节：这是一段中文文字，用来检查多字节字符在流式传输中被切开时的处理。{emoji}\n\n"
        )
    parts.append("".join(f"- Item {n}.{item} {emoji}\n" for item in range(1, 4)))
    parts.append("\n| x | x² | x³ |\n|---:|---:|---:|\n")
    parts.append("".join(f"| {x} | {x * x} | {x**3} |\n" for x in range(n, n + 4)))
    parts.append(f"\n```{language}\n{code.format(n=n)}```\n\n")
    return "".join(parts)


@functools.cache
def long_markdown(min_bytes: int = 300_000) -> str:
    """A deterministic markdown answer of at least min_bytes UTF-8 bytes."""
    parts = ["# A very long simulated answer\n\n"]
    size = len(parts[0])
    index = 0
    while size < min_bytes:
        section = _long_section(index)
        parts.append(section)
        size += len(section.encode())
        index += 1
    return "".join(parts)
