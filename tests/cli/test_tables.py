"""The terminal's tables line up by the columns text takes on screen, Chinese included."""

from __future__ import annotations

from desktop_app.cli.tables import table, width_of


def test_a_chinese_cell_takes_two_columns_a_character_and_the_next_column_lines_up() -> None:
    lines = table(
        ["Provider", "Answers", "Note"],
        [["模拟器中转站", "12", "x"], ["sim", "3", "yz"]],
        left=1,
        last_left=1,
    )
    assert width_of("模拟器中转站") == 12
    assert width_of("e\u0301") == 1  # a combining accent takes no column of its own
    # Where each row's last column starts, in the terminal's columns.
    starts = {width_of(line) - width_of(line.split("  ")[-1]) for line in lines}
    assert len(starts) == 1, lines
    assert lines[1] == "模拟器中转站       12  x"
    assert lines[2] == "sim" + " " * 17 + "3  yz"
