"""An OpenAI-compatible server on loopback that plays scripted scenarios, in its own thread."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import threading
import traceback
from types import TracebackType

from desktop_app.simulator import anthropic_scenarios, gemini_payloads
from desktop_app.simulator import openai_payloads as payloads
from desktop_app.simulator.gemini_routes import route_gemini
from desktop_app.simulator.http_connection import (
    BadRequest,
    BodyReply,
    Connection,
    RecordedRequest,
    Reply,
    json_bytes,
)
from desktop_app.simulator.received_files import (
    NO_IMAGES_MESSAGE,
    NO_IMAGES_MODEL,
    Dialect,
    PartProblem,
    ReceivedFile,
    received_files,
)
from desktop_app.simulator.scenarios import LISTED_MODELS, ScenarioContext, find_scenario

DEFAULT_API_KEY = "sk-sim-0123456789abcdef"
_log = logging.getLogger(__name__)


def _error_reply(status: int, message: str, error_type: str = "invalid_request_error") -> BodyReply:
    return BodyReply(status, json_bytes(payloads.error_body(message, error_type, None)))


class Simulator:
    """A real HTTP server on 127.0.0.1 whose model names pick how it answers or misbehaves."""

    def __init__(
        self,
        *,
        api_key: str | None = DEFAULT_API_KEY,
        port: int = 0,
        token_delay: float = 0.0,
    ) -> None:
        self.api_key = api_key  # None: accept any key or none, like a local server
        self.port = port
        self.token_delay = token_delay
        self.server_errors: list[str] = []  # tracebacks of the simulator's own bugs
        self._changed = threading.Condition()  # guards the state tests read from other threads
        self._requests: list[RecordedRequest] = []
        self._files: list[ReceivedFile] = []
        self._client_disconnects = 0
        self._attempts: dict[str, int] = {}
        self._generation = 0  # bumped by reset(), so late events of earlier tests are ignored
        self._connection_ids = itertools.count(1)
        self._lifecycle = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._startup_error: OSError | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received since the last reset."""
        with self._changed:
            return list(self._requests)

    @property
    def received_files(self) -> list[ReceivedFile]:
        """The images and documents the requests since the last reset carried, decoded."""
        with self._changed:
            return list(self._files)

    @property
    def client_disconnects(self) -> int:
        """How many clients left before their answer was complete, since the last reset."""
        with self._changed:
            return self._client_disconnects

    def reset(self) -> None:
        """Forget requests, disconnects, server errors and how often flaky scenarios failed."""
        with self._changed:
            self._generation += 1
            self._requests.clear()
            self._files.clear()
            self._client_disconnects = 0
            self._attempts.clear()
            self.server_errors.clear()

    def wait_for_disconnect(self, timeout: float = 5.0) -> bool:
        """True once a client has left in mid-answer (since the last reset), False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._client_disconnects > 0, timeout)

    def wait_for_requests(self, count: int = 1, timeout: float = 5.0) -> bool:
        """True once `count` requests have arrived (since the last reset), False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._requests) >= count, timeout)

    def start(self) -> Simulator:
        """Bind the port and serve from a background thread; returns once listening."""
        with self._lifecycle:
            if self._thread is not None:
                return self
            ready = threading.Event()
            thread = threading.Thread(
                target=self._run, args=(ready,), name="tally-simulator", daemon=True
            )
            thread.start()
            ready.wait()
            if self._startup_error is not None:
                thread.join()
                error, self._startup_error = self._startup_error, None
                raise error
            self._thread = thread
        return self

    def stop(self) -> None:
        """Close every connection, hung ones included, and end the thread; safe to repeat."""
        with self._lifecycle:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            loop, stopping = self._loop, self._stopping
            if loop is not None and stopping is not None:
                with contextlib.suppress(RuntimeError):  # the loop already ended on its own
                    loop.call_soon_threadsafe(stopping.set)
            thread.join()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(ready))
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        try:
            server = await asyncio.start_server(self._handle_connection, "127.0.0.1", self.port)
        except OSError as exc:
            self._startup_error = exc
            ready.set()
            return
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        try:
            await self._stopping.wait()
        finally:
            server.close()
            await cancel_other_tasks()
            await server.wait_closed()

    async def _handle_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Serve one connection until either side closes it; never lets an exception escape."""
        connection = Connection(reader, writer, next(self._connection_ids))
        abort = True
        try:
            while (request := await connection.read_request()) is not None:
                if not await self._answer(connection, request):
                    break
            abort = False
        except BadRequest as error:
            await connection.send_bad_request(error)
            abort = False
        except OSError:
            pass  # the client vanished between requests
        except asyncio.CancelledError:
            # stop() ends every connection. Ending quietly matters: Python 3.11's stream server
            # asks a cancelled handler for its exception and logs the CancelledError as an error.
            pass
        except Exception:
            self._note_server_error()
        finally:
            # cancellation (stop()) must not wait for a client that stopped reading
            await connection.close(abort=abort)

    async def _answer(self, connection: Connection, request: RecordedRequest) -> bool:
        """Reply to one request, watching for the client leaving; True to keep the connection."""
        generation = self._record(request)
        replying = asyncio.create_task(self._reply(connection, request, generation))
        watching = asyncio.create_task(connection.wait_for_eof())
        try:
            await asyncio.wait({replying, watching}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            replying.cancel()
            watching.cancel()
            await asyncio.gather(replying, watching, return_exceptions=True)
        if replying.cancelled():  # the client closed its side before the answer was complete
            self._note_disconnect(generation)
            return False
        error = replying.exception()
        if isinstance(error, OSError):
            self._note_disconnect(generation)
            return False
        if error is not None:
            self._note_server_error(error)
            return False
        return replying.result()

    async def _reply(
        self, connection: Connection, request: RecordedRequest, generation: int
    ) -> bool:
        try:
            reply = await self._route(request, generation)
        except Exception as error:
            self._note_server_error(error)
            reply = _error_reply(500, f"The simulator failed: {error!r}", "server_error")
        return await connection.send(reply)

    async def _route(self, request: RecordedRequest, generation: int) -> Reply:
        path = request.path.partition("?")[0]
        refusal = self._take_files(request, generation)
        if refusal is not None:
            return refusal
        if anthropic_scenarios.speaks_anthropic(path, request.headers):
            count = functools.partial(self._count_attempt, generation=generation)
            return await anthropic_scenarios.route(request, self.api_key, self.token_delay, count)
        if path.startswith("/v1beta/"):  # the Gemini dialect
            count = functools.partial(self._count_attempt, generation=generation)
            return await route_gemini(request, self.api_key, self.token_delay, count)
        if path not in ("/v1/models", "/v1/chat/completions"):
            return _error_reply(404, f"Unknown path {path}: the simulator serves /v1 only.")
        method = "GET" if path == "/v1/models" else "POST"
        if request.method != method:
            return _error_reply(405, f"Use {method} for {path}.")
        sent_key = _bearer_token(request.headers.get("authorization"))
        if self.api_key is not None and sent_key != self.api_key:
            return BodyReply(401, json_bytes(payloads.wrong_key_error(sent_key)))
        if path == "/v1/models":
            return BodyReply(200, json_bytes(payloads.model_list(LISTED_MODELS)))
        body = request.body
        if body is None:
            return _error_reply(400, "The request body must be a JSON object.")
        model = body.get("model")
        if not isinstance(model, str) or not model:
            return _error_reply(400, "You must provide a model parameter.")
        scenario = find_scenario(model)
        if scenario is None:
            return BodyReply(404, json_bytes(payloads.unknown_model_error(model)))
        attempt = self._count_attempt(model, generation)
        return await scenario(ScenarioContext(body, model, sent_key, attempt, self.token_delay))

    def _take_files(self, request: RecordedRequest, generation: int) -> Reply | None:
        """Decode and keep the files a chat request carries; the API's 400 when one is
        malformed, or when sim-no-images is sent an image (None: go on)."""
        path = request.path.partition("?")[0]
        dialect: Dialect = "openai"
        if anthropic_scenarios.speaks_anthropic(path, request.headers):
            dialect = "anthropic"
        elif path.startswith("/v1beta/"):
            dialect = "gemini"
        try:
            files = received_files(dialect, request.body)
        except PartProblem as problem:
            return _bad_request(dialect, str(problem))
        model = request.body.get("model") if request.body else None
        if model == NO_IMAGES_MODEL and any(found.part == "image_url" for found in files):
            return _error_reply(400, NO_IMAGES_MESSAGE)
        with self._changed:
            if generation == self._generation:
                self._files.extend(files)
        return None

    def _record(self, request: RecordedRequest) -> int:
        with self._changed:
            self._requests.append(request)
            self._changed.notify_all()
            return self._generation

    def _count_attempt(self, model: str, generation: int) -> int:
        with self._changed:
            if generation != self._generation:
                return 1  # a request from before the last reset must not use up a failure
            self._attempts[model] = self._attempts.get(model, 0) + 1
            return self._attempts[model]

    def _note_disconnect(self, generation: int) -> None:
        with self._changed:
            if generation == self._generation:
                self._client_disconnects += 1
                self._changed.notify_all()

    def _note_server_error(self, error: BaseException | None = None) -> None:
        if error is None:
            text = traceback.format_exc()
        else:
            text = "".join(traceback.format_exception(error))
        _log.error("Simulator error:\n%s", text)
        with self._changed:
            self.server_errors.append(text)


def _bad_request(dialect: Dialect, message: str) -> BodyReply:
    """A 400 in the dialect's own error body."""
    if dialect == "anthropic":
        return anthropic_scenarios.error_reply(400, "invalid_request_error", message)
    if dialect == "gemini":
        return BodyReply(400, json_bytes(gemini_payloads.error_body(400, message)))
    return _error_reply(400, message)


def _bearer_token(authorization: str | None) -> str | None:
    """The key in an Authorization header; the whole value when it is not Bearer auth."""
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else authorization


async def cancel_other_tasks() -> None:
    """Cancel every task of this loop but the caller, including ones started meanwhile."""
    current = asyncio.current_task()
    while tasks := [task for task in asyncio.all_tasks() if task is not current]:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(0)  # let the transports' connection_lost callbacks close the sockets
