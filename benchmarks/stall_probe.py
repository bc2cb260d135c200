"""The probe of the GUI thread the stall benchmarks share (ui_stalls.py, attach_stall.py,
compare_stalls.py): a 1 ms Qt timer whose longest gap between ticks is the longest the event loop
stood still, with the GUI thread's own CPU time in its busiest gap; and the turning of the event
loop around an action, until its result is shown. ui_stalls.py's docstring says why both."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

STALL_BAR_MS = 16.0
TICK_MS = 1
AFTER_MS = 200


class StallProbe(QObject):
    """A 1 ms timer on the GUI thread: the longest gap between its ticks since reset(), and
    the most CPU time the GUI thread itself spent within one gap."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last: tuple[float, float] = (time.perf_counter(), time.thread_time())
        self.longest = self.busiest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, wall - self.last[0])
        self.busiest = max(self.busiest, cpu - self.last[1])
        self.last = wall, cpu

    def reset(self) -> None:
        self.last = time.perf_counter(), time.thread_time()
        self.longest = self.busiest = 0.0

    def stall_ms(self) -> tuple[float, float]:
        """The longest gap less the tick's own 1 ms, and the GUI thread's CPU time in the
        busiest gap, in ms."""
        return max(0.0, self.longest * 1000 - TICK_MS), self.busiest * 1000


def turn_until(done: Callable[[], bool], *, within: float = 60.0) -> float:
    """Run the event loop, as the app does, until `done()`; the seconds it took."""
    began = time.perf_counter()
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(TICK_MS)

    def checked() -> None:
        if done():
            loop.quit()
        elif time.perf_counter() - began > within:
            loop.exit(1)

    check.timeout.connect(checked)
    check.start()
    if not done() and loop.exec() != 0:
        raise TimeoutError("the action did not finish")
    check.stop()
    return time.perf_counter() - began


def turn_for(ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    turn_until(lambda: time.perf_counter() >= end)


Stall = tuple[float, float]


def measure(
    probe: StallProbe, action: Callable[[], object], done: Callable[[], bool]
) -> tuple[Stall, float]:
    """(the stall, StallProbe.stall_ms(), and the seconds until the result was shown)."""
    turn_for(50)
    probe.reset()
    began = time.perf_counter()
    action()
    turn_until(done)
    took = time.perf_counter() - began
    turn_for(AFTER_MS)
    return probe.stall_ms(), took


async def measure_in_asyncio(
    probe: StallProbe, action: Callable[[], object], done: Callable[[], bool]
) -> tuple[Stall, float]:
    """measure(), for an action that runs a task on the app's asyncio loop (qasync), as the
    window's always is: the loop turns by awaiting, not in a Qt loop of its own."""
    import asyncio

    await asyncio.sleep(0.05)
    probe.reset()
    began = time.perf_counter()
    action()
    while not done():
        if time.perf_counter() - began > 60:
            raise TimeoutError("the action did not finish")
        await asyncio.sleep(TICK_MS / 1000)
    took = time.perf_counter() - began
    await asyncio.sleep(AFTER_MS / 1000)
    return probe.stall_ms(), took
