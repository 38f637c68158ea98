"""成果条目 added on the activity page, several at once, without leaving it."""

from django.urls import reverse
from django.utils.translation import gettext

from lvzhi.activities.choices import ReportItemKind


def rows(*pairs, extra=1):
    data = {"items-TOTAL_FORMS": len(pairs) + extra, "items-INITIAL_FORMS": 0}
    for i, (kind, text) in enumerate([*pairs, *[("problem", "")] * extra]):
        data[f"items-{i}-kind"] = kind
        data[f"items-{i}-text"] = text
    return data


def test_several_outputs_are_added_on_the_activity_page(system, client_for, activity):
    client = client_for(system.bob)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert 'id="outputs-form"' in page and 'data-formset-template="items"' in page
    url = reverse("activities:outputs_add", args=[activity.pk])
    res = client.post(
        url,
        rows(
            ("problem", "园区用地指标紧张"), ("guide", "企业用地申报三步走"), ("problem", "融资难")
        ),
        HTTP_HX_REQUEST="true",
    )
    html = res.content.decode()
    assert res.status_code == 200 and 'id="outputs-card"' in html
    assert 'data-testid="outputs-notice"' in html and "alert-success" in html
    items = list(activity.items.values_list("kind", "text", "sort_order"))
    assert items == [
        ("guide", "企业用地申报三步走", 2),
        ("problem", "园区用地指标紧张", 1),
        ("problem", "融资难", 3),
    ]
    assert str(ReportItemKind.GUIDE.label) in html and "企业用地申报三步走" in html
    # the form comes back empty for the next ones
    assert 'name="items-TOTAL_FORMS" value="3"' in html and "融资难</textarea>" not in html


def test_a_row_without_text_refuses_the_whole_save(system, client_for, activity):
    res = client_for(system.bob).post(
        reverse("activities:outputs_add", args=[activity.pk]),
        rows(("problem", "园区用地指标紧张"), ("guide", "")),
        HTTP_HX_REQUEST="true",
    )
    html = res.content.decode()
    assert activity.items.count() == 0
    assert "园区用地指标紧张</textarea>" in html and "invalid-feedback" in html
    nothing = client_for(system.bob).post(
        reverse("activities:outputs_add", args=[activity.pk]), rows(), HTTP_HX_REQUEST="true"
    )
    assert gettext("Write at least one output item.") in nothing.content.decode()


def test_a_member_may_not_add_outputs(system, client_for, activity):
    client = client_for(system.carol)
    assert 'id="outputs-form"' not in client.get(activity.get_absolute_url()).content.decode()
    res = client.post(reverse("activities:outputs_add", args=[activity.pk]), rows(("problem", "x")))
    assert res.status_code in (403, 404) and activity.items.count() == 0
