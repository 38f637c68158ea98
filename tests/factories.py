"""factory_boy factories for every core model."""

import factory
from django.contrib.auth import get_user_model

from lvzhi.core import models
from lvzhi.core.choices import CommitteeLevel


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
