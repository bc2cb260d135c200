"""Files on the wire, through the simulator for all three protocols: the exact parts of a
request with an image, a text file and a PDF (as text, and as it is), and the image bytes the
server decodes equal to the scaled file's."""

from __future__ import annotations

import base64

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.reading import attachment_from_bytes
from desktop_app.core.errors import ImagesRefused
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.attachment_files import image_bytes, pdf_bytes
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.chat_helpers import collect, sim_provider
from tests.support.streams.gemini_helpers import gemini_provider

NO_RETRY_MODEL = "sim-echo"
CODE = Attachment("main.py", "text/plain", b"print('hi')\n", "print('hi')\n")
FENCED_CODE = "main.py\n```\nprint('hi')\n```"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _photo() -> Attachment:
    """A 3000 x 1500 JPEG, read as the app reads it: scaled to 2048 x 1024."""
    return attachment_from_bytes("photo.jpg", image_bytes(3000, 1500, "JPEG"))


def _ask(model: str, *attachments: Attachment, text: str = "What is this?") -> ChatRequest:
    return ChatRequest(model, (Message("user", text, attachments),))


def _sent(simulator: Simulator) -> dict[str, object]:
    (request,) = simulator.requests
    assert request.body is not None
    return request.body


def test_openai_sends_parts_and_the_server_decodes_the_scaled_image(simulator: Simulator) -> None:
    photo = _photo()
    outcome = collect(sim_provider(simulator), simulator.api_key, _ask("sim-echo", photo, CODE))
    assert outcome.error is None
    assert outcome.text == "You said: " + FENCED_CODE + "What is this?"
    assert _sent(simulator)["messages"] == [
        {
            "role": "user",
            "content": [
                {
                    "type": "image_url",
                    "image_url": {
                        "url": "data:image/jpeg;base64," + _b64(photo.data),
                        "detail": "auto",
                    },
                },
                {"type": "text", "text": FENCED_CODE},
                {"type": "text", "text": "What is this?"},
            ],
        }
    ]
    (received,) = simulator.received_files
    assert (received.part, received.mime_type) == ("image_url", "image/jpeg")
    assert received.data == photo.data
    assert received.sha256 == photo.sha256


def test_openai_sends_a_pdf_as_text_or_as_a_file(simulator: Simulator) -> None:
    data = pdf_bytes("Quarterly report")
    extracted = attachment_from_bytes("report.pdf", data)
    native = attachment_from_bytes("report.pdf", data, native_documents=True)
    provider = sim_provider(simulator)
    collect(provider, simulator.api_key, _ask("sim-normal", extracted, text=""))
    collect(provider, simulator.api_key, _ask("sim-normal", native))
    first, second = (request.body for request in simulator.requests)
    assert first is not None
    assert second is not None
    assert first["messages"][0]["content"] == [
        {"type": "text", "text": "report.pdf\n```\nQuarterly report\n```"}
    ]
    assert second["messages"][0]["content"][0] == {
        "type": "file",
        "file": {
            "filename": "report.pdf",
            "file_data": "data:application/pdf;base64," + _b64(data),
        },
    }
    (received,) = simulator.received_files
    assert (received.part, received.name, received.data) == ("file", "report.pdf", data)


def test_a_message_without_files_is_still_a_plain_string(simulator: Simulator) -> None:
    collect(sim_provider(simulator), simulator.api_key, _ask("sim-normal"))
    assert _sent(simulator)["messages"] == [{"role": "user", "content": "What is this?"}]


def test_a_model_that_takes_no_images_gives_a_clear_error(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, _ask("sim-no-images", _photo()))
    assert isinstance(outcome.error, ImagesRefused)
    assert str(outcome.error) == (
        "sim-no-images on Simulator takes no images (400: image_url is not supported). Pick a"
        " model that takes images, or send the message without them."
    )
    assert simulator.received_files == []


def test_a_model_that_takes_no_images_answers_text(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, _ask("sim-no-images", CODE))
    assert outcome.error is None


def test_anthropic_sends_image_and_document_blocks_before_the_text(simulator: Simulator) -> None:
    photo = _photo()
    data = pdf_bytes("Quarterly report")
    native = attachment_from_bytes("report.pdf", data, native_documents=True)
    extracted = attachment_from_bytes("report.pdf", data)
    chat = _ask("sim-normal", photo, native, extracted, CODE)
    outcome = collect(anthropic_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    assert _sent(simulator)["messages"] == [
        {
            "role": "user",
            "content": [
                {
                    "type": "image",
                    "source": {
                        "type": "base64",
                        "media_type": "image/jpeg",
                        "data": _b64(photo.data),
                    },
                },
                {
                    "type": "document",
                    "source": {
                        "type": "base64",
                        "media_type": "application/pdf",
                        "data": _b64(data),
                    },
                },
                {"type": "text", "text": "report.pdf\n```\nQuarterly report\n```"},
                {"type": "text", "text": FENCED_CODE},
                {"type": "text", "text": "What is this?"},
            ],
        }
    ]
    image, document = simulator.received_files
    assert (image.part, image.data) == ("image", photo.data)
    assert (document.part, document.data) == ("document", data)


def test_anthropic_merges_a_turn_with_files_into_the_one_before(simulator: Simulator) -> None:
    chat = ChatRequest(
        "sim-normal",
        (Message("user", "First."), Message("user", "", (CODE,))),
    )
    collect(anthropic_provider(simulator), simulator.api_key, chat)
    assert _sent(simulator)["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "First."},
                {"type": "text", "text": FENCED_CODE},
            ],
        }
    ]


def test_gemini_sends_inline_data_parts_before_the_text(simulator: Simulator) -> None:
    photo = _photo()
    data = pdf_bytes("Quarterly report")
    native = attachment_from_bytes("report.pdf", data, native_documents=True)
    chat = _ask("sim-normal", photo, native, CODE)
    outcome = collect(gemini_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    assert _sent(simulator)["contents"] == [
        {
            "role": "user",
            "parts": [
                {"inline_data": {"mime_type": "image/jpeg", "data": _b64(photo.data)}},
                {"inline_data": {"mime_type": "application/pdf", "data": _b64(data)}},
                {"text": FENCED_CODE},
                {"text": "What is this?"},
            ],
        }
    ]
    image, document = simulator.received_files
    assert (image.mime_type, image.data) == ("image/jpeg", photo.data)
    assert (document.mime_type, document.data) == ("application/pdf", data)


def test_gemini_sends_an_extracted_pdf_as_text(simulator: Simulator) -> None:
    extracted = attachment_from_bytes("report.pdf", pdf_bytes("Quarterly report"))
    collect(gemini_provider(simulator), simulator.api_key, _ask("sim-normal", extracted, text=""))
    assert _sent(simulator)["contents"] == [
        {"role": "user", "parts": [{"text": "report.pdf\n```\nQuarterly report\n```"}]}
    ]
    assert simulator.received_files == []


@pytest.mark.parametrize("provider_of", [sim_provider, anthropic_provider, gemini_provider])
def test_files_of_an_assistant_turn_are_never_sent(
    simulator: Simulator, provider_of: object
) -> None:
    assert callable(provider_of)
    provider: Provider = provider_of(simulator)
    chat = ChatRequest(
        "sim-normal",
        (
            Message("user", "Hi"),
            Message("assistant", "Hello", (_photo(),)),
            Message("user", "Again"),
        ),
    )
    assert collect(provider, simulator.api_key, chat).error is None
    assert simulator.received_files == []
