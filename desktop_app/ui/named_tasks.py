"""The asyncio tasks a window or dialog owns, by name: starting one again replaces the running
one, and all are cancelled when their owner closes. asyncio is imported when first used: the
window is built and painted before it is loaded (ui/first_frame.py)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio


class NamedTasks(dict[str, "asyncio.Task[None]"]):
    """The last task started under each name; a done task stays, for tests to inspect."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def start(self, name: str, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run `work` on the running loop, cancelling the task it replaces."""
        import asyncio

        previous = self.get(name)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.get_running_loop().create_task(work, name=f"{self.prefix}-{name}")
        task.add_done_callback(_report_failure)
        self[name] = task
        return task

    def cancel_all(self) -> None:
        """Cancel every task (the owner is closing), but the one calling this."""
        import asyncio

        try:
            current = asyncio.current_task()
        except RuntimeError:  # no loop running: called from plain Qt code
            current = None
        for task in self.values():
            if task is not current:
                task.cancel()


def _report_failure(task: asyncio.Task[None]) -> None:
    # Expected failures are shown by the owner; anything else goes to the loop's handler,
    # which the app points at its one place for unexpected errors.
    if task.cancelled() or task.exception() is None:
        return
    context = {"message": f"{task.get_name()} failed", "exception": task.exception(), "task": task}
    task.get_loop().call_exception_handler(context)
