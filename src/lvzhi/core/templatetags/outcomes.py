"""{% outcomes record %} — "转化成果": the outcomes a source record led to (core.outcomes)."""

from django import template

from lvzhi.core import outcomes as links

register = template.Library()


@register.inclusion_tag("core/includes/outcomes.html", takes_context=True)
def outcomes(context, record):
    return {
        "is_source": links.is_source(record),
        "outcomes": links.outcomes_of(record, context["request"].user),
    }
