import pytest

from meetings.importer.vocabulary import MONTH_PATTERN, MONTHS, int_to_roman, roman_to_int


@pytest.mark.parametrize(("text", "value"), [("VI", 6), ("iv", 4), ("XIX", 19), ("MAG", None), ("", None)])
def test_roman_to_int(text, value):
    assert roman_to_int(text) == value


@pytest.mark.parametrize(
    ("number", "numeral"), [(6, "VI"), (4, "IV"), (19, "XIX"), (1994, "MCMXCIV"), (0, "0")]
)
def test_int_to_roman(number, numeral):
    assert int_to_roman(number) == numeral


def test_int_to_roman_reads_back_up_to_c():
    assert [roman_to_int(int_to_roman(number)) for number in range(1, 400)] == list(range(1, 400))


def test_months_number_every_name_the_pattern_matches():
    assert MONTH_PATTERN.split("|") == [name.title() for name in MONTHS]
    assert list(MONTHS.values()) == list(range(1, 13))
