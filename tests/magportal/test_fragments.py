"""Every page's head, navigation and language menu are fragments rendered once for each set of values
and language, then written again: the pages must show what a fresh render would."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings

from magportal.templatetags.fragments import _remembered


def _nav(html: str) -> list[str]:
    """The navigation's links, the current one marked with a star."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.DOTALL).group()
    return [
        f"{label}{'*' if current else ''}"
        for current, label in re.findall(r'<a href="[^"]+"( aria-current="page")?>([^<]+)</a>', nav)
    ]


def _selected_language(html: str) -> list[str]:
    return re.findall(r'<option value="(\w+)" lang="\w+" selected>', html)


@pytest.mark.django_db
def test_fragment_nav_marks_each_page_own_section(client):
    marked = {
        url: _nav(client.get(url).content.decode()) for url in ["/meetings/", "/decisions/", "/", "/actions/"]
    }

    assert marked == {
        "/meetings/": ["Meetings*", "Decisions", "Actions", "Schedule"],
        "/decisions/": ["Meetings", "Decisions*", "Actions", "Schedule"],
        "/": ["Meetings", "Decisions", "Actions", "Schedule"],
        "/actions/": ["Meetings", "Decisions", "Actions*", "Schedule"],
    }


@pytest.mark.django_db
def test_fragment_nav_and_language_menu_follow_the_language(client):
    pages = [client.get("/meetings/", headers={"accept-language": language}).content.decode() for language in
             ("en", "es", "en")]  # fmt: skip

    assert [_nav(html)[0] for html in pages] == ["Meetings*", "Reuniones*", "Meetings*"]
    assert [_selected_language(html) for html in pages] == [["en"], ["es"], ["en"]]
    assert ['title="Latest decisions"' in html for html in pages] == [True, False, True]


@pytest.mark.django_db
def test_fragment_rendered_once_for_the_same_values(client):
    _remembered.cache_clear()
    # Three renders (the second address is another page for the page cache).
    for url in ["/meetings/", "/meetings/?kind=virtual", "/decisions/"]:
        client.get(url)

    # Head, footer note and language menu once each; the navigation once for each section.
    assert (_remembered.cache_info().misses, _remembered.cache_info().hits) == (5, 7)


def test_fragment_sees_only_the_values_it_is_given(tmp_path, settings):
    (tmp_path / "shown.html").write_text("[{{ given }}|{{ not_given }}]")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    page = Template('{% load fragments %}{% fragment "shown.html" given=value %}')

    rendered = [page.render(Context({"value": value, "not_given": "secret"})) for value in ("a", "b", "a")]

    assert rendered == ["[a|]", "[b|]", "[a|]"]


@pytest.mark.django_db
def test_fragment_debug_renders_every_time(client):
    _remembered.cache_clear()
    with override_settings(DEBUG=True):
        html = client.get("/meetings/").content.decode()

    assert _nav(html)[0] == "Meetings*"
    assert (_remembered.cache_info().misses, _remembered.cache_info().hits) == (0, 0)


def test_fragment_without_a_template_name_is_an_error():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment %}")
