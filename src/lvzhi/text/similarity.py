"""Similar-record detection (查重): the same-proposal score, candidates from the search index.

The score (`same_proposal`) compares what two texts say with their set phrasing left out
(text.content): 0.7 × the cosine of their content words, weighed by jieba's IDF table, figures
normalised, synonyms folded, + 0.3 × the TF-IDF cosine of their content's character 3-grams.
It and DUPLICATE_THRESHOLD were chosen on the tuning part of tests/text/data/dedup_pairs.json
and are measured on its held-out part (tests/text/test_dedup_quality.py; README, 查重 quality):
the 3-gram cosine alone flagged texts written on one template and missed rewrites.

How the 3-gram part was chosen — tests/text/test_similarity_quality.py runs the comparison on a
labelled set of proposals (reordered, lightly edited, partly copied, a third copied, joint
rewrites; hard negatives on the same topic), all wrapped in the set openings and closings
real proposals carry ("为深入贯彻落实……现提出如下建议", "以上建议妥否，请……"):

    method (character n-grams)          best precision / recall
    overlap coefficient |A∩B|/min        0.82 / 0.83   (3-grams)
    Jaccard (what MinHash-LSH estimates) 0.89 / 0.80   (3-grams)
    TF-IDF cosine                        1.00 / 1.00   (2- to 5-grams; 3-grams kept)

Set measures — and so MinHash-LSH, which estimates Jaccard — are fooled by the set phrases
every proposal shares; TF-IDF weighs them down. MinHash-LSH with 32 bands of 2 rows also
missed 7.5 % of the true pairs at the candidate stage for the same reason.

So: (1) candidates are the records that share the new text's most distinctive words — one
indexed lookup per word in the full-text index (FTS5 / tsvector), each record scoring the
summed idf of the words it shares ("more like this"); a distinctive word the index lists
for more than RARE_SHARE of the records (bigram pieces counted: `CorpusStats.term_df`) is
looked up only together with the next one (both words in one record) and otherwise only
adds its weight to the best candidates — its posting list is long;
(2) each candidate is scored by `same_proposal`, the document frequencies estimated from a
sample of the records of that type;
(3) shared passages are the maximal runs of the new text covered by 3-grams the old text
also has, leaving out the set phrases.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul, truediv

from lvzhi.text.tokenize import normalize_long
from lvzhi.text.weights import prior_idf

SHINGLE = 3
#: a same_proposal score at or above this marks a duplicate (chosen on the tuning part of
#: tests/text/data/dedup_pairs.json, measured on its held-out part)
DUPLICATE_THRESHOLD = 0.25
#: passages shorter than this many characters are not reported
MIN_PASSAGE = 10
#: a 3-gram in more than this share of records is a set phrase, not evidence
COMMON_SHARE = 0.2
#: a word in more than this share of records is not looked up for candidates
WORD_MAX_SHARE = 0.05
#: candidates are found through words in at most this share of records; commoner ones only
#: reorder them (see backends.weighted_ids)
RARE_SHARE = 0.02
#: a sample of fewer records tells nothing about which words are common
MIN_SAMPLE = 100
MAX_TEXT = 50_000
#: a sentence found in this share of the records (and in MIN_REPEATS at least) is set phrasing
COMMON_SENTENCES = 0.02
MIN_REPEATS = 5

_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
_RUN = re.compile(rb"\x01+")
_COVERED = b"\x01" * SHINGLE


@dataclass
class Fingerprint:
    """A text reduced for comparison: the kept characters, their 3-gram counts, positions."""

    chars: str
    positions: list[int]  # offset in the normalised text of each kept character
    normalised: str
    counts: Counter = field(default_factory=Counter)
    original: str = ""  # the text as written, shown in passages when offsets agree

    @property
    def shingles(self) -> set[str]:
        return set(self.counts)


def fingerprint(text: str) -> Fingerprint:
    normalised = normalize_long((text or "")[:MAX_TEXT])
    chars, positions = [], []
    for m in _KEEP.finditer(normalised):
        chars.append(m.group())
        positions.extend(range(m.start(), m.end()))
    kept = "".join(chars)
    original = (text or "")[:MAX_TEXT]
    return Fingerprint(kept, positions, normalised, shingle_counts(kept), original)


def shingle_counts(kept: str) -> Counter:
    """The 3-gram counts of a text already reduced to its kept characters."""
    counts = Counter([kept[i : i + SHINGLE] for i in range(len(kept) - SHINGLE + 1)])
    if not counts and kept:
        counts = Counter([kept])
    return counts


def shingles(text: str) -> set[str]:
    """`fingerprint(text).shingles` without the offsets (what passages compare against)."""
    return set(shingle_counts("".join(_KEEP.findall(normalize_long((text or "")[:MAX_TEXT])))))


def content_shingles(sentences: list[str]) -> Counter:
    """`fingerprint("。".join(sentences)).counts` for normalised sentences (content_sentences
    returns them so): the text is not normalised again, and no offsets are kept."""
    return shingle_counts("".join(_KEEP.findall("。".join(sentences)[:MAX_TEXT])))


class CorpusStats:
    """Document frequencies of 3-grams and words in (a sample of) one record type."""

    def __init__(self, shingle_sets=(), word_sets=(), sentence_sets=(), term_sets=()):
        self.docs = 0
        self.shingle_df: Counter = Counter()
        self.word_df: Counter = Counter()
        self.sentence_df: Counter = Counter()
        #: records whose index entry holds the term, as a word or a two-character piece: the
        #: length of its posting list, which the word counts understate for short words
        #: (电价 is a word in few records and a piece of 用电价格 in many)
        self.term_df: Counter = Counter()
        for s in shingle_sets:
            self.docs += 1
            self.shingle_df.update(s)
        for w in word_sets:
            self.word_df.update(w)
        for s in sentence_sets:
            self.sentence_df.update(s)
        for t in term_sets:
            self.term_df.update(t)

    def common_sentences(self) -> frozenset:
        """Sentences repeated by COMMON_SENTENCES of the records or more: the committee's
        own set phrasing, learned as the corpus grows."""
        if getattr(self, "_common", None) is None:
            least = max(MIN_REPEATS, COMMON_SENTENCES * self.docs)
            self._common = frozenset(k for k, n in self.sentence_df.items() if n >= least)
        return self._common

    def idf(self, shingle: str) -> float:
        return math.log((self.docs + 1) / (self.shingle_df.get(shingle, 0) + 1)) + 1.0

    def idf_table(self) -> dict[str, float]:
        """idf of every 3-gram seen in the sample (others get `rare_idf`), computed once."""
        if getattr(self, "_idf", None) is None or self._idf_docs != self.docs:
            self._idf = {g: self.idf(g) for g in self.shingle_df}
            self._idf_docs = self.docs
            self.rare_idf = math.log(self.docs + 1) + 1.0
        return self._idf

    def word_idf(self, word: str) -> float:
        return math.log((self.docs + 1) / (self.word_df.get(word, 0) + 1)) + 1.0

    def weights(self) -> dict[str, float]:
        """`word_weight` of the words met so far with this sample, kept with it (a check
        weighs some thousand words, most of them met before)."""
        if getattr(self, "_weights", None) is None or self._weights_docs != self.docs:
            self._weights, self._weights_docs = {}, self.docs
        return self._weights

    def postings(self, word: str) -> int:
        """Sampled records the index lists under `word` (its word count in a sample taken
        before term_df was kept)."""
        return max(self.word_df.get(word, 0), self.term_df.get(word, 0))

    def word_is_frequent(self, word: str) -> bool:
        """Listed under it in the index for more than RARE_SHARE of the records: a
        tie-breaker, not a finder of candidates."""
        return self.docs >= MIN_SAMPLE and self.postings(word) > RARE_SHARE * self.docs

    def is_common(self, shingle: str) -> bool:
        return self.docs >= 5 and self.shingle_df.get(shingle, 0) > COMMON_SHARE * self.docs

    def common_shingles(self) -> frozenset:
        """The 3-grams `is_common` holds for, found once per sample."""
        if getattr(self, "_common_shingles", None) is None or self._shingles_docs != self.docs:
            self._common_shingles = frozenset(g for g in self.shingle_df if self.is_common(g))
            self._shingles_docs = self.docs
        return self._common_shingles


_LOG_TF = [0.0] + [1 + math.log(n) for n in range(1, 64)]


def _log_tf(tf: int) -> float:
    return _LOG_TF[tf] if tf < 64 else 1 + math.log(tf)


def _unit(keys, weights: list[float]) -> dict[str, float]:
    """{key: weight} scaled to length 1 (the loops run in C: a check builds some twenty)."""
    norm = math.sqrt(math.fsum(map(mul, weights, weights))) or 1.0
    return dict(zip(keys, map(truediv, weights, repeat(norm)), strict=True))


def tfidf(counts: Counter, stats: CorpusStats) -> dict[str, float]:
    idf, rare = stats.idf_table(), stats.rare_idf
    values = counts.values()
    tfs = map(_LOG_TF.__getitem__ if max(values, default=0) < 64 else _log_tf, values)
    return _unit(counts.keys(), list(map(mul, tfs, map(idf.get, counts.keys(), repeat(rare)))))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # only the shared keys count: intersecting the key sets is done in C
    return sum(a[g] * b[g] for g in a.keys() & b.keys())


def overlap(a: set[str], b: set[str]) -> float:
    """|A∩B| / min(|A|, |B|) — kept for the method comparison in the quality test."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def word_weight(word: str, stats: CorpusStats) -> float:
    """How much sharing `word` says about two records being the same.

    The general-corpus idf (`weights.prior_idf`) holds from the first record; once the
    sample is large enough to tell (MIN_SAMPLE records), the corpus's own idf scales it, so a
    word every proposal of this committee uses (建议, 企业) weighs less than it does in
    general text. Before that the corpus says nothing: with one record indexed, every word
    it holds would look common and every word it lacks rare.
    """
    known = stats.weights()
    weight = known.get(word)
    if weight is None:
        weight = prior_idf(word)
        if stats.docs >= MIN_SAMPLE:
            weight *= stats.word_idf(word) / (math.log(stats.docs + 1) + 1.0)
        known[word] = weight
    return weight


def distinctive_words(
    tokens: list[str], stats: CorpusStats, limit: int = 16, cap: bool = True
) -> list[str]:
    """The words of a text that best tell it apart from the others of its type.

    Rarity counts twice (weight²): a copied passage carries the rare words of its source —
    names, figures, places — while the topic words it shares with every proposal on the
    same subject would pull in the wrong candidates. Words the index lists for more than 5 %
    of a large enough sample are left out: their posting lists are long and tell nothing
    apart. The
    words are the text's own, weighed without looking at whether the index holds them, so a
    near-identical record holds (nearly) all of them and scores highest whatever the size
    of the index. `cap=False` keeps the common words too: the caller's fallback when every
    word of a text is common.
    """
    common = WORD_MAX_SHARE * stats.docs if cap and stats.docs >= MIN_SAMPLE else float("inf")
    tf = Counter(t for t in tokens if len(t) >= 2 and stats.postings(t) <= common)
    ranked = sorted(
        tf, key=lambda w: ((1 + math.log(tf[w])) * word_weight(w, stats) ** 2, w), reverse=True
    )
    return ranked[:limit]


def shared_passages(
    new: Fingerprint, old: set[str], stats: CorpusStats | None = None, limit: int = 3
) -> list[str]:
    """The longest runs of the new text made of 3-grams the old text also has.

    A run made mostly of set phrases (3-grams common to many records) is not reported.
    """
    kept = new.chars
    covered, common = bytearray(len(kept)), bytearray(len(kept))
    frequent = stats.common_shingles() if stats is not None else frozenset()
    for i in [i for i in range(len(kept) - SHINGLE + 1) if kept[i : i + SHINGLE] in old]:
        covered[i : i + SHINGLE] = _COVERED
        if kept[i : i + SHINGLE] in frequent:
            common[i] = 1
    runs = [
        (m.start(), m.end())
        for m in _RUN.finditer(covered)
        if m.end() - m.start() >= MIN_PASSAGE
        and common.count(1, m.start(), m.end()) < 0.5 * (m.end() - m.start())
    ]
    runs.sort(key=lambda r: r[1] - r[0], reverse=True)
    # Shown as written (full-width ，stays ，) unless normalising changed the offsets.
    shown = new.original if len(new.original) == len(new.normalised) else new.normalised
    return [shown[new.positions[a] : new.positions[b - 1] + 1] for a, b in runs[:limit]]


#: weight of a figure shared by two texts (#18%, #1300000亩): as telling as a rare word
FIGURE_WEIGHT = 12.0
#: the same-proposal score mixes the 3-gram cosine (copied wording) and the content-word
#: cosine (the same facts and suggestions, however worded): chosen on the tuning part of
#: tests/text/data/dedup_pairs.json
CHAR_SHARE = 0.3


def word_vector(words: list[str], stats: CorpusStats) -> dict[str, float]:
    tf = Counter(words)
    return _unit(
        tf.keys(),
        [
            _log_tf(n) * (FIGURE_WEIGHT if w.startswith("#") else word_weight(w, stats))
            for w, n in tf.items()
        ],
    )


@dataclass
class Content:
    """A text as 查重 compares it: its content's 3-gram and word vectors."""

    chars: dict[str, float]
    words: dict[str, float]


def content(text: str, stats: CorpusStats, stored: str | None = None, parts=None) -> Content:
    """`stored`: the content tokens of an indexed record (segmented when it was indexed);
    `parts`: the text's `content.segments`; without either the text is segmented now."""
    from lvzhi.text import content as c

    common = stats.common_sentences()
    kept = c.content_sentences(text, common)
    if parts is None:
        parts = c.parse(stored) if stored else c.segments(text)
    return Content(
        tfidf(content_shingles(kept), stats), word_vector(c.content_words(parts, common), stats)
    )


def same_proposal(a: Content, b: Content) -> float:
    """0..1: how much two texts say the same — the 查重 score."""
    return CHAR_SHARE * cosine(a.chars, b.chars) + (1 - CHAR_SHARE) * cosine(a.words, b.words)


#: where both texts have sections (registry `sections`), the share of the suggestions' score
#: in the same-proposal score, the case's taking the rest: two proposals on one matter that
#: suggest different things are different proposals. Set to "the suggestions weigh most"
#: beforehand, checked on the tuning part of tests/text/data/dedup_pairs.json (0.5–0.9 flag
#: the same pairs there)
SUGGESTIONS_SHARE = 0.6


def same_proposal_by_sections(a: tuple[Content, Content], b: tuple[Content, Content]) -> float:
    """0..1: `same_proposal` of two texts' (case, suggestions), section with section."""
    return SUGGESTIONS_SHARE * same_proposal(a[1], b[1]) + (1 - SUGGESTIONS_SHARE) * (
        same_proposal(a[0], b[0])
    )
