"""Words every part of the importer reads the same way: month names and roman numerals."""

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The month names as a regular expression alternation, without a group: wrap it in the group you need
#: and match it with ``re.IGNORECASE``.
MONTH_PATTERN = "|".join(MONTH_NAMES)
#: "august" → 8.
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}

# Up to C: meeting numbers and list counters stay far below D.
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_LETTERS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman_to_int(text: str) -> int | None:
    """ "VI" → 6, "iv" → 4; None when ``text`` is not a roman numeral up to C."""
    text = text.lower()
    if not text or any(char not in _ROMAN_VALUES for char in text):
        return None
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total if total > 0 else None


def int_to_roman(number: int) -> str:
    """6 → "VI", in capitals; a number outside 1-3999 is written in digits."""
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, letters in _ROMAN_LETTERS:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
