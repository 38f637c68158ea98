"""Enterprises of the demo system: those the article names, others, and name pools.

Enterprises the article names keep no credit code (their real code is not ours to invent);
generated ones get a made-up code that passes the GB 32100 checksum.
"""

# Industries are (industry key, chain link name or None); see structure.INDUSTRIES.

# The enterprises the article names. "member" is a key of people.NAMED_PEOPLE.
NAMED_ENTERPRISES = [
    {
        "name": "广西东糖集团",
        "committee": "lb",
        "member": "lin",
        "industries": [("sugar", None), ("sugar", "制糖"), ("sugar", "综合利用")],
        "park": None,
        "employees": None,
        "description": (
            "委员企业，负责人为自治区、来宾市两级政协委员林伟民。投入1.8亿元实施技术改造，"
            "推动制糖工艺向“高端化、智能化、绿色化”转型。（演示数据，据公开报道整理）"
        ),
    },
    {
        "name": "武宣港区龙从作业区",
        "committee": "wx",
        "member": "li",
        "industries": [("port", None), ("port", "港口作业"), ("port", "多式联运")],
        "park": None,
        "employees": 350,
        "description": (
            "委员企业。市政协委员黎胜国以每年3000万元承包接手亏损的作业区并运营，通过科学管理"
            "实现扭亏为盈，直接带动350个就业岗位。（演示数据，据公开报道整理）"
        ),
    },
    {
        "name": "怡黄木业",
        "committee": "lb",
        "member": None,
        "industries": [("home", None), ("home", "绿色建筑新材料")],
        "park": "三江口工业园区",
        "employees": None,
        "description": (
            "2025年与来宾市签订年产1000万平方米绿色建筑新材料项目投资意向协议，"
            "推动绿色家居产业布局加速落地。（演示数据，据公开报道整理）"
        ),
    },
]

# Other, non-member enterprises (investors and local firms), all fictitious:
# committee key, name, park or None, industries, employees.
OTHER_ENTERPRISES = [
    (
        "lb",
        "来宾鑫钙新材料科技有限公司",
        "三江口工业园区",
        [("calcium", None), ("calcium", "碳酸钙粉体")],
        260,
    ),
    (
        "lb",
        "广西桂江竹浆纸业有限公司",
        "三江口工业园区",
        [("bamboo", None), ("bamboo", "竹浆"), ("bamboo", "生活用纸")],
        540,
    ),
    (
        "lb",
        "来宾市汇通冷链物流有限公司",
        None,
        [("coldchain", None), ("coldchain", "冷库仓储"), ("coldchain", "冷链运输")],
        85,
    ),
    (
        "lb",
        "来宾华铝新型材料有限公司",
        "来宾高新技术产业开发区",
        [("metal", None), ("metal", "铝型材")],
        410,
    ),
    (
        "xb",
        "兴宾区丰源优质稻专业合作社",
        "兴宾区现代农业产业园",
        [("rice", None), ("rice", "优质稻种植")],
        24,
    ),
    (
        "hs",
        "合山市宏能光伏电力有限公司",
        "合山产业转型工业园",
        [("power", None), ("power", "光伏发电")],
        60,
    ),
    ("xz", "象州县金茧丝绸有限公司", "象州工业园区", [("silk", None), ("silk", "缫丝")], 180),
    ("wx", "武宣县顺江航运有限公司", None, [("port", None), ("port", "内河航运")], 45),
    ("xc", "忻城县桑缘茧丝有限公司", "忻城县工业集中区", [("silk", None), ("silk", "缫丝")], 120),
    (
        "jx",
        "金秀圣堂瑶药有限公司",
        "金秀瑶医药产业园",
        [("yaomed", None), ("yaomed", "瑶药制剂")],
        95,
    ),
]

#: Two-character brand names for generated enterprises (used at most once each).
BRANDS = [
    "瑞丰",
    "华鑫",
    "盛源",
    "金桂",
    "鸿泰",
    "宏达",
    "恒昌",
    "永利",
    "嘉禾",
    "富民",
    "广源",
    "润德",
    "兴农",
    "鑫源",
    "泰和",
    "隆盛",
    "桂兴",
    "丰泽",
    "宝华",
    "天成",
    "新港",
    "恒信",
    "合力",
    "正泰",
    "中和",
    "益民",
    "昌盛",
    "聚鑫",
    "丰年",
    "弘远",
    "绿源",
    "远航",
    "景和",
    "安达",
    "汇丰",
    "锦程",
    "诚信",
    "华泰",
    "振兴",
    "宏图",
]

# What a firm of each industry is called, and which chain links it works in.
INDUSTRY_WORDS = {
    "sugar": (["糖业", "甘蔗种植专业合作社", "蔗糖综合利用"], ["甘蔗种植", "制糖", "综合利用"]),
    "calcium": (["钙业", "新材料科技"], ["碳酸钙粉体", "钙基复合材料"]),
    "home": (["木业", "家居", "人造板"], ["林木加工", "定制家居", "绿色建筑新材料"]),
    "metal": (["铝业", "金属制品"], ["铝型材", "再生金属"]),
    "power": (["新能源", "电力"], ["光伏发电", "新型储能"]),
    "bamboo": (["纸业", "竹业"], ["竹林培育", "生活用纸"]),
    "coldchain": (["冷链物流", "供应链"], ["冷库仓储", "冷链运输", "产地预冷"]),
    "facility": (["农业科技", "生态农业"], ["蔬菜大棚", "智慧农业", "食用菌"]),
    "rice": (["米业", "粮油"], ["优质稻种植", "稻米加工"]),
    "yaomed": (["瑶医药", "药业", "康养"], ["瑶药材种植", "瑶药制剂", "瑶医康养"]),
    "port": (["港务", "物流"], ["港口作业", "内河航运", "多式联运"]),
    "silk": (["茧丝绸", "丝业"], ["桑蚕养殖", "缫丝", "丝绸加工"]),
    "tourism": (["文化旅游", "旅游开发"], ["景区运营", "乡村民宿"]),
    "digital": (["数字科技", "电子"], ["数据中心", "电子信息制造"]),
}

#: Industries member enterprises of each committee are drawn from (in rotation).
COMMITTEE_INDUSTRIES = {
    "lb": [
        "sugar",
        "calcium",
        "home",
        "coldchain",
        "metal",
        "bamboo",
        "digital",
        "facility",
        "rice",
        "power",
        "port",
        "tourism",
    ],
    "xb": ["sugar", "silk", "facility"],
    "hs": ["power", "calcium", "facility"],
    "xz": ["silk", "rice", "calcium"],
    "wx": ["sugar", "coldchain", "rice"],
    "xc": ["silk", "home", "facility"],
    "jx": ["yaomed", "tourism", "home"],
}

#: Industries whose firms sit in an industrial park when the committee has one.
PARK_INDUSTRIES = {"calcium", "home", "metal", "power", "bamboo", "digital", "silk", "yaomed"}

GENERATED_DESCRIPTION = "演示数据：虚构企业，仅供功能演示。"
