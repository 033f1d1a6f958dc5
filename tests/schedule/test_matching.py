import pytest

from schedule.matching import acronyms, best_match, normalise_title, sessions_mentioned, title_similarity
from tests.seed_2016 import NRIS, SEED_GRID, SHAPING, TAKING_STOCK, TRADE

TITLES = list(dict.fromkeys(row[3] for row in SEED_GRID))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("(Contd.) Shaping the Future of Internet Governance", "shaping the future of internet governance"),
        ("‘Trade Agreements and the Internet’ Main Session", "trade agreements and the internet"),
        ("National and Regional IGFs (NRIs)", "national and regional igfs"),
        ('"Human Rights: Broadening the Conversation" session', "human rights broadening the conversation"),
    ],
)
def test_normalise_title_drops_quotes_punctuation_and_suffixes(title, expected):
    assert normalise_title(title) == expected


def test_acronyms_include_the_singular():
    assert acronyms(NRIS) == ["NRIs", "NRI"]


def test_title_similarity_is_one_for_the_same_session_written_differently():
    assert title_similarity("the ‘Shaping the Future of Internet Governance’ session", SHAPING) == 1.0


def test_best_match_finds_a_slightly_renamed_session():
    assert best_match("Setting the Scene/Newcomers", TITLES) == TITLES.index(
        "Setting the Scene: Newcomers Orientation"
    )


def test_best_match_is_none_for_an_unrelated_title():
    assert best_match("Cybersecurity and Trust", TITLES) is None


def test_sessions_mentioned_orders_abbreviations_quotes_and_titles_by_first_mention():
    text = (
        "the NRI main session would be moved to the afternoon of Day 2, and the ‘Shaping the Future of "
        "Internet Governance’ session would follow trade agreements and the internet"
    )
    assert sessions_mentioned(text, TITLES) == [
        TITLES.index(NRIS),
        TITLES.index(SHAPING),
        TITLES.index(TRADE),
    ]


def test_sessions_mentioned_ignores_a_loosely_quoted_name_it_cannot_place():
    assert sessions_mentioned("the ‘Taking Stock/Open Microphone’ session", TITLES) == []
    assert TAKING_STOCK in TITLES
