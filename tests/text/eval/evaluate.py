"""Precision and recall of a 查重 score on the pairs of dedup_pairs.json, one split at a time.

The records on file are the distinct first texts of the split's pairs; each pair's second
text is scored against all of them (no candidate step: `test_dedup_quality` runs the same
set end to end through `similar_to`). A record flagged at or above the threshold is right
when it carries one of the second text's source proposals. Per kind: how many pairs had
their first text flagged, and how many wrong flags the second texts raised.
"""

import json
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "dedup_pairs.json"
KINDS = [
    "reordered",
    "lightly edited",
    "partly copied",
    "joint rewrite",
    "same-topic",
    "same-template",
    "unrelated",
]


def pairs(split: str) -> list[dict]:
    assert split in {"tuning", "held-out"}
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [p for p in data["pairs"] if p["split"] == split]


def corpus_of(split_pairs) -> list[dict]:
    """The distinct first texts, each with the union of the sources it carries."""
    out: dict[tuple, dict] = {}
    for p in split_pairs:
        key = (p["first"]["title"], p["first"]["body"])
        out.setdefault(key, {**p["first"], "sources": set()})["sources"].update(
            p["first"]["sources"]
        )
    return list(out.values())


def tally(split_pairs, flagged_for) -> dict:
    """flagged_for(pair) -> list of flagged corpus records; returns per-kind counts."""
    stats = defaultdict(lambda: {"pairs": 0, "found": 0, "right": 0, "wrong": 0})
    for p in split_pairs:
        s = stats[p["kind"]]
        s["pairs"] += 1
        flagged = flagged_for(p)
        sources = set(p["second"]["sources"])
        if any(
            r["title"] == p["first"]["title"] and r["body"] == p["first"]["body"] for r in flagged
        ):
            s["found"] += 1
        for r in flagged:
            if set(r["sources"]) & sources:
                s["right"] += 1
            else:
                s["wrong"] += 1
    return dict(stats)


def summary(stats) -> tuple[float, float]:
    """(precision over all flags, recall over the duplicate pairs)."""
    right = sum(s["right"] for s in stats.values())
    wrong = sum(s["wrong"] for s in stats.values())
    positives = [k for k in stats if k in KINDS[:4]]
    found = sum(stats[k]["found"] for k in positives)
    total = sum(stats[k]["pairs"] for k in positives)
    return right / ((right + wrong) or 1), found / (total or 1)


def brute_force(split_pairs, score, threshold):
    """tally() of `score(query, record)` ≥ threshold against every record."""
    corpus = corpus_of(split_pairs)

    def flagged(p):
        return [r for r in corpus if score(p["second"], r) >= threshold]

    return tally(split_pairs, flagged)


def table(stats) -> str:
    rows = ["| kind (pairs) | first text flagged | wrong flags |", "|---|---:|---:|"]
    for k in KINDS:
        if k in stats:
            s = stats[k]
            rows.append(f"| {k} ({s['pairs']}) | {s['found']} | {s['wrong']} |")
    p, r = summary(stats)
    rows.append(f"| **precision / recall** | {p:.2f} / {r:.2f} | |")
    return "\n".join(rows)
