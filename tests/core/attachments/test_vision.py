"""Which models take images, and the message before sending images to one that does not."""

from __future__ import annotations

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.vision import check_images, models_taking_images, takes_images
from desktop_app.core.errors import ImagesNotTaken
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import shown

RELAY = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")
IMAGE = Attachment("cat.png", "image/png", b"\x89PNG\r\n\x1a\n")
TEXT = Attachment("notes.txt", "text/plain", b"hi", "hi")


@pytest.mark.parametrize(
    ("model", "takes"),
    [
        ("deepseek-chat", False),
        ("deepseek-reasoner", False),
        ("gpt-3.5-turbo", False),
        ("o3-mini", False),
        ("gpt-4o", True),
        ("gpt-4.1-mini", True),
        ("gpt-5", True),
        ("o3", True),
        ("claude-3-5-sonnet-20241022", True),
        ("claude-sonnet-4.5", True),
        ("claude-opus-4-1", True),
        ("anthropic/claude-haiku-4.5", True),
        ("gemini-2.5-flash", True),
        ("gemini-1.5-pro", True),
        ("gemini-pro", False),
        ("qwen2.5-vl-72b-instruct", True),
        ("my-fine-tune", None),
    ],
)
def test_the_name_table(model: str, takes: bool | None) -> None:
    assert takes_images(RELAY, model) is takes


def test_the_provider_model_data_wins_over_the_names() -> None:
    assert takes_images(RELAY, "deepseek-chat", ["text", "image"]) is True
    assert takes_images(RELAY, "gpt-4o", ["text"]) is False


def test_models_taking_images_keeps_the_picker_order() -> None:
    models = ["deepseek-chat", "gemini-2.5-flash", "mystery", "gpt-4.1"]
    assert models_taking_images(RELAY, models) == ["gemini-2.5-flash", "gpt-4.1"]


def test_images_for_a_text_model_name_the_models_that_take_them() -> None:
    with pytest.raises(ImagesNotTaken) as caught:
        check_images(RELAY, "deepseek-chat", [TEXT, IMAGE], ["deepseek-chat", "gpt-4.1"])
    assert caught.value.takers == ("gpt-4.1",)
    assert str(caught.value) == (
        "deepseek-chat takes no images, so cat.png cannot go with this message. Pick a model"
        " that does, such as gpt-4.1, or remove the images."
    )
    assert "不支持图片" in shown(caught.value.args[0], "zh_CN")


def test_nothing_is_said_for_text_files_or_unknown_models() -> None:
    check_images(RELAY, "deepseek-chat", [TEXT])
    check_images(RELAY, "my-fine-tune", [IMAGE])
    check_images(RELAY, "gpt-4o", [IMAGE])
