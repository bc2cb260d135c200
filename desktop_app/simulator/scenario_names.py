"""What the simulator's dialects share: the request a scenario answers, and the model names that
pick the scenario: the fixed names, sim-error-<status> with the dialect's variants,
sim-flaky-<status|drop>-<n> and sim-paced-<ms>."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from desktop_app.simulator.http_connection import DropReply, Reply

_FLAKY_NAME = re.compile(r"sim-flaky-([45]\d\d|drop)-(\d+)")
_PACED_NAME = re.compile(r"sim-paced-(\d{1,7})")


@dataclass(frozen=True)
class RequestContext:
    """What a scenario may look at in the request it answers, in every dialect."""

    body: dict[str, Any]
    model: str
    sent_key: str | None
    attempt: int  # requests for this model since the last reset, this one included
    token_delay: float
    pace: float | None = field(default=None, kw_only=True)
    """Seconds the whole answer should take (sim-paced-<ms>); None: as its plan says."""

    def among_first(self, requests: int | None) -> bool:
        """Whether this is one of the first `requests` for its model (None: every request)."""
        return requests is None or self.attempt <= requests

    def piece_delay(self, pieces: int, planned: float | None) -> float:
        """Seconds to wait after each of an answer's `pieces`: its pace spread over them, else
        the plan's own delay, else the simulator's token_delay."""
        if self.pace is not None:
            return self.pace / max(pieces, 1)
        return self.token_delay if planned is None else planned


Context = TypeVar("Context", bound=RequestContext)
Context_contra = TypeVar("Context_contra", bound=RequestContext, contravariant=True)


class StatusError(Protocol[Context_contra]):
    """A dialect's error response for a status; `quick`: one a client may retry at once."""

    def __call__(
        self, ctx: Context_contra, status: int, variant: str | None = None, *, quick: bool = False
    ) -> Reply: ...


def find_scenario(
    model: str,
    scenarios: Mapping[str, Callable[[Context], Awaitable[Reply]]],
    error_name: re.Pattern[str],
    status_error: StatusError[Context],
) -> Callable[[Context], Awaitable[Reply]] | None:
    """The scenario a model name asks for, or None for a model the simulator does not serve.

    `error_name` matches sim-error-<status>[-<variant>] with the dialect's variants; a flaky
    model fails with `status_error`, then answers as sim-normal; a paced one answers as
    sim-normal, its pieces spread evenly over <ms> milliseconds (the first one at once).
    """
    if model in scenarios:
        return scenarios[model]
    if match := error_name.fullmatch(model):
        return functools.partial(_error, status_error, int(match[1]), match[2])
    if match := _FLAKY_NAME.fullmatch(model):
        status = None if match[1] == "drop" else int(match[1])
        answer = scenarios["sim-normal"]
        return functools.partial(_flaky, status_error, answer, status, int(match[2]))
    if match := _PACED_NAME.fullmatch(model):
        return functools.partial(_paced, scenarios["sim-normal"], int(match[1]) / 1000)
    return None


async def _error(
    status_error: StatusError[Context], status: int, variant: str | None, ctx: Context
) -> Reply:
    return status_error(ctx, status, variant)


async def _flaky(
    status_error: StatusError[Context],
    answer: Callable[[Context], Awaitable[Reply]],
    status: int | None,
    failures: int,
    ctx: Context,
) -> Reply:
    """Fail the first `failures` requests for this model (None: drop them), then answer."""
    if ctx.attempt > failures:
        return await answer(ctx)
    if status is None:
        return DropReply()
    return status_error(ctx, status, quick=True)


async def _paced(
    answer: Callable[[Context], Awaitable[Reply]], seconds: float, ctx: Context
) -> Reply:
    """Answer as `answer` does, taking `seconds` over it."""
    return await answer(replace(ctx, pace=seconds))
