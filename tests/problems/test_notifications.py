"""A notification goes only to a recipient who may open its record, and once per record."""

from lvzhi.core.choices import Role
from lvzhi.core.models import Notification, RoleAssignment
from lvzhi.core.notifications import notify, notify_many
from tests import factories as f


def told(problem):
    return set(
        Notification.objects.filter(target_id=problem.pk, verb="problems.test").values_list(
            "recipient__username", flat=True
        )
    )


def test_a_unit_not_assigned_is_told_nothing(pb):
    everyone = [pb.s.alice, pb.s.bob, pb.s.dave, pb.cody, pb.olga]
    notify(everyone, "problems.test", pb.problem, message="registered")
    assert told(pb.problem) == {"alice", "bob"}
    pb.problem = pb.advance(pb.problem, "assigned")
    notify(everyone, "problems.test", pb.problem, message="assigned")
    # dave leads, cody co-operates; olga's unit, in the other county, is not assigned
    assert told(pb.problem) == {"alice", "bob", "dave", "cody"}
    assert not Notification.objects.filter(recipient=pb.olga).exists()


def test_a_member_is_told_only_about_a_problem_he_can_open(pb):
    mona = f.UserFactory(username="mona")
    RoleAssignment.objects.create(user=mona, committee=pb.s.county, role=Role.MEMBER)
    f.PersonFactory(committee=pb.s.county, name="莫娜", user=mona)
    notify([pb.s.carol, mona], "problems.test", pb.problem, message="registered")
    assert told(pb.problem) == {"carol"}  # she runs the enterprise
    other = pb.new(
        raised_by=None,
        service_team="产业服务团",
        enterprise=f.EnterpriseFactory(committee=pb.s.county),
    )
    notify_many([([pb.s.carol, mona], "problems.test", other, "registered")])
    assert told(other) == set()


def test_the_same_record_is_told_once_per_recipient(pb):
    written = notify_many(
        [
            ([pb.s.bob], "problems.test", pb.problem, "reminder"),
            ([pb.s.bob, pb.s.alice], "problems.test", pb.problem, "escalated"),
        ]
    )
    assert written == 2
    rows = Notification.objects.filter(verb="problems.test")
    assert sorted(rows.values_list("recipient__username", "message")) == [
        ("alice", "escalated"),
        ("bob", "reminder"),
    ]


def test_a_user_who_sees_nothing_is_told_nothing_and_the_others_still_are(pb):
    """Someone with no role (whose visible records are none at all) among the recipients
    of a pass's batch: not told, and the batch goes on for everyone else."""
    cache = {}
    for message in ("first batch", "second batch"):  # the visibility built once, kept
        notify_many([([pb.s.olivia, pb.s.bob], "problems.test", pb.problem, message)], cache=cache)
    assert told(pb.problem) == {"bob"}
    assert Notification.objects.filter(verb="problems.test").count() == 2
