"""Who may and who may not: activities and their records, in the UI and the API.

Expected outcomes follow core/visibility.py and core/permissions.py; a member also sees
the activities she took part in (owner_lookup), never anybody else's unpublished record.
"""

import datetime

import pytest
from django.urls import reverse

from lvzhi.activities import models
from tests import factories as f

READ = {
    "alice": {"county", "other", "city"},
    "frank": {"county", "other", "city"},
    "erin": {"county", "other", "city"},
    "bob": {"county"},
    "carol": set(),
    "dave": set(),
    "olivia": set(),
}
WRITE = {
    "alice": {"county", "other", "city"},
    "frank": {"county", "other", "city"},
    "erin": set(),
    "bob": {"county"},
    "carol": set(),
    "dave": set(),
    "olivia": set(),
}
USERS = sorted(READ)
PLACES = ("county", "other", "city")


def make(kind, committee):
    if kind == "activity":
        return f.ActivityFactory(committee=committee)
    if kind == "participation":
        return f.ParticipationFactory(activity=f.ActivityFactory(committee=committee))
    if kind == "ruleset":
        return f.RuleSetFactory(committee=committee, year=2024)
    if kind == "task":
        return models.RoadmapTask.objects.create(
            committee=committee,
            year=2024,
            title="任务",
            owner="经济委",
            due_date=datetime.date(2024, 6, 30),
        )
    if kind == "case":
        return models.MemberCase.objects.create(
            committee=committee,
            member=f.MemberFactory(committee=committee),
            title="案例",
            year=2024,
        )
    raise AssertionError(kind)


URLS = {
    "activity": ("activities:activity", "activities"),
    "participation": ("activities:participation", "participations"),
    "ruleset": ("activities:ruleset", "rule-sets"),
    "task": ("activities:task", "roadmap-tasks"),
    "case": ("activities:case", "member-cases"),
}


@pytest.mark.parametrize("kind", list(URLS))
@pytest.mark.parametrize("username", USERS)
def test_read_matrix_ui_and_api(system, client_for, api_for, username, kind):
    user = getattr(system, username)
    records = {place: make(kind, getattr(system, place)) for place in PLACES}
    client = client_for(user)
    api = api_for(user)
    ui_name, api_prefix = URLS[kind]
    for place, obj in records.items():
        expected = place in READ[username]
        ui = client.get(reverse(ui_name, args=[obj.pk]))
        assert ui.status_code == (200 if expected else 404), (username, place, "ui")
        res = api.get(f"/api/v1/{api_prefix}/{obj.pk}/")
        assert res.status_code == (200 if expected else 404), (username, place, "api")
    listed = {r["id"] for r in api.get(f"/api/v1/{api_prefix}/?limit=500").json()["results"]}
    assert listed == {records[p].pk for p in READ[username]}


@pytest.mark.parametrize("username", USERS)
def test_activity_write_matrix_ui_and_api(system, client_for, api_for, kinds, username):
    user = getattr(system, username)
    client, api = client_for(user), api_for(user)
    for place in PLACES:
        committee = getattr(system, place)
        allowed = place in WRITE[username]
        # create in the UI
        before = models.Activity.objects.count()
        res = client.post(
            reverse("activities:activity_add"),
            {
                "committee": committee.pk,
                "kind": kinds["research"].pk,
                "title": f"调研{place}",
                "start_date": "2024-03-01",
                "half_days": 1,
            },
        )
        created = models.Activity.objects.count() - before
        assert created == (1 if allowed else 0), (username, place, res.status_code)
        # create in the API
        res = api.post(
            "/api/v1/activities/",
            {
                "committee": committee.pk,
                "kind": kinds["research"].pk,
                "title": f"调研API{place}",
                "start_date": "2024-03-02",
            },
            format="json",
        )
        assert (res.status_code == 201) == allowed, (username, place, res.status_code)
        # change and delete an existing record
        obj = f.ActivityFactory(committee=committee)
        res = api.patch(f"/api/v1/activities/{obj.pk}/", {"title": "改"}, format="json")
        assert (res.status_code == 200) == allowed, (username, place, res.status_code)
        res = client.post(reverse("activities:activity_delete", args=[obj.pk]))
        assert models.Activity.objects.filter(pk=obj.pk).exists() != allowed


def test_member_sees_own_activities_and_participation_but_cannot_change_them(
    system, client_for, api_for, activity, people
):
    other = f.ActivityFactory(committee=system.county)
    f.ParticipationFactory(activity=other, member=people.county)
    api = api_for(system.carol)
    ids = {r["id"] for r in api.get("/api/v1/activities/").json()["results"]}
    assert ids == {activity.pk}
    mine = activity.participations.get()
    assert api.get(f"/api/v1/participations/{mine.pk}/").status_code == 200
    res = api.patch(f"/api/v1/participations/{mine.pk}/", {"role": "lead"}, format="json")
    assert res.status_code == 403
    mine.refresh_from_db()
    assert mine.role == "participant"
    assert (
        client_for(system.carol)
        .get(reverse("activities:attendance", args=[activity.pk]))
        .status_code
        == 403
    )


def test_published_activity_is_seen_by_members_of_the_system(system, api_for):
    published = f.ActivityFactory(committee=system.city, published=True)
    f.ActivityFactory(committee=system.city)
    ids = {r["id"] for r in api_for(system.carol).get("/api/v1/activities/").json()["results"]}
    assert ids == {published.pk}


def test_rules_follow_rule_set_permissions(system, api_for, kinds):
    ruleset = f.RuleSetFactory(committee=system.county)
    payload = {
        "ruleset": ruleset.pk,
        "label": "活动",
        "event": "activity",
        "points": "5",
        "unit": "time",
    }
    assert api_for(system.erin).post("/api/v1/rules/", payload, format="json").status_code == 403
    assert api_for(system.carol).post("/api/v1/rules/", payload, format="json").status_code == 403
    other_set = f.RuleSetFactory(committee=system.other)
    res = api_for(system.bob).post(
        "/api/v1/rules/", {**payload, "ruleset": other_set.pk}, format="json"
    )
    assert res.status_code == 400  # the other county's rule set is not a visible choice
    res = api_for(system.bob).post("/api/v1/rules/", payload, format="json")
    assert res.status_code == 201, res.content
    rule = models.Rule.objects.get()
    assert rule.committee == system.county and rule.history.first().history_user == system.bob


def test_activity_kinds_are_edited_by_system_admins_only(system, api_for, kinds):
    payload = {"name": "委员读书会", "code": "reading", "category": "other"}
    assert api_for(system.alice).post("/api/v1/activity-kinds/", payload).status_code == 403
    assert api_for(system.carol).get("/api/v1/activity-kinds/").status_code == 200
    assert api_for(system.frank).post("/api/v1/activity-kinds/", payload).status_code == 201


def test_outsider_and_anonymous_get_nothing(system, client, api_for, activity):
    assert client.get(reverse("activities:activity_list")).status_code == 302
    assert client.get("/api/v1/activities/").status_code in (401, 403)
    assert api_for(system.olivia).get("/api/v1/activities/").json()["results"] == []
    res = api_for(system.olivia).get(f"/api/v1/scores/{activity.participations.get().member_id}/")
    assert res.status_code == 404
