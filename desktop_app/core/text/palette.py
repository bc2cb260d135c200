"""The colours rendered HTML carries inline, for a light or a dark window, and the scheme of
the links that copy a code block."""

from __future__ import annotations

from dataclasses import dataclass

COPY_CODE_SCHEME = "copy-code"
"""Links `copy-code:<n>` above each code block ask to copy the message's code block n."""


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours the HTML carries inline, for a light or a dark window."""

    dim: str
    link: str
    border: str
    inline_code: str
    table_header: str
    code_background: str
    pygments_style: str
    user_card: str
    """The background of the user's own turns, which sets them apart from the answers."""


LIGHT = Palette(
    "#59636e", "#0a5fc2", "#b4bcc6", "#e8ebef", "#f0f2f5", "#f3f5f7", "default", "#eaf1fb"
)
DARK = Palette(
    "#9aa5b1", "#6cb6ff", "#3d444d", "#2f353d", "#262c33", "#0d1117", "github-dark", "#1c2633"
)
