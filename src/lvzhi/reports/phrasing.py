"""Figures written the way the article writes them: "开展专题协商80余场", "1.8亿元".

A phrase is the indicator's translated `phrase` with its aggregates put in: counts exact
(83) or, as the article rounds them, cut down with the indicator's `approx` word ("80余",
"350多"); money aggregates (a Sum over a `MoneyField`) as 亿元 / 万元.
"""

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lvzhi.text.amounts import MoneyField, format_count, format_money


def money_unit(ind, name: str):
    """Yuan per stored unit of a money aggregate (1, or 10000 for 万元), or None for a count."""
    expression = ind.aggregates.get(name)
    sources = getattr(expression, "source_expressions", None) or []
    path = getattr(sources[0], "name", None) if sources else None
    if not path:
        return None
    model, model_field = ind.queryset().model, None
    try:
        for part in path.split("__"):
            model_field = model._meta.get_field(part)
            model = model_field.related_model or model
    except FieldDoesNotExist:
        return None
    return model_field.unit if isinstance(model_field, MoneyField) else None


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def count_text(n, approx="余", *, rounded=False) -> str:
    n = int(n or 0)
    if not rounded:
        return str(n)
    if _chinese():
        return format_count(n, approx)
    cut = format_count(n, "")
    if cut == str(n) or not cut.isdigit():
        return str(n)
    return _("more than %(n)s") % {"n": cut}


def money_text(value, unit, *, rounded=False) -> str:
    value = Decimal(str(value or 0))
    yuan = value * unit
    if rounded:
        # as a report writes sums: 1.83亿元, 3050万元 — two decimals at most in the unit shown
        step = Decimal(1_000_000) if yuan >= 100_000_000 else Decimal(100) if yuan >= 10_000 else 1
        yuan = (yuan / step).quantize(Decimal(1)) * step
    text = format_money(yuan)
    if not _chinese():
        return _yuan_in_english(yuan)
    return text


def _yuan_in_english(yuan: Decimal) -> str:
    if yuan >= 1_000_000:
        return _("%(n)s million yuan") % {"n": _plain(yuan / 1_000_000)}
    return _("%(n)s yuan") % {"n": _plain(yuan)}


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(ind, name, value, *, rounded=False) -> str:
    unit = money_unit(ind, name)
    if unit is not None:
        return money_text(value, unit, rounded=rounded)
    return count_text(value, ind.approx, rounded=rounded)


class _Missing(dict):
    def __missing__(self, key):
        return "—"


def phrase(ind, values: dict, *, rounded=False) -> str:
    texts = _Missing(
        {
            name: value_text(ind, name, values.get(name, 0), rounded=rounded)
            for name in ind.aggregates
        }
    )
    return str(ind.phrase).format_map(texts)


def paragraph(period_label: str, scope_label: str, phrases: list[str]) -> str:
    """据统计，2024年，全市政协系统开展专题协商80余场，…。"""
    if not phrases:
        return ""
    return _("According to the records, in %(period)s %(scope)s %(figures)s.") % {
        "period": period_label,
        "scope": scope_label,
        "figures": _(", ").join(phrases),
    }
