"""Word segmentation (jieba) shared by indexing, querying and highlighting.

Documents are cut with `jieba.cut_for_search`, which emits a long word *and* the dictionary
words inside it ("融资难题" → 融资, 难题, 融资难题), and every character bigram of the text is
indexed as well, so a query finds any substring of two or more characters, also one that
crosses jieba's word boundaries. Queries are cut in precise mode. Both sides go through the
same normalisation (simplified characters, ASCII width, lower case), so a query typed in
traditional characters or full-width letters finds the same records.
"""

import logging
import multiprocessing as mp
import re
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache

# Domain words jieba's general dictionary cuts apart; a CPPCC office searches for them whole.
DOMAIN_WORDS = """
政协 政协委员 委员 委员行动 产业振兴 履职 提案 立案 并案 社情民意 承办单位 主办单位 协办单位
专题协商 全媒体协商 来宾好商量 经济微讲堂 产业服务团 政银企 政银企对接 百企扶百村 脱贫村
委员企业 以商招商 以链招商 招商引资 招商项目 三位一体 一把手 五千九百 糖罐子 蔗糖 糖业
钙基新材料 绿色家居 林木加工 竹浆纸 竹浆纸一体化 冷链物流 设施农业 特色水稻 瑶医药 港口物流
三江口 工业园区 专精特新 能耗双控 降本增效 融资难 融资贵 营商环境 乡村振兴 高质量发展
""".split()

_WORD = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")
# Characters that mean something to FTS5 or tsquery syntax; a query never passes them on.
_QUERY_NOISE = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KEYWORDS = {"and", "or", "not", "near"}

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 16

_lock = threading.Lock()
_ready = False


def _jieba():
    global _ready
    import jieba

    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                for word in DOMAIN_WORDS:
                    jieba.add_word(word, freq=20000)
                _ready = True
    return jieba


def warm():
    """Load what the first search would otherwise wait for: jieba's dictionary (seconds),
    OpenCC and the traditional-character table. The production server calls it once in
    the master process, before the workers fork and share it (see lvzhi.wsgi)."""
    index_tokens("預熱冷链物流")
    query_terms("预热")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Simplified, half-width, lower-case text (used for short strings: queries, titles)."""
    from lvzhi.text.cleaning import _opencc

    text = unicodedata.normalize("NFKC", text or "")
    return _opencc().convert(text).lower()


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC t2s would change (keys of its character table that differ)."""
    from pathlib import Path

    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _tab, values = line.partition("\t")
        if key and values.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


def normalize_long(text: str) -> str:
    """`normalize` for documents: OpenCC (slow) runs only when a traditional character occurs."""
    from lvzhi.text.cleaning import _opencc

    text = unicodedata.normalize("NFKC", text or "").lower()
    if _traditional_chars().isdisjoint(text):
        return text
    return _opencc().convert(text)


_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
#: between a document's words and its character bigrams in the stored tokens; both
#: full-text parsers (FTS5 unicode61, PostgreSQL's) read it as a separator
BIGRAM_MARK = " | "


def words(text: str) -> list[str]:
    """jieba's words of a document (search mode: a long word and the words inside it)."""
    return [
        w for w in _jieba().cut_for_search(normalize_long(text)) if _WORD.search(w) and " " not in w
    ]


def bigrams(text: str) -> list[str]:
    """Every two-character piece of every run of Chinese characters, in order."""
    return [run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)]


def index_tokens(text: str) -> str:
    """The space-separated words a document is indexed under.

    jieba's words, then — after BIGRAM_MARK — every two-character piece of the text's runs
    of Chinese characters that is not already one of those words. A substring jieba cuts
    across is still found: 用电价格 is cut 用电|价格, and its piece 电价 is indexed too. A
    query word of three or more characters is looked up as itself or as all its pieces
    (`query_groups`). The pieces roughly double the stored tokens (see README).
    """
    found = words(text)
    seen = set(found)
    extra = []
    for b in bigrams(normalize_long(text)):
        if b not in seen:
            seen.add(b)
            extra.append(b)
    return " ".join(found) + (BIGRAM_MARK + " ".join(extra) if extra else "")


def word_part(tokens: str) -> str:
    """The words of stored tokens, without the bigram pieces."""
    return tokens.partition(BIGRAM_MARK)[0]


#: Fewer distinct texts than this are segmented in this process (a pool costs more).
POOL_MIN_TEXTS = 1000
_pool: ProcessPoolExecutor | None = None


def _index_tokens_list(texts: list[str]) -> list[str]:
    return [index_tokens(t) for t in texts]


def index_tokens_later(texts: list[str]):
    """A function returning `index_tokens` of each text: segmented meanwhile in the open
    `segmenting_pool`'s processes if the batch is large, else here and now."""
    pool = _pool
    if pool is None or len(texts) < POOL_MIN_TEXTS:
        tokens = _index_tokens_list(texts)
        return lambda: tokens
    size = -(-len(texts) // (pool._max_workers * 2))
    futures = [
        pool.submit(_index_tokens_list, texts[i : i + size]) for i in range(0, len(texts), size)
    ]
    return lambda: [tokens for future in futures for tokens in future.result()]


@contextmanager
def segmenting_pool(processes: int | None = None):
    """While open, `index_tokens_later` segments large batches in worker processes.

    jieba is pure Python: a bulk import's index text is most of its CPU time. The workers
    are forked from this process once jieba's dictionary is loaded (they inherit it) and
    do nothing but segment text; they live as long as the context. One process, or a
    platform without fork, segments in place.
    """
    global _pool
    if processes is None:
        from django.conf import settings

        processes = settings.TEXT_INDEX_PROCESSES
    if _pool is not None or processes < 2 or "fork" not in mp.get_all_start_methods():
        yield
        return
    _jieba()
    with ProcessPoolExecutor(max_workers=processes, mp_context=mp.get_context("fork")) as pool:
        _pool = pool
        try:
            yield
        finally:
            _pool = None


def query_terms(q: str) -> list[str]:
    """The words of a query, safe to quote in FTS5 and tsquery: no syntax survives."""
    q = normalize((q or "")[:MAX_QUERY_CHARS])
    q = _QUERY_NOISE.sub(" ", q).strip()
    if not q:
        return []
    terms = []
    for w in _jieba().cut(q):
        w = w.strip()
        if not w or not _WORD.search(w) or w in _KEYWORDS:
            continue
        if w not in terms:
            terms.append(w)
    return terms[:MAX_QUERY_TERMS]


def alternatives(word: str) -> list[list[str]]:
    """Ways an indexed document can hold `word`: as a token, or — a Chinese word of three or
    more characters — as all of its two-character pieces."""
    if len(word) >= 3 and _CJK_RUN.fullmatch(word):
        return [[word], list(dict.fromkeys(bigrams(word)))]
    return [[word]]


def query_groups(terms: list[str], synonyms=None) -> list[list[list[str]]]:
    """One group per query word: the alternatives that match it (any of them), each a list of
    tokens that must all occur. `synonyms(word)` adds the alternatives of its synonyms."""
    groups = []
    for t in terms:
        alts = alternatives(t)
        for s in synonyms(t) if synonyms else ():
            for alt in alternatives(s):
                if alt not in alts:
                    alts.append(alt)
        groups.append(alts)
    return groups


def query_phrases(q: str) -> list[str]:
    """The query's runs of letters, digits and characters, for highlighting and phrase boost."""
    q = normalize((q or "")[:MAX_QUERY_CHARS])
    return [p for p in _QUERY_NOISE.split(q) if p and p not in _KEYWORDS]
