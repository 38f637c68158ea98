"""The year's proposal figures (core.indicators): counts, and rates as two aggregates.

"围绕糖业高质量发展提交提案30余件" is `proposals.submitted` for the 糖业 industry.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lvzhi.core.indicators import Indicator, register

from ..choices.proposal import ACCEPTED_STATES, RECEIVED_STATES, Rating
from ..models import Proposal

SATISFIED = [Rating.SATISFIED, Rating.BASICALLY]


def _list_url(**params):
    def url(query):
        extra = {"year": query.start.year, **params}
        if query.industry_ids and len(query.industry_ids) == 1:
            extra["industry"] = next(iter(query.industry_ids))
        return f"{reverse('proposals:proposal_list')}?{urlencode(extra, doseq=True)}"

    return url


#: a text about one reply class, translated when shown (not when the module loads)
_class_text = lazy(lambda text, c: str(text) % {"c": c}, str)


def _indicator(key, label, phrase, queryset, date_field, aggregates=None, order=100, **kw):
    return Indicator(
        key=f"proposals.{key}",
        label=label,
        unit=_("items"),
        phrase=phrase,
        queryset=queryset,
        date_field=date_field,
        committee_field="committee",
        industry_field="industries",
        sector_field="sector",
        aggregates=aggregates or {"n": Count("pk")},
        order=order,
        **kw,
    )


def _received():
    return Proposal.objects.filter(state__in=RECEIVED_STATES)


def _accepted():
    return Proposal.objects.filter(state__in=ACCEPTED_STATES)


INDICATORS = [
    _indicator(
        "submitted",
        _("Proposals submitted"),
        _("submitted {n} proposals"),
        _received,
        "submitted_on",
        order=40,
        headline=True,
        list_url=_list_url(state=list(RECEIVED_STATES)),
    ),
    _indicator(
        "accepted",
        _("Proposals accepted as cases"),
        _("{n} proposals accepted as cases"),
        _accepted,
        "accepted_on",
        order=41,
        list_url=_list_url(state=list(ACCEPTED_STATES)),
    ),
    *(
        _indicator(
            f"class_{c.lower()}",
            _class_text(_("Replies of class %(c)s"), c),
            _class_text(_("{n} replies of class %(c)s"), c),
            lambda c=c: Proposal.objects.filter(reply_class=c),
            "replied_on",
            order=42,
            list_url=_list_url(reply_class=c),
        )
        for c in "ABC"
    ),
    _indicator(
        "replied",
        _("Replies by class"),
        _("{n} replies"),
        lambda: Proposal.objects.exclude(reply_class=""),
        "replied_on",
        order=42,
        split_field="reply_class",
        list_url=_list_url(state=["replied", "released", "rated", "closed"]),
    ),
    _indicator(
        "rated",
        _("Ratings of the result"),
        _("{n} replies rated by their proposers"),
        lambda: Proposal.objects.exclude(result_rating=""),
        "released_on",
        order=43,
        split_field="result_rating",
    ),
    _indicator(
        "satisfied",
        _("Proposers satisfied with the result"),
        _("{n} of {rated} rated replies satisfied or basically satisfied"),
        lambda: Proposal.objects.exclude(result_rating=""),
        "released_on",
        aggregates={
            "n": Count("pk", filter=Q(result_rating__in=SATISFIED)),
            "rated": Count("pk"),
        },
        aggregate_labels={"rated": _("replies rated")},
        order=43,
    ),
    _indicator(
        "replied_on_time",
        _("Replies on time"),
        _("{n} of {replied} replies on time"),
        lambda: Proposal.objects.filter(replied_on_time__isnull=False),
        "replied_on",
        aggregates={"n": Count("pk", filter=Q(replied_on_time=True)), "replied": Count("pk")},
        aggregate_labels={"replied": _("replies")},
        order=44,
    ),
    _indicator(
        "met",
        _("Proposers met"),
        _("met the proposers of {n} of {assigned} proposals"),
        lambda: Proposal.objects.filter(assigned_on__isnull=False),
        "assigned_on",
        aggregates={"n": Count("pk", filter=Q(met_on__isnull=False)), "assigned": Count("pk")},
        aggregate_labels={"assigned": _("proposals assigned")},
        order=45,
    ),
    _indicator(
        "key",
        _("Key proposals"),
        _("{n} key proposals"),
        lambda: Proposal.objects.filter(is_key=True),
        "accepted_on",
        order=46,
        list_url=_list_url(is_key="true"),
    ),
]


def register_all():
    for indicator in INDICATORS:
        register(indicator)
