"""A point's words: its lines, and the short lists that a line leads into."""

from notice_blocks.easy_read.point_text import Line, point_lines


def test_each_line_is_a_line_and_blank_lines_are_left_out():
    assert point_lines("We keep it safe.\n\n  We share it.  \n") == [
        Line("We keep it safe."),
        Line("We share it."),
    ]


def test_bulleted_lines_make_a_list_led_into_by_the_line_before():
    text = "We share it with:\n- doctors\n* schools\n• the police\n– courts\nWe keep it safe."
    assert point_lines(text) == [
        Line("We share it with:", ["doctors", "schools", "the police", "courts"]),
        Line("We keep it safe."),
    ]


def test_a_list_without_a_line_before_it_stands_alone():
    assert point_lines("- doctors\n- schools") == [Line("", ["doctors", "schools"])]
    assert point_lines("- doctors")[0].is_list


def test_a_hyphen_inside_a_line_or_without_a_space_is_not_a_bullet():
    assert point_lines("-5 degrees\nA well-known school - near you.") == [
        Line("-5 degrees"),
        Line("A well-known school - near you."),
    ]


def test_no_text_has_no_lines():
    assert point_lines("") == []
    assert point_lines(None) == []
