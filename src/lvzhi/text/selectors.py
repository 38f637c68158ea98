"""Reads over the text indexes: full-text search and similar records (查重).

Both start from the user: a hit is returned only when the record's own model says
`Model.objects.visible_to(user)` contains it — the index rows are never trusted alone.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.urls import NoReverseMatch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from lvzhi.text import backends, registry
from lvzhi.text.content import (
    content_words,
    parse,
    segments,
    split_sections,
)
from lvzhi.text.models import SearchDocument
from lvzhi.text.similarity import (
    DUPLICATE_THRESHOLD,
    content,
    distinctive_words,
    fingerprint,
    same_proposal,
    same_proposal_by_sections,
    shared_passages,
    shingles,
    word_weight,
)
from lvzhi.text.stats import corpus_stats
from lvzhi.text.synonyms import canonical, synonyms_of
from lvzhi.text.synonyms import table as synonym_table
from lvzhi.text.tokenize import (
    MAX_QUERY_CHARS,
    alternatives,
    normalize_long,
    query_groups,
    query_phrases,
    query_terms,
)

SNIPPET_CHARS = 120
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: candidates fetched by rank before the phrase boost reorders them
RERANK_POOL = 60
MAX_LIMIT = 100


@dataclass
class ParsedQuery:
    text: str
    terms: list[str]
    phrases: list[str]
    prefix: bool = False
    message: str = ""
    #: the alternatives of each term as typed (tokenize.query_groups), then with synonyms
    groups: list = field(default_factory=list)
    expanded: list = field(default_factory=list)

    @property
    def synonyms(self) -> list[str]:
        return [w for t in [*self.terms, *self.phrases] for w in synonyms_of(t)]

    @property
    def searchable(self) -> bool:
        return bool(self.terms)


def parse_query(q: str | None) -> ParsedQuery:
    """Words to look for, and a message for the user when the query needs one."""
    q = (q or "").strip()
    message = ""
    if len(q) > MAX_QUERY_CHARS:
        message = _("Only the first %(n)d characters of the query were used.") % {
            "n": MAX_QUERY_CHARS
        }
    terms = query_terms(q)
    phrases = query_phrases(q)
    if not q:
        return ParsedQuery(q, [], [], message=_("Enter a word to search for."))
    if not terms:
        return ParsedQuery(
            q,
            [],
            [],
            message=_("Enter words in Chinese or letters and digits; symbols are ignored."),
        )
    # A single character is looked up as the start of a word: 糖 finds 糖业 and 糖罐子.
    prefix = len(terms) == 1 and len(terms[0]) == 1
    if prefix:
        message = _(
            "One character finds the words that start with it; two or more are more precise."
        )
    groups = [[[t]] for t in terms] if prefix else query_groups(terms)
    expanded = groups if prefix else _expanded_groups(phrases, terms)
    return ParsedQuery(
        q,
        terms,
        phrases,
        prefix=prefix,
        message=str(message) if message else "",
        groups=groups,
        expanded=expanded,
    )


def _expanded_groups(phrases, terms):
    """The query's groups with synonyms: per word, and per typed phrase that the synonym
    data names as a whole (老年助餐, cut 老年|助餐, ≈ 长者饭堂)."""
    groups, covered = [], set()
    for phrase in phrases:
        inner = [t for t in query_terms(phrase) if t in terms and t not in covered]
        if len(inner) > 1 and synonyms_of(phrase):
            group = [inner]
            for s in synonyms_of(phrase):
                group += [alt for alt in alternatives(s) if alt not in group]
            groups.append(group)
            covered.update(inner)
    rest = [t for t in terms if t not in covered]
    return groups + query_groups(rest, synonyms_of)


@dataclass
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    snippet: SafeString
    score: float
    committee_id: int | None
    year: int | None
    url: str = ""
    obj: object = field(default=None, repr=False)


def _sql_of(queryset) -> tuple[str, list]:
    return queryset.query.get_compiler(connection=connection).as_sql()


def _candidate_clause(user, kinds) -> tuple[str, list]:
    """SQL over alias d keeping the documents `user` may be able to see.

    It mirrors core.visibility (readable committees; published records of the committees a
    member sits on and above; own records; records assigned to the user's unit) on the
    columns copied into the index, so ranking only touches those rows. It is a filter for
    speed, not the decision: every hit is then checked with `Model.objects.visible_to(user)`.
    """
    from lvzhi.core.visibility import committee_tree, owner_lookups, scope_for, visibility_q

    scope = scope_for(user)
    if not scope.is_authenticated:
        return "", []
    # Reading every committee (city staff, leaders, admins) means reading every record:
    # no filter, so the full-text index can stop at the first `limit` ranked rows.
    reads_all = bool(scope.readable) and scope.readable >= set(committee_tree()[0])
    clauses, params = [], []
    for reg in registry.registrations():
        if kinds and reg.kind not in kinds:
            continue
        model = reg.model
        if reads_all or visibility_q(model, scope) is None:  # or shared dictionaries
            clauses.append("d.kind = %s")
            params.append(reg.kind)
            continue
        parts, part_params = [], []
        if scope.readable:
            parts.append("d.committee_id IN (" + ", ".join(["%s"] * len(scope.readable)) + ")")
            part_params += sorted(scope.readable)
        if scope.published:
            parts.append(
                "(d.published = %s AND d.committee_id IN ("
                + ", ".join(["%s"] * len(scope.published))
                + "))"
            )
            part_params += [True, *sorted(scope.published)]
        lookups = []
        for lookup in owner_lookups(model):
            lookups.append({lookup: scope.user_id})
        if model.unit_lookup and scope.departments:
            lookups.append({f"{model.unit_lookup}__in": sorted(scope.departments)})
        for lookup in lookups:
            try:
                sub_sql, sub_params = _sql_of(
                    model._default_manager.filter(**lookup).values("pk").order_by()
                )
            except EmptyResultSet:
                continue
            parts.append(f"d.object_id IN ({sub_sql})")
            part_params += list(sub_params)
        if parts:
            clauses.append("(d.kind = %s AND (" + " OR ".join(parts) + "))")
            params += [reg.kind, *part_params]
    if not clauses:
        return "", []
    return "(" + " OR ".join(clauses) + ")", params


def _filters(committee_ids, year) -> tuple[str, list]:
    sql, params = "", []
    if committee_ids:
        ids = [int(c) for c in committee_ids]
        sql += " AND d.committee_id IN (" + ", ".join(["%s"] * len(ids)) + ")"
        params += ids
    if year:
        sql += " AND d.year = %s"
        params.append(int(year))
    return sql, params


def _highlight(text: str, needles: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """A window of `text` around the first match, every match wrapped in <mark>."""
    if not text:
        return mark_safe("")
    needles = sorted({n for n in needles if n}, key=len, reverse=True)
    lowered = text.lower()
    first = min((p for p in (lowered.find(n) for n in needles) if p >= 0), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    window = text[start:end]
    low = normalize_long(window)
    if len(low) != len(window):  # normalisation changed lengths: show the normalised text
        window = low
    marks = [False] * len(window)
    for n in needles:
        pos = low.find(n)
        while pos >= 0:
            for i in range(pos, pos + len(n)):
                marks[i] = True
            pos = low.find(n, pos + len(n))
    out, i = [], 0
    while i < len(window):
        j = i
        while j < len(window) and marks[j] == marks[i]:
            j += 1
        chunk = escape(window[i:j])
        out.append(f"<mark>{chunk}</mark>" if marks[i] else chunk)
        i = j
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


def _visible_objects(docs, user) -> dict[tuple[str, int], object]:
    """{(kind, id): record} for the documents whose record `visible_to(user)` contains."""
    by_kind: dict[str, list[int]] = {}
    for d in docs:
        by_kind.setdefault(d.kind, []).append(d.object_id)
    out = {}
    for kind, ids in by_kind.items():
        reg = registry.get(kind)
        if reg is None:
            continue
        # The long text is already in the index row: do not load it twice.
        names = reg.body if isinstance(reg.body, tuple) else (reg.body,)
        concrete = {f.name for f in reg.model._meta.concrete_fields}
        qs = reg.model.objects.visible_to(user).order_by()
        qs = qs.defer(*[n for n in names if isinstance(n, str) and n in concrete])
        for pk, obj in qs.in_bulk(ids).items():
            out[(kind, pk)] = obj
    return out


MAX_POOL = 20_000


def search(user, q, kinds=None, committee_ids=None, year=None, limit=20, offset=0) -> list[Hit]:
    """Records visible to `user` that contain the words of `q`, best first.

    Words must all occur (AND); when no record has them all, records with any of them are
    ranked instead. A record whose title or text holds the query verbatim ranks first.
    Relevance (BM25 / ts_rank) is computed over the newest matches only — 5,000 on SQLite,
    500 on PostgreSQL (see `backends`) — so a word found in a large share of the records
    costs the same as a rare one; more words or a year narrow the matches.
    Never raises on user input: an unusable query returns no hits (see `parse_query`).
    """
    parsed = parse_query(q)
    if not parsed.searchable:
        return []
    limit = max(1, min(int(limit or 20), MAX_LIMIT))
    offset = max(0, min(int(offset or 0), MAX_POOL))
    kinds = [k for k in (kinds or []) if registry.get(k)] or None
    where, params = _candidate_clause(user, kinds)
    if not where:
        return []
    extra, extra_params = _filters(committee_ids, year)
    where, params = where + extra, params + extra_params
    need = offset + limit
    visible, objects = _ranked_visible(parsed, parsed.groups, user, where, params, need)
    if len(visible) < need and parsed.expanded != parsed.groups:
        # Too few records hold the words as typed: records holding a synonym follow them.
        more, more_objects = _ranked_visible(parsed, parsed.expanded, user, where, params, need)
        seen = {(d.kind, d.object_id) for d in visible}
        visible += [d for d in more if (d.kind, d.object_id) not in seen]
        objects.update(more_objects)
    needles = parsed.phrases + parsed.terms + parsed.synonyms
    hits = []
    for doc in visible[offset : offset + limit]:
        reg = registry.get(doc.kind)
        obj = objects[(doc.kind, doc.object_id)]
        try:
            url = obj.get_absolute_url()
        except (NoReverseMatch, AttributeError):
            url = ""
        hits.append(
            Hit(
                kind=doc.kind,
                kind_label=str(reg.label) if reg else doc.kind,
                object_id=doc.object_id,
                title=doc.title,
                snippet=_highlight(doc.body or doc.title, needles),
                score=round(doc.search_score, 4),
                committee_id=doc.committee_id,
                year=doc.year,
                url=url,
                obj=obj,
            )
        )
    return hits


def _ranked_visible(parsed, groups, user, where, params, need):
    """(documents in rank order that `user` may see, at least `need` if there are; records)."""
    any_term = False
    pool = max(RERANK_POOL, need * 3)
    while True:
        rows = backends.search_ids(
            groups,
            where=where,
            params=params,
            limit=pool,
            prefix=parsed.prefix,
            any_term=any_term,
        )
        if not rows and len(groups) > 1 and not any_term:
            any_term = True
            continue
        ranked = _rerank(rows, parsed)
        # Check visibility in rank order, a page's worth at a time: most users see every
        # candidate, and loading the records of the whole pool would cost more than it tells.
        objects, checked = {}, 0
        while checked < len(ranked) and len(objects) < need:
            chunk = ranked[checked : checked + max(need - len(objects), 20)]
            objects.update(_visible_objects(chunk, user))
            checked += len(chunk)
        visible = [d for d in ranked[:checked] if (d.kind, d.object_id) in objects]
        # Few of the candidates were visible (a member sees only published records):
        # look further down the ranking.
        if len(visible) >= need or len(rows) < pool or pool >= MAX_POOL:
            return visible, objects
        pool *= 5


def _rerank(rows, parsed) -> list[SearchDocument]:
    """Documents in rank order, those holding the typed phrase verbatim moved up."""
    docs = SearchDocument.objects.only(
        "id", "kind", "object_id", "committee_id", "year", "title", "body"
    ).in_bulk([r[0] for r in rows])
    phrases = [p for p in parsed.phrases if len(p) >= 2]
    scored = []
    for position, (doc_id, score) in enumerate(rows):
        doc = docs.get(doc_id)
        if doc is None:
            continue
        title, body = doc.title.lower(), doc.body.lower()
        # Records holding more of the words as typed come first; among them, the typed
        # phrase verbatim (in the title most); then the index's rank.
        exact = sum(1 for t in parsed.terms if t in title or t in body)
        boost = sum((3.0 if p in title else 0.0) + (1.0 if p in body else 0.0) for p in phrases)
        doc.search_score = exact + boost + float(score)
        scored.append((-exact, -boost, position, doc))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


@dataclass
class SimilarRecord:
    kind: str
    object_id: int
    title: str
    score: float  # similarity.same_proposal, 0..1
    passages: list[str]
    is_duplicate: bool
    committee_id: int | None = None


CANDIDATES = 16
MIN_SCORE = 0.1


def similar_to(
    text, kind, exclude=None, limit=5, user=None, min_score=MIN_SCORE, sections=None
) -> list[SimilarRecord]:
    """Existing records of `kind` whose text resembles `text`, most similar first.

    `kind` is a registered model or its label ("core.enterprise"); `exclude` is a record id
    (or instance) to leave out, e.g. the record being edited. Only records `user` may see
    are returned, so a warning never discloses another committee's record; without a
    signed-in user, nothing.
    `is_duplicate` marks a score at or above the measured duplicate threshold.
    `sections`: the text's (case, suggestions), the title with the case, as its record type
    names them (registry `sections`): a record indexed with its sections is then compared
    section with section (`similarity.same_proposal_by_sections`), any other one as a whole.
    """
    kind = kind if isinstance(kind, str) else kind._meta.label_lower
    if exclude is not None and not isinstance(exclude, int):
        exclude = exclude.pk
    fp = fingerprint(text or "")
    if not fp.counts:
        return []
    where, params = _candidate_clause(user, [kind])
    if not where:
        return []
    stats = corpus_stats(kind)
    if exclude is not None:
        where, params = where + " AND d.object_id <> %s", [*params, int(exclude)]
    # The words of what the text says, set phrasing left out, as written (the index holds
    # them so). One "more like this" lookup per half of the text: a proposal that merges two
    # older ones (or copies half of one) carries each source's rare words in one half only.
    raw = segments(fp.normalised, fold=False)
    tokens = [w for w in content_words(raw, stats.common_sentences()) if not w.startswith("#")]
    # figures as the index holds them (jieba keeps 3000 and 1.8 whole): often what tells
    # two proposals on one topic apart
    tokens += _NUMBER.findall(fp.normalised)
    halves = (
        [tokens] if len(tokens) < 200 else [tokens[: len(tokens) // 2], tokens[len(tokens) // 2 :]]
    )
    rows, seen = [], set()
    for part in halves:
        found_words = distinctive_words(part, stats) or distinctive_words(part, stats, cap=False)
        words = [(w, word_weight(w, stats)) for w in found_words]
        rare = [x for x in words if not stats.word_is_frequent(x[0])]
        found = backends.weighted_ids(
            rare,
            boost_terms=[x for x in words if x not in rare],
            where=where,
            params=params,
            limit=CANDIDATES // len(halves),
        )
        rows += [r for r in found if r[0] not in seen]
        seen.update(r[0] for r in found)
    docs = list(
        SearchDocument.objects.only(
            "id", "kind", "object_id", "committee_id", "title", "body", "content_tokens"
        )
        .in_bulk([r[0] for r in rows])
        .values()
    )
    # Records the user sees and that still exist (one deleted behind the services' back
    # may have left its index row).
    visible = _visible_objects(docs, user)
    docs = [d for d in docs if (d.kind, d.object_id) in visible]
    groups = synonym_table()
    folded = [(key, [canonical(w, groups) for w in words]) for key, words in raw]
    query = content(text, stats, parts=folded)
    by_section = sections and (content(sections[0], stats), content(sections[1], stats))
    out, texts = [], {}
    for doc in docs:
        texts[doc.object_id] = f"{doc.title}\n{doc.body}"
        score = _record_score(query, by_section, doc, stats)
        if score < min_score:
            continue
        out.append(
            SimilarRecord(
                kind=kind,
                object_id=doc.object_id,
                title=doc.title,
                score=round(score, 4),
                passages=[],
                is_duplicate=score >= DUPLICATE_THRESHOLD,
                committee_id=doc.committee_id,
            )
        )
    out.sort(key=lambda r: r.score, reverse=True)
    out = out[:limit]
    for record in out:
        record.passages = shared_passages(fp, shingles(texts[record.object_id]), stats)
    return out


def _record_score(query, by_section, doc, stats) -> float:
    """The same-proposal score of an indexed record: section with section where both the
    query (`by_section`: its case's and suggestions' Content) and the record have them."""
    parts = parse(doc.content_tokens) if doc.content_tokens else None
    split = split_sections(parts) if by_section and parts else None
    if split is None:
        return same_proposal(query, content(f"{doc.title}\n{doc.body}", stats, parts=parts))
    case, suggestions, offset = split
    record = (
        content(f"{doc.title}\n{doc.body[:offset]}", stats, parts=case),
        content(doc.body[offset:], stats, parts=suggestions),
    )
    return same_proposal_by_sections(by_section, record)
