"""The proposal rules: co-signing, serial numbers, review, assignment and objection, replies,
the office's review of the class, ratings and 重办, 双向评议, extensions and their cap."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from lvzhi.core.errors import DomainError
from lvzhi.core.workdays import WorkdayCalendar, add_months
from lvzhi.proposals import services
from lvzhi.proposals.models import Opinion, Proposal, ProposalReply
from lvzhi.proposals.selectors.proposal import ratings_for, replies_for
from tests import factories as f

from .conftest import today

pytestmark = pytest.mark.django_db


def test_serial_numbers_count_per_session_at_acceptance(pp):
    first, second = pp.to(pp.new(), "accepted"), pp.to(pp.new(), "accepted")
    assert (first.serial, second.serial) == (1, 2)
    assert first.serial_label == "五届三次第0001号"
    assert second.serial_label == "五届三次第0002号"
    other = f.ProposalSessionFactory(committee=pp.s.county, term=5, sitting=4, year=2025)
    third = pp.to(pp.new(session=other), "accepted")
    assert third.serial_label == "五届四次第0001号"
    # a proposal waiting for review has no number yet
    assert pp.to(pp.new(), "submitted").serial is None


def test_a_joint_proposal_is_submitted_only_once_every_co_signer_signed(pp, system):
    erin = f.PersonFactory(committee=system.city, name="艾琳", user=system.erin)
    proposal = pp.new(co_signers=[erin])
    assert proposal.kind == "joint"
    with pytest.raises(DomainError, match="艾琳"):
        services.proposal_submit(actor=system.carol, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == "draft"
    # only the invited co-signer signs
    with pytest.raises(PermissionDenied):
        services.proposal_sign(actor=system.carol, proposal=proposal)
    services.proposal_sign(actor=system.erin, proposal=proposal)
    assert services.proposal_submit(actor=system.carol, proposal=proposal).state == "submitted"


def test_signing_after_the_deadline_is_refused(pp, system):
    erin = f.PersonFactory(committee=system.city, name="艾琳", user=system.erin)
    proposal = pp.new(co_signers=[erin])
    late = WorkdayCalendar().add_workdays(today(), 10)
    with pytest.raises(DomainError):
        services.proposal_sign(actor=system.erin, proposal=proposal, on=late)
    assert proposal.signatures.get().state == "invited"


def test_a_member_drafts_their_own_and_an_outsider_may_not(pp, system):
    draft = Proposal(
        committee=system.county,
        session=pp.session,
        title="关于发展冷链物流的建议",
        cause="冷链短板",
        analysis="分析",
        suggestions="建议",
    )
    saved = services.proposal_draft(actor=system.carol, proposal=draft)
    assert saved.lead == system.carol_person and saved.state == "draft"
    with pytest.raises(PermissionDenied):
        services.proposal_draft(
            actor=system.olivia,
            proposal=Proposal(
                committee=system.county,
                session=pp.session,
                title="x",
                cause="x",
                analysis="x",
                suggestions="x",
            ),
        )


def test_the_proposer_edits_a_draft_and_a_returned_proposal_only(pp, system):
    proposal = pp.to(pp.new(), "submitted")
    proposal.title = "关于改标题的建议"
    with pytest.raises(DomainError):
        services.proposal_update(actor=system.carol, proposal=proposal, fields=["title"])
    services.proposal_return(actor=system.bob, proposal=proposal, reason="请补充数据")
    proposal.refresh_from_db()
    proposal.title = "关于补充数据后的建议"
    services.proposal_update(actor=system.carol, proposal=proposal, fields=["title"])
    assert Proposal.objects.get(pk=proposal.pk).title == "关于补充数据后的建议"


@override_settings(PROPOSALS_TEXT_MAX_CHARS=100)
def test_the_character_limit_is_a_setting_and_a_field_error(pp, system):
    proposal = f.ProposalFactory.build(
        committee=system.county,
        session=pp.session,
        lead=system.carol_person,
        suggestions="建" * 101,
    )
    with pytest.raises(ValidationError) as err:
        services.proposal_file(actor=system.bob, proposal=proposal)
    assert "suggestions" in err.value.message_dict
    assert not Proposal.objects.filter(title=proposal.title).exists()


def test_rejection_needs_a_statutory_ground_and_a_reason(pp, system):
    proposal = pp.to(pp.new(), "submitted")
    with pytest.raises(ValidationError):
        services.proposal_reject(actor=system.bob, proposal=proposal, ground="dislike", reason="x")
    with pytest.raises(ValidationError):
        services.proposal_reject(actor=system.bob, proposal=proposal, ground="vague", reason=" ")
    services.proposal_reject(actor=system.bob, proposal=proposal, ground="vague", reason="空泛")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.rejection_ground_id) == ("rejected", "vague")


def test_merging_needs_a_lead_proposal_of_the_same_session(pp, system):
    proposal = pp.to(pp.new(), "submitted")
    other_session = f.ProposalSessionFactory(committee=system.county, sitting=4, year=2025)
    elsewhere = pp.to(pp.new(session=other_session), "accepted")
    with pytest.raises(ValidationError) as err:
        services.proposal_merge(actor=system.bob, proposal=proposal, into=elsewhere)
    assert "into" in err.value.message_dict
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"
    lead = pp.to(pp.new(), "accepted")
    services.proposal_merge(actor=system.bob, proposal=proposal, into=lead)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.merged_into) == ("merged", lead)


def test_conversion_records_what_it_became(pp, system, client_for):
    proposal = pp.to(pp.new(), "submitted")
    services.proposal_convert(actor=system.bob, proposal=proposal, to="opinion")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.converted_to) == ("converted", "opinion")
    # the 社情民意 report it became: the text with its authors, linked back
    opinion = Opinion.objects.get(pk=proposal.converted_record_id)
    assert (opinion.title, opinion.committee, opinion.state) == (
        proposal.title,
        proposal.committee,
        "submitted",
    )
    assert proposal.suggestions in opinion.text and proposal.cause in opinion.text
    assert {m.person_id for m in opinion.authors.all()} == {proposal.lead_id}
    assert opinion.source_id == proposal.pk
    assert client_for(system.carol).get(opinion.get_absolute_url()).status_code == 200


def test_assignment_sets_the_deadlines_from_the_settings(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    assert proposal.deadline == add_months(today(), 3)
    assert proposal.meet_by == WorkdayCalendar().add_workdays(today(), 15)
    co = proposal.assignments.get(role="co")
    assert co.opinion_by == add_months(today(), 1)
    with override_settings(PROPOSALS_REPLY_MONTHS=2):
        again = pp.to(pp.new(), "assigned")
        assert again.deadline == add_months(today(), 2)


def test_a_unit_objects_within_five_working_days_only(pp, system):
    start = today() - timedelta(days=30)
    proposal = pp.to(pp.new(), "assigned", on=start)
    with pytest.raises(DomainError):
        services.proposal_object(actor=system.dave, proposal=proposal, reason="非本单位职责")
    fresh = pp.to(pp.new(), "assigned")
    services.proposal_object(actor=pp.cody, proposal=fresh, reason="非本单位职责")
    fresh.refresh_from_db()
    assert fresh.state == "assigned" and not fresh.assignments.filter(role="co").exists()
    services.proposal_object(actor=system.dave, proposal=fresh, reason="非本单位职责")
    fresh.refresh_from_db()
    assert fresh.state == "accepted" and fresh.assignments.count() == 0


def test_a_reply_needs_its_document_and_class(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    kwargs = dict(document_number="1号", signed_by="韦", summary="已办")
    with pytest.raises(ValidationError) as err:
        services.proposal_reply(actor=system.dave, proposal=proposal, reply_class="A", **kwargs)
    assert "document" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.proposal_reply(
            actor=system.dave,
            proposal=proposal,
            reply_class="D",
            attachment=pp.document(proposal),
            **kwargs,
        )
    assert not ProposalReply.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).state == "assigned"


@override_settings(PROPOSALS_REPLY_CLASSES=4)
def test_the_four_class_scheme_is_a_setting(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    pp.reply(proposal, reply_class="D")
    assert Proposal.objects.get(pk=proposal.pk).reply_class == "D"


def test_separate_units_each_reply_before_the_proposal_is_replied(pp, system):
    proposal = pp.to(pp.new(), "accepted")
    services.proposal_assign(
        actor=system.bob, proposal=proposal, separate_units=[pp.unit, pp.co_unit]
    )
    pp.reply(proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == "assigned"
    pp.reply(proposal, actor=pp.cody)
    assert Proposal.objects.get(pk=proposal.pk).state == "replied"


def test_the_office_changes_the_class_before_the_proposer_sees_it(pp, system):
    proposal = pp.to(pp.new(), "replied")
    roles = services.WORKFLOW.roles_of(system.carol, proposal)
    assert list(replies_for(system.carol, proposal, roles)) == []
    assert list(replies_for(pp.cody, proposal, {"co"})) == []  # 会办: once sent
    services.proposal_release(actor=system.bob, proposal=proposal, reply_class="B")
    proposal.refresh_from_db()
    reply = proposal.replies.get()
    assert (proposal.reply_class, reply.reply_class, reply.unit_class) == ("B", "B", "A")
    assert list(replies_for(system.carol, proposal, roles)) == [reply]
    assert list(replies_for(pp.cody, proposal, {"co"})) == [reply]


def test_not_satisfied_sends_it_back_once_for_a_second_reply(pp, system):
    proposal = pp.to(pp.new(), "released")
    with pytest.raises(ValidationError):
        services.proposal_rate(
            actor=system.carol, proposal=proposal, handling="satisfied", result="not_satisfied"
        )
    services.proposal_rate(
        actor=system.carol,
        proposal=proposal,
        handling="satisfied",
        result="not_satisfied",
        comment="问题没有解决",
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.redo_count) == ("assigned", 1)
    assert proposal.transitions.latest("pk").action == "redo"
    pp.reply(proposal, reply_class="B")
    services.proposal_release(actor=system.bob, proposal=proposal)
    services.proposal_rate(
        actor=system.carol,
        proposal=proposal,
        handling="basically",
        result="not_satisfied",
        comment="仍不满意",
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.redo_count) == ("rated", 1)
    assert proposal.replies.count() == 2


def test_rating_after_the_deadline_is_refused(pp, system):
    proposal = pp.to(pp.new(), "released")
    late = WorkdayCalendar().add_workdays(today(), 20)
    with pytest.raises(DomainError):
        services.proposal_rate(
            actor=system.carol, proposal=proposal, handling="satisfied", result="satisfied", on=late
        )
    assert Proposal.objects.get(pk=proposal.pk).state == "released"


def test_two_way_ratings_stay_hidden_until_both_are_in(pp, system):
    proposal = pp.to(pp.new(), "released")
    services.proposal_unit_rate(actor=system.dave, proposal=proposal, quality="basically")
    carol_roles = services.WORKFLOW.roles_of(system.carol, proposal)
    assert ratings_for(system.carol, proposal, carol_roles) == []
    assert len(ratings_for(system.dave, proposal, {"lead"})) == 1
    services.proposal_rate(
        actor=system.carol, proposal=proposal, handling="satisfied", result="satisfied"
    )
    assert len(ratings_for(system.carol, proposal, carol_roles)) == 2


def test_one_extension_of_at_most_a_month_within_the_cap(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    too_far = add_months(proposal.deadline, 1) + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        services.proposal_request_extension(
            actor=system.dave, proposal=proposal, requested_deadline=too_far, reason="协调"
        )
    assert "requested_deadline" in err.value.message_dict
    request = services.proposal_request_extension(
        actor=system.dave,
        proposal=proposal,
        requested_deadline=proposal.deadline + timedelta(days=20),
        reason="需协调自治区部门",
    )
    services.proposal_decide_extension(actor=system.bob, request=request, approve=True)
    proposal.refresh_from_db()
    assert proposal.deadline == request.requested_deadline
    with pytest.raises(DomainError):
        services.proposal_request_extension(
            actor=system.dave,
            proposal=proposal,
            requested_deadline=proposal.deadline + timedelta(days=5),
            reason="再延",
        )


@override_settings(PROPOSALS_EXTENSION_MAX_MONTHS=6, PROPOSALS_CAP_MONTHS=4)
def test_no_extension_past_the_cap(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    with pytest.raises(ValidationError):
        services.proposal_request_extension(
            actor=system.dave,
            proposal=proposal,
            requested_deadline=add_months(proposal.assigned_on, 4) + timedelta(days=1),
            reason="协调",
        )


def test_key_proposal_with_its_leader(pp, system):
    proposal = pp.to(pp.new(), "accepted")
    services.proposal_mark_key(actor=system.bob, proposal=proposal, leader=system.erin)
    proposal.refresh_from_db()
    assert proposal.is_key and proposal.key_leader == system.erin


def test_the_daily_pass_reminds_the_units_of_an_overdue_reply(pp, system):
    from lvzhi.core.deadlines import daily_pass

    proposal = pp.to(pp.new(), "assigned", on=today() - timedelta(days=120))
    counts = daily_pass(today=today())
    proposal.refresh_from_db()
    assert proposal.reminded_on == today() and counts["reminded"] >= 1
    assert proposal.escalated_on == today()  # far past: a leader follows it
    assert daily_pass(today=today())["reminded"] == 0


def test_scoring_events_of_lead_co_signer_and_key_proposals(pp, system):
    from lvzhi.core.models import Member
    from lvzhi.proposals.scoring.proposal import joint_events, key_events, lead_events

    erin = f.PersonFactory(committee=system.city, name="艾琳", user=system.erin)
    erin_seat = f.MemberFactory(committee=system.city, person=erin)
    proposal = pp.new(co_signers=[erin])
    services.proposal_sign(actor=system.erin, proposal=proposal)
    proposal = pp.to(proposal, "accepted")
    services.proposal_mark_key(actor=system.bob, proposal=proposal, leader=system.erin)
    carol_seat = Member.objects.get(person=system.carol_person)
    year = today().year
    seats = [carol_seat.pk, erin_seat.pk]
    assert [e.member_id for e in lead_events(seats, year)] == [carol_seat.pk]
    assert [e.member_id for e in joint_events(seats, year)] == [erin_seat.pk]
    assert [e.member_id for e in key_events(seats, year)] == [carol_seat.pk]
    assert list(lead_events(seats, year - 1)) == []
