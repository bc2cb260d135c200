"""Model discovery against the simulator, run to completion from a plain test."""

from __future__ import annotations

import asyncio

from desktop_app.core.chat import make_client
from desktop_app.core.providers.model_list import discover_models
from desktop_app.core.settings.model_cache import ListedModel
from desktop_app.core.settings.providers_file import Provider


def run_discover(provider: Provider, key: str | None) -> list[ListedModel]:
    async def main() -> list[ListedModel]:
        async with make_client() as client:
            return await discover_models(client, provider, key)

    return asyncio.run(main())
