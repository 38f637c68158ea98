"""The visibility filter's SQL: owner and unit lookups across to-many relations are
subqueries, so lists neither repeat a record nor count over a SELECT DISTINCT."""

from django.urls import reverse

from lvzhi.activities.models import Activity
from lvzhi.problems.models import Problem
from tests import factories as f


def test_a_record_reached_twice_through_an_owner_lookup_is_listed_once(system, client_for, api_for):
    # carol sits on two committees; both seats take part in one unpublished city activity.
    activity = f.ActivityFactory(committee=system.city, title="两级委员联合视察")
    for committee in (system.county, system.city):
        member = f.MemberFactory(committee=committee, person=system.carol_person)
        f.ParticipationFactory(activity=activity, member=member)
    f.ActivityFactory(committee=system.city, title="别人的视察")  # not hers, not published
    page = client_for(system.carol).get(reverse("activities:activity_list"))
    assert page.context["total"] == 1
    assert [row.record.pk for row in page.context["table"].page.object_list] == [activity.pk]
    api = api_for(system.carol).get("/api/v1/activities/").json()
    assert api["count"] == 1


def test_visible_records_are_not_selected_distinct(system):
    for user in (system.alice, system.bob, system.carol, system.dave):
        for model in (Activity, Problem):
            sql = str(model.objects.visible_to(user).query).upper()
            assert "DISTINCT" not in sql, (user, model)
