"""A scripted server on loopback speaking the OpenAI, Anthropic and Gemini wire formats, for
tests and the offline Demo provider."""

from desktop_app.simulator.http_connection import RecordedRequest
from desktop_app.simulator.scenarios import LISTED_MODELS
from desktop_app.simulator.server import DEFAULT_API_KEY, Simulator

__all__ = ["DEFAULT_API_KEY", "LISTED_MODELS", "RecordedRequest", "Simulator"]
