"""markdown-it set up for markdown.py: CommonMark with tables and strikethrough, no reference
definitions, links that are not http(s) unwrapped, and render rules that put the palette's
colours inline and highlight code with Pygments.

markdown.py imports this module when the first text is rendered (markdown-it takes some 20 ms to
import, which a window with no message to show need not pay), and Pygments is imported when the
first code block is."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from functools import cached_property, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from desktop_app.core.text.messages import say
from desktop_app.core.text.palette import COPY_CODE_SCHEME, DARK, LIGHT, Palette


@lru_cache(maxsize=2)
def markdown_it_for(dark: bool) -> MarkdownIt:
    """The parser and renderer for a light or a dark window, made once each."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("reference")
    md.core.ruler.after("inline", "safe_links", _drop_unsafe_links)
    assert isinstance(md.renderer, RendererHTML)
    rules: MutableMapping[str, Any] = md.renderer.rules  # markdown-it calls them as they are
    rules.update(_Rules(DARK if dark else LIGHT, md.renderer).rules())
    return md


def _is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _drop_unsafe_links(state: StateCore) -> None:
    """Unwrap every link that is not http(s): its text stays, as plain text."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept: list[Token] = []
        dropping = False  # links cannot nest, so one flag pairs each open with its close
        for token in block.children:
            if token.type == "link_open" and not _is_web_url(str(token.attrGet("href") or "")):
                dropping = True
            elif token.type == "link_close" and dropping:
                dropping = False
            else:
                kept.append(token)
        block.children = kept


Rule = Callable[[Sequence[Token], int, OptionsDict, EnvType], str]


class _Rules:
    """Render rules that put the palette's colours inline (Qt's HTML has no stylesheet classes)."""

    def __init__(self, palette: Palette, renderer: RendererHTML) -> None:
        self.palette = palette
        self.renderer = renderer

    @cached_property
    def _style(self) -> Any:
        from pygments.styles import get_style_by_name  # type: ignore[import-untyped]

        return get_style_by_name(self.palette.pygments_style)

    @cached_property
    def code_color(self) -> str:
        from pygments.token import Text  # type: ignore[import-untyped]

        return str(self._style.style_for_token(Text)["color"] or "")

    @cached_property
    def formatter(self) -> Any:
        from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]

        return HtmlFormatter(noclasses=True, nowrap=True, style=self._style)

    def rules(self) -> dict[str, Rule]:
        return {
            "fence": self.fence,
            "code_block": self.code_block,
            "code_inline": self.code_inline,
            "image": self.image,
            "link_open": self.link_open,
            "blockquote_open": self.blockquote_open,
            "table_open": self.table_open,
            "th_open": self.cell_open,
            "td_open": self.cell_open,
        }

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        info = unescapeAll(token.info).strip()
        language = info.split(maxsplit=1)[0] if info else ""
        highlighted = not (env["streaming"] and not _fence_closed(token))
        return self._code(token.content, language, env, highlighted=highlighted)

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._code(tokens[idx].content, "", env, highlighted=False)

    def _code(self, content: str, language: str, env: EnvType, *, highlighted: bool) -> str:
        code = content.removesuffix("\n")
        codes: list[str] = env["code_blocks"]
        index = env["code_offset"] + len(codes)
        codes.append(code)
        lexer = _lexer(language) if highlighted and language else None
        if lexer is None:
            body = escapeHtml(code)
        else:
            from pygments import highlight  # type: ignore[import-untyped]

            body = str(highlight(code, lexer, self.formatter)).removesuffix("\n")
        p = self.palette
        background = f"background-color:{p.code_background};"
        color = f" color:{self.code_color};" if self.code_color else ""
        # Qt's HTML has no padding outside tables, and tables are slow to lay out: a header line
        # (language and Copy) and a thin empty line frame the code in its background instead.
        copy = say("Copy")
        return (
            f'<p align="right" style="margin-top:8px; margin-bottom:0px; {background}">'
            f'<span style="color:{p.dim};">{escapeHtml(language)}</span>&nbsp;&nbsp;'
            f'<a href="{COPY_CODE_SCHEME}:{index}" style="color:{p.link};">{copy}</a>&nbsp;</p>\n'
            f'<pre style="margin-top:0px; margin-bottom:0px; white-space:pre-wrap;'
            f' {background}{color}">{body}</pre>\n'
            f'<p style="margin-top:0px; margin-bottom:10px; font-size:3pt; {background}">'
            f"&nbsp;</p>\n"
        )

    def code_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        background = self.palette.inline_code
        content = escapeHtml(tokens[idx].content)
        return f'<code style="background-color:{background};">{content}</code>'

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        alt = self.renderer.renderInlineAsText(tokens[idx].children, options, env)
        label = f"[image: {alt}]" if alt else "[image]"
        return f'<span style="color:{self.palette.dim};">{escapeHtml(label)}</span>'

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        href = escapeHtml(str(tokens[idx].attrGet("href") or ""))
        return f'<a href="{href}" style="color:{self.palette.link};">'

    def blockquote_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            f'<blockquote style="margin-left:14px; margin-right:0px; color:{self.palette.dim};">\n'
        )

    def table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            f'<table border="1" cellspacing="0" cellpadding="5" style="border-collapse:collapse;'
            f" border-style:solid; border-color:{self.palette.border};"
            f' margin-top:6px; margin-bottom:6px;">\n'
        )

    def cell_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        align = str(token.attrGet("style") or "").removeprefix("text-align:")
        attrs = f' align="{align}"' if align in ("left", "center", "right") else ""
        if token.tag == "th":
            attrs += f' bgcolor="{self.palette.table_header}"'
        return f"<{token.tag}{attrs}>"


def _fence_closed(token: Token) -> bool:
    """Whether the fence had its closing line (markdown-it counts that line in the map)."""
    content = token.content
    lines = content.count("\n") + (1 if content and not content.endswith("\n") else 0)
    return token.map is not None and token.map[1] - token.map[0] - 1 > lines


@lru_cache(maxsize=64)
def _lexer(language: str) -> object | None:
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped]

    try:
        # stripnl off: Pygments would otherwise drop the code's leading and trailing blank lines
        lexer: object = get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        return None
    return lexer
