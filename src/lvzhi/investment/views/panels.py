"""What a village's and an enterprise's pages show of investment (core.records.register_related)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from ..models import InvestmentProject, Pairing


def _pairing_items(pairings, other):
    items = []
    for p in pairings.annotate(n=Count("support"), amount=Sum("support__amount")):
        amount = f"{p.amount.normalize():f}" if p.amount is not None else "0"
        text = _("%(other)s · %(n)s support records, %(amount)s (10k yuan)") % {
            "other": getattr(p, other),
            "n": p.n,
            "amount": amount,
        }
        items.append((text, p.get_absolute_url()))
    return items


def village_pairings(request, village):
    pairings = Pairing.objects.visible_to(request.user).filter(village=village)
    pairings = pairings.select_related("enterprise")
    return {
        "title": _("Village pairings"),
        "items": _pairing_items(pairings, "enterprise"),
        "testid": "village-pairings",
    }


def enterprise_investment(request, enterprise):
    pairings = Pairing.objects.visible_to(request.user).filter(enterprise=enterprise)
    projects = InvestmentProject.objects.visible_to(request.user).filter(investor=enterprise)
    items = _pairing_items(pairings.select_related("village"), "village")
    items += [(f"{p.name}（{p.get_state_display()}）", p.get_absolute_url()) for p in projects[:20]]
    if not items:
        return None
    return {
        "title": _("Investment and village pairings"),
        "items": items,
        "testid": "enterprise-investment",
    }
