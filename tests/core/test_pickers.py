"""Pickers over records: large sets are found by search among what the user may see, the
page carries only the chosen records, and a picker's labels cost no query per option."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvzhi.core.models import Industry
from tests import factories as f


def autocomplete(client, label, q=""):
    return client.get(reverse("core:autocomplete", args=[label]), {"q": q})


def test_autocomplete_returns_only_visible_matching_records(system, client_for):
    own = f.MemberFactory(committee=system.county, person__name="韦小宝")
    f.MemberFactory(committee=system.county, person__name="黄大年")
    f.MemberFactory(committee=system.other, person__name="韦大宝")  # another county
    res = autocomplete(client_for(system.bob), "core.member", "韦")
    assert res.status_code == 200
    assert res.json()["results"] == [{"id": own.pk, "text": str(own)}]
    # City staff see both counties.
    texts = [
        r["text"]
        for r in autocomplete(client_for(system.alice), "core.member", "韦").json()["results"]
    ]
    assert len(texts) == 2 and all(t.startswith("韦") for t in texts)


def test_autocomplete_answers_a_few_at_a_time(system, client_for):
    f.EnterpriseFactory.create_batch(25, committee=system.county)
    results = autocomplete(client_for(system.bob), "core.enterprise").json()["results"]
    assert len(results) == 20


@pytest.mark.parametrize(
    "label", ["core.committee", "core.industry", "auth.user", "nope.none", "x"]
)
def test_autocomplete_only_for_large_record_types(system, client_for, label):
    assert autocomplete(client_for(system.alice), label).status_code == 404


def test_autocomplete_needs_a_signed_in_user(system, client):
    res = autocomplete(client, "core.member")
    assert res.status_code == 302 and "/login/" in res["Location"]


def test_problem_list_carries_only_the_chosen_enterprise(system, client_for):
    chosen, *others = f.EnterpriseFactory.create_batch(5, committee=system.county)
    page = (
        client_for(system.bob)
        .get(reverse("problems:problem_list"), {"enterprise": chosen.pk})
        .content.decode()
    )
    assert 'data-autocomplete-url="/autocomplete/core.enterprise/"' in page
    assert f'<option value="{chosen.pk}" selected>{chosen.name}</option>' in page
    assert not any(e.name in page for e in others)


def test_activity_list_member_picker_lists_no_members(system, client_for):
    members = f.MemberFactory.create_batch(4, committee=system.county)
    page = client_for(system.bob).get(reverse("activities:activity_list")).content.decode()
    assert 'data-autocomplete-url="/autocomplete/core.member/"' in page
    assert not any(m.person.name in page for m in members)


def test_industry_picker_costs_the_same_with_more_chain_links(system, client_for):
    client = client_for(system.alice)
    url = reverse("core:enterprise_list")

    def queries_with(children):
        parent = f.IndustryFactory()
        for i in range(children):
            Industry.objects.create(name=f"环节{parent.pk}-{i}", parent=parent)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert f"{parent.name} › 环节{parent.pk}-0" in page
        return len(ctx)

    assert queries_with(2) == queries_with(12)


def test_industry_pickers_group_chain_links_under_their_industry(system, client_for):
    sugar = f.IndustryFactory(name="糖业", sort_order=1)
    link = f.IndustryFactory(name="蔗糖深加工", parent=sugar, sort_order=3)
    calcium = f.IndustryFactory(name="钙基新材料", sort_order=2)
    page = client_for(system.bob).get(reverse("problems:problem_add")).content.decode()
    select = page[page.index('name="industry"') :]
    select = select[: select.index("</select>")]
    sugar_group = select[select.index('<optgroup label="糖业">') :]
    sugar_group = sugar_group[: sugar_group.index("</optgroup>")]
    assert f'value="{sugar.pk}"' in sugar_group and f'value="{link.pk}"' in sugar_group
    assert sugar_group.index(f'value="{sugar.pk}"') < sugar_group.index(f'value="{link.pk}"')
    assert '<optgroup label="钙基新材料">' in select and f'value="{calcium.pk}"' in select
    # the grouped picker still takes a chain link
    field = client_for(system.bob).get(reverse("problems:problem_add")).context["form"]
    assert field.fields["industry"].clean(str(link.pk)) == link


def test_autocomplete_finds_people_by_pinyin_initials(system, client_for):
    li = f.MemberFactory(committee=system.county, person__name="黎胜国")
    f.MemberFactory(committee=system.county, person__name="林伟民")
    f.MemberFactory(committee=system.other, person__name="刘顺国")  # another county
    client = client_for(system.bob)
    for typed in ("lsg", "LS", "l s g".replace(" ", "")):
        results = autocomplete(client, "core.member", typed).json()["results"]
        assert [r["id"] for r in results] == [li.pk], typed
    texts = {r["text"] for r in autocomplete(client, "core.member", "l").json()["results"]}
    assert texts == {str(li), str(li.__class__.objects.get(person__name="林伟民"))}
    assert autocomplete(client, "core.member", "lwx").json()["results"] == []
    persons = autocomplete(client, "core.person", "lwm").json()["results"]
    assert [r["text"] for r in persons] == ["林伟民"]


def test_autocomplete_finds_enterprises_by_pinyin_initials(system, client_for):
    from lvzhi.core.models import Enterprise
    from lvzhi.core.services import record_save

    sugar = record_save(
        actor=system.bob, instance=Enterprise(committee=system.county, name="广西东糖集团")
    )
    assert sugar.name_pinyin == "guang xi dong tang ji tuan"
    f.EnterpriseFactory(committee=system.county, name="广西农垦糖业")
    results = autocomplete(client_for(system.bob), "core.enterprise", "gxdt").json()["results"]
    assert [r["id"] for r in results] == [sugar.pk]
