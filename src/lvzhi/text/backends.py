"""The vendor-specific SQL of full-text search: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both take the same inputs — query words already stripped of every syntax character by
`tokenize.query_terms`, grouped with their alternatives by `tokenize.query_groups`, and a filter over the document alias `d` (the candidate clause of
`selectors`; user text never reaches the SQL except as a parameter) — and return
(document id, score) rows, best first.
"""

from contextlib import contextmanager, suppress
from itertools import pairwise

from django.db import DatabaseError, connection


def _quote_fts(term: str) -> str:
    # query_terms leaves only letters, digits and CJK characters; doubling quotes is belt
    # and braces for FTS5's string syntax.
    return '"' + term.replace('"', '""') + '"'


def _groups(terms) -> list[list[list[str]]]:
    """Plain words become one-alternative groups (see tokenize.query_groups)."""
    return [[[t]] if isinstance(t, str) else t for t in terms]


def fts_match(terms, *, any_term: bool = False, prefix: bool = False) -> str:
    """An FTS5 expression: each group an OR of its alternatives, each an AND of tokens."""
    star = "*" if prefix else ""
    parts = []
    for group in _groups(terms):
        alts = [" AND ".join(_quote_fts(t) + star for t in alt) for alt in group]
        parts.append(
            alts[0]
            if len(alts) == 1 and len(group[0]) == 1
            else "(" + " OR ".join(f"({a})" for a in alts) + ")"
        )
    return (" OR " if any_term else " AND ").join(parts)


def ts_query(terms, *, any_term: bool = False, prefix: bool = False) -> tuple[str, list]:
    """A tsquery expression built with parameters only (no user text in the SQL)."""
    groups = _groups(terms)
    if prefix:
        # to_tsquery needs the operator syntax; terms hold no syntax characters, and each is
        # wrapped as one quoted lexeme.
        expr = " | ".join("'" + t + "':*" for g in groups for alt in g for t in alt)
        return "to_tsquery('simple', %s)", [expr]
    one = "plainto_tsquery('simple', %s)"
    sql_parts, params = [], []
    for group in groups:
        alts = ["(" + " && ".join([one] * len(alt)) + ")" for alt in group]
        sql_parts.append("(" + " || ".join(alts) + ")")
        params += [t for alt in group for t in alt]
    op = " || " if any_term else " && "
    return "(" + op.join(sql_parts) + ")", params


def search_ids(terms, *, where: str, params: list, limit: int, any_term=False, prefix=False):
    """[(document id, score)] for documents matching `terms` and the `where` clause on d."""
    if connection.vendor == "sqlite":
        match = fts_match(terms, any_term=any_term, prefix=prefix)
        with connection.cursor() as cursor:
            # Rank the newest SQLITE_WINDOW matches (rowids grow with time): walking the
            # postings in rowid order is cheap, scoring is what grows with the match count.
            cursor.execute(
                "SELECT rowid FROM text_searchdocument_fts WHERE text_searchdocument_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [match, max(SQLITE_WINDOW, limit * 10)],
            )
            row = cursor.fetchone()
            # `rank` is BM25 with the title weighted 4:1 (configured in migration 0002);
            # ORDER BY rank lets FTS5 sort inside the virtual table.
            sql = (
                "SELECT d.id, text_searchdocument_fts.rank "
                "FROM text_searchdocument_fts JOIN text_searchdocument d "
                "ON d.id = text_searchdocument_fts.rowid "
                "WHERE text_searchdocument_fts MATCH %s AND text_searchdocument_fts.rowid >= %s "
                "AND (" + where + ") ORDER BY text_searchdocument_fts.rank LIMIT %s"
            )
            cursor.execute(sql, [match, row[0] if row else 0, *params, limit])
            # bm25 is "lower is better"; turn it into "higher is better"
            return [(r[0], -r[1]) for r in cursor.fetchall()]
    if connection.vendor == "postgresql":
        query_sql, query_params = ts_query(terms, any_term=any_term, prefix=prefix)
        # hits: every match the user may see, from the GIN index and the narrow vector rows,
        # which carry the filter columns (migration 0003); m: the newest RANK_WINDOW of
        # those; then ts_rank, which reads each row's TOASTed tsvector (~10 µs a row), only
        # for those. Ranking every match of a common word in a large table would take
        # longer than the whole search may.
        sql = (
            "WITH hits AS MATERIALIZED (SELECT d.document_id AS id FROM text_searchvector d "
            "WHERE d.search_vector @@ " + query_sql + " AND (" + where + ")), "
            "m AS MATERIALIZED (SELECT id FROM hits ORDER BY id DESC LIMIT %s) "
            "SELECT m.id, ts_rank(v.search_vector, " + query_sql + ") AS score "
            "FROM m JOIN text_searchvector v ON v.document_id = m.id "
            "ORDER BY score DESC, m.id DESC LIMIT %s"
        )
        args = [*query_params, *params, max(limit, RANK_WINDOW), *query_params, limit]
        with connection.cursor() as cursor, _bitmap_scans(cursor):
            cursor.execute(sql, args)
            return list(cursor.fetchall())
    return _fallback_ids(terms, where=where, params=params, limit=limit, any_term=any_term)


#: PostgreSQL ranks at most this many of the newest matches (see search_ids)
RANK_WINDOW = 500
#: SQLite ranks at most this many of the newest matches; FTS5 scores faster than ts_rank
SQLITE_WINDOW = 5000


_PLANNER = {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def _bitmap_scans(cursor):
    """Planner settings for one full-text statement, restored afterwards.

    The planner does not count the cost of decompressing a TOASTed tsvector, so for a word
    in one record out of ten it prefers a sequential scan that decompresses every row —
    ten times slower than the GIN index. JIT compilation (~20 ms) and starting parallel
    workers cost more than these queries take.
    """
    names = list(_PLANNER)
    cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
    before = cursor.fetchone()
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, false)"] * len(names)),
        [x for name in names for x in (name, _PLANNER[name])],
    )
    try:
        yield
    finally:
        # After an error the transaction is aborted and rolls the settings back itself.
        with suppress(DatabaseError):
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, false)"] * len(names)),
                [x for name, value in zip(names, before, strict=True) for x in (name, value)],
            )


WEIGHTED_POOL = 8


def weighted_ids(weighted_terms, *, where: str, params: list, limit: int, boost_terms=()):
    """[(document id, score)]: the documents sharing most weight of the terms.

    "More like this" for similar records: each of `weighted_terms` (rare words) is one
    indexed lookup of its posting list (no per-row scoring), and a document scores the
    summed weight of the terms it holds. `boost_terms` are commoner words, whose posting
    lists of thousands of rows would cost more than the rest of the check: they find
    candidates only in pairs (records holding two of them, which the full-text index
    intersects by itself), and otherwise add their weight to the best WEIGHTED_POOL × limit
    candidates, checked on those rows alone.
    """
    if not weighted_terms:  # no rare word: the commoner ones are all there is
        weighted_terms, boost_terms = list(boost_terms), ()
    if not weighted_terms:
        return []
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        return _fallback_weighted(weighted_terms, boost_terms, where, params, limit)
    pairs = [((t1, t2), float(w1) + float(w2)) for (t1, w1), (t2, w2) in pairwise(boost_terms)]
    if vendor == "postgresql":
        # The vector rows carry the filter columns: filter each posting list before summing.
        one = "plainto_tsquery('simple', %s)"
        part = (
            "SELECT d.document_id AS id, %s AS w FROM text_searchvector d "
            "WHERE d.search_vector @@ {match} AND (" + where + ")"
        )
        parts = [part.format(match=one)] * len(weighted_terms)
        parts += [part.format(match=f"({one} && {one})")] * len(pairs)
        inner_params = [x for t, w in weighted_terms for x in (float(w), t, *params)]
        inner_params += [x for (t1, t2), w in pairs for x in (w, t1, t2, *params)]
        has = "v.search_vector @@ plainto_tsquery('simple', %s)"
        boost_params = [x for t, w in boost_terms for x in (t, float(w))]
        # Each test of a stored vector decompresses it (it is TOASTed): the pool's vectors
        # are decompressed once, positions stripped, and every commoner word tested on that.
        join, final_where, final_params = (
            "JOIN LATERAL (SELECT strip(search_vector) AS search_vector FROM text_searchvector "
            "WHERE document_id = best.id OFFSET 0) v ON TRUE",
            "TRUE",
            [],
        )
    else:
        # FTS5 hands out rowids only: the where clause needs the document rows, so it is
        # checked on the pool, as are the commoner words (in the stored tokens).
        part = (
            "SELECT rowid AS id, %s AS w FROM text_searchdocument_fts "
            "WHERE text_searchdocument_fts MATCH %s"
        )
        parts = [part] * (len(weighted_terms) + len(pairs))
        inner_params = [x for t, w in weighted_terms for x in (float(w), _quote_fts(t))]
        inner_params += [x for (t1, t2), w in pairs for x in (w, fts_match([t1, t2]))]
        has = "instr(' ' || d.title_tokens || ' ' || d.body_tokens || ' ', %s) > 0"
        boost_params = [x for t, w in boost_terms for x in (f" {t} ", float(w))]
        join, final_where, final_params = (
            "JOIN text_searchdocument d ON d.id = best.id",
            where,
            list(params),
        )
    boost = "".join(f" + CASE WHEN {has} THEN %s ELSE 0 END" for _ in boost_terms)
    materialized = "MATERIALIZED " if vendor == "postgresql" else ""
    sql = (
        f"WITH best AS {materialized}(SELECT id, SUM(w) AS score FROM ("
        + " UNION ALL ".join(parts)
        + ") u GROUP BY id ORDER BY score DESC, id DESC LIMIT %s) "
        "SELECT best.id, best.score" + boost + " AS score FROM best " + join + " "
        "WHERE (" + final_where + ") ORDER BY score DESC, best.id DESC LIMIT %s"
    )
    pool = limit * WEIGHTED_POOL if (boost_terms or vendor == "sqlite") else limit
    args = [*inner_params, pool, *boost_params, *final_params, limit]
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            with _bitmap_scans(cursor):
                cursor.execute(sql, args)
                return list(cursor.fetchall())
        cursor.execute(sql, args)
        return list(cursor.fetchall())


def _fallback_weighted(weighted_terms, boost_terms, where, params, limit):
    """Other databases: every term looked up by a token scan, correct but unindexed."""
    terms = [*weighted_terms, *boost_terms]
    part = (
        "SELECT id, %s AS w FROM text_searchdocument "
        "WHERE (' ' || title_tokens || ' ' || body_tokens || ' ') LIKE %s"
    )
    inner_params = [x for t, w in terms for x in (float(w), f"% {t} %")]
    sql = (
        "SELECT d.id, t.score FROM (SELECT id, SUM(w) AS score FROM ("
        + " UNION ALL ".join([part] * len(terms))
        + ") u GROUP BY id) t JOIN text_searchdocument d ON d.id = t.id WHERE ("
        + where
        + ") ORDER BY t.score DESC, d.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params, limit])
        return list(cursor.fetchall())


def _fallback_ids(terms, *, where, params, limit, any_term):
    """Other databases: a token scan, correct but unindexed."""
    clauses, args = [], []
    has = "(' ' || d.title_tokens || ' ' || d.body_tokens || ' ') LIKE %s"
    for group in _groups(terms):
        alts = []
        for alt in group:
            alts.append("(" + " AND ".join([has] * len(alt)) + ")")
            args += [f"% {t} %" for t in alt]
        clauses.append("(" + " OR ".join(alts) + ")")
    joined = (" OR " if any_term else " AND ").join(clauses)
    sql = (
        "SELECT d.id, 1.0 FROM text_searchdocument d WHERE (" + joined + ") AND (" + where + ") "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*args, *params, limit])
        return list(cursor.fetchall())
