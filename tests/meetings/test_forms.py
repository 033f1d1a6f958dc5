"""The decisions filter's select, written out in Python, is the HTML Django's own Select writes."""

import re

import pytest
from django import forms

from meetings.forms import OptionsSelect

CHOICES = [
    ("", "All meetings"),
    ("2016 cycle", [("mag-vi", "MAG Meeting VI"), ("a&b", 'Title with <tags> & "quotes"')]),
    (2015, 2015),
]


@pytest.mark.parametrize("value", [None, "", "mag-vi", "a&b", 2015, ["2015"]])
def test_options_select_writes_what_djangos_select_writes(value):
    attrs = {"id": "id_meeting", "data-x": "1 < 2", "required": True, "disabled": False}

    ours = OptionsSelect(choices=CHOICES).render("meeting", value, attrs=attrs)
    djangos = forms.Select(choices=CHOICES).render("meeting", value, attrs=attrs)

    # The same elements, attributes and text; Django's templates leave a few more blank lines.
    assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", djangos)
