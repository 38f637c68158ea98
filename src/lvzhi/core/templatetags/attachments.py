"""{% attachments record %} — a record's files, with the upload form for those who may add."""

from django import template

from lvzhi.core.attachments import panel_context

register = template.Library()


@register.inclusion_tag("core/includes/attachments.html", takes_context=True)
def attachments(context, record):
    request = context["request"]
    return {
        **panel_context(request.user, record),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
