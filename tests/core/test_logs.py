"""The log file: INFO and above in the data directory, rotated when the app starts."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.core import logs, paths


def test_the_log_takes_info_lines_in_the_data_directory(data_dir: Path) -> None:
    handler = logs.log_to_file()
    try:
        logging.getLogger("desktop_app.test").info("a line for the log")
    finally:
        logs.stop_logging_to(handler)
    assert paths.log_file().is_relative_to(data_dir)
    assert "INFO desktop_app.test: a line for the log" in paths.log_file().read_text("utf-8")


def test_a_log_over_a_megabyte_is_rotated_at_start(data_dir: Path) -> None:
    log = paths.log_file()
    log.parent.mkdir(parents=True)
    log.write_text("newest" + "." * logs.ROTATE_AT)
    for number, text in ((".1", "older"), (".2", "old"), (".3", "oldest")):
        log.with_name(log.name + number).write_text(text)
    logs.stop_logging_to(logs.log_to_file())
    old = [log.with_name(f"{log.name}.{n}").read_text()[:6] for n in (1, 2, 3)]
    assert old == ["newest", "older", "old"]  # "oldest" went
    assert log.stat().st_size == 0  # a new log
    assert not log.with_name(log.name + ".4").exists()


def test_a_small_log_is_kept(data_dir: Path) -> None:
    log = paths.log_file()
    log.parent.mkdir(parents=True)
    log.write_text("yesterday\n")
    logs.stop_logging_to(logs.log_to_file())
    assert log.read_text() == "yesterday\n"
    assert not log.with_name(log.name + ".1").exists()


def test_httpx_does_not_log_the_status_lines_servers_write(data_dir: Path) -> None:
    # httpx logs each request at INFO with the status line as the server wrote it: a hostile
    # server puts the key there ("HTTP/1.1 200 sk-...").
    handler = logs.log_to_file()
    try:
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    finally:
        logs.stop_logging_to(handler)
