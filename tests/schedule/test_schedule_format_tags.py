import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from schedule.templatetags.schedule_format import duration, hhmm, session_kind


@pytest.mark.parametrize(
    ("minutes", "words"), [(30, "30 minutes"), (60, "1 hour"), (90, "90 minutes"), (120, "2 hours")]
)
def test_duration_in_english_counts_hours_when_whole(minutes, words):
    with translation.override("en"):
        assert duration(minutes) == words


def test_duration_in_spanish_is_translated_with_plurals():
    with translation.override("es"):
        assert [duration(60), duration(180), duration(1)] == ["1 hora", "3 horas", "1 minuto"]


def test_hhmm_pads_hours_and_minutes():
    assert hhmm(datetime.time(9, 5)) == "09:05"


def test_session_kind_escapes_its_label_and_falls_back_to_a_diamond():
    assert session_kind("other", "<b>Other</b>") == (
        '<span class="kind kind--other"><span class="kind__icon" aria-hidden="true">◆</span> '
        '<span class="kind__label">&lt;b&gt;Other&lt;/b&gt;</span></span>'
    )


def test_session_kind_tag_renders_main_session_icon():
    template = Template("{% load schedule_format %}{% session_kind kind label %}")

    html = template.render(Context({"kind": "main", "label": "Main session"}))

    assert html == (
        '<span class="kind kind--main"><span class="kind__icon" aria-hidden="true">■</span> '
        '<span class="kind__label">Main session</span></span>'
    )
