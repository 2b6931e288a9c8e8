"""Precision and recall of statement extraction against a hand-annotated gold file.

Usage: PYTHONPATH=src python tests/eval_statements.py CORPUS.txt GOLD.tsv [-v]

A gold row is ``speaker<TAB>kind<TAB>text prefix<TAB>roles`` (roles joined by 、, ``-`` for
none). A predicted statement matches a gold row when kind and speaker are equal and its text
starts with the prefix; each statement matches at most one row. Roles are scored apart, on
matched pairs, so a wrong role shows up without hiding a found statement.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gdq.extract import statements
from gdq.models import Statement
from gdq.pipeline import stages as pipeline
from gdq.text import read as corpus

KINDS = ("direct", "indirect")
_WIDTH = str.maketrans("，：；（）！？", ",:;()!?")


@dataclass(frozen=True, slots=True)
class GoldRow:
    speaker: str
    kind: str
    prefix: str
    roles: str | None


@dataclass(slots=True)
class Score:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    roles_right: int = 0
    missed: list[GoldRow] = field(default_factory=list)
    spurious: list[Statement] = field(default_factory=list)
    wrong_roles: list[tuple[GoldRow, Statement]] = field(default_factory=list)


def _norm(text: str) -> str:
    return text.translate(_WIDTH).replace(" ", "")


def load_gold(path: Path | str) -> list[GoldRow]:
    rows: list[GoldRow] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        speaker, kind, prefix, roles = (cell.strip() for cell in [*line.split("\t"), "", "", ""][:4])
        rows.append(GoldRow(speaker, kind, prefix, None if roles in ("-", "") else roles))
    return rows


def extract_file(path: Path | str) -> list[Statement]:
    sources = corpus.expand([str(path)])
    docs = [corpus.document(s, corpus.read_bytes(s), lambda _message: None) for s in sources]
    found: list[Statement] = []
    for doc in docs:
        sents, _info = pipeline.document_sentences(doc)
        found.extend(statements.extract(doc.key, sents))
    return found


def score(predicted: Sequence[Statement], gold: Sequence[GoldRow]) -> Report:
    report = Report()
    for st in predicted:
        report.scores.setdefault(st.kind, Score()).predicted += 1
    used: set[int] = set()
    for row in gold:
        report.scores.setdefault(row.kind, Score()).gold += 1
        hit = next(
            (
                n
                for n, st in enumerate(predicted)
                if n not in used
                and st.kind == row.kind
                and st.speaker == row.speaker
                and _norm(st.text).startswith(_norm(row.prefix))
            ),
            None,
        )
        if hit is None:
            report.missed.append(row)
            continue
        used.add(hit)
        report.scores[row.kind].matched += 1
        if (predicted[hit].role or None) == row.roles:
            report.roles_right += 1
        else:
            report.wrong_roles.append((row, predicted[hit]))
    report.spurious = [st for n, st in enumerate(predicted) if n not in used]
    return report


def evaluate(corpus_path: Path | str, gold_path: Path | str) -> Report:
    return score(extract_file(corpus_path), load_gold(gold_path))


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = evaluate(argv[0], argv[1])
    for kind in KINDS:
        s = report.scores[kind]
        print(
            f"{kind:9} precision {s.precision:.3f} ({s.matched}/{s.predicted})  "
            f"recall {s.recall:.3f} ({s.matched}/{s.gold})"
        )
    matched = sum(s.matched for s in report.scores.values())
    print(f"roles     {report.roles_right}/{matched} matched statements carry the gold roles")
    if "-v" in argv:
        for row in report.missed:
            print(f"MISSED    {row.speaker} {row.kind} {row.prefix}")
        for st in report.spurious:
            print(f"SPURIOUS  {st.speaker} {st.kind} {st.verb} {st.text[:20]}")
        for row, st in report.wrong_roles:
            print(f"ROLE      {row.speaker}: want {row.roles!r} got {st.role!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
