"""The demo's proposals: ~450 a year, "围绕糖业高质量发展提交提案30余件" in 2024, the flagship
proposal's whole path, and something waiting for each demo login."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lvzhi.core.models import Member
from lvzhi.proposals.choices.proposal import RECEIVED_STATES
from lvzhi.proposals.models import Proposal
from lvzhi.proposals.scoring.proposal import lead_events
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


def test_the_demo_year_of_proposals():
    with demo_pillars("proposals"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    received = Proposal.objects.filter(state__in=RECEIVED_STATES)
    for year in (2023, 2024):
        assert 420 <= received.filter(year=year).count() <= 480
    sugar = received.filter(submitted_on__year=2024, industries__name="糖业").count()
    assert 30 < sugar < 40  # 30余件
    flagship = Proposal.objects.get(title="关于增强广西糖业稳定保供能力的建议")
    assert flagship.serial_label == "五届三次第0001号"
    assert (flagship.state, flagship.reply_class, flagship.result_rating) == (
        "closed",
        "A",
        "satisfied",
    )
    assert flagship.is_key and flagship.is_excellent
    assert flagship.transitions.count() >= 10
    # serial numbers stay unique per session, bulk rows and service rows alike
    labels = list(Proposal.objects.exclude(serial=None).values_list("session_id", "serial"))
    assert len(labels) == len(set(labels))
    users = get_user_model().objects
    unit = users.get(username="demo-unit")
    assert Proposal.objects.visible_to(unit).filter(state="assigned").count() >= 2
    member = users.get(username="demo-member")
    assert Proposal.objects.visible_to(member).filter(state="draft").exists()
    seats = list(Member.objects.filter(person__user=member).values_list("pk", flat=True))
    assert any(e.label == flagship.title for e in lead_events(seats, 2024))


def test_every_demo_record_has_its_creation_in_history():
    from django.apps import apps

    with demo_pillars("proposals"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    tracked = [
        m
        for m in apps.get_app_config("proposals").get_models()
        if getattr(m._meta, "simple_history_manager_attribute", None) == "history"
        and m.__name__ != "RejectionGround"  # the dictionary its migration seeds
    ]
    assert {m.__name__ for m in tracked} >= {"Proposal", "ProposalAssignment", "ProposalReply"}
    for model in tracked:
        ids = set(model.objects.values_list("pk", flat=True))
        created = set(model.history.filter(history_type="+").values_list("id", flat=True))
        assert ids <= created, (model.__name__, len(ids - created))
    # the rows the demo wrote after creating them: their history holds them as they are
    flagship = Proposal.objects.get(title="关于增强广西糖业稳定保供能力的建议")
    for p in Proposal.objects.exclude(lead_unit=None).exclude(pk=flagship.pk)[:50]:
        latest = p.history.order_by("-history_date", "-history_id").first()
        assert latest.lead_unit_id == p.lead_unit_id and latest.state == p.state
    merged = Proposal.objects.exclude(merged_into=None).first()
    assert merged.history.order_by("-history_id").first().merged_into_id == merged.merged_into_id
