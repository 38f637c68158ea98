"""factory_boy factories for every core model."""

import datetime

import factory
from django.contrib.auth import get_user_model

from lvzhi.core import models
from lvzhi.core.choices import CommitteeLevel
from lvzhi.text.names import pinyin_key, stroke_key


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password("pw-for-tests")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Committee
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}县政协")
    short_name = factory.Sequence(lambda n: f"第{n}县")
    level = CommitteeLevel.COUNTY


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"界别{n}")


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Industry

    name = factory.Sequence(lambda n: f"产业{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"委员{n}")
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    # as the services set them
    name_strokes = factory.LazyAttribute(lambda o: stroke_key(o.name))
    name_pinyin = factory.LazyAttribute(lambda o: pinyin_key(o.name))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Member

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory, committee=factory.SelfAttribute("..committee"))
    sector = factory.SubFactory(SectorFactory, name="经济界")
    term = "第五届"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Department

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"单位{n}")


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Park

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"园区{n}")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Village

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"村{n}")
    township = "石陵镇"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Enterprise

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"企业{n}有限公司")
    name_pinyin = factory.LazyAttribute(lambda o: pinyin_key(o.name))  # as the services set it


# -- activities (履职活动) -------------------------------------------------------------------


def _activity_kind(code):
    from lvzhi.activities.models import ActivityKind

    return ActivityKind.objects.get(code=code)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.Activity"

    committee = factory.SubFactory(CommitteeFactory)
    kind = factory.LazyFunction(lambda: _activity_kind("consultation"))
    title = factory.Sequence(lambda n: f"专题协商{n}")
    start_date = datetime.date(2024, 5, 10)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.Participation"

    activity = factory.SubFactory(ActivityFactory)
    committee = factory.SelfAttribute("activity.committee")
    member = factory.SubFactory(MemberFactory, committee=factory.SelfAttribute("..committee"))
    role = "participant"
    attendance = "attended"


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.RuleSet"

    committee = factory.SubFactory(CommitteeFactory)
    name = "履职积分办法"
    year = 2024


class RejectionGroundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.RejectionGround"

    code = factory.Sequence(lambda n: f"ground-{n}")
    name = factory.Sequence(lambda n: f"不予立案理由{n}")


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.ActivityKind"

    code = factory.Sequence(lambda n: f"kind-{n}")
    name = factory.Sequence(lambda n: f"活动类型{n}")
    category = "other"


class MemberGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.MemberGroup"

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"产业服务团{n}")
    kind = "service_team"
    industry = factory.SubFactory(IndustryFactory)


class _ActivityChildFactory(factory.django.DjangoModelFactory):
    """Report items and files: the committee is the activity's."""

    class Meta:
        abstract = True

    activity = factory.SubFactory(ActivityFactory)
    committee = factory.SelfAttribute("activity.committee")


class ReportItemFactory(_ActivityChildFactory):
    class Meta:
        model = "activities.ReportItem"

    kind = "suggestion"
    text = factory.Sequence(lambda n: f"建议{n}：加快糖业技改")


class _RuleSetChildFactory(factory.django.DjangoModelFactory):
    """Rules, caps and grade bands: the committee is the rule set's."""

    class Meta:
        abstract = True

    ruleset = factory.SubFactory(RuleSetFactory)
    committee = factory.SelfAttribute("ruleset.committee")


class ScoreCapFactory(_RuleSetChildFactory):
    class Meta:
        model = "activities.ScoreCap"

    name = factory.Sequence(lambda n: f"上限{n}")
    limit = 20


class RuleFactory(_RuleSetChildFactory):
    class Meta:
        model = "activities.Rule"

    label = factory.Sequence(lambda n: f"参加协商{n}")
    event = "activity"
    activity_kind = factory.LazyFunction(lambda: _activity_kind("consultation"))
    points = 2


class GradeBandFactory(_RuleSetChildFactory):
    class Meta:
        model = "activities.GradeBand"

    name = factory.Sequence(lambda n: f"等次{n}")
    min_score = factory.Sequence(lambda n: n * 10)


class RoadmapTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.RoadmapTask"

    committee = factory.SubFactory(CommitteeFactory)
    year = 2024
    title = factory.Sequence(lambda n: f"任务{n}")
    owner = "经济委"
    due_date = datetime.date(2024, 11, 30)


class MemberCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activities.MemberCase"

    committee = factory.SubFactory(CommitteeFactory)
    member = factory.SubFactory(MemberFactory, committee=factory.SelfAttribute("..committee"))
    title = factory.Sequence(lambda n: f"委员案例{n}")
    year = 2024


# -- problems (难题) ------------------------------------------------------------------------


class ProblemCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "problems.ProblemCategory"
        django_get_or_create = ("name",)

    name = "融资"
    days_critical = 3
    days_urgent = 5
    days_normal = 15


class ProposalSessionFactory(factory.django.DjangoModelFactory):
    """五届三次 of a committee."""

    class Meta:
        model = "proposals.ProposalSession"
        django_get_or_create = ("committee", "term", "sitting")

    committee = factory.SubFactory(CommitteeFactory)
    term = 5
    sitting = 3
    year = 2024


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft proposal (state and workflow fields are left to the services)."""

    class Meta:
        model = "proposals.Proposal"

    committee = factory.SubFactory(CommitteeFactory)
    session = factory.SubFactory(
        ProposalSessionFactory, committee=factory.SelfAttribute("..committee")
    )
    year = factory.SelfAttribute("session.year")
    lead = factory.SubFactory(PersonFactory, committee=factory.SelfAttribute("..committee"))
    title = factory.Sequence(lambda n: f"关于增强糖业稳定保供能力的建议{n}")
    cause = "糖料蔗种植面积下滑，糖厂开榨率不足。"
    analysis = "蔗农收益偏低，机收率低，糖企成本高。"
    suggestions = "一是稳定糖料蔗收购价格；二是推进全程机械化；三是延伸糖业产业链。"


class ProblemFactory(factory.django.DjangoModelFactory):
    """A registered problem (state and workflow fields are left to the services)."""

    class Meta:
        model = "problems.Problem"

    committee = factory.SubFactory(CommitteeFactory)
    enterprise = factory.SubFactory(
        EnterpriseFactory, committee=factory.SelfAttribute("..committee")
    )
    category = factory.SubFactory(ProblemCategoryFactory)
    title = factory.Sequence(lambda n: f"难题{n}：流动资金贷款续贷困难")
    description = "企业反映流动资金贷款到期后续贷审批时间长。"
    service_team = "糖业产业服务团"


def registered_problem(actor, committee, *, lead_unit=None, **fields):
    """A problem filed by `actor` through the service (and assigned to `lead_unit`)."""
    from lvzhi.problems import services

    fields.setdefault("enterprise", EnterpriseFactory(committee=committee))
    fields.setdefault("category", ProblemCategoryFactory())
    problem = ProblemFactory.build(committee=committee, **fields)
    problem = services.problem_register(actor=actor, problem=problem, allow_duplicate=True)
    if lead_unit is not None:
        problem = services.problem_assign(actor=actor, problem=problem, lead_unit=lead_unit)
    return problem


class OpinionBulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.OpinionBulletin"

    committee = factory.SubFactory(CommitteeFactory)
    year = 2024
    number = factory.Sequence(lambda n: n + 1)
    issued_on = factory.LazyFunction(lambda: datetime.date(2024, 6, 25))


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.Opinion"

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"关于稳定糖料蔗种植面积的建议{n}")
    text = "一、基本情况。二、存在问题。三、意见建议：稳定糖料蔗种植面积。"

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.Outcome"

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"来宾市糖业降本增效行动方案{n}")
    kind = "plan"
    issuer = "来宾市人民政府办公室"
    issued_on = factory.LazyFunction(lambda: datetime.date(2024, 9, 10))


#: the smallest real files of the attachment types tests upload
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


# -- investment (招商, 政银企, 百企扶百村) -------------------------------------------------------


class InvestmentProjectFactory(factory.django.DjangoModelFactory):
    """A project at the lead stage (stage changes are left to the workflow)."""

    class Meta:
        model = "investment.InvestmentProject"

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"招商项目{n}")
    investor_name = "广东佛山某建材集团"
    investor_origin = "广东佛山"
    source_mode = "member"
    planned_investment = 18000


def member_enterprise(committee, person=None):
    """An enterprise run by a member of `committee` (a seat is made for a new person)."""
    if person is None:
        person = MemberFactory(committee=committee).person
    return EnterpriseFactory(committee=committee, is_member_enterprise=True, member=person)


class FinancingNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "investment.FinancingNeed"

    committee = factory.SubFactory(CommitteeFactory)
    enterprise = factory.SubFactory(
        EnterpriseFactory, committee=factory.SelfAttribute("..committee")
    )
    amount = 500
    purpose = "流动资金周转"
    term_months = 12


class FinancingMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "investment.FinancingMatch"

    need = factory.SubFactory(FinancingNeedFactory)
    committee = factory.SelfAttribute("need.committee")
    bank = factory.SubFactory(
        DepartmentFactory, committee=factory.SelfAttribute("..committee"), kind="bank"
    )


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "investment.Pairing"

    committee = factory.SubFactory(CommitteeFactory)
    enterprise = factory.LazyAttribute(lambda o: member_enterprise(o.committee))
    village = factory.SubFactory(VillageFactory, committee=factory.SelfAttribute("..committee"))
    started_on = datetime.date(2024, 1, 1)


class SupportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "investment.SupportRecord"

    pairing = factory.SubFactory(PairingFactory)
    committee = factory.SelfAttribute("pairing.committee")
    published = factory.SelfAttribute("pairing.published")
    dimension = "funds"
    on = datetime.date(2024, 6, 1)
    amount = 20
    description = "捐资修建村道"
