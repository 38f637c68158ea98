"""The year's investment figures as core indicators (the reports app computes them for any
scope and period): 签约项目{n}个、金额{amount}, the funnel's stages, 结对帮扶{n}对, financing."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from lvzhi.core.indicators import Indicator, list_link, register

from .choices import STAGE_DATE, MatchStatus, Stage


def _projects():
    from .models import InvestmentProject

    return InvestmentProject.objects.all()


def _reached(stage, key, label, phrase, order, **extra):
    """Projects that reached `stage` in the period (its stage date in the period)."""
    register(
        Indicator(
            key=key,
            label=label,
            unit=_("projects"),
            phrase=phrase,
            queryset=_projects,
            date_field=STAGE_DATE[stage],
            industry_field="industry",
            order=order,
            funnel=_("Investment pipeline: projects reaching each stage"),
            list_url=lambda q: list_link(
                "investment:project_list",
                q,
                date_from="reached_from",
                date_to="reached_to",
                reached=stage,
            ),
            **extra,
        )
    )


def register_all():
    from .models import FinancingMatch, Pairing

    _reached(
        Stage.LEAD,
        "investment.leads",
        _("Investment leads"),
        _("registered {n} investment leads"),
        300,
    )
    _reached(
        Stage.INTENTION,
        "investment.intentions",
        _("Intention agreements"),
        _("signed {n} investment intention agreements"),
        301,
    )
    _reached(
        Stage.CONTRACTED,
        "investment.contracts",
        _("Projects contracted"),
        _("signed {n} projects worth {amount}"),
        302,
        aggregates={"n": Count("pk"), "amount": Sum("contracted_amount")},
        aggregate_labels={"amount": _("amount")},
        headline=True,
    )
    _reached(
        Stage.STARTED,
        "investment.started",
        _("Projects started"),
        _("started construction of {n} projects"),
        303,
    )
    _reached(
        Stage.PRODUCING,
        "investment.producing",
        _("Projects in production"),
        _("put {n} projects into production"),
        304,
    )
    register(
        Indicator(
            key="investment.pairings",
            label=_("Village pairings"),
            unit=_("pairs"),
            phrase=_("paired {n} enterprises with villages"),
            queryset=lambda: Pairing.objects.all(),
            date_field="started_on",
            order=310,
            headline=True,
        )
    )
    register(
        Indicator(
            key="investment.financing",
            label=_("Financing granted"),
            unit=_("enterprises"),
            phrase=_("helped {n} enterprises obtain credit of {amount}"),
            queryset=lambda: FinancingMatch.objects.filter(
                Q(status=MatchStatus.GRANTED) | Q(status=MatchStatus.DISBURSED)
            ),
            date_field="granted_on",
            industry_field="need__industry",
            aggregates={
                "n": Count("need__enterprise", distinct=True),
                "amount": Sum("amount_granted"),
            },
            aggregate_labels={"amount": _("credit granted")},
            order=320,
        )
    )
