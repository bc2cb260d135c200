"""Whether a model takes images, so that one known not to is told before anything is sent.

The price catalog says nothing of what a model takes in. What is known comes, first, from the
provider's own model data where it gives it (OpenRouter's /models lists each model's
`architecture.input_modalities`: the caller passes them), and otherwise from a short table of
model-name patterns below, written from the providers' model pages. A name the table does not
know is unknown (None): such a model is sent the images, and its answer says.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ImagesNotTaken
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t

# (pattern matched at the start of the model's own name, takes images); the first match wins.
_KNOWN: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(pattern), takes)
    for pattern, takes in (
        # Text only: DeepSeek's chat and reasoning models, OpenAI's small reasoning and old chat
        # models, Claude before 3, Gemini 1.0 Pro.
        (r"deepseek-(?:chat|reasoner|coder|v\d|r\d)", False),
        (r"o1-mini|o3-mini|gpt-3\.5|gpt-4-(?:0613|0314|32k)|gpt-4$", False),
        (r"claude-(?:2|instant)", False),
        (r"gemini-(?:1\.0-)?pro$", False),
        (r"text-embedding|embedding-|tts-|whisper", False),
        # Images: GPT-4o, 4.1, 4.5, 5, o1, o3, o4-mini; Claude 3 and 4 (every size); Gemini 1.5
        # and later; the vision variants of open models.
        (r"(?:chatgpt-)?gpt-(?:4o|4\.1|4\.5|4-turbo|4-vision|5)", True),
        (r"o1|o3|o4-mini", True),
        (r"claude-(?:3|sonnet|opus|haiku|\d+-\d+-(?:sonnet|opus|haiku))", True),
        (r"gemini-(?:1\.5|2|3|exp)|gemma-3", True),
        (r"[\w.-]*(?:-vl|vision|llava|pixtral|glm-4\.?\dv)", True),
    )
)


def takes_images(
    provider: Provider, model: str, input_modalities: Collection[str] | None = None
) -> bool | None:
    """True when `model` takes images, False when known not to, None when unknown.

    `input_modalities` is what the provider's model list says the model takes ("text",
    "image", ...), when it says; it wins over the name table.
    """
    if input_modalities:
        return "image" in input_modalities
    name = model.lower().rpartition("/")[2]  # a relay's vendor prefix: openai/gpt-4o
    for pattern, takes in _KNOWN:
        if pattern.match(name):
            return takes
    return None


def models_taking_images(provider: Provider, models: Iterable[str]) -> list[str]:
    """Those of `models` (the picker's, for `provider`) known to take images, in their order."""
    return [model for model in models if takes_images(provider, model)]


def check_images(
    provider: Provider,
    model: str,
    attachments: Sequence[Attachment],
    models: Iterable[str] = (),
    input_modalities: Collection[str] | None = None,
) -> None:
    """Raise ImagesNotTaken when images are attached for a model known to take none, naming
    those of `models` that do."""
    images = [attachment.name for attachment in attachments if attachment.is_image]
    if not images or takes_images(provider, model, input_modalities) is not False:
        return
    takers = tuple(models_taking_images(provider, models))
    if takers:
        message = t(
            "{model} takes no images, so {names} cannot go with this message. Pick a model that"
            " does, such as {takers}, or remove the images.",
            model=model,
            names=", ".join(images),
            takers=", ".join(takers[:3]),
        )
    else:
        message = t(
            "{model} takes no images, so {names} cannot go with this message. Pick a model that"
            " takes images, or remove them.",
            model=model,
            names=", ".join(images),
        )
    raise ImagesNotTaken(message, name=", ".join(images), takers=takers)
