"""The activities app's figures of the year (数据见证担当), declared for the reports app.

"开展专题协商80余场，组成产业服务团走访企业180次 … 政协委员参与对外招商350多场（次）": the
first two count activities, the last counts members' attended participations in 对外招商 —
a trip with six members is six 场次.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lvzhi.core.indicators import Indicator, list_link, register

from .choices import Attendance, KindCategory, ReportItemKind
from .models import Activity, Participation, ReportItem

ACTIVITIES = "activities:activity_list"


def _activities(category):
    return lambda: Activity.objects.filter(kind__category=category)


def _activity_list(category):
    return lambda q: list_link(ACTIVITIES, q, category=category)


def _activity_count(key, category, label, phrase, order, *, headline=False):
    """An indicator that counts the activities of one kind category."""
    return Indicator(
        key=key,
        label=label,
        unit=pgettext_lazy("indicator unit", "sessions"),
        phrase=phrase,
        queryset=_activities(category),
        date_field="start_date",
        industry_field="industries",
        sector_field="participations__member__sector",
        list_url=_activity_list(category),
        headline=headline,
        order=order,
    )


def _attended_investment():
    return Participation.objects.filter(
        activity__kind__category=KindCategory.INVESTMENT, attendance=Attendance.ATTENDED
    )


def _suggestions():
    return ReportItem.objects.filter(
        kind__in=[ReportItemKind.SUGGESTION, ReportItemKind.RECOMMENDATION]
    )


INDICATORS = [
    _activity_count(
        "activities.consultations",
        KindCategory.CONSULTATION,
        _("Special consultations"),
        _("held {n} special consultations"),
        10,
        headline=True,
    ),
    _activity_count(
        "activities.enterprise_visits",
        KindCategory.ENTERPRISE_VISIT,
        _("Service-team enterprise visits"),
        _("visited enterprises {n} times in industry service teams"),
        20,
        headline=True,
    ),
    Indicator(
        key="activities.investment_participations",
        label=_("Members' participations in investment promotion"),
        unit=pgettext_lazy("indicator unit", "member-times"),
        phrase=_("members took part in investment promotion {n} times"),
        queryset=_attended_investment,
        date_field="activity__start_date",
        industry_field="activity__industries",
        sector_field="member__sector",
        aggregates={"n": Count("pk")},
        list_url=lambda q: list_link(
            "activities:participation_list",
            q,
            category=KindCategory.INVESTMENT,
            attendance=Attendance.ATTENDED,
        ),
        headline=True,
        order=40,
        approx="多",
    ),
    _activity_count(
        "activities.investment_trips",
        KindCategory.INVESTMENT,
        _("Investment promotion trips"),
        _("made {n} investment promotion trips"),
        45,
    ),
    _activity_count(
        "activities.media_consultations",
        KindCategory.MEDIA_CONSULTATION,
        _("All-media consultations"),
        _("held {n} all-media consultations"),
        50,
    ),
    _activity_count(
        "activities.research",
        KindCategory.RESEARCH,
        _("Research projects"),
        _("carried out {n} research projects"),
        55,
    ),
    _activity_count(
        "activities.inspections",
        KindCategory.INSPECTION,
        _("Inspections"),
        _("made {n} inspections"),
        60,
    ),
    Indicator(
        key="activities.suggestions",
        label=_("Suggestions made"),
        unit=pgettext_lazy("indicator unit", "items"),
        phrase=_("made {n} suggestions"),
        queryset=_suggestions,
        date_field="activity__start_date",
        industry_field="activity__industries",
        sector_field="activity__participations__member__sector",
        list_url=lambda q: list_link(
            "activities:item_list", q, date_from=None, date_to=None, year=q.start.year
        ),
        order=65,
    ),
    _activity_count(
        "activities.lectures",
        KindCategory.LECTURE,
        _("Economic lectures"),
        _("held {n} economic lectures"),
        70,
    ),
    _activity_count(
        "activities.financing",
        KindCategory.FINANCING,
        _("Government-bank-enterprise meetings"),
        _("held {n} government-bank-enterprise meetings"),
        75,
    ),
]


def register_indicators():
    for indicator in INDICATORS:
        register(indicator)
