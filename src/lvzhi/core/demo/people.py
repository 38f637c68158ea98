"""People of the demo system: the members the article names, and pools for plausible others.

The two named members are as the article reports them; everything else about them (mobile,
member number) is demo data. Generated members are fictitious.
"""

from lvzhi.core.choices import Gender, MemberPosition

#: Fake mobiles: this prefix plus four digits, so demo numbers are recognisable.
MOBILE_PREFIX = "1380771"

# The members named in the article. Memberships: (committee key, sector, position).
NAMED_PEOPLE = [
    {
        "key": "lin",
        "name": "林伟民",
        "gender": Gender.MALE,
        "employer": "广西东糖集团负责人",
        "memberships": [
            ("gx", "经济界", MemberPosition.MEMBER),
            ("lb", "经济界", MemberPosition.MEMBER),
        ],
        "profile": (
            "自治区、来宾市两级政协委员。响应“产业振兴 委员行动”号召，带领广西东糖集团"
            "投入1.8亿元实施技术改造，推动制糖工艺向“高端化、智能化、绿色化”转型，"
            "企业数智化水平显著提升。（演示数据，据公开报道整理；联系方式为虚构）"
        ),
    },
    {
        "key": "li",
        "name": "黎胜国",
        "gender": Gender.MALE,
        "employer": "武宣港区龙从作业区运营负责人",
        "memberships": [("lb", "经济界", MemberPosition.MEMBER)],
        "profile": (
            "来宾市政协委员。以每年3000万元承包接手亏损的武宣港区龙从作业区，通过科学管理"
            "实现扭亏为盈，直接带动350个就业岗位，让“死资产”变成“活资本”。"
            "（演示数据，据公开报道整理；联系方式为虚构）"
        ),
    },
]

# How many generated members sit on each committee, and how many of them run a member
# enterprise (委员企业). The city has 12 and each county 3: with the two named members'
# enterprises that makes the 32 of 百企扶百村.
MEMBER_PLAN = {
    "lb": {"count": 50, "vice_chairs": 4, "standing": 8, "entrepreneurs": 12},
    "xb": {"count": 13, "vice_chairs": 2, "standing": 2, "entrepreneurs": 3},
    "hs": {"count": 9, "vice_chairs": 2, "standing": 1, "entrepreneurs": 3},
    "xz": {"count": 12, "vice_chairs": 2, "standing": 2, "entrepreneurs": 3},
    "wx": {"count": 12, "vice_chairs": 2, "standing": 2, "entrepreneurs": 3},
    "xc": {"count": 11, "vice_chairs": 2, "standing": 2, "entrepreneurs": 3},
    "jx": {"count": 11, "vice_chairs": 2, "standing": 2, "entrepreneurs": 3},
}
#: City members who also sit on the regional committee (两级委员).
REGION_DUAL = 3
#: In every county, this many county members also sit on the city committee.
CITY_DUAL_PER_COUNTY = 1

SURNAMES = "韦覃黄莫蒙陆梁廖蓝卢潘唐李刘陈张王周罗谢何吴邓杨钟赵农谭冯甘龙欧苏曾胡徐朱姚韩"
#: Extra surnames common among the Yao people of 金秀.
YAO_SURNAMES = "盘赵冯苏胡黄李"
MALE_GIVEN = "伟明建华国强军勇志文斌林海涛宏杰峰荣德忠振东晓俊庆永光福胜新春宁家金桂立成平昌毅"
FEMALE_GIVEN = "丽芳燕娟玲静霞敏红梅琳婷秀英兰萍艳慧晶雪莉丹洁春桂妮倩颖媛蓉"

# (ethnicity, weight); 金秀 is a Yao autonomous county.
ETHNICITIES = [("汉族", 50), ("壮族", 42), ("瑶族", 4), ("苗族", 2), ("仫佬族", 2)]
ETHNICITIES_JX = [("瑶族", 45), ("壮族", 25), ("汉族", 25), ("苗族", 5)]

#: Sectors of members who run an enterprise, with weights.
ENTREPRENEUR_SECTORS = [
    ("经济界", 4),
    ("工商联", 3),
    ("民建", 2),
    ("农业界", 1),
    ("无党派人士", 1),
    ("特别邀请人士", 1),
]
#: Sectors a county committee usually has (a county has fewer sectors than the city).
COUNTY_SECTORS = [
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "经济界",
    "农业界",
    "教育界",
    "医药卫生界",
    "文化艺术界",
    "少数民族界",
    "社会福利和社会保障界",
]
#: Parties a vice chair may come from, in turn.
VICE_CHAIR_SECTORS = ["中共", "民进", "无党派人士", "民盟", "工商联", "农工党"]

ENTREPRENEUR_TITLES = ["董事长", "总经理", "执行董事", "董事长兼总经理"]

# What a member does, by sector. {place}: the committee's place (e.g. 武宣县);
# {township}: a township of it; {party}: the member's party.
EMPLOYERS = {
    "中共": [
        "{place}{township}党委书记",
        "{place}农业农村局局长",
        "{place}工业和信息化局副局长",
        "中共{place}委员会党校副校长",
        "{place}发展和改革局副局长",
    ],
    "_party": [
        "{party}{place}委员会副主委、{place}第一中学教师",
        "{party}{place}委员会主委、律师",
        "{party}{place}委员会委员、{place}人民医院副主任医师",
        "{party}{place}委员会副主委、工程师",
        "{party}党员、{place}{township}中心学校校长",
    ],
    "无党派人士": [
        "{place}天平律师事务所主任",
        "{place}众信会计师事务所所长",
        "广西科技师范学院副教授",
    ],
    "共青团": ["共青团{place}委员会副书记", "{place}青年企业家协会秘书长"],
    "工会": ["{place}总工会副主席", "{place}{township}糖厂工会主席"],
    "妇联": ["{place}妇女联合会副主席", "{place}{township}妇联主席"],
    "工商联": ["{place}工商业联合会副主席", "{place}商会常务副会长"],
    "科技界": [
        "来宾市农业科学院研究员",
        "{place}农业技术推广中心高级农艺师",
        "{place}甘蔗试验站站长",
    ],
    "经济界": [
        "{place}统计局副局长",
        "{place}国有资产投资集团副总经理",
        "{place}供销合作社联合社主任",
    ],
    "农业界": [
        "{place}{township}种养专业合作社理事长",
        "{place}{township}农机服务站站长",
        "{place}家庭农场负责人",
    ],
    "教育界": [
        "{place}高级中学校长",
        "{place}{township}中学副校长",
        "广西科技师范学院教授",
        "{place}职业教育中心主任",
    ],
    "文化艺术界": ["{place}文学艺术界联合会副主席", "壮族山歌传承人", "{place}书法家协会主席"],
    "医药卫生界": [
        "{place}人民医院副院长",
        "{place}中医医院主任医师",
        "{place}{township}卫生院院长",
        "金秀瑶族自治县瑶医医院主任医师",
    ],
    "体育界": ["来宾市体育运动学校教练", "{place}全民健身中心主任"],
    "新闻出版界": ["来宾市融媒体中心记者", "{place}融媒体中心主任"],
    "社会科学界": ["中共来宾市委党校教授", "来宾市社会科学界联合会副主席"],
    "少数民族界": [
        "{place}民族宗教事务局副局长",
        "瑶族非物质文化遗产传承人",
        "{place}{township}壮族文化协会会长",
    ],
    "宗教界": ["来宾市佛教协会副会长", "{place}基督教两会副主席"],
    "社会福利和社会保障界": [
        "{place}社会福利院院长",
        "{place}残疾人联合会副理事长",
        "{place}社会保险事业管理中心主任",
    ],
    "特别邀请人士": ["{place}退休干部", "{place}侨联副主席", "{place}工商界知名人士"],
}

GENERATED_PROFILE = "演示数据：虚构人物，仅供功能演示，与真实人员无关。"
