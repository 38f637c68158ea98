"""The proposals the demo logins meet on their path through the workflow services.

《关于增强广西糖业稳定保供能力的建议》 by 黎胜国 goes its whole path (立案, 交办, 重点, 面商,
reply, rating, 优秀); in the current session his draft, one under review and two for
市工信局 to reply to wait for the demo logins.
"""

from datetime import date

from django.core.files.base import ContentFile

from lvzhi.core.models import Attachment

from .. import services
from ..models import Proposal

FLAGSHIP = "关于增强广西糖业稳定保供能力的建议"


def flagship(loader, sessions, units, sugar):
    """《关于增强广西糖业稳定保供能力的建议》: 黎胜国's, the whole path through the services."""

    person = _demo_member()
    if person is None:
        return None
    actor = loader.actor
    day = date(2024, 1, 9)
    p = Proposal(
        committee=loader.committees["lb"],
        session=sessions[("lb", 2024)],
        lead=person,
        title=FLAGSHIP,
        cause="广西是全国最大的蔗糖产区，糖料蔗种植面积波动、糖企成本高企，影响食糖稳定保供。",
        analysis="一是蔗农种植收益偏低，种植面积下滑；二是机械化收获率不足30%，人工成本高；"
        "三是糖企精深加工不足，副产品综合利用率低；四是糖业金融保险支持不够。",
        suggestions="一是完善糖料蔗收购价格与食糖价格联动机制；二是加快“双高”基地和全程机械化建设；"
        "三是支持糖企技改和蔗渣、糖蜜综合利用，延伸产业链；四是扩大糖料蔗价格指数保险覆盖面。",
    )
    p = services.proposal_file(actor=actor, proposal=p, m2m={"industries": [sugar]}, on=day)
    p = services.proposal_submit(actor=actor, proposal=p, on=day)
    p = services.proposal_accept(actor=actor, proposal=p, on=date(2024, 1, 22))
    lead = _unit_named(units, "工信")
    co = _unit_named(units, "农业农村")
    p = services.proposal_assign(
        actor=actor, proposal=p, lead_unit=lead, co_units=[co] if co else [], on=date(2024, 1, 30)
    )
    p = services.proposal_mark_key(
        actor=actor, proposal=p, leader=_leader(loader), on=date(2024, 2, 5)
    )
    p = services.proposal_meet(
        actor=actor,
        proposal=p,
        met_on=date(2024, 2, 20),
        form="in_person",
        note="到糖企现场面商",
        on=date(2024, 2, 20),
    )
    document = Attachment(
        record=p,
        name="答复函.pdf",
        mime_type="application/pdf",
        kind="document",
        size=40,
        uploaded_by=actor,
        file=ContentFile(b"%PDF-1.4\n% demo\n", name="reply.pdf"),
    )
    document._history_user = actor  # the demo writes every history row as its actor
    document.save()
    p = services.proposal_reply(
        actor=actor,
        proposal=p,
        document_number="来工信函〔2024〕36号",
        signed_by="覃局长",
        reply_class="A",
        summary="已会同农业农村局出台糖料蔗收购价格联动办法，推进“双高”基地建设。",
        attachment=document,
        on=date(2024, 4, 18),
    )
    p = services.proposal_release(actor=actor, proposal=p, on=date(2024, 4, 22))
    p = services.proposal_rate(
        actor=actor, proposal=p, handling="satisfied", result="satisfied", on=date(2024, 4, 25)
    )
    p = services.proposal_close(actor=actor, proposal=p, on=date(2024, 5, 6))
    return services.proposal_mark_excellent(actor=actor, proposal=p, on=date(2025, 1, 10))


def _demo_member():
    """黎胜国, the person of the demo member's login."""
    from lvzhi.core.demo import structure as S
    from lvzhi.core.models import Person

    return Person.objects.filter(user__username=S.MEMBER_USER_PERSON[0]).first()


def _leader(loader):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="demo-leader").first() or loader.actor


def waiting(loader, sessions, units, sugar):
    """What the demo logins find waiting: 黎胜国's draft and one under review, one for
    市工信局 to reply to."""

    person = _demo_member()
    if person is None:
        return
    actor = loader.actor
    session = max((s for (key, _y), s in sessions.items() if key == "lb"), key=lambda s: s.year)
    draft = Proposal(
        committee=loader.committees["lb"],
        session=session,
        lead=person,
        title="关于推动糖业数字化改造的建议",
        cause="糖企数字化水平不高。",
        analysis="生产、仓储、物流数据分散。",
        suggestions="建设糖业产业互联网平台。",
    )
    services.proposal_file(actor=actor, proposal=draft, m2m={"industries": [sugar]})
    review = Proposal(
        committee=loader.committees["lb"],
        session=session,
        lead=person,
        title="关于完善糖料蔗价格指数保险的建议",
        cause="蔗农抗风险能力弱。",
        analysis="保险覆盖面不足。",
        suggestions="扩大糖料蔗价格指数保险试点。",
    )
    review = services.proposal_file(actor=actor, proposal=review, m2m={"industries": [sugar]})
    services.proposal_submit(actor=actor, proposal=review)
    unit = _unit_named(units, "工信")
    for title in ("关于支持蔗渣综合利用的建议", "关于加快钙基新材料产业园建设的建议"):
        p = Proposal(
            committee=loader.committees["lb"],
            session=session,
            lead=person,
            title=title,
            cause="产业链短板明显。",
            analysis="精深加工不足。",
            suggestions="出台专项扶持政策。",
        )
        p = services.proposal_file(actor=actor, proposal=p, m2m={"industries": [sugar]})
        p = services.proposal_submit(actor=actor, proposal=p)
        p = services.proposal_accept(actor=actor, proposal=p)
        services.proposal_assign(actor=actor, proposal=p, lead_unit=unit)


def _unit_named(units, hint):
    """The city's unit whose name or short name holds `hint` (市工信局 …)."""
    return next(u for u in units["lb"] if hint in f"{u.name}{u.short_name}")
