import datetime

from schedule.diff import ScheduleChange, diff_versions, duration_words
from tests.seed_2016 import EARLIER_GRID, NRIS, SEED_GRID, SHAPING, TRADE


def snapshot(grid, *, ids=None):
    """A version snapshot of ``grid``; session ids follow first appearance unless given."""
    ids = ids or {}
    sessions = {}
    for day, start, end, title, continued, note in grid:
        session = sessions.setdefault(
            title, {"id": ids.get(title, len(sessions) + 1), "title": title, "kind": "main", "slots": []}
        )
        session["slots"].append(
            {
                "date": datetime.date(2016, 12, day).isoformat(),
                "start": start,
                "end": end,
                "note": note,
                "continued": continued,
            }
        )
    return {"start_date": "2016-12-06", "sessions": list(sessions.values())}


def test_diff_versions_of_the_seed_lists_the_move_the_addition_and_the_lengthening():
    changes = diff_versions(snapshot(EARLIER_GRID), snapshot(SEED_GRID))
    assert [str(change) for change in changes] == [
        "Moved: National and Regional IGFs (NRIs) from Day 3 afternoon to Day 2 afternoon",
        "Added: Trade Agreements and the Internet (Day 3 afternoon, 90 minutes)",
        "Lengthened: Shaping the Future of Internet Governance from 90 minutes to 2 hours",
    ]
    assert [change.summary for change in changes] == [
        "Moved to Day 2 afternoon",
        "Added: Day 3 afternoon, 90 minutes",
        "Lengthened to 2 hours",
    ]
    assert [change.title for change in changes] == [NRIS, TRADE, SHAPING]


def test_diff_versions_of_identical_snapshots_is_empty():
    assert diff_versions(snapshot(SEED_GRID), snapshot(SEED_GRID)) == []


def test_diff_versions_reports_a_removed_session_last():
    changes = diff_versions(snapshot(SEED_GRID), snapshot([row for row in SEED_GRID if row[3] != TRADE]))
    assert changes == [ScheduleChange("removed", TRADE, 9, before="Day 3 afternoon, 90 minutes")]


def test_diff_versions_matches_a_renamed_session_by_similar_title():
    renamed = [
        (*row[:3], "Shaping the Future of the IGF", *row[4:]) if row[3] == SHAPING else row
        for row in SEED_GRID
    ]
    changes = diff_versions(snapshot(SEED_GRID), snapshot(renamed))
    assert [str(change) for change in changes] == [
        "Renamed: Shaping the Future of Internet Governance to Shaping the Future of the IGF"
    ]


def test_diff_versions_tells_retimed_from_moved_within_a_block():
    earlier = [(9, "10:00", "11:30", SHAPING, False, "")]
    later = [(9, "11:30", "13:00", SHAPING, False, "")]
    changes = diff_versions(snapshot(earlier), snapshot(later))
    assert [str(change) for change in changes] == [
        "Retimed: Shaping the Future of Internet Governance from 10:00–11:30 to 11:30–13:00"
    ]


def test_diff_versions_reports_a_move_and_a_shortening_together():
    earlier = [(7, "15:00", "18:00", NRIS, False, "")]
    later = [(8, "10:00", "11:30", "NRIs Main Session", False, "")]
    changes = diff_versions(snapshot(earlier), snapshot(later))
    assert [change.kind for change in changes] == ["added", "removed"]
    later = [(8, "10:00", "11:30", NRIS, False, "")]
    changes = diff_versions(snapshot(earlier), snapshot(later))
    assert [str(change) for change in changes] == [
        "Moved: National and Regional IGFs (NRIs) from Day 2 afternoon to Day 3 morning",
        "Shortened: National and Regional IGFs (NRIs) from 3 hours to 90 minutes",
    ]


def test_duration_words_uses_hours_for_whole_hours_only():
    assert [duration_words(m) for m in (60, 90, 120, 30)] == ["1 hour", "90 minutes", "2 hours", "30 minutes"]
