"""Search recall against a brute-force scan: the corpus and queries of test_search_recall, and
`measure`, which returns recall@10 and MRR (the README reports them for this code and the
previous one)."""

from lvzhi.text.synonyms import synonyms_of
from lvzhi.text.tokenize import normalize_long
from tests.text.similarity_cases import build

EXTRA = {
    "冷库电价": "我县果蔬冷库多数未享受农业生产用电价格，政策落实不到位，"
    "冷库运行成本偏高。建议对田头冷库给予运行补助，落实农业用电价格。",
    "冷链补贴": "建议对新建产地冷藏库按库容给予奖补，降低农产品产后损耗。",
    "港区": "武宣港区龙从作业区吞吐量逐年增长，但集疏运道路等级偏低。建议将港区"
    "疏港公路纳入交通规划，完善码头堆场。",
    "港口": "来宾港口岸线资源丰富，建议编制港口总体规划，发展江海联运。",
    "贷款": "糖料蔗种植户贷款难，建议银行开发蔗农信用贷款产品，延长贷款期限。",
    "金融支持": "建议加大对钙基新材料企业的金融支持，设立产业基金，开展银企对接。",
    "授信": "建议银行对绿色家居产业园入园企业整体授信，简化审批流程。",
    "稻渔": "我市推广稻渔综合种养面积三万亩，亩均增收一千元，建议扩大稻鱼共生示范。",
    "助餐": "建议在社区设立长者饭堂，为高龄、独居老人提供老年助餐服务。",
    "助餐2": "兴宾区老年食堂运营困难，建议财政给予运营补贴。",
}

QUERIES = [
    "电价",
    "冷库 电价 补助",
    "用电价格",
    "融资",
    "港口",
    "港区",
    "稻田综合种养",
    "老年助餐",
    "冷库",
    "补贴",
    "养老",
    "甘蔗",
    "机收",
    "收获率",
    "钙基新材料",
    "疏港公路",
    "信用贷款",
    "良种繁育",
    "护理补贴",
    "生态修复",
    "岗位补贴",
    "政银企对接会",
    "污水",
    "电商",
    "人才",
]


def corpus() -> dict[str, str]:
    docs, queries = build()
    out = dict(docs)
    for name, text, _labels in queries:
        out[f"q/{name}"] = text
    out.update({f"x/{k}": v for k, v in EXTRA.items()})
    return out


def relevant(texts: dict[str, str], q: str, *, with_synonyms: bool) -> set[str]:
    """Brute force: the records holding every word of `q` (or, with synonyms, one of its
    synonyms) as a substring."""
    words = q.split()
    out = set()
    for key, text in texts.items():
        t = normalize_long(text)
        if all(
            any(w in t for w in [word, *(synonyms_of(word) if with_synonyms else ())])
            for word in words
        ):
            out.add(key)
    return out


def measure(search_keys, texts, *, with_synonyms: bool) -> tuple[float, float]:
    """(mean recall@10, MRR) of `search_keys(q)` — ranked record keys — over QUERIES."""
    recalls, rr = [], []
    for q in QUERIES:
        rel = relevant(texts, q, with_synonyms=with_synonyms)
        if not rel:
            continue
        ranked = search_keys(q)
        recalls.append(len(set(ranked[:10]) & rel) / min(10, len(rel)))
        rr.append(next((1 / (i + 1) for i, k in enumerate(ranked) if k in rel), 0.0))
    return sum(recalls) / len(recalls), sum(rr) / len(rr)
