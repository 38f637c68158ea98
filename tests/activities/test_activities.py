"""Activities: outputs as data, bad input refused field by field, nothing half-saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lvzhi.activities import models
from tests import factories as f


def form(kinds, committee, **extra):
    return {
        "committee": committee.pk,
        "kind": kinds["inspection"].pk,
        "title": "糖业专题视察",
        "start_date": "2024-04-10",
        "half_days": 2,
        **extra,
    }


def test_create_activity_with_participants_outputs_and_history(system, client_for, kinds, people):
    client = client_for(system.bob)
    res = client.post(
        reverse("activities:activity_add"),
        form(kinds, system.county, participants=[people.carol.pk, people.county.pk]),
    )
    assert res.status_code == 302
    activity = models.Activity.objects.get()
    assert activity.participations.count() == 2
    assert activity.history.first().history_user == system.bob
    for i in range(21):
        res = client.post(
            reverse("activities:item_add"),
            {"activity": activity.pk, "kind": "suggestion", "text": f"建议{i}", "sort_order": i},
        )
        assert res.status_code == 302
    page = client.get(activity.get_absolute_url())
    assert "建议20" in page.content.decode()
    api = client_for(system.bob)
    data = api.get(f"/api/v1/activities/{activity.pk}/").json()
    assert data["output_counts"] == {"suggestion": 21}
    assert data["participant_count"] == 2
    item = activity.items.first()
    assert item.committee == system.county and item.outcome is None


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"start_date": "2099-01-01"}, "start_date"),
        ({"start_date": "2024-04-10", "end_date": "2024-04-01"}, "end_date"),
    ],
)
def test_bad_dates_are_field_errors_in_ui_and_api(system, client_for, api_for, kinds, extra, field):
    res = client_for(system.bob).post(
        reverse("activities:activity_add"), form(kinds, system.county, **extra)
    )
    assert res.status_code == 400
    assert f'data-field-error="{field}"' in res.content.decode()
    res = api_for(system.bob).post(
        "/api/v1/activities/", form(kinds, system.county, **extra), format="json"
    )
    assert res.status_code == 400 and field in res.json()
    assert not models.Activity.objects.exists()


def test_horizon_allows_planned_activities_soon(system, api_for, kinds):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    res = api_for(system.bob).post(
        "/api/v1/activities/",
        form(kinds, system.county, start_date=soon.isoformat()),
        format="json",
    )
    assert res.status_code == 201


def test_participant_outside_the_system_or_twice_refuses_everything(system, api_for, kinds, people):
    api = api_for(system.alice)
    outside = {"member": people.outside.pk}
    # alice cannot see the other city's member: not even a valid choice
    res = api.post(
        "/api/v1/activities/",
        {**form(kinds, system.county), "participants": [outside]},
        format="json",
    )
    assert res.status_code == 400 and "participants" in res.json()
    res = api.post(
        "/api/v1/activities/",
        {
            **form(kinds, system.county),
            "participants": [{"member": people.carol.pk}, {"member": people.carol.pk}],
        },
        format="json",
    )
    assert res.status_code == 400
    assert "participants" in res.json() and "卡萝" in str(res.json())
    assert not models.Activity.objects.exists()
    assert not models.Participation.objects.exists()


def test_participant_outside_the_system_refused_by_the_service(system, kinds, people):
    from django.core.exceptions import ValidationError

    from lvzhi.activities import services

    with pytest.raises(ValidationError) as exc:
        services.activity_save(
            actor=system.frank,
            activity=models.Activity(
                committee=system.county,
                kind=kinds["research"],
                title="调研",
                start_date=datetime.date(2024, 3, 3),
            ),
            participants=[(people.outside, "participant", "attended")],
        )
    assert "participants" in exc.value.message_dict
    assert not models.Activity.objects.exists()


def test_city_member_may_join_a_county_activity_but_not_twice(
    system, client_for, api_for, activity, people
):
    api = api_for(system.alice)
    res = api.post(
        "/api/v1/participations/",
        {"activity": activity.pk, "member": people.city.pk, "role": "speaker"},
        format="json",
    )
    assert res.status_code == 201, res.content
    res = client_for(system.alice).post(
        reverse("activities:participation_add"),
        {
            "activity": activity.pk,
            "member": people.carol.pk,
            "role": "participant",
            "attendance": "attended",
        },
    )
    assert res.status_code == 400
    assert 'data-field-error="member"' in res.content.decode()
    res = api.post(
        "/api/v1/participations/",
        {"activity": activity.pk, "member": people.outside.pk},
        format="json",
    )
    assert res.status_code == 400


def test_stale_activity_edit_gives_409(system, api_for, activity):
    api = api_for(system.bob)
    res = api.patch(
        f"/api/v1/activities/{activity.pk}/", {"title": "新", "version": 1}, format="json"
    )
    assert res.status_code == 200
    res = api.patch(
        f"/api/v1/activities/{activity.pk}/", {"title": "旧", "version": 1}, format="json"
    )
    assert res.status_code == 409


def test_deleting_an_activity_deletes_its_records_with_history(system, client_for, activity):
    part = activity.participations.get()
    res = client_for(system.bob).post(reverse("activities:activity_delete", args=[activity.pk]))
    assert res.status_code == 302
    assert not models.Participation.objects.filter(pk=part.pk).exists()
    assert (
        models.Participation.history.filter(id=part.pk, history_type="-").get().history_user
        == system.bob
    )


def test_list_filters_year_kind_member_industry_and_calendar(
    system, client_for, api_for, kinds, people
):
    sugar = f.IndustryFactory(name="糖业")
    a = f.ActivityFactory(
        committee=system.county, kind=kinds["research"], start_date=datetime.date(2024, 11, 20)
    )
    a.industries.add(sugar)
    f.ParticipationFactory(activity=a, member=people.county)
    f.ActivityFactory(committee=system.county, start_date=datetime.date(2023, 11, 20))
    api = api_for(system.bob)
    for query in (
        "year=2024",
        f"kind={kinds['research'].pk}",
        f"member={people.county.pk}",
        f"industry={sugar.pk}",
    ):
        ids = [r["id"] for r in api.get(f"/api/v1/activities/?{query}").json()["results"]]
        assert ids == [a.pk], query
    client = client_for(system.bob)
    page = client.get(
        reverse("activities:activity_list"), {"year": 2024, "kind": kinds["research"].pk}
    )
    assert a.title in page.content.decode()
    cal = client.get(reverse("activities:calendar"), {"month": "2024-11"})
    assert cal.status_code == 200 and a.title in cal.content.decode()
    assert client.get(reverse("activities:calendar"), {"month": "bad"}).status_code == 200


def test_roadmap_overdue_is_visible(system, client_for):
    late = models.RoadmapTask.objects.create(
        committee=system.county,
        year=2024,
        title="路线图任务一",
        owner="经济委",
        due_date=datetime.date(2024, 3, 1),
        progress=40,
    )
    models.RoadmapTask.objects.create(
        committee=system.county,
        year=2024,
        title="路线图任务二",
        owner="经济委",
        due_date=datetime.date(2024, 3, 1),
        progress=100,
    )
    client = client_for(system.bob)
    page = client.get(reverse("activities:task_list"), {"overdue": "true"}).content.decode()
    assert "路线图任务一" in page and "路线图任务二" not in page
    assert 'data-testid="overdue"' in client.get(late.get_absolute_url()).content.decode()


def test_every_page_answers_without_error(system, client_for, activity, people):
    ruleset = f.RuleSetFactory(committee=system.county)
    client = client_for(system.frank)
    urls = [
        reverse(f"activities:{name}_list")
        for name in (
            "activity",
            "kind",
            "group",
            "participation",
            "item",
            "ruleset",
            "rule",
            "cap",
            "band",
            "task",
            "case",
        )
    ]
    urls += [
        reverse(f"activities:{name}_add")
        for name in (
            "activity",
            "kind",
            "group",
            "participation",
            "item",
            "ruleset",
            "rule",
            "cap",
            "band",
            "task",
            "case",
        )
    ]
    urls += [
        activity.get_absolute_url(),
        reverse("activities:activity_history", args=[activity.pk]),
        reverse("activities:activity_edit", args=[activity.pk]),
        reverse("activities:attendance", args=[activity.pk]),
        ruleset.get_absolute_url(),
        reverse("activities:calendar"),
        reverse("activities:ranking"),
        reverse("activities:duty_record", args=[people.carol.pk]),
        reverse("activities:activity_list") + "?year=abc&export=xlsx",
        reverse("activities:ranking") + "?year=abc&export=xlsx",
        "/api/v1/scores/?year=2024",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
