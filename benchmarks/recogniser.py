"""The decision recogniser measured on the labelled sentences (fixtures/decisions/).

``python benchmarks/recogniser.py [--half A|B]`` prints the confusion matrix, precision and
recall per kind, the misread sentences and the time per sentence.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "fixtures" / "decisions" / "labelled_sentences.tsv"
KINDS = ("decision", "action", "neither")


@dataclass(frozen=True)
class Labelled:
    half: str
    label: str
    sentence: str


def load(path: Path = LABELLED, *, half: str | None = None) -> list[Labelled]:
    """The labelled sentences: tab-separated half (A or B), label, sentence; # starts a comment."""
    rows = []
    with path.open(encoding="utf-8", newline="") as file:
        for number, fields in enumerate(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not fields or fields[0].startswith("#"):
                continue
            if len(fields) != 3 or fields[1] not in KINDS or fields[0] not in {"A", "B"}:
                raise ValueError(f"{path.name} line {number}: expected half, label, sentence: {fields!r}")
            if half is None or fields[0] == half:
                rows.append(Labelled(*fields))
    return rows


@dataclass
class Score:
    confusion: dict[tuple[str, str], int]  # (label, read) -> count
    misread: list[tuple[Labelled, str]]
    seconds: float

    def precision(self, kind: str) -> float:
        read = sum(count for (label, got), count in self.confusion.items() if got == kind)
        return self.confusion.get((kind, kind), 0) / read if read else 1.0

    def recall(self, kind: str) -> float:
        labelled = sum(count for (label, got), count in self.confusion.items() if label == kind)
        return self.confusion.get((kind, kind), 0) / labelled if labelled else 1.0


def score(rows: list[Labelled]) -> Score:
    from meetings.importer.decisions import classify_sentence

    confusion: dict[tuple[str, str], int] = {}
    misread = []
    start = time.perf_counter()
    for row in rows:
        got = classify_sentence(row.sentence) or "neither"
        confusion[(row.label, got)] = confusion.get((row.label, got), 0) + 1
        if got != row.label:
            misread.append((row, got))
    return Score(confusion=confusion, misread=misread, seconds=time.perf_counter() - start)


def render(result: Score, *, title: str) -> str:
    lines = [f"## {title}", "", "| labelled \\ read | " + " | ".join(KINDS) + " |", "|---|---|---|---|"]
    for label in KINDS:
        cells = " | ".join(str(result.confusion.get((label, got), 0)) for got in KINDS)
        lines.append(f"| {label} | {cells} |")
    lines.append("")
    for kind in ("decision", "action"):
        lines.append(f"- {kind}: precision {result.precision(kind):.3f}, recall {result.recall(kind):.3f}")
    total = sum(result.confusion.values())
    lines.append(f"- {total} sentences in {result.seconds * 1000:.1f} ms")
    if result.misread:
        lines += ["", "Misread:"]
        lines += [f"- [{row.half}] {row.label} read as {got}: {row.sentence}" for row, got in result.misread]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=["A", "B"])
    parser.add_argument("--file", type=Path, default=LABELLED)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    rows = load(args.file, half=args.half)
    print(
        render(
            score(rows),
            title=f"Recogniser on {args.file.name}" + (f", half {args.half}" if args.half else ""),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
