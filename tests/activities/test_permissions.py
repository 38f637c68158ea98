"""Who may and who may not: activities beyond the registry-driven matrix (every record type ×
user × place × action runs in test_registry_permissions.py): a member's own records, what a
published activity shows, rules following their rule set, the attendance page, anonymity.
"""

from django.urls import reverse

from lvzhi.activities import models
from tests import factories as f


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
