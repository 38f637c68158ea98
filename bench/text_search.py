"""Benchmark of the text engine against naive baselines, on SQLite and PostgreSQL, in one run.

    .venv/bin/python bench/text_search.py --sizes 10000 200000 --backends sqlite postgresql

For each size the corpus comes from bench/textgen.py (proposal-like documents, 5 % planted
near-duplicates), generated and segmented once (jieba, in a process pool, one cached
block of text at a time — see `_block_cached_tokens`) and cached under /tmp/lvzhi-bench. For each backend and size a worker process builds a fresh database
(migrations, committees, users, Enterprise records holding the documents), loads the index
and measures:

* index build: `services.reindex` (jieba included, one core) on the first 10,000 records,
  and the bulk load of pre-segmented rows for the whole corpus;
* search p50/p95 through `selectors.search` (visibility included) for a two-character word,
  a four-character phrase and a three-word query, against the naive baseline
  `Enterprise.objects.visible_to(user).filter(description__contains=…)` (a LIKE '%q%' scan);
* similarity p50/p95 through `selectors.similar_to` on planted near-duplicates, their
  recall, and the brute-force pairwise baseline (TF-IDF cosine against every record,
  timed on 2,000 records and scaled to the corpus);
* peak memory (max RSS) of the worker and the database size.

Results go to bench/results/text.md (and the raw numbers to bench/results/text.json).
"""

import argparse
import dataclasses
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("LVZHI_BENCH_CACHE", "/tmp/lvzhi-bench"))
RESULTS = ROOT / "bench" / "results"
PLAIN_SAMPLE = 4000  # documents segmented without the block cache, to time jieba and check
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
#: the checkout whose src/ the workers import (`--code`: the baseline of an A/B run)
CODE = ROOT

WORDS_2 = ["养老", "融资", "冷链", "人才", "甘蔗", "招商", "矿山", "电商", "贴息", "瑶医"]
PHRASES_4 = [
    "技术改造",
    "冷链物流",
    "融资担保",
    "养老服务",
    "校企合作",
    "垃圾分类",
    "订单农业",
    "人才公寓",
    "甘蔗良种",
    "绿色家居",
]
WORDS_3 = [
    "养老 护理 补贴",
    "企业 融资 担保",
    "甘蔗 良种 补贴",
    "冷链 物流 用地",
    "人才 公寓 政策",
    "矿山 修复 资金",
    "招商 项目 落地",
    "电商 物流 快递",
    "瑶医 传承 人才",
    "村集体 经济 帮扶",
]


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# --------------------------------------------------------------------------- corpus cache


def _segment(doc):
    return (doc.id, _block_cached_tokens(doc.title), _block_cached_tokens(doc.body))


_block_cache: dict[str, str] = {}


def _block_cached_tokens(text: str) -> str:
    """`index_tokens(text)`, computed one jieba block at a time with a cache of blocks.

    jieba cuts each run of CJK characters, letters and digits on its own (its `re_han`
    split), so the words of a text are the words of its blocks in order. Generated documents
    share many clauses, and caching them makes a million documents affordable; the result is
    checked against the uncached `index_tokens` on a sample (`build_corpus`).
    """
    from jieba import re_han_default

    from lvzhi.text.tokenize import BIGRAM_MARK, bigrams, normalize_long, words

    found, pieces = [], []
    for block in re_han_default.split(normalize_long(text)):
        if not block:
            continue
        cached = _block_cache.get(block)
        if cached is None:
            cached = _block_cache[block] = (words(block), bigrams(block))
        found += cached[0]
        pieces += cached[1]
    # as index_tokens: the words, then the bigrams that are not words, each once
    seen, extra = set(found), []
    for b in pieces:
        if b not in seen:
            seen.add(b)
            extra.append(b)
    return " ".join(found) + (BIGRAM_MARK + " ".join(extra) if extra else "")


def _segment_plain(doc):
    from lvzhi.text.tokenize import index_tokens

    return (doc.id, index_tokens(doc.title), index_tokens(doc.body))


def corpus_path(size: int) -> Path:
    return CACHE / f"corpus-{size}.pickle"


def build_corpus(size: int, processes: int) -> dict:
    """Generate and segment `size` documents once; returns timing of the segmentation."""
    path = corpus_path(size)
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return json.loads(meta_path.read_text())
    from multiprocessing import Pool

    sys.path.insert(0, str(ROOT))
    from bench.textgen import generate

    CACHE.mkdir(parents=True, exist_ok=True)
    docs = list(generate(size, seed=size))
    # The real rate of jieba, and a check that the block cache changes nothing.
    sample = docs[: min(size, PLAIN_SAMPLE)]
    started = time.perf_counter()
    with Pool(processes) as pool:
        plain = pool.map(_segment_plain, sample, chunksize=100)
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with Pool(processes) as pool:
        tokens = pool.map(_segment, docs, chunksize=500)
    seconds = time.perf_counter() - started
    mismatches = sum(a != b for a, b in zip(plain, tokens, strict=False))
    if mismatches:
        raise SystemExit(
            f"block-cached segmentation differs from index_tokens in {mismatches} docs"
        )
    with open(path, "wb") as f:
        for doc, (_id, title_tokens, body_tokens) in zip(docs, tokens, strict=True):
            pickle.dump((doc, title_tokens, body_tokens), f)
    meta = {
        "size": size,
        "chars": sum(len(d.body) + len(d.title) for d in docs),
        "segment_seconds": seconds,
        "segment_processes": processes,
        "segment_rate_per_core": len(sample) / plain_seconds / processes,
        "segment_checked": len(sample),
    }
    meta_path.write_text(json.dumps(meta))
    return meta


def _content_setup():
    """Pool initializer: Django settings for the synonym files, and an unbounded sentence
    cache (the generated documents repeat their sentences)."""
    from functools import lru_cache

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("LVZHI_TESTING", "1")
    import django

    django.setup()
    from lvzhi.text import content

    content._sentence_words = lru_cache(maxsize=None)(content._sentence_words.__wrapped__)


def _content_of(doc):
    """The stored content words (SearchDocument.content_tokens) of a document's record."""
    from lvzhi.text import services

    values = {"title": f"{doc.title[:80]}#{doc.id}", "body": doc.body}
    return doc.id, services.content_tokens(values)


def build_content_tokens(size: int, processes: int) -> None:
    """The content words 查重 compares of every document, computed once per corpus in a
    process pool (as the records are named in `load_worker`) and shared by the backends."""
    path = CACHE / f"corpus-{size}.content.pickle"
    if path.exists():
        return
    from multiprocessing import Pool

    sys.path.insert(0, str(ROOT))  # the documents are bench.textgen's
    docs = (doc for doc, _title_tokens, _body_tokens in read_corpus(size))
    with Pool(processes, initializer=_content_setup) as pool:
        found = dict(pool.imap_unordered(_content_of, docs, chunksize=200))
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as f:
        pickle.dump(found, f)
    partial.rename(path)


def read_content_tokens(size: int) -> dict[int, str]:
    """The cached content words; a worker started by hand beside `build_content_tokens`
    waits for them (an hour at most)."""
    path = CACHE / f"corpus-{size}.content.pickle"
    for _ in range(720):
        if path.exists():
            break
        time.sleep(5)
    with open(path, "rb") as f:
        return pickle.load(f)


def read_corpus(size: int):
    with open(corpus_path(size), "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def read_variants(size: int, count: int):
    """The first `count` planted near-duplicates, {id: source ids} of all of them, and the
    first ORIGINALS original documents (hard negatives of the same topics).

    Kept beside the corpus after the first read: unpickling a million documents to find
    them takes minutes.
    """
    path = CACHE / f"corpus-{size}.variants.pickle"
    if path.exists():
        with open(path, "rb") as f:
            variants, sources, originals = pickle.load(f)
        if len(variants) >= count:
            return variants[:count], sources, originals
    variants, sources, originals = [], {}, []
    for doc, _title_tokens, _body_tokens in read_corpus(size):
        if doc.variant:
            sources[doc.id] = set(doc.source_ids)
            if len(variants) < max(count, 200):
                variants.append(doc)
        elif len(originals) < ORIGINALS:
            originals.append(doc)
    with open(path, "wb") as f:
        pickle.dump((variants, sources, originals), f)
    return variants[:count], sources, originals


ORIGINALS = 2000


# --------------------------------------------------------------------------- worker


def setup_django(backend: str, size: int, fresh: bool = True) -> str:
    if backend == "sqlite":
        db = CACHE / f"bench-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm") if fresh else ():
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    else:
        import psycopg

        name = os.environ.get("BENCH_PG_DB", f"lvzhi_text_bench_{size}")
        if fresh:
            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"CREATE DATABASE {name}")
        url = f"{PG_URL}/{name}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("LVZHI_TESTING", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lvzhi.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(CODE / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    if fresh:
        call_command("migrate", verbosity=0)
    return url


def timed(fn, runs):
    out = []
    for i in range(runs):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def cpu_ms() -> float:
    """CPU time used so far by this process and, on PostgreSQL, by its database backend
    (read from /proc: the server runs on this machine). Wall times on a shared machine wait
    for the CPU; the CPU a call uses does not."""
    from django.db import connection

    used = time.process_time() * 1000
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used += (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    return used


def cpu_per_call(fn, runs) -> float:
    """Mean CPU ms per call of fn(i) over `runs` calls (see cpu_ms)."""
    started = cpu_ms()
    for i in range(runs):
        fn(i)
    return (cpu_ms() - started) / runs


def load_worker(backend: str, size: int, service_records: int) -> dict:
    """Fresh database, records, index; returns the load timings."""
    setup_django(backend, size)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.models import Committee, Enterprise, RoleAssignment
    from lvzhi.text import services
    from lvzhi.text.models import SearchDocument

    result = {"backend": backend, "size": size}
    city = Committee.objects.create(
        name="来宾市政协", short_name="来宾市", level=CommitteeLevel.CITY
    )
    counties = [
        Committee.objects.create(
            name=f"{n}政协", short_name=n, parent=city, level=CommitteeLevel.COUNTY
        )
        for n in ["兴宾区", "合山市", "象州县", "武宣县", "忻城县", "金秀县"]
    ]
    users = get_user_model().objects
    staff = users.create(username="city-staff")
    RoleAssignment.objects.create(user=staff, committee=city, role=Role.STAFF)
    county_staff = users.create(username="county-staff")
    RoleAssignment.objects.create(user=county_staff, committee=counties[3], role=Role.STAFF)

    # Records: Enterprise rows holding the documents (not part of the index timing).
    started = time.perf_counter()
    batch, tokens = [], {}
    for doc, title_tokens, body_tokens in read_corpus(size):
        batch.append(
            Enterprise(
                id=doc.id,
                committee=counties[doc.id % 6],
                name=f"{doc.title[:80]}#{doc.id}",
                description=doc.body,
            )
        )
        tokens[doc.id] = (title_tokens, body_tokens) if doc.id > service_records else None
        if len(batch) == 5000:
            Enterprise.objects.bulk_create(batch)
            batch = []
    Enterprise.objects.bulk_create(batch)
    result["record_load_s"] = time.perf_counter() - started

    # Index build, the real path (jieba in-process, one core) on the first records; they keep
    # their content words as proposals do (Enterprise itself is not checked while typed).
    from lvzhi.text import registry

    reg = dataclasses.replace(registry.get(Enterprise), compares=True)
    first = min(size, service_records)
    started = time.perf_counter()
    for lo in range(1, first + 1, services.BATCH):
        objs = Enterprise.objects.filter(pk__gte=lo, pk__lt=min(lo + services.BATCH, first + 1))
        services.index_many(reg, objs)
    seconds = time.perf_counter() - started
    result["index_service_rate"] = first / seconds

    # The rest: bulk load of rows segmented beforehand (FTS5 triggers / GIN still do their work).
    started = time.perf_counter()
    rows = []
    contents = read_content_tokens(size)
    for obj in Enterprise.objects.filter(pk__gt=first).order_by("pk").iterator(chunk_size=5000):
        title_tokens, body_tokens = tokens.pop(obj.pk)
        rows.append(
            SearchDocument(
                kind=reg.kind,
                object_id=obj.pk,
                committee_id=obj.committee_id,
                year=2024,
                title=obj.name,
                body=obj.description,
                title_tokens=title_tokens,
                body_tokens=body_tokens,
                content_tokens=contents.pop(obj.pk),
            )
        )
        if len(rows) == 5000:
            with transaction.atomic():
                SearchDocument.objects.bulk_create(rows)
            rows = []
    with transaction.atomic():
        SearchDocument.objects.bulk_create(rows)
    bulk_s = time.perf_counter() - started
    result["index_bulk_rate"] = (size - first) / bulk_s if size > first else None
    tokens.clear()
    with connection.cursor() as cursor:
        if backend == "sqlite":
            cursor.execute(
                "INSERT INTO text_searchdocument_fts(text_searchdocument_fts) VALUES('optimize')"
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return result


def query_worker(
    backend: str, size: int, runs: int, baseline_runs: int, similar_only: bool = False
) -> dict:
    """A fresh process on the loaded database: latencies and the memory a server would need.
    `similar_only`: 查重 alone, without its baselines (an A/B run, see `ab_runs`)."""
    setup_django(backend, size, fresh=False)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lvzhi.core.models import Enterprise
    from lvzhi.text.models import SearchDocument
    from lvzhi.text.selectors import search, similar_to
    from lvzhi.text.similarity import CorpusStats, cosine, fingerprint, tfidf

    result = {}
    staff = get_user_model().objects.get(username="city-staff")
    county_staff = get_user_model().objects.get(username="county-staff")
    variants, sources, originals = read_variants(size, runs)

    # Search vs LIKE scan.
    def like_scan(q):
        qs = Enterprise.objects.visible_to(staff)
        for word in q.split():
            qs = qs.filter(description__contains=word)
        return list(qs.values_list("pk", flat=True))

    searches = [("word2", WORDS_2), ("phrase4", PHRASES_4), ("words3", WORDS_3)]
    for label, queries in [] if similar_only else searches:
        search(staff, queries[0])  # warm caches
        fast = timed(lambda i, qs=queries: search(staff, qs[i % len(qs)], limit=20), runs)
        county = timed(lambda i, qs=queries: search(county_staff, qs[i % len(qs)], limit=20), runs)
        cpu = cpu_per_call(lambda i, qs=queries: search(staff, qs[i % len(qs)], limit=20), runs)
        slow = timed(lambda i, qs=queries: like_scan(qs[i % len(qs)]), baseline_runs)
        hits = [len(like_scan(q)) for q in queries[:3]]
        result[label] = {
            "p50": percentile(fast, 50),
            "p95": percentile(fast, 95),
            "county_p95": percentile(county, 95),
            "cpu_ms": cpu,
            "like_p50": percentile(slow, 50),
            "like_p95": percentile(slow, 95),
            "matches": int(statistics.mean(hits)),
        }

    # Similarity vs brute-force pairwise. The first call samples the corpus (document
    # frequencies, cached for ten minutes) and is not counted.
    started = time.perf_counter()
    similar_to("预热", "core.enterprise", user=staff)
    result["similar_first_call_ms"] = (time.perf_counter() - started) * 1000

    def related(a, b):
        """Derived one from the other, or both from the same original."""
        sa, sb = sources.get(a, set()), sources.get(b, set())
        return a in sb or b in sa or bool(sa & sb)

    found = flagged_true = flagged = 0
    latencies = []
    started_cpu = cpu_ms()
    for doc in variants:
        started = time.perf_counter()
        records = similar_to(
            f"{doc.title}\n{doc.body}", "core.enterprise", exclude=doc.id, user=staff
        )
        latencies.append((time.perf_counter() - started) * 1000)
        found += bool({r.object_id for r in records} & set(doc.source_ids))
        for r in records:
            if r.is_duplicate:
                flagged += 1
                flagged_true += related(doc.id, r.object_id)
    similar_cpu = (cpu_ms() - started_cpu) / max(len(variants), 1)
    if similar_only:
        result["similar"] = {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "cpu_ms": similar_cpu,
            "recall": found / len(variants) if variants else None,
            "queries": len(variants),
            "flag_precision": flagged_true / flagged if flagged else None,
        }
        return result
    sample = list(SearchDocument.objects.order_by("pk").values_list("title", "body")[:2000])
    stats = CorpusStats([fingerprint(f"{t}\n{b}").shingles for t, b in sample[:1000]])
    brute = []
    for doc in variants[:3]:
        started = time.perf_counter()
        query = tfidf(fingerprint(f"{doc.title}\n{doc.body}").counts, stats)
        for title, body in sample:
            cosine(query, tfidf(fingerprint(f"{title}\n{body}").counts, stats))
        brute.append((time.perf_counter() - started) * 1000 * size / len(sample))
    result["similar"] = {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "cpu_ms": similar_cpu,  # includes scoring the flags' relation: a few µs
        "recall": found / len(variants) if variants else None,
        "queries": len(variants),
        "flag_precision": flagged_true / flagged if flagged else None,
        **_negative_scores(variants, sources, originals),
        "brute_p50": percentile(brute, 50),
    }

    if backend == "sqlite":
        db = Path(connection.settings_dict["NAME"])
        result["db_mb"] = (
            sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
            / 2**20
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            result["db_mb"] = cursor.fetchone()[0] / 2**20
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _negative_scores(variants, sources, originals) -> dict:
    """How alike unrelated documents of the same topic are in this corpus.

    The cosine of each variant against 50 originals of its topic that it was not derived
    from, with the document frequencies `similar_to` uses: the share at or above the
    duplicate threshold explains the precision of the flag on generated text.
    """
    import random

    from lvzhi.text.selectors import corpus_stats
    from lvzhi.text.similarity import DUPLICATE_THRESHOLD, cosine, fingerprint, tfidf

    stats = corpus_stats("core.enterprise")
    rng = random.Random(1)
    scores = []
    for doc in variants:
        related = sources.get(doc.id, set())
        pool = [o for o in originals if o.topic == doc.topic and o.id not in related]
        query = tfidf(fingerprint(f"{doc.title}\n{doc.body}").counts, stats)
        for other in rng.sample(pool, min(50, len(pool))):
            scores.append(
                cosine(query, tfidf(fingerprint(f"{other.title}\n{other.body}").counts, stats))
            )
    if not scores:
        return {}
    return {
        "negative_median": statistics.median(scores),
        "negative_flagged": sum(s >= DUPLICATE_THRESHOLD for s in scores) / len(scores),
        "negative_pairs": len(scores),
    }


# --------------------------------------------------------------------------- report


def fmt(v, digits=1):
    if v is None:
        return "—"
    return f"{v:,.{digits}f}"


def report(results, metas) -> str:
    lines = [
        "# Text engine benchmark",
        "",
        f"Generated by `bench/text_search.py` on {time.strftime('%Y-%m-%d %H:%M')} — "
        f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}. One worker process per "
        "backend and size; every search and similarity call runs on one core. Times in ms; "
        "CPU/call is the mean CPU time of a call, the PostgreSQL server's included.",
        "Search runs as a city staff member who sees every record (the largest result sets); "
        "`county p95` is a county staff member who sees one county. The machine was shared: "
        "load average during each run — "
        + ", ".join(f"{r['backend']} {r['size']:,}: {r.get('load_avg', 0):.1f}" for r in results)
        + ".",
        "",
        "| backend | docs | index build (service, docs/s) | bulk load (docs/s) | "
        "search | p50 | p95 | CPU/call | county p95 | LIKE p50 | LIKE p95 | speed-up p95 | matches |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for label, name in [
            ("word2", "2-char word"),
            ("phrase4", "4-char phrase"),
            ("words3", "3 words"),
        ]:
            m = r[label]
            lines.append(
                f"| {r['backend']} | {r['size']:,} | {fmt(r['index_service_rate'], 0)} | "
                f"{fmt(r['index_bulk_rate'], 0)} | {name} | {fmt(m['p50'])} | {fmt(m['p95'])} | "
                f"{fmt(m.get('cpu_ms'))} | {fmt(m['county_p95'])} | {fmt(m['like_p50'])} | {fmt(m['like_p95'])} | "
                f"{fmt(m['like_p95'] / m['p95'], 0)}× | {m['matches']:,} |"
            )
    lines += [
        "",
        "| backend | docs | similarity p50 | p95 | CPU/call | sources in top 5 | "
        "precision of the duplicate flag | "
        "unrelated same-topic pairs flagged (median cosine) | "
        "brute force p50 (scaled) | speed-up p95 | peak RSS MB | DB size MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r["similar"]
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {fmt(s['p50'])} | {fmt(s['p95'])} | "
            f"{fmt(s.get('cpu_ms'))} | {fmt((s['recall'] or 0) * 100, 0)} % of {s['queries']} | "
            f"{fmt((s['flag_precision'] or 0) * 100, 0)} % | "
            f"{fmt(s.get('negative_flagged', 0) * 100, 0)} % ({fmt(s.get('negative_median'), 2)}) | "
            f"{fmt(s['brute_p50'], 0)} | "
            f"{fmt(s['brute_p50'] / s['p95'], 0)}× | {fmt(r['peak_rss_mb'], 0)} | {fmt(r['db_mb'], 0)} |"
        )
    lines += [
        "",
        "Segmentation (jieba, done once per corpus and shared by both backends). jieba alone, "
        "timed on the first documents without any cache, and the wall time of the whole corpus "
        "segmented block by block with a cache of repeated clauses (same words, checked):",
        "",
    ]
    for m in metas:
        lines.append(
            f"- {m['size']:,} docs, {m['chars'] / m['size']:,.0f} characters each on average: "
            f"{m['segment_rate_per_core']:,.0f} docs/s per core without cache; whole corpus "
            f"{m['segment_seconds'] / 60:,.1f} min on {m['segment_processes']} processes with the "
            "block cache"
        )
    return "\n".join(lines) + "\n"


def ab_runs(args) -> None:
    """Interleaved A/B of 查重 on already loaded databases: the baseline's code (A) and this
    checkout's (B) answer the same planted near-duplicates in turn, A B A B …; medians of the
    rounds and the ratio B/A, with the load average of each run."""
    out: dict = {}
    for size in args.sizes:
        for backend in args.backends:
            for _round in range(args.rounds):
                for label, code in (("A", args.ab), ("B", ROOT)):
                    command = [sys.executable, __file__, "--worker", backend, str(size)]
                    command += ["--query", "--similar-only", "--runs", str(args.runs)]
                    proc = subprocess.run(
                        [*command, "--code", str(code)], capture_output=True, text=True
                    )
                    line = next(
                        (x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None
                    )
                    if line is None:
                        print(proc.stderr[-3000:], file=sys.stderr)
                        continue
                    s = json.loads(line[7:])["similar"]
                    s["load_avg"] = os.getloadavg()[0]
                    out.setdefault((backend, size, label), []).append(s)
                    print(backend, size, label, json.dumps(s), flush=True)
    for (backend, size, label), rows in out.items():
        med = {k: statistics.median(r[k] for r in rows) for k in ("p50", "p95", "cpu_ms")}
        base = out.get((backend, size, "A"))
        ratio = ""
        if label == "B" and base:
            ratio = " — B/A p95 " + fmt(med["p95"] / statistics.median(r["p95"] for r in base), 2)
        print(
            f"{backend} {size:,} {label}: median of {len(rows)} runs p50 {fmt(med['p50'])} "
            f"p95 {fmt(med['p95'])} CPU {fmt(med['cpu_ms'])} ms, sources in top 5 "
            f"{fmt(statistics.median(r['recall'] for r in rows) * 100, 0)} %, load "
            f"{fmt(statistics.median(r['load_avg'] for r in rows))}{ratio}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=40, help="timed calls per query type")
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worker", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--query", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--service-records",
        type=int,
        default=10_000,
        help="records indexed through services.index_many (jieba in-process) to time it",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the other rows of bench/results/text.json, replace those measured now",
    )
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--similar-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--ab",
        type=Path,
        metavar="CHECKOUT",
        help="查重 only, on the loaded databases of --sizes: query workers of CHECKOUT's code "
        "(the baseline) and of this one, alternately, --rounds times",
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    if args.code:
        global CODE
        CODE = args.code.resolve()
    if args.ab:
        ab_runs(args)
        return
    if args.worker:
        backend, size = args.worker[0], int(args.worker[1])
        if args.query:
            out = query_worker(backend, size, args.runs, args.baseline_runs, args.similar_only)
        else:
            out = load_worker(backend, size, args.service_records)
        print("RESULT " + json.dumps(out))
        return

    sys.path.insert(0, str(ROOT / "src"))
    metas, results = [], []
    for size in args.sizes:
        print(f"corpus {size:,}: generating and segmenting …", flush=True)
        metas.append(build_corpus(size, args.processes))
        build_content_tokens(size, args.processes)
        for backend in args.backends:
            print(f"  {backend} {size:,} …", flush=True)
            merged = {}
            for phase in ([], ["--query"]):
                proc = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--worker",
                        backend,
                        str(size),
                        "--runs",
                        str(args.runs),
                        "--baseline-runs",
                        str(args.baseline_runs),
                        "--service-records",
                        str(args.service_records),
                        *phase,
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
                if line is None:
                    print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
                    break
                merged.update(json.loads(line[7:]))
            else:
                results.append(merged)
                merged["load_avg"] = os.getloadavg()[0]
            print("   ", json.dumps(merged), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.merge and (RESULTS / "text.json").exists():
        old = json.loads((RESULTS / "text.json").read_text())
        done = {(r["backend"], r["size"]) for r in results}
        results = [r for r in old["results"] if (r["backend"], r["size"]) not in done] + results
        results.sort(key=lambda r: (r["size"], r["backend"] != "sqlite"))
        sizes = {m["size"] for m in metas}
        metas = sorted(
            [m for m in old["corpora"] if m["size"] not in sizes] + metas, key=lambda m: m["size"]
        )
    (RESULTS / "text.json").write_text(json.dumps({"results": results, "corpora": metas}, indent=1))
    (RESULTS / "text.md").write_text(report(results, metas))
    print(report(results, metas))


if __name__ == "__main__":
    main()
