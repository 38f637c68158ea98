"""How different offices and members frame a proposal: the set openings, section headings,
numbering and closings (公文套话) around the points of proposals.py.

FRAMES are authors' styles; TEMPLATES are full official templates with set sections of their
own (组织领导, 要素保障, 宣传引导 …) that every proposal written on them repeats word for
word — the pairs "same-template distinct" are two different proposals on one template.
"""

FRAMES = [
    {  # 0: a county office, formal
        "opening": "近年来，在市委市政府的坚强领导下，我市{topic}工作取得了明显成效，"
        "但也存在一些不容忽视的问题。",
        "facts": "一、存在的主要问题\n",
        "suggestions": "二、几点建议\n",
        "marks": ["一是", "二是", "三是", "四是", "五是"],
        "closing": "以上建议妥否，请予研究。",
    },
    {  # 1: a member writing plainly
        "opening": "",
        "facts": "我在调研中了解到，",
        "suggestions": "为此建议：",
        "marks": ["1.", "2.", "3.", "4.", "5."],
        "closing": "",
    },
    {  # 2: a party group, policy-quoting
        "opening": "为深入贯彻落实党中央、国务院关于推动高质量发展的决策部署，"
        "结合我市{topic}发展实际，现提出如下建议。",
        "facts": "案由：",
        "suggestions": "建议：",
        "marks": ["（一）", "（二）", "（三）", "（四）", "（五）"],
        "closing": "恳请市政府及有关部门予以研究采纳。",
    },
    {  # 3: a sector group, report style
        "opening": "{topic}是我市重要产业，事关群众增收和县域经济发展。",
        "facts": "一、基本情况\n",
        "suggestions": "二、对策建议\n",
        "marks": ["第一，", "第二，", "第三，", "第四，", "第五，"],
        "closing": "",
    },
    {  # 4: an editorial voice (held-out only)
        "opening": "习近平总书记强调，要坚持以人民为中心的发展思想。当前，我市{topic}发展正处在"
        "爬坡过坎的关键阶段。",
        "facts": "调研发现，",
        "suggestions": "对此，笔者建议：",
        "marks": ["其一，", "其二，", "其三，", "其四，", "其五，"],
        "closing": "希望有关部门高度重视，切实抓好落实。",
    },
    {  # 5: a terse committee note (held-out only)
        "opening": "关于{topic}，提出以下意见。",
        "facts": "现状：",
        "suggestions": "意见：",
        "marks": ["一、", "二、", "三、", "四、", "五、"],
        "closing": "妥否，请批示。",
    },
]

TEMPLATES = [
    {  # 0
        "opening": "近年来，在市委市政府的坚强领导下，全市上下认真贯彻落实党中央、国务院决策部署，"
        "坚持稳中求进工作总基调，{topic}工作取得了积极进展，但与高质量发展的要求相比仍有差距。",
        "facts": "一、存在的问题\n",
        "suggestions": "二、意见建议\n",
        "marks": ["二是", "三是", "四是", "五是", "六是"],
        "lead": "一是加强组织领导。建议成立由市政府分管领导任组长、相关部门主要负责同志为成员的"
        "工作专班，建立定期会商机制，统筹协调解决重大问题。",
        "tail": "七是强化宣传引导。充分利用报纸、电视、网络等媒体，大力宣传典型经验和先进做法，"
        "营造全社会共同关心支持的良好氛围。",
        "closing": "以上建议妥否，请予研究。",
    },
    {  # 1
        "opening": "为认真贯彻落实市第六次党代会精神，加快推进{topic}高质量发展，市政协组织部分委员"
        "深入县区、园区开展专题调研，召开座谈会听取意见，现将有关情况报告如下。",
        "facts": "一、当前存在的困难和问题\n",
        "suggestions": "二、对策建议\n",
        "marks": ["（二）", "（三）", "（四）", "（五）", "（六）"],
        "lead": "（一）强化要素保障。统筹用地、用能、资金等要素向重点项目倾斜，落实落细各项惠企政策，"
        "切实帮助企业解决实际困难。",
        "tail": "（七）完善考核机制。将相关工作纳入年度绩效考评体系，实行清单化管理、项目化推进，"
        "确保各项任务落地见效。",
        "closing": "以上报告，供市委、市政府决策参考。",
    },
    {  # 2 (held-out only)
        "opening": "党的二十大报告指出，高质量发展是全面建设社会主义现代化国家的首要任务。"
        "近年来，我市坚持把{topic}作为重要抓手，取得了一定成效。但调研中也发现一些问题。",
        "facts": "一、主要问题\n",
        "suggestions": "二、几点建议\n",
        "marks": ["（二）", "（三）", "（四）", "（五）", "（六）"],
        "lead": "（一）提高思想认识。各级各部门要进一步统一思想、提高站位，把这项工作摆上重要议事日程，"
        "主要领导亲自抓、负总责。",
        "tail": "（七）加强督促检查。市委督查室、市政府督查室要定期开展专项督查，对工作推进不力的"
        "予以通报，确保各项措施落到实处。",
        "closing": "以上建议，请予参考。",
    },
]
