"""A model list that cannot be had, and a price per million tokens, in the window's Chinese: the
banner's and the picker's texts from the core, through the simulator for the list."""

from __future__ import annotations

import asyncio
import re
from decimal import Decimal

import httpx
import pytest

from desktop_app.core.errors import TallyError
from desktop_app.core.money.prices import format_price
from desktop_app.core.providers.model_list import list_models
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import message_of, set_language
from desktop_app.simulator import Simulator

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_a_base_url_with_no_model_list_is_said_in_chinese(
    simulator: Simulator, language: str
) -> None:
    wrong = Provider(
        id="sim", name="Simulator", kind="openai", base_url=simulator.base_url + "/nowhere"
    )

    async def listed() -> None:
        async with httpx.AsyncClient() as client:
            await list_models(client, wrong, "sk-test")

    with pytest.raises(TallyError) as raised:
        asyncio.run(listed())
    said = message_of(raised.value, language)  # type: ignore[arg-type]
    assert "404" in said
    assert "Simulator" in said
    assert _CHINESE.search(said), said
    assert "model list" not in said


def test_a_price_per_million_tokens_and_its_long_prompt_tier_in_chinese() -> None:
    price = ModelPrice(
        input=Decimal("3"),
        output=Decimal("15"),
        tiers=((200_000, ModelPrice(input=Decimal("6"), output=Decimal("22.5"))),),
    )
    set_language("zh_CN")
    try:
        shown = format_price(price)
    finally:
        set_language("en")
    assert shown == "$3.00 / $15.00 / 百万 token; 输入超过 200k token 时 $6.00 / $22.50"
    assert format_price(price) == "$3.00 / $15.00 per M; $6.00 / $22.50 above 200k input tokens"
