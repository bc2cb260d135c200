"""`tally ask` is parsed by a parser that has only the ask command (its start is timed): it
reads every ask command line as the whole parser does, and anything that is not plainly an ask
still gets the whole parser, with every command in its help. A bare `tally` (the app) builds
no parser at all."""

from __future__ import annotations

import pytest

from desktop_app.cli.arguments import build_parser
from desktop_app.cli.main import _asked, main, parse_arguments

ASKS = [
    ["ask", "What", "is", "Tally?"],
    ["--data-dir", "/tmp/x", "ask", "--model", "m", "--system", "Be brief", "hi"],
    ["--data-dir=/tmp/x", "ask", "--continue", "--over-budget", "--max-tokens", "5", "go on"],
    ["ask", "--provider", "p", "--temperature", "0.2", "-"],
]


@pytest.mark.parametrize("argv", ASKS)
def test_an_ask_is_read_as_the_whole_parser_reads_it(argv: list[str]) -> None:
    assert _asked(argv) == "ask"
    assert build_parser("ask").parse_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["--data", "/tmp/x", "ask", "hi"], ["asx", "hi"], ["--data-dir", "ask"]],
)
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert _asked(argv) is None


def test_the_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("ask", "export", "import", "models", "spend", "search", "backup"):
        assert command in out


def test_a_bare_tally_is_read_as_the_whole_parser_reads_it() -> None:
    assert parse_arguments([]) == build_parser().parse_args([])
