"""Template filters of the text engine: `{% load lvzhi_text %}`."""

from django import template

from lvzhi.text.amounts import format_money

register = template.Library()


@register.filter
def money(value, unit=1):
    """{{ case.investment|money:10000 }} → "1.8亿元" for 18000 (万元)."""
    return format_money(value, unit)
