"""Build tests/text/data/dedup_pairs.json from proposals.py and frames.py:
`python -m tests.text.eval.build` (deterministic; the JSON is committed).

Seven kinds of pairs (first text on file, second text checked against everything on file):

    reordered          the same points, in another order, same frame
    lightly edited     the same points with a few words changed and a sentence added
    partly copied      three points of the proposal, two of another one
    joint rewrite      the same facts and suggestions in other words (wording b), other frame
    same-topic         the other proposal on the same topic                     (negative)
    same-template      a proposal on another topic written on the same template (negative)
    unrelated          a proposal on another topic, another frame               (negative)

The split is fixed by topic: the held-out topics' pairs (and the frames and template only
they use) are never looked at while choosing weights or the threshold.
"""

import json
import random
from pathlib import Path

from tests.text.eval.frames import FRAMES, TEMPLATES
from tests.text.eval.proposals import PROPOSALS

OUT = Path(__file__).parent.parent / "data" / "dedup_pairs.json"
HELD_OUT_TOPICS = {"港口", "养老", "瑶医药", "桑蚕", "电商", "营商环境", "人才"}
TUNING_FRAMES, TUNING_TEMPLATES = [0, 1, 2, 3], [0, 1]
ALL_FRAMES, ALL_TEMPLATES = list(range(len(FRAMES))), list(range(len(TEMPLATES)))
POSITIVE = {"reordered", "lightly edited", "partly copied", "joint rewrite"}
EDITS = [
    ("我市", "全市"),
    ("建议", "提议"),
    ("不足", "不到"),
    ("主要", "大多"),
    ("建设", "建成"),
    ("支持", "扶持"),
    ("推动", "推进"),
    ("开展", "组织"),
]
ADDED = [
    "这一问题群众反映强烈。",
    "有关部门对此已有初步考虑。",
    "此项工作宜早谋划、早部署。",
]


def compose(frame, topic, points, rng=None):
    """(the text, the offset where its suggestions begin: what a proposal's case and
    suggestions fields would hold)"""
    facts, suggestions = points[:2], points[2:]
    case = frame["opening"].format(topic=topic) + frame["facts"] + "".join(facts) + "\n"
    text = case + frame["suggestions"] + frame.get("lead", "")
    text += "".join(m + s for m, s in zip(frame["marks"], suggestions, strict=False))
    text += frame.get("tail", "") + frame["closing"]
    return text, len(case)


def framed(frame_id, template=False):
    return (TEMPLATES if template else FRAMES)[frame_id]


def build():
    rng = random.Random(20261205)
    ids = list(PROPOSALS)
    pairs = []

    def text(pid, wording, frame, points=None, title=None):
        p = PROPOSALS[pid]
        body, suggestions_at = compose(frame, p["topic"], points or p[wording])
        return {"title": title or p["title"], "body": body, "suggestions_at": suggestions_at}

    for n, pid in enumerate(ids):
        p = PROPOSALS[pid]
        held = p["topic"] in HELD_OUT_TOPICS
        split = "held-out" if held else "tuning"
        frames = ALL_FRAMES if held else TUNING_FRAMES
        templates = ALL_TEMPLATES if held else TUNING_TEMPLATES
        same_split = [q for q in ids if (PROPOSALS[q]["topic"] in HELD_OUT_TOPICS) == held]
        others = [q for q in same_split if PROPOSALS[q]["topic"] != p["topic"]]
        sibling = [q for q in same_split if q != pid and PROPOSALS[q]["topic"] == p["topic"]]
        f1, f2 = rng.sample(frames, 2)
        t = rng.choice(templates)
        first = text(pid, "a", framed(f1))

        def add(kind, a, b, sources, split=split, pid=pid):
            pairs.append(
                {
                    "kind": kind,
                    "split": split,
                    "duplicate": kind in POSITIVE,
                    "first": {**a, "sources": [pid]},
                    "second": {**b, "sources": sorted(sources)},
                }
            )

        shuffled = p["a"][:2][::-1] + rng.sample(p["a"][2:], 3)
        add("reordered", first, text(pid, "a", framed(f1), shuffled), {pid})

        edited = []
        for s in p["a"]:
            old, new = rng.choice(EDITS)
            edited.append(s.replace(old, new, 1))
        edited.insert(2, rng.choice(ADDED))
        add("lightly edited", first, text(pid, "a", framed(f2), edited[:2] + edited[3:]), {pid})

        other = rng.choice(others)
        mixed = p["a"][:2] + p["a"][2:3] + PROPOSALS[other]["a"][3:5]
        add("partly copied", first, text(pid, "a", framed(f2), mixed), {pid, other})

        rewrite_title = f"关于{p['topic']}问题的提案"
        add("joint rewrite", first, text(pid, "b", framed(f2), title=rewrite_title), {pid})
        if n < 18:
            f3 = rng.choice(frames)
            points = p["b"][:2][::-1] + rng.sample(p["b"][2:], 3)
            add(
                "joint rewrite",
                text(pid, "a", framed(t, template=True)),
                text(pid, "b", framed(f3), points, title=rewrite_title),
                {pid},
            )

        for q in rng.sample(others, 2 if n < 18 else 1):
            add(
                "same-template",
                text(pid, "a", framed(t, template=True)),
                text(q, rng.choice("ab"), framed(t, template=True)),
                {q},
            )
        if sibling:
            add("same-topic", first, text(sibling[0], "a", framed(f2)), {sibling[0]})
        q = rng.choice(others)
        add("unrelated", first, text(q, "a", framed(f2)), {q})
    return pairs


NOTE = (
    "查重 evaluation pairs built by tests/text/eval/build.py. The split is fixed: 'held-out' "
    "pairs (topics " + "、".join(sorted(HELD_OUT_TOPICS)) + ", and two frames and one template "
    "only they use) were never used while choosing the score's weights or the threshold; "
    "only 'tuning' pairs were."
)

if __name__ == "__main__":
    pairs = build()
    OUT.write_text(
        json.dumps({"note": NOTE, "pairs": pairs}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    from collections import Counter

    print(len(pairs), Counter(p["kind"] for p in pairs), Counter(p["split"] for p in pairs))
