"""Figures of 社情民意 and 成果转化, declared for the reports app (core.indicators)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.indicators import Indicator, register

from ..models import Opinion, OpinionUptake, Outcome, UptakeKind, UptakeLevel


def _level(level):
    return Count("pk", filter=Q(level=level))


def register_all():
    register(
        Indicator(
            key="proposals.opinions_submitted",
            label=_("Social-conditions reports submitted"),
            unit=_("reports"),
            phrase=_("submitted {n} social-conditions reports"),
            queryset=lambda: Opinion.objects.all(),
            date_field="submitted_on",
            industry_field="industries",
            order=60,
        )
    )
    register(
        Indicator(
            key="proposals.opinions_adopted",
            label=_("Social-conditions reports adopted"),
            unit=_("adoptions"),
            phrase=_(
                "{n} adoptions of social-conditions reports upward "
                "(city {city}, provincial {province}, national {national})"
            ),
            queryset=lambda: OpinionUptake.objects.filter(kind=UptakeKind.ADOPTED),
            date_field="date",
            committee_field="opinion__committee",
            industry_field="opinion__industries",
            aggregates={
                "n": Count("pk"),
                "city": _level(UptakeLevel.CITY),
                "province": _level(UptakeLevel.PROVINCE),
                "national": _level(UptakeLevel.NATIONAL),
            },
            aggregate_labels={
                "city": _("by the city"),
                "province": _("by the province"),
                "national": _("nationally"),
            },
            order=61,
        )
    )
    register(
        Indicator(
            key="proposals.opinions_instructed",
            label=_("Leaders' instructions on social-conditions reports"),
            unit=_("instructions"),
            phrase=_("{n} leaders' instructions on social-conditions reports"),
            queryset=lambda: OpinionUptake.objects.filter(kind=UptakeKind.INSTRUCTED),
            date_field="date",
            committee_field="opinion__committee",
            industry_field="opinion__industries",
            order=62,
        )
    )
    register(
        Indicator(
            key="proposals.outcomes",
            label=_("Outcomes"),
            unit=_("documents"),
            phrase=_("{n} policy documents and measures came out of members' suggestions"),
            queryset=lambda: Outcome.objects.all(),
            date_field="issued_on",
            industry_field="industries",
            order=65,
        )
    )
