"""Generator of realistic proposal-like Chinese documents, with planted near-duplicates.

    from bench.textgen import generate
    for doc in generate(10_000, seed=1):
        doc.title, doc.body, doc.source_ids   # source_ids: what a variant was derived from

Documents follow the shape of a CPPCC proposal (提案): a title "关于……的建议", a set opening,
background, problems, numbered suggestions (一是……二是……), a set closing; 500–3,000
characters, on the topics of the domain (糖业, 养老, 融资, 冷链物流 …), with place names,
units, amounts and counts. About `variant_share` of the documents are near-duplicates of
earlier ones — reordered, lightly edited, partly copied, or joint rewrites of two — and name
their sources, so a benchmark can measure recall.

Run `python bench/textgen.py 3` to print three documents.
"""

import random
import sys
from dataclasses import dataclass, field

PLACES = [
    "来宾市",
    "兴宾区",
    "合山市",
    "象州县",
    "武宣县",
    "忻城县",
    "金秀瑶族自治县",
    "三江口工业园区",
    "河南工业园区",
    "凤凰镇",
    "石陵镇",
    "桐岭镇",
    "二塘镇",
    "大湾镇",
    "迁江镇",
    "良江镇",
]
UNITS = [
    "市发展改革委",
    "市工业和信息化局",
    "市农业农村局",
    "市商务局",
    "市财政局",
    "市自然资源局",
    "市生态环境局",
    "市人力资源社会保障局",
    "市民政局",
    "市卫生健康委",
    "市交通运输局",
    "市金融办",
    "市投资促进局",
    "市教育局",
    "市乡村振兴局",
    "市市场监管局",
    "人民银行来宾市分行",
]
OPENINGS = [
    "为深入贯彻落实市委关于打造五千九百现代化产业体系的决策部署，推动我市经济社会高质量发展，经深入调研，现就有关问题提出如下建议。",
    "围绕市委市政府中心工作，结合委员履职调研情况，就进一步做好相关工作提出以下意见建议。",
    "产业振兴委员行动开展以来，委员们深入基层调研，现将发现的问题和对策建议报告如下。",
    "今年以来，委员们围绕产业发展开展专题调研，走访企业和群众，形成本提案。",
    "按照市政协年度协商计划安排，经过多次座谈和实地走访，现提出如下提案。",
]
CLOSINGS = [
    "以上建议妥否，请有关部门研究办理。",
    "建议有关部门高度重视，认真研究采纳，推动问题早日解决。",
    "恳请市委市政府予以重视，抓好落实。",
    "以上建议，供决策参考。",
]
ORDINALS = ["一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"]

TOPICS = {
    "糖业": dict(
        objects=[
            "甘蔗良种",
            "糖料蔗基地",
            "制糖企业",
            "蔗渣综合利用",
            "甘蔗机械化收获",
            "蔗农收益",
            "糖蜜酒精",
            "双高基地",
            "蔗糖副产品",
            "食糖储备",
            "榨季生产",
            "甘蔗收购价格",
        ],
        problems=[
            "种植面积持续下降",
            "机械化收获率不足三成",
            "吨糖成本居高不下",
            "良种推广缓慢",
            "副产品利用率低",
            "环保压力加大",
            "人工砍蔗成本逐年攀升",
            "糖企负债率偏高",
        ],
    ),
    "养老": dict(
        objects=[
            "社区养老服务站",
            "乡镇敬老院",
            "医养结合",
            "养老护理员",
            "长期护理保险",
            "居家养老",
            "老年助餐点",
            "失能老人照护",
            "智慧养老平台",
            "适老化改造",
            "养老床位",
            "农村互助养老",
        ],
        problems=[
            "床位利用率不均衡",
            "护理人员流失严重",
            "服务供给不足",
            "运营经费短缺",
            "专业化水平不高",
            "农村留守老人缺乏照料",
            "医疗资源衔接不畅",
            "设施老化",
        ],
    ),
    "融资": dict(
        objects=[
            "政府性融资担保",
            "应急转贷资金",
            "信用贷款",
            "政银企对接会",
            "中小企业信用信息平台",
            "产业引导基金",
            "普惠金融",
            "首贷续贷",
            "供应链金融",
            "上市后备企业",
            "农村产权抵押",
            "贷款贴息",
        ],
        problems=[
            "融资难融资贵问题突出",
            "抵押物不足",
            "担保费率偏高",
            "信息不对称",
            "贷款审批周期长",
            "直接融资比重低",
            "银行惜贷",
            "续贷过桥成本高",
        ],
    ),
    "冷链物流": dict(
        objects=[
            "田头冷库",
            "产地预冷设施",
            "冷链物流中心",
            "冷藏车",
            "冷链信息平台",
            "多式联运",
            "港口物流",
            "农村物流网点",
            "铁路专用线",
            "集装箱航线",
            "快递进村",
            "物流园区",
        ],
        problems=[
            "冷链设施短缺",
            "产后损耗率高",
            "物流成本偏高",
            "集疏运体系不完善",
            "末端网点覆盖不足",
            "信息化水平低",
            "运输组织方式落后",
            "用地保障不足",
        ],
    ),
    "招商": dict(
        objects=[
            "签约项目",
            "产业链招商",
            "以商招商",
            "招商专班",
            "项目落地率",
            "重点产业链图谱",
            "招商信息员",
            "标准厂房",
            "用地指标",
            "营商环境",
            "一网通办",
            "惠企政策",
        ],
        problems=[
            "项目落地率不高",
            "开工率偏低",
            "配套企业少",
            "审批周期长",
            "招商精准度不够",
            "政策兑现慢",
            "要素保障不足",
            "服务跟踪不到位",
        ],
    ),
    "人才": dict(
        objects=[
            "技能人才",
            "职业院校专业设置",
            "校企合作",
            "公共实训基地",
            "高层次人才",
            "人才公寓",
            "乡村人才",
            "高素质农民",
            "科技特派员",
            "返乡创业",
            "技能补贴",
            "柔性引才",
        ],
        problems=[
            "人才引进难留住更难",
            "专业设置与产业脱节",
            "高技能人才占比低",
            "配套保障不到位",
            "年龄结构老化",
            "培训针对性不强",
            "激励机制不健全",
            "本地就业率偏低",
        ],
    ),
    "生态": dict(
        objects=[
            "农村生活污水",
            "河长制",
            "废弃矿山修复",
            "石漠化治理",
            "垃圾焚烧发电",
            "垃圾分类",
            "人工湿地",
            "建筑垃圾资源化",
            "水土保持",
            "支流水质",
            "第三方运维",
            "生态补偿",
        ],
        problems=[
            "治理率不足四成",
            "设施运行不正常",
            "修复资金缺口大",
            "责任主体难落实",
            "填埋场库容饱和",
            "群众参与度不高",
            "监管手段落后",
            "运维经费无保障",
        ],
    ),
    "瑶医药": dict(
        objects=[
            "瑶药材种植基地",
            "瑶医医院",
            "瑶药制剂",
            "瑶医药传承",
            "大瑶山旅游",
            "瑶医药古籍",
            "师承制度",
            "康养旅游",
            "道地药材",
            "瑶医特色诊疗",
            "瑶族文化",
            "药材质量追溯",
        ],
        problems=[
            "产业规模小",
            "缺少龙头企业",
            "种植分散",
            "传承人数量少",
            "品牌影响力弱",
            "标准体系缺失",
            "旅游产品单一",
            "人才断层",
        ],
    ),
    "钙基新材料": dict(
        objects=[
            "碳酸钙资源",
            "纳米碳酸钙",
            "钙基新材料产业园",
            "绿色家居",
            "人造板",
            "定制家居",
            "林木加工",
            "竹浆纸一体化",
            "分布式光伏",
            "电力市场化交易",
            "兼并重组",
            "研发平台",
        ],
        problems=[
            "产品附加值低",
            "企业小散乱",
            "粉尘污染突出",
            "用电成本高",
            "就地转化率低",
            "缺少终端品牌",
            "研发投入不足",
            "产业集中度低",
        ],
    ),
    "乡村振兴": dict(
        objects=[
            "百企扶百村",
            "脱贫村",
            "村集体经济",
            "订单农业",
            "特色水稻",
            "设施农业",
            "农村电商",
            "防返贫监测",
            "就业帮扶车间",
            "公益性岗位",
            "结对帮扶",
            "消费帮扶",
        ],
        problems=[
            "村集体经济薄弱",
            "产业帮扶项目少",
            "增收后劲不足",
            "闲置资产未盘活",
            "务工就业稳定性差",
            "帮扶资金使用效益不高",
            "经营管理能力弱",
            "返贫风险",
        ],
    ),
}

BACKGROUND = [
    "近年来，{place}{obj}工作取得一定成效，但与高质量发展要求相比仍有差距。",
    "据统计，{year}年{place}{obj}相关投入达{amount}，覆盖{count}个村（社区）。",
    "{place}是全市{obj}的重点区域，现有相关企业{count}家，从业人员{people}人。",
    "调研中，委员们走访了{count}家企业和{count2}个村屯，召开座谈会{small}场。",
    "{unit}近年来出台了支持{obj}的若干措施，全市累计投入资金{amount}。",
]
PROBLEMS = [
    "当前{obj}方面存在{problem}的问题，制约了产业发展。",
    "一些地方{problem}，{obj}的作用没有充分发挥。",
    "{place}{obj}{problem}，群众和企业反映强烈。",
    "从调研情况看，{problem}仍是{obj}面临的突出困难。",
    "由于{problem}，{obj}推进缓慢，部分项目进展不及预期。",
]
SUGGESTIONS = [
    "建议{unit}牵头，加快推进{obj}建设，力争{year2}年底前取得明显成效。",
    "建议设立{obj}专项资金，每年安排{amount}，重点支持{obj2}。",
    "建议完善{obj}扶持政策，对符合条件的主体给予{pct}%的补贴。",
    "建议建立{obj}联席会议制度，由{unit}定期会商解决{problem2}等问题。",
    "建议在{place}开展{obj}试点，总结经验后在全市推广。",
    "建议加强{obj}与{obj2}的统筹衔接，形成工作合力。",
    "建议将{obj}纳入部门绩效考核，定期通报工作进展。",
    "建议引进培育一批{obj}龙头企业，带动{count}户群众增收。",
]


@dataclass
class Document:
    id: int
    topic: str
    title: str
    body: str
    source_ids: list[int] = field(default_factory=list)
    variant: str = ""


def _amount(rng):
    return rng.choice(
        [
            f"{rng.randint(2, 95) * 100}万元",
            f"{rng.randint(11, 99) / 10}亿元",
            f"{rng.randint(50, 900)}万元",
        ]
    )


def _fill(template, rng, topic, used_objs):
    t = TOPICS[topic]
    obj = rng.choice(t["objects"])
    used_objs.append(obj)
    return template.format(
        place=rng.choice(PLACES),
        obj=obj,
        obj2=rng.choice(t["objects"]),
        problem=rng.choice(t["problems"]),
        problem2=rng.choice(t["problems"]),
        unit=rng.choice(UNITS),
        year=rng.randint(2019, 2024),
        year2=rng.randint(2025, 2027),
        amount=_amount(rng),
        count=rng.randint(3, 120),
        count2=rng.randint(3, 60),
        people=rng.randint(200, 20000),
        small=rng.randint(2, 12),
        pct=rng.choice([10, 15, 20, 30]),
    )


def original(doc_id, rng) -> Document:
    topic = rng.choice(list(TOPICS))
    used: list[str] = []
    parts = [rng.choice(OPENINGS)]
    parts += [_fill(rng.choice(BACKGROUND), rng, topic, used) for _ in range(rng.randint(2, 6))]
    parts += [_fill(rng.choice(PROBLEMS), rng, topic, used) for _ in range(rng.randint(2, 6))]
    parts.append("为此，提出如下建议：")
    n = rng.randint(3, 8)
    parts += [ORDINALS[i] + _fill(rng.choice(SUGGESTIONS), rng, topic, used)[2:] for i in range(n)]
    # longer proposals elaborate each suggestion
    for _ in range(rng.randint(0, 50)):
        parts.append(_fill(rng.choice(BACKGROUND + PROBLEMS), rng, topic, used))
    parts.append(rng.choice(CLOSINGS))
    body = "".join(parts)[:3000]
    verb = rng.choice(["加快", "推进", "加强", "支持", "完善", "优化"])
    title = f"关于{verb}{rng.choice(PLACES)}{used[0]}的建议"
    return Document(doc_id, topic, title, body)


def _sentences(text):
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。；：":
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


EDITS = [
    ("建议", "提议"),
    ("加快", "加速"),
    ("推动", "促进"),
    ("问题", "难题"),
    ("支持", "扶持"),
    ("明显", "显著"),
    ("部分", "一些"),
    ("加强", "强化"),
    ("完善", "健全"),
]


def _edit(sentences, rng):
    out = []
    for s in sentences:
        for a, b in EDITS:
            if a in s and rng.random() < 0.4:
                s = s.replace(a, b, 1)
        out.append(s)
    return out


def variant(doc_id, rng, sources: list[Document], fresh: Document) -> Document:
    """A near-duplicate of sources[0] (and sources[1] for a joint rewrite)."""
    a = _sentences(sources[0].body)
    kind = rng.choice(["reordered", "edited", "partly copied", "joint rewrite"])
    if kind == "reordered":
        head, mid, tail = a[:1], a[1:-1], a[-1:]
        rng.shuffle(mid)
        sentences = head + mid + tail
    elif kind == "edited":
        sentences = _edit(a, rng)
        if len(sentences) > 4:
            del sentences[rng.randrange(1, len(sentences) - 1)]
    elif kind == "partly copied":
        half = a[: max(2, len(a) // 2)]
        sentences = half + _sentences(fresh.body)[len(half) // 2 :]
    else:
        b = _sentences(sources[1].body)
        sentences = _edit(a[: len(a) // 2] + b[len(b) // 2 :], rng)
    ids = [s.id for s in sources] if kind == "joint rewrite" else [sources[0].id]
    title = sources[0].title if rng.random() < 0.5 else fresh.title
    return Document(doc_id, sources[0].topic, title, "".join(sentences)[:3000], ids, kind)


def generate(n: int, seed: int = 1, variant_share: float = 0.05, start_id: int = 1):
    """Yield n documents; variants draw on the last 5,000 originals (kept in memory)."""
    rng = random.Random(seed)
    recent: list[Document] = []
    for i in range(start_id, start_id + n):
        fresh = original(i, rng)
        if recent and rng.random() < variant_share:
            sources = [rng.choice(recent), rng.choice(recent)]
            yield variant(i, rng, sources, fresh)
            continue
        recent.append(fresh)
        if len(recent) > 5000:
            recent.pop(rng.randrange(len(recent)))
        yield fresh


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for doc in generate(count, seed=7, variant_share=0.3):
        print(f"# {doc.id} {doc.title} [{doc.variant or 'original'} {doc.source_ids}]")
        print(doc.body, "\n")
