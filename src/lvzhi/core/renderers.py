"""HTML the templates would write, written in Python where a page writes it hundreds of
times: a template variable's value (the cells of a list, core.tables) and the selects of
forms and filter forms (`FormRenderer`, settings.FORM_RENDERER)."""

from django.forms.renderers import TemplatesSetting
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

SELECT_TEMPLATE = "django/forms/widgets/select.html"


def template_value(value, localize=None):
    """`value` as a template's `{{ value }}` (or `|localize`, `|unlocalize`) writes it: in
    local time, localized, escaped unless already safe."""
    value = formats.localize(template_localtime(value), use_l10n=localize)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value):
    """`{{ value|stringformat:'s' }}`."""
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def attrs_html(attrs) -> str:
    """Django's django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing
    for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget) -> str:
    """A select (its context's `widget`) as Django's select.html with option.html per
    option writes it (whitespace aside: one line per option), without a template include
    per option: a filter form's hundred options cost a fraction of the time."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{template_value(group_name)}">')
        parts.extend(
            f'\n  <option value="{_formatted(option["value"])}"{attrs_html(option["attrs"])}>'
            f"{template_value(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 — every part escaped above


class FormRenderer(TemplatesSetting):
    """Forms render with the project's templates (a template there overrides Django's
    form template of its name); a select is written by `select_html`. Every select here is
    a plain <option> list: no widget sets another option template."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return select_html(context["widget"])
        return super().render(template_name, context, request=request)
