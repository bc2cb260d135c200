"""Known endpoints a provider can start from, and the id a new provider gets from its name.

A preset's name is a Text where it holds words ("HolySheep relay", "Ollama (local)"): the
settings show it in the window's language (shown()); a provider made from it is named in
English until the user names it otherwise, and a saved provider keeps the name it was saved with."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from desktop_app.core.settings.providers_file import Kind, ModelPrice, Provider
from desktop_app.core.text.messages import t


@dataclass(frozen=True, slots=True)
class Preset:
    """A known endpoint: what the settings form fills in when the user adds it."""

    id: str
    name: str
    base_url: str
    needs_key: bool
    api_key_env: str | None = None
    models: tuple[str, ...] = ()
    prices: Mapping[str, ModelPrice] = field(default_factory=dict)
    kind: Kind = "openai"

    def provider(self, provider_id: str | None = None) -> Provider:
        """The preset as a provider; the Custom preset has no base URL yet, so not that one.

        The preset's prices are not copied: Provider.prices holds the user's own, and the
        relay's table is looked up where it is (pricing.quote), so its updates reach the user."""
        if not self.base_url:
            raise ValueError(f"the preset {self.name!r} has no base URL")
        return Provider(
            id=provider_id or self.id,
            name=str(self.name),  # the English, not a Text: a provider's name is the user's
            kind=self.kind,
            base_url=self.base_url,
            api_key_env=self.api_key_env,
            models=self.models,
        )


def _price(input_usd: str, output_usd: str) -> ModelPrice:
    return ModelPrice(input=Decimal(input_usd), output=Decimal(output_usd))


HOLYSHEEP = Preset(
    id="holysheep",
    name=t("HolySheep relay"),
    base_url="https://api.holysheep.ai/v1",
    needs_key=True,
    api_key_env="HOLYSHEEP_API_KEY",
    models=("deepseek-chat", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5"),
    # The seed's prices (PROTOCOLS.md); the relay sets its own, so the user may override them.
    prices={
        "deepseek-chat": _price("0.27", "0.42"),
        "gemini-2.5-flash": _price("0.15", "2.50"),
        "gpt-4.1": _price("2.00", "8.00"),
        "claude-sonnet-4.5": _price("3.00", "15.00"),
    },
)
OPENAI = Preset(
    id="openai",
    name="OpenAI",
    base_url="https://api.openai.com/v1",
    needs_key=True,
    api_key_env="OPENAI_API_KEY",
    models=("gpt-4.1", "gpt-4.1-mini"),
)
DEEPSEEK = Preset(
    id="deepseek",
    name="DeepSeek",
    # DeepSeek documents the root as its OpenAI base URL (/v1 is kept only as an alias):
    # /chat/completions and /models both live directly under it.
    base_url="https://api.deepseek.com",
    needs_key=True,
    api_key_env="DEEPSEEK_API_KEY",
    models=("deepseek-chat", "deepseek-reasoner"),
)
OPENROUTER = Preset(
    id="openrouter",
    name="OpenRouter",
    base_url="https://openrouter.ai/api/v1",
    needs_key=True,
    api_key_env="OPENROUTER_API_KEY",
)
ANTHROPIC = Preset(
    id="anthropic",
    name="Anthropic",
    base_url="https://api.anthropic.com",  # the API root: /v1/messages is added
    needs_key=True,
    api_key_env="ANTHROPIC_API_KEY",
    models=("claude-sonnet-4-5", "claude-haiku-4-5"),
    kind="anthropic",
)
GEMINI = Preset(
    id="gemini",
    name="Gemini",
    base_url="https://generativelanguage.googleapis.com",  # the host: /v1beta/... is added
    needs_key=True,
    api_key_env="GEMINI_API_KEY",
    models=("gemini-2.5-flash", "gemini-2.5-pro"),
    kind="gemini",
)
GEMINI_OPENAI = Preset(
    id="gemini-openai",
    name=t("Gemini (OpenAI-compatible)"),
    base_url="https://generativelanguage.googleapis.com/v1beta/openai",
    needs_key=True,
    api_key_env="GEMINI_API_KEY",
    models=("gemini-2.5-flash", "gemini-2.5-pro"),
)
OLLAMA = Preset(
    id="ollama",
    name=t("Ollama (local)"),
    base_url="http://localhost:11434/v1",
    needs_key=False,
)
LM_STUDIO = Preset(
    id="lmstudio",
    name=t("LM Studio (local)"),
    base_url="http://localhost:1234/v1",
    needs_key=False,
)
CUSTOM = Preset(id="custom", name=t("Custom"), base_url="", needs_key=True)

PRESETS: tuple[Preset, ...] = (
    HOLYSHEEP,
    OPENAI,
    DEEPSEEK,
    OPENROUTER,
    ANTHROPIC,
    GEMINI,
    GEMINI_OPENAI,
    OLLAMA,
    LM_STUDIO,
    CUSTOM,
)

_NOT_ID = re.compile(r"[^a-z0-9._-]+")


def new_provider_id(name: str, taken: Collection[str], *, preferred: str | None = None) -> str:
    """A valid id not in `taken`: `preferred`, else the name made ASCII and lower-case."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = preferred or _NOT_ID.sub("-", ascii_name.lower()).strip("-._") or "provider"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
