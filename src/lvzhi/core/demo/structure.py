"""The fixed frame of the demo system: committees, sectors, industries, parks, units, users.

Plain Python data; `generate.py` turns it into records and `loader.py` writes them.
Keys ("lb", "wx", …) are internal references between the data modules only.
"""

from lvzhi.core.choices import CommitteeLevel, DepartmentKind, ParkLevel, Role

#: Usernames of the demo accounts; the actor is the inactive user every demo write is
#: attributed to in history.
DEMO_ACTOR_USERNAME = "demo-loader"
DEMO_ACTOR_NAME = "【演示】数据载入"
DEMO_PASSWORD = "demo"

# key, name, short name, level, parent key, term label, term number, member-number prefix
COMMITTEES = [
    ("gx", "广西壮族自治区政协", "自治区", CommitteeLevel.REGION, None, "第十三届", 13, "GX"),
    ("lb", "来宾市政协", "来宾市", CommitteeLevel.CITY, "gx", "第五届", 5, "LB"),
    ("xb", "兴宾区政协", "兴宾区", CommitteeLevel.COUNTY, "lb", "第五届", 5, "XB"),
    ("hs", "合山市政协", "合山市", CommitteeLevel.COUNTY, "lb", "第九届", 9, "HS"),
    ("xz", "象州县政协", "象州县", CommitteeLevel.COUNTY, "lb", "第十届", 10, "XZ"),
    ("wx", "武宣县政协", "武宣县", CommitteeLevel.COUNTY, "lb", "第十届", 10, "WX"),
    ("xc", "忻城县政协", "忻城县", CommitteeLevel.COUNTY, "lb", "第十届", 10, "XC"),
    ("jx", "金秀瑶族自治县政协", "金秀县", CommitteeLevel.COUNTY, "lb", "第十届", 10, "JX"),
]

#: The place each committee serves: (full place name for addresses, administrative
#: division code used in generated credit codes).
PLACES = {
    "gx": ("广西壮族自治区", "450000"),
    "lb": ("来宾市", "451300"),
    "xb": ("来宾市兴宾区", "451302"),
    "hs": ("合山市", "451381"),
    "xz": ("象州县", "451322"),
    "wx": ("武宣县", "451323"),
    "xc": ("忻城县", "451321"),
    "jx": ("金秀瑶族自治县", "451324"),
}

COUNTY_KEYS = ["xb", "hs", "xz", "wx", "xc", "jx"]

# 界别, in the order committee offices list them.
SECTORS = [
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科技界",
    "经济界",
    "农业界",
    "教育界",
    "文化艺术界",
    "医药卫生界",
    "体育界",
    "新闻出版界",
    "社会科学界",
    "少数民族界",
    "宗教界",
    "社会福利和社会保障界",
    "特别邀请人士",
]

DEMOCRATIC_PARTIES = ["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社"]

_THOUSAND = "“五千九百”现代化产业体系·千亿元产业（演示分类）。"
_HUNDRED = "“五千九百”现代化产业体系·百亿元产业（演示分类）。"

# The "五千九百" system: five 千亿元 and nine 百亿元 industries, each with its chain links.
# key, name, code, description, chain links
INDUSTRIES = [
    (
        "sugar",
        "糖业",
        "5Q-01",
        _THOUSAND + "蔗糖全产业链，守好中国“糖罐子”。",
        ["甘蔗良种繁育", "甘蔗种植", "制糖", "综合利用"],
    ),
    (
        "calcium",
        "钙基新材料",
        "5Q-02",
        _THOUSAND + "三大实践平台之一。",
        ["石灰石开采", "碳酸钙粉体", "钙基复合材料"],
    ),
    (
        "home",
        "绿色家居",
        "5Q-03",
        _THOUSAND + "以林木加工为基础的绿色家居产业。",
        ["林木种植", "林木加工", "绿色建筑新材料", "定制家居"],
    ),
    ("metal", "铝及有色金属精深加工", "5Q-04", _THOUSAND, ["有色金属冶炼", "铝型材", "再生金属"]),
    ("power", "电力能源", "5Q-05", _THOUSAND, ["火电", "光伏发电", "风电", "新型储能"]),
    ("bamboo", "竹浆纸一体化", "9B-01", _HUNDRED, ["竹林培育", "竹浆", "生活用纸"]),
    ("coldchain", "冷链物流", "9B-02", _HUNDRED, ["产地预冷", "冷库仓储", "冷链运输"]),
    ("facility", "设施农业", "9B-03", _HUNDRED, ["蔬菜大棚", "智慧农业", "食用菌"]),
    ("rice", "特色水稻", "9B-04", _HUNDRED + "三大实践平台之一。", ["优质稻种植", "稻米加工"]),
    ("yaomed", "瑶医药", "9B-05", _HUNDRED, ["瑶药材种植", "瑶药制剂", "瑶医康养"]),
    (
        "port",
        "港口物流",
        "9B-06",
        _HUNDRED + "西江黄金水道来宾段。",
        ["港口作业", "内河航运", "多式联运"],
    ),
    ("silk", "茧丝绸", "9B-07", _HUNDRED, ["桑蚕养殖", "缫丝", "丝绸加工"]),
    ("tourism", "文化旅游", "9B-08", _HUNDRED, ["景区运营", "乡村民宿"]),
    ("digital", "数字经济", "9B-09", _HUNDRED, ["数据中心", "电子信息制造"]),
]

# committee key, name, level, industry keys, description
PARKS = [
    (
        "lb",
        "三江口工业园区",
        ParkLevel.CITY,
        ["calcium", "home", "bamboo", "metal"],
        "承接东部产业转移的“桥头堡”；市政协班子成员兼职挂帅招商组、征地组。（演示数据）",
    ),
    (
        "lb",
        "来宾高新技术产业开发区",
        ParkLevel.REGIONAL,
        ["metal", "digital", "power"],
        "自治区级高新区。（演示数据）",
    ),
    (
        "xb",
        "兴宾区现代农业产业园",
        ParkLevel.COUNTY,
        ["sugar", "facility", "rice"],
        "甘蔗、优质稻与设施蔬菜示范。（演示数据）",
    ),
    (
        "hs",
        "合山产业转型工业园",
        ParkLevel.COUNTY,
        ["power", "calcium"],
        "资源型城市转型发展的承载平台。（演示数据）",
    ),
    ("xz", "象州工业园区", ParkLevel.COUNTY, ["calcium", "silk"], "（演示数据）"),
    (
        "wx",
        "武宣工业园区",
        ParkLevel.COUNTY,
        ["sugar", "port", "coldchain"],
        "毗邻武宣港区，发展临港产业。（演示数据）",
    ),
    ("xc", "忻城县工业集中区", ParkLevel.COUNTY, ["silk", "home"], "（演示数据）"),
    ("jx", "金秀瑶医药产业园", ParkLevel.COUNTY, ["yaomed", "tourism"], "（演示数据）"),
]

_GOV, _BANK, _INST = (
    DepartmentKind.GOVERNMENT,
    DepartmentKind.BANK,
    DepartmentKind.PUBLIC_INSTITUTION,
)

# Handling units of the city committee: name, short name, kind.
CITY_DEPARTMENTS = [
    ("来宾市发展和改革委员会", "市发改委", _GOV),
    ("来宾市工业和信息化局", "市工信局", _GOV),
    ("来宾市自然资源局", "市自然资源局", _GOV),
    ("来宾市农业农村局", "市农业农村局", _GOV),
    ("来宾市商务局", "市商务局", _GOV),
    ("来宾市财政局", "市财政局", _GOV),
    ("来宾市交通运输局", "市交通运输局", _GOV),
    ("来宾市投资促进局", "市投资促进局", _GOV),
    ("来宾市生态环境局", "市生态环境局", _GOV),
    ("来宾市水利局", "市水利局", _GOV),
    ("来宾市市场监督管理局", "市市场监管局", _GOV),
    ("来宾市文化广电和旅游局", "市文广旅局", _GOV),
    ("来宾市人力资源和社会保障局", "市人社局", _GOV),
    ("三江口工业园区管理委员会", "三江口园区管委会", _INST),
    ("中国人民银行来宾市分行", "人民银行来宾市分行", _BANK),
    ("来宾农村商业银行", "来宾市农商行", _BANK),
    ("中国工商银行来宾分行", "工行来宾分行", _BANK),
    ("中国农业银行来宾分行", "农行来宾分行", _BANK),
    ("中国建设银行来宾分行", "建行来宾分行", _BANK),
    ("广西北部湾银行来宾分行", "北部湾银行来宾分行", _BANK),
]

# Handling units every county committee has: suffix after the county name, short suffix.
COUNTY_DEPARTMENTS = [
    ("发展和改革局", "发改局", _GOV),
    ("工业和信息化局", "工信局", _GOV),
    ("农业农村局", "农业农村局", _GOV),
    ("财政局", "财政局", _GOV),
    ("自然资源局", "自然资源局", _GOV),
]

# Units only some counties have: committee key, name, short name, kind.
COUNTY_EXTRA_DEPARTMENTS = [
    ("xb", "来宾市兴宾区农村信用合作联社", "兴宾农信社", _BANK),
    ("hs", "合山市农村信用合作联社", "合山农信社", _BANK),
    ("xz", "象州县农村信用合作联社", "象州农信社", _BANK),
    ("wx", "武宣县交通运输局", "武宣县交通运输局", _GOV),
    ("wx", "武宣县农村信用合作联社", "武宣农信社", _BANK),
    ("xc", "忻城县农村信用合作联社", "忻城农信社", _BANK),
    ("jx", "金秀瑶族自治县卫生健康局", "金秀县卫健局", _GOV),
    ("jx", "金秀瑶族自治县农村信用合作联社", "金秀农信社", _BANK),
]

# One account per role. username, display name, role, committee key,
# handling unit (short name), Django admin access.
DEMO_USERS = [
    ("demo-admin", "【演示】系统管理员", Role.ADMIN, "lb", None, True),
    ("demo-staff", "【演示】市政协办公室", Role.STAFF, "lb", None, False),
    ("demo-county", "【演示】武宣县政协办公室", Role.STAFF, "wx", None, False),
    ("demo-leader", "【演示】市政协领导", Role.LEADER, "lb", None, False),
    ("demo-member", "【演示】委员黎胜国", Role.MEMBER, "lb", None, False),
    ("demo-unit", "【演示】市工信局", Role.UNIT, "lb", "市工信局", False),
]

#: The demo user whose login is linked to a named member's Person.
MEMBER_USER_PERSON = ("demo-member", "黎胜国")

DEMO_USERNAMES = frozenset([DEMO_ACTOR_USERNAME, *(u[0] for u in DEMO_USERS)])
