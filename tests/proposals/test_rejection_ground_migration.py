"""The grounds become a dictionary: every refused proposal, and its history, keeps its ground."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import reseed_data_migrations

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]

BEFORE = [("proposals", "0002_proposals")]
AFTER = [("proposals", "0003_rejection_grounds")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_refused_proposals_keep_their_ground(system):
    try:
        old = migrate(BEFORE)
        Session = old.get_model("proposals", "ProposalSession")
        Proposal = old.get_model("proposals", "Proposal")
        session = Session.objects.create(
            committee_id=system.county.pk, term=5, sitting=3, year=2024
        )
        common = {
            "committee_id": system.county.pk,
            "session": session,
            "year": 2024,
            "state": "rejected",
            "cause": "案由",
            "analysis": "分析",
            "suggestions": "建议",
        }
        vague = Proposal.objects.create(title="关于甲的建议", rejection_ground="vague", **common)
        odd = Proposal.objects.create(title="关于乙的建议", rejection_ground="oddity", **common)
        plain = Proposal.objects.create(title="关于丙的建议", **{**common, "state": "submitted"})
        new = migrate(AFTER)
        Proposal = new.get_model("proposals", "Proposal")
        Ground = new.get_model("proposals", "RejectionGround")
        grounds = {p.pk: p.rejection_ground_id for p in Proposal.objects.all()}
        assert grounds == {vague.pk: "vague", odd.pk: "oddity", plain.pk: None}
        assert Ground.objects.get(code="vague").is_active
        # a ground the statutory list does not name is kept, and no longer offered
        assert not Ground.objects.get(code="oddity").is_active
        assert Ground.objects.filter(is_active=True).count() == 9
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        reseed_data_migrations()
