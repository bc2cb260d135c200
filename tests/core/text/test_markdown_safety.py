"""Markdown rendering of hostile text: only known tags, no images, handlers or links other than
web links, whole or streamed."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.text.markdown import IncrementalMarkdown, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![a](http://evil/x.png)",
    "![a](file:///etc/passwd)",
    "![a](data:image/png;base64,iVBORw0KGgo=)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](file:///etc/passwd)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](/relative/path)",
    "[x](ftp://example.com/file)",
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="http://evil"></iframe>',
    "<style>body { display: none }</style>",
    "<javascript:alert(1)>",
    "<file:///etc/passwd>",
    "[![img](http://evil/x.png)](javascript:alert(1))",
    "| a |\n|---|\n| <img src=x> |",
    "- <script>x</script>\n- ![i](http://evil/i.png)",
    "> [q](javascript:alert(1))",
]

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "span",
    "a", "ul", "ol", "li", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def assert_safe(html: str) -> None:
    """Only known tags, no resource attributes or handlers, and only web or copy-code links."""
    for tag, attributes in _TAG.findall(html):
        assert tag.lower() in _ALLOWED_TAGS, tag
        for name, value in _ATTRIBUTE.findall(attributes):
            assert name.lower() not in ("src", "srcset", "background")
            assert not name.lower().startswith("on")
            if name == "href":
                assert value.startswith(("http://", "https://", "copy-code:")), value


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_safely(text: str) -> None:
    assert_safe(render_markdown(text).html)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_safe_in_every_streamed_piece(text: str) -> None:
    stream = IncrementalMarkdown()
    for end in range(1, len(text) + 1):
        update = stream.update(text[:end])
        assert_safe(update.stable_html)
        assert_safe(update.tail_html)


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Hi <script>alert(1)</script> and <b>bold</b>").html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>" not in html


def test_html_entities_stay_text() -> None:
    html = render_markdown("&lt;script&gt; &amp; &copy; &#60;b&#62;").html
    assert "&lt;script&gt;" in html
    assert "<script" not in html
    assert "<b>" not in html
    assert "©" in html


def test_images_show_their_alt_text_only() -> None:
    html = render_markdown("![a cat](http://evil/x.png) and ![](https://x/y.png)").html
    assert "[image: a cat]" in html
    assert "[image]" in html
    assert "evil" not in html
    assert "<img" not in html


def test_web_links_stay_links() -> None:
    html = render_markdown("[docs](https://example.com/a?b=1&c=2) <http://example.com>").html
    assert 'href="https://example.com/a?b=1&amp;c=2"' in html
    assert 'href="http://example.com"' in html


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](/etc/passwd)", "<mailto:a@b.c>", "[x](file:///etc/passwd)"],
)
def test_other_links_are_plain_text(text: str) -> None:
    html = render_markdown(text).html
    assert "<a " not in html
    assert "x" in html or "a@b.c" in html
