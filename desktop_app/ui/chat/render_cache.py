"""Rendered markdown of a conversation's finished messages, kept while the conversation is open,
so that a message whose widget was dropped (it scrolled far away) is not rendered again when it
comes back near the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.text.markdown import RenderedMarkdown


class RenderCache:
    """Renders a text once, in light or dark colours, and hands out the same result after."""

    def __init__(self, dark: bool) -> None:
        self.dark = dark
        self._rendered: dict[str, RenderedMarkdown] = {}

    def render(self, text: str) -> RenderedMarkdown:
        rendered = self._rendered.get(text)
        if rendered is None:
            # here, not at the top: an empty chat view (the first frame's) renders nothing
            from desktop_app.core.text.markdown import render_markdown
            from desktop_app.ui.chat.message_body import PART_CHARS

            rendered = self._rendered[text] = render_markdown(
                text, dark=self.dark, part_chars=PART_CHARS
            )
        return rendered
