"""Data declarations: per registered model, how to make a record at a place and a valid
create / edit payload. A new record type needs an entry here, nothing else; the registry
test fails with a clear message for a type that has none.

    "app.model": RecordData(
        make=lambda ctx, place: …,            # a stored record at `place` (rules.Place)
        payload=lambda ctx, committee, name: {…},  # create form data (and API body)
        edit={"field": value},                # what an API PATCH changes (an owner-editable
                                              # field where the model has any)
    )

`committee` is the Committee to file the record in (None for a shared dictionary), `name` a
unique text for the record's name or title. `api` overrides the API body where it differs
from the form data (e.g. a member names an existing person), `files` adds uploads.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from tests import factories as f


@dataclass
class RecordData:
    make: Callable
    payload: Callable
    edit: dict = field(default_factory=dict)
    api: Callable | None = None
    files: Callable | None = None
    #: what identifies the record in the list page (default: the link to its page)
    shown_by: Callable | None = None

    def marker(self, obj):
        return self.shown_by(obj) if self.shown_by else f'href="{obj.get_absolute_url()}"'

    def api_body(self, ctx, committee, name):
        return (self.api or self.payload)(ctx, committee, name)


class Context:
    """What the declarations build on: the `system` fixture and a few shared records."""

    def __init__(self, system):
        self.s = system
        self._counter = itertools.count(1)
        self._carol_member = None

    def committee(self, name):
        return getattr(self.s, name) if name else None

    def name(self, stem="记录"):
        return f"{stem}{next(self._counter)}"

    def year(self):
        """A year of its own (a committee has one rule set per year)."""
        return 2000 + next(self._counter)

    def carol_member(self):
        """carol's seat in the county (the owner of the "own" records)."""
        if self._carol_member is None:
            # one seat per term: a second context over the same system reuses it
            seat = self.s.carol_person.memberships.filter(committee=self.s.county).first()
            self._carol_member = seat or f.MemberFactory(
                committee=self.s.county, person=self.s.carol_person
            )
        return self._carol_member


def _committee(ctx, place):
    return ctx.committee(place.committee)


def _pk(obj):
    return obj.pk if obj is not None else None


# -- core -----------------------------------------------------------------------------------


def _person(ctx, place):
    user = None
    if place.owned:
        # A login has one person: the newest "own" person takes it over.
        f.PersonFactory._meta.model.objects.filter(user=ctx.s.carol).update(user=None)
        user = ctx.s.carol
    return f.PersonFactory(committee=_committee(ctx, place), published=place.published, user=user)


def _member(ctx, place):
    person = ctx.s.carol_person if place.owned else None
    extra = {"person": person} if person else {}
    return f.MemberFactory(
        committee=_committee(ctx, place), published=place.published, term=ctx.name("第届"), **extra
    )


def _department(ctx, place):
    dept = f.DepartmentFactory(
        committee=_committee(ctx, place), published=place.published, name=ctx.name("单位")
    )
    if place.assigned:
        RoleAssignment.objects.create(
            user=ctx.s.dave, committee=ctx.s.county, role=Role.UNIT, department=dept
        )
    return dept


def _committee_owned(factory, **extra):
    def make(ctx, place):
        return factory(committee=_committee(ctx, place), published=place.published, **extra)

    return make


def _enterprise(ctx, place):
    if place.owned:
        ctx.carol_member()  # the person running a member enterprise holds a seat
    return f.EnterpriseFactory(
        committee=_committee(ctx, place),
        published=place.published,
        member=ctx.s.carol_person if place.owned else None,
    )


# -- activities -----------------------------------------------------------------------------


def _kind(code="consultation"):
    from lvzhi.activities.models import ActivityKind

    return ActivityKind.objects.get(code=code)


def _activity(ctx, place):
    committee = _committee(ctx, place)
    activity = f.ActivityFactory(committee=committee, published=place.published)
    if place.owned:
        f.ParticipationFactory(activity=activity, member=ctx.carol_member(), published=False)
    return activity


def _activity_child(model, **values):
    def make(ctx, place):
        activity = _activity(ctx, place)
        return model().objects.create(
            activity=activity, committee=activity.committee, published=activity.published, **values
        )

    return make


def _participation(ctx, place):
    committee = _committee(ctx, place)
    activity = f.ActivityFactory(committee=committee, published=place.published)
    member = ctx.carol_member() if place.owned else f.MemberFactory(committee=committee)
    return f.ParticipationFactory(
        activity=activity, member=member, published=place.published, note=ctx.name("备注")
    )


def _ruleset_child(model, **values):
    def make(ctx, place):
        ruleset = f.RuleSetFactory(
            committee=_committee(ctx, place), published=place.published, year=ctx.year()
        )
        return model().objects.create(
            ruleset=ruleset, committee=ruleset.committee, published=ruleset.published, **values
        )

    return make


def _m(name):
    def model():
        from lvzhi.activities import models

        return getattr(models, name)

    return model


def _group(ctx, place):
    group = _m("MemberGroup")().objects.create(
        committee=_committee(ctx, place),
        published=place.published,
        name=ctx.name("服务团"),
        kind="service_team",
        industry=f.IndustryFactory(),
    )
    if place.owned:
        group.members.add(ctx.carol_member())
    return group


def _task(ctx, place):
    return _m("RoadmapTask")().objects.create(
        committee=_committee(ctx, place),
        published=place.published,
        year=2024,
        title=ctx.name("任务"),
        owner="经济委",
        due_date=datetime.date(2024, 6, 30),
    )


def _case(ctx, place):
    committee = _committee(ctx, place)
    member = ctx.carol_member() if place.owned else f.MemberFactory(committee=committee)
    return _m("MemberCase")().objects.create(
        committee=committee, published=place.published, member=member, title="案例", year=2024
    )


def _activity_kind(ctx, place):
    n = ctx.name("读书会")
    return _m("ActivityKind")().objects.create(name=n, code=f"k{abs(hash(n))}", category="other")


def _rejection_ground(ctx, place):
    from lvzhi.proposals.models import RejectionGround

    n = ctx.name("理由")
    return RejectionGround.objects.create(name=n, code=f"g{abs(hash(n)) % 10**9}")


def _new_activity(committee):
    return f.ActivityFactory(committee=committee).pk


def _new_ruleset(ctx, committee):
    return f.RuleSetFactory(committee=committee, year=ctx.year()).pk


def _upload():
    return {"file": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", "application/pdf")}


# -- problems -------------------------------------------------------------------------------


def _problem(ctx, place):
    from lvzhi.problems.choices import UnitRole
    from lvzhi.problems.models import ProblemAssignment

    problem = f.ProblemFactory(
        committee=_committee(ctx, place),
        published=place.published,
        raised_by=ctx.s.carol_person if place.owned else None,
    )
    if place.assigned:
        ProblemAssignment.objects.create(problem=problem, department=ctx.s.unit, role=UnitRole.LEAD)
    return problem


def _problem_payload(ctx, committee, name):
    return {
        "committee": committee.pk,
        "enterprise": f.EnterpriseFactory(committee=committee).pk,
        "category": f.ProblemCategoryFactory(name="融资").pk,
        "urgency": "normal",
        "title": name,
        "service_team": "糖业产业服务团",
        "registered_on": "2024-09-23",
        "description": f"{name}：企业反映用地审批进度慢，影响二期厂房开工。",
        "confirm_duplicate": True,
    }


# -- proposals: 社情民意 and outcomes ----------------------------------------------------------


def _opinion(ctx, place):
    committee = _committee(ctx, place)
    authors = [ctx.carol_member()] if place.owned else [f.MemberFactory(committee=committee)]
    return f.OpinionFactory(
        committee=committee, published=place.published, title=ctx.name("社情民意"), authors=authors
    )


def _opinion_payload(ctx, committee, name):
    return {
        "committee": committee.pk,
        "title": name,
        "text": f"{name}：糖料蔗收购价格偏低，蔗农种植积极性下降，建议完善价格联动机制。",
        "submitter_kind": "member",
        "authors": [f.MemberFactory(committee=committee).pk],
        "submitted_on": "2024-05-06",
    }


def _bulletin(ctx, place):
    return f.OpinionBulletinFactory(
        committee=_committee(ctx, place), published=place.published, number=ctx.year()
    )


def _outcome(ctx, place):
    return f.OutcomeFactory(
        committee=_committee(ctx, place), published=place.published, title=ctx.name("行动方案")
    )


# -- investment -----------------------------------------------------------------------------


def _project(ctx, place):
    from lvzhi.investment.models import ProjectCredit

    project = f.InvestmentProjectFactory(
        committee=_committee(ctx, place),
        published=place.published,
        department=ctx.s.unit if place.assigned else None,
    )
    if place.owned:
        ProjectCredit.objects.create(project=project, member=ctx.carol_member(), share=100)
    return project


def _project_payload(ctx, committee, name):
    return {
        "committee": committee.pk,
        "name": name,
        "investor_name": "广东佛山某建材集团",
        "investor_origin": "广东佛山",
        "planned_investment": "1.8亿元",
        "capacity": "年产1000万平方米",
        "source_mode": "member",
        "registered_on": "2024-05-16",
    }


def _owned_enterprise(ctx, place, committee):
    if place.owned:
        ctx.carol_member()
        return f.member_enterprise(committee, ctx.s.carol_person)
    return f.EnterpriseFactory(committee=committee)


def _dave_bank(ctx):
    """A bank in the county that dave acts for (the "assigned" records' unit)."""
    bank = f.DepartmentFactory(committee=ctx.s.county, kind="bank", name=ctx.name("银行"))
    RoleAssignment.objects.create(
        user=ctx.s.dave, committee=ctx.s.county, role=Role.UNIT, department=bank
    )
    return bank


def _need(ctx, place):
    committee = _committee(ctx, place)
    need = f.FinancingNeedFactory(
        committee=committee,
        published=place.published,
        enterprise=_owned_enterprise(ctx, place, committee),
    )
    if place.assigned:
        f.FinancingMatchFactory(need=need, bank=_dave_bank(ctx))
    return need


def _match(ctx, place):
    committee = _committee(ctx, place)
    need = f.FinancingNeedFactory(
        committee=committee,
        published=place.published,
        enterprise=_owned_enterprise(ctx, place, committee),
    )
    if place.assigned:
        bank = _dave_bank(ctx)
    else:
        bank = f.DepartmentFactory(committee=committee, kind="bank")
    return f.FinancingMatchFactory(need=need, bank=bank, published=place.published)


def _pairing(ctx, place):
    committee = _committee(ctx, place)
    if place.owned:
        ctx.carol_member()
    person = ctx.s.carol_person if place.owned else None
    return f.PairingFactory(
        committee=committee,
        published=place.published,
        enterprise=f.member_enterprise(committee, person),
    )


def _support(ctx, place):
    return f.SupportRecordFactory(pairing=_pairing(ctx, place))


# -- proposals ------------------------------------------------------------------------------


def _proposal(ctx, place):
    from lvzhi.proposals.choices.proposal import UnitRole
    from lvzhi.proposals.models import ProposalAssignment

    committee = _committee(ctx, place)
    proposal = f.ProposalFactory(
        committee=committee,
        published=place.published,
        lead=ctx.s.carol_person if place.owned else f.PersonFactory(committee=committee),
    )
    if place.assigned:
        ProposalAssignment.objects.create(
            proposal=proposal, department=ctx.s.unit, role=UnitRole.LEAD
        )
    return proposal


def _proposal_payload(ctx, committee, name):
    return {
        "committee": committee.pk,
        "session": f.ProposalSessionFactory(committee=committee).pk,
        "kind": "individual",
        "lead": f.PersonFactory(committee=committee).pk,
        "title": f"关于{name}的建议",
        "cause": "糖料蔗种植面积下滑。",
        "analysis": "蔗农收益偏低，机收率低。",
        "suggestions": f"{name}：稳定糖料蔗收购价格，推进全程机械化。",
    }


def _session_payload(ctx, committee, name):
    return {"committee": committee.pk, "term": 5, "sitting": ctx.year() - 2000, "year": 2024}


DATA: dict[str, RecordData] = {
    # shared dictionaries
    "core.committee": RecordData(
        make=lambda ctx, place: f.CommitteeFactory(name=ctx.name("测试县政协")),
        payload=lambda ctx, c, n: {
            "name": n,
            "short_name": n[:10],
            "level": "county",
            "sort_order": 9,
        },
        edit={"sort_order": 3},
    ),
    "core.sector": RecordData(
        make=lambda ctx, place: f.SectorFactory(name=ctx.name("界别")),
        payload=lambda ctx, c, n: {"name": n, "sort_order": 0},
        edit={"sort_order": 5},
    ),
    "core.industry": RecordData(
        make=lambda ctx, place: f.IndustryFactory(name=ctx.name("产业")),
        payload=lambda ctx, c, n: {"name": n, "kind": "industry", "sort_order": 0},
        edit={"description": "糖业全产业链"},
    ),
    "activities.activitykind": RecordData(
        make=_activity_kind,
        payload=lambda ctx, c, n: {
            "name": n,
            "code": f"c{abs(hash(n))}",
            "category": "other",
            "sort_order": 0,
            "is_active": True,
        },
        edit={"description": "委员读书活动"},
    ),
    "problems.problemcategory": RecordData(
        make=lambda ctx, place: f.ProblemCategoryFactory(name=ctx.name("用地")),
        payload=lambda ctx, c, n: {
            "name": n,
            "days_critical": 3,
            "days_urgent": 5,
            "days_normal": 15,
            "sort_order": 0,
            "is_active": True,
        },
        edit={"days_normal": 20},
    ),
    # core records
    "core.person": RecordData(
        make=_person,
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n},
        edit={"mobile": "13907720001"},
    ),
    "core.member": RecordData(
        make=_member,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "sector": f.SectorFactory(name="经济界").pk,
            "term": "第五届",
            "position": "member",
            "is_active": True,
            "person-name": n,
            "person-mobile": "13907720001",
        },
        api=lambda ctx, c, n: {
            "committee": c.pk,
            "sector": f.SectorFactory(name="经济界").pk,
            "term": "第五届",
            "person": f.PersonFactory(committee=c, name=n).pk,
        },
        edit={"member_no": "A-001"},
    ),
    "core.department": RecordData(
        make=_department,
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n, "kind": "government"},
        edit={"contact_person": "韦主任"},
    ),
    "core.park": RecordData(
        make=_committee_owned(f.ParkFactory),
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n, "level": "city"},
        edit={"address": "工业大道1号"},
    ),
    "core.village": RecordData(
        make=_committee_owned(f.VillageFactory),
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n, "township": "桐岭镇"},
        edit={"township": "东乡镇"},
    ),
    "core.enterprise": RecordData(
        make=_enterprise,
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n},
        edit={"address": "工业大道2号"},  # owner-editable
    ),
    # activities
    "activities.membergroup": RecordData(
        make=_group,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "name": n,
            "kind": "service_team",
            "industry": f.IndustryFactory().pk,
        },
        edit={"description": "服务糖业企业"},
    ),
    "activities.activity": RecordData(
        make=_activity,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "kind": _kind().pk,
            "title": n,
            "start_date": "2024-03-01",
            "half_days": 1,
        },
        edit={"summary": "形成协商意见三条"},
    ),
    "activities.participation": RecordData(
        make=_participation,
        payload=lambda ctx, c, n: {
            "activity": _new_activity(c),
            "member": f.MemberFactory(committee=c).pk,
            "role": "participant",
            "attendance": "attended",
            "note": n,
        },
        edit={"note": "请假后补到"},
        shown_by=lambda obj: obj.note,  # the list links the activity and the member only
    ),
    "activities.reportitem": RecordData(
        make=_activity_child(_m("ReportItem"), kind="suggestion", text="建议加快审批"),
        payload=lambda ctx, c, n: {
            "activity": _new_activity(c),
            "kind": "suggestion",
            "text": n,
            "sort_order": 0,
        },
        edit={"outcome_note": "已采纳"},
    ),
    "activities.ruleset": RecordData(
        make=lambda ctx, place: _committee_owned(f.RuleSetFactory, year=ctx.year())(ctx, place),
        payload=lambda ctx, c, n: {"committee": c.pk, "name": n, "year": ctx.year()},
        edit={"description": "2024年度办法"},
    ),
    "activities.rule": RecordData(
        make=_ruleset_child(_m("Rule"), label="活动", event="activity", points=5, unit="time"),
        payload=lambda ctx, c, n: {
            "ruleset": _new_ruleset(ctx, c),
            "label": n,
            "event": "activity",
            "points": "5",
            "unit": "time",
        },
        edit={"label": "参加活动"},
    ),
    "activities.scorecap": RecordData(
        make=_ruleset_child(_m("ScoreCap"), name="上限", limit=10),
        payload=lambda ctx, c, n: {"ruleset": _new_ruleset(ctx, c), "name": n, "limit": 10},
        edit={"limit": 20},
    ),
    "activities.gradeband": RecordData(
        make=_ruleset_child(_m("GradeBand"), name="合格", min_score=0, max_score=60),
        payload=lambda ctx, c, n: {
            "ruleset": _new_ruleset(ctx, c),
            "name": n,
            "min_score": 0,
            "max_score": 60,
        },
        edit={"max_score": 70},
    ),
    "activities.roadmaptask": RecordData(
        make=_task,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "year": 2024,
            "title": n,
            "owner": "经济委",
            "due_date": "2024-06-30",
            "progress": 0,
        },
        edit={"progress_note": "已完成调研"},
    ),
    "activities.membercase": RecordData(
        make=_case,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "member": f.MemberFactory(committee=c).pk,
            "title": n,
            "year": 2024,
            "summary": f"{n}：带动村民发展甘蔗种植。",
        },
        edit={"title": "甘蔗种植带富案例"},
    ),
    # proposals
    "proposals.rejectionground": RecordData(
        make=_rejection_ground,
        payload=lambda ctx, c, n: {
            "name": n,
            "code": f"g{abs(hash(n)) % 10**9}",
            "sort_order": 0,
            "is_active": True,
        },
        edit={"name": "不属于政协职能范围"},
    ),
    "proposals.proposalsession": RecordData(
        make=lambda ctx, place: f.ProposalSessionFactory(
            committee=_committee(ctx, place), published=place.published, sitting=ctx.year() - 2000
        ),
        payload=_session_payload,
        edit={"year": 2025},
        shown_by=lambda obj: f'href="{obj.get_absolute_url()}"',
    ),
    "proposals.proposal": RecordData(
        make=_proposal,
        payload=_proposal_payload,
        edit={"title": "关于增强广西糖业稳定保供能力的建议"},
    ),
    # problems
    "problems.problem": RecordData(
        make=_problem,
        payload=_problem_payload,
        edit={"title": "用地审批慢（已核实）"},
    ),
    # proposals: 社情民意 and outcomes
    "proposals.opinion": RecordData(
        make=_opinion,
        payload=_opinion_payload,
        edit={"title": "关于稳定糖料蔗种植面积的建议（修改）"},
    ),
    "proposals.opinionbulletin": RecordData(
        make=_bulletin,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "year": 2024,
            "number": ctx.year(),
            "issued_on": "2024-06-25",
            "title": "社情民意",
            "editor": n,
        },
        edit={"editor": "市政协办公室"},
        shown_by=lambda obj: f'href="{obj.get_absolute_url()}"',
    ),
    "proposals.outcome": RecordData(
        make=_outcome,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "title": n,
            "kind": "plan",
            "issuer": "来宾市人民政府办公室",
            "issued_on": "2024-09-10",
        },
        edit={"number": "来政办发〔2024〕31号"},
    ),
    # investment
    "investment.investmentproject": RecordData(
        make=_project,
        payload=_project_payload,
        edit={"investor_origin": "浙江湖州"},
    ),
    "investment.financingneed": RecordData(
        make=_need,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "enterprise": f.EnterpriseFactory(committee=c).pk,
            "amount": "500万元",
            "purpose": n,
            "term_months": 12,
            "urgency": "normal",
            "surveyed_on": "2024-04-10",
        },
        edit={"collateral": "厂房抵押"},
    ),
    "investment.financingmatch": RecordData(
        make=_match,
        payload=lambda ctx, c, n: {
            "need": f.FinancingNeedFactory(committee=c, purpose=n).pk,
            "bank": f.DepartmentFactory(committee=c, kind="bank").pk,
            "matched_on": "2024-04-18",
            "status": "matching",
        },
        edit={"matched_on": "2024-04-19"},
    ),
    "investment.pairing": RecordData(
        make=_pairing,
        payload=lambda ctx, c, n: {
            "committee": c.pk,
            "enterprise": f.member_enterprise(c).pk,
            "village": f.VillageFactory(committee=c, name=n).pk,
            "started_on": "2024-01-01",
            "goals": "发展特色种养",
        },
        edit={"goals": "发展桑蚕产业"},
    ),
    "investment.supportrecord": RecordData(
        make=_support,
        payload=lambda ctx, c, n: {
            "pairing": f.PairingFactory(committee=c).pk,
            "dimension": "funds",
            "on": "2024-06-01",
            "amount": "20万元",
            "description": n,
        },
        edit={"result": "村集体增收5万元"},
    ),
}


# -- workflows ------------------------------------------------------------------------------


@dataclass
class WorkflowData:
    """How to drive a record type's workflow in the tests.

    make(ctx)                       a record at the start of the workflow
    to_state(ctx, record, state)    the record taken to `state` (None: not reachable)
    inputs(ctx, record, action)     a valid body of the step (may prepare rows it needs)
    roles                           what each shared user is for `make(ctx)` in `sample_state`
                                    (checks the workflow's roles_of itself)
    """

    make: Callable
    to_state: Callable
    inputs: Callable
    roles: dict
    sample_state: str
    #: the source states tried first (the first one reachable is used)
    preferred_states: tuple = ()


def _problem_for_workflow(ctx):
    from lvzhi.problems import services

    enterprise = f.EnterpriseFactory(committee=ctx.s.county, member=ctx.s.carol_person)
    ctx.carol_member()
    problem = f.ProblemFactory.build(
        committee=ctx.s.county,
        enterprise=enterprise,
        category=f.ProblemCategoryFactory(name="融资"),
        title=ctx.name("流程难题"),
    )
    return services.problem_register(actor=ctx.s.bob, problem=problem, allow_duplicate=True)


_PROBLEM_PATHS = {
    "registered": [],
    "assigned": ["assign"],
    "in_progress": ["assign", "start"],
    "answered": ["assign", "start", "answer"],
    "confirmed": ["assign", "start", "answer", "confirm"],
    "returned": ["assign", "return"],
}


def _problem_to_state(ctx, problem, state):
    from lvzhi.problems import services

    if state not in _PROBLEM_PATHS:
        return None
    s = ctx.s
    for step in _PROBLEM_PATHS[state]:
        if step == "assign":
            problem = services.problem_assign(actor=s.bob, problem=problem, lead_unit=s.unit)
        elif step == "start":
            problem = services.problem_start(actor=s.dave, problem=problem, comment="")
        elif step == "answer":
            problem = services.problem_answer(actor=s.dave, problem=problem, solution="已协调。")
        elif step == "confirm":
            problem = services.problem_confirm(
                actor=s.bob, problem=problem, satisfaction="satisfied", comment=""
            )
        elif step == "return":
            problem = services.problem_return(actor=s.dave, problem=problem, reason="非本单位职责")
    return problem


def _problem_inputs(ctx, problem, action):
    from lvzhi.problems import services

    s = ctx.s
    if action in ("approve_extension", "refuse_extension"):
        from lvzhi.core.choices import ExtensionState

        pending = problem.extensions.filter(state=ExtensionState.PENDING).first()
        if pending is not None:
            return {"request_id": pending.pk, "comment": "同意"}
        services.problem_request_extension(
            actor=s.dave,
            problem=problem,
            requested_deadline=datetime.date.today() + datetime.timedelta(days=60),
            reason="需协调省级部门",
        )
        return {"request_id": problem.extensions.latest("pk").pk, "comment": "同意"}
    if action == "merge":
        # a problem every user who sees this one also sees: same enterprise, same unit
        into = _problem_to_state(ctx, _problem_for_workflow(ctx), "assigned")
        return {"into": into.pk, "comment": "同一诉求"}
    return {
        "assign": {"lead_unit": s.unit.pk},
        "start": {"comment": "开始办理"},
        "progress": {"text": "已与银行对接"},
        "answer": {"solution": "已协调银行续贷。"},
        "confirm": {"satisfaction": "satisfied"},
        "reopen": {"reason": "企业反映仍未解决"},
        "return": {"reason": "不属于本单位职责"},
        "withdraw": {"reason": "企业撤回"},
        "close": {"comment": "办结"},
        "request_extension": {
            "requested_deadline": (datetime.date.today() + datetime.timedelta(days=60)).isoformat(),
            "reason": "需协调省级部门",
        },
    }[action]


def _project_for_workflow(ctx):
    from lvzhi.investment import services
    from lvzhi.investment.models import InvestmentProject

    project = InvestmentProject(
        committee=ctx.s.county,
        name=ctx.name("流程项目"),
        investor_name="广东佛山某建材集团",
        source_mode="member",
        department=ctx.s.unit,
    )
    project = services.project_register(actor=ctx.s.bob, project=project)
    services.project_credit(actor=ctx.s.bob, project=project, member=ctx.carol_member(), share=100)
    return project


_PROJECT_PATHS = ["lead", "negotiating", "intention", "contracted", "started", "producing"]


def _project_to_state(ctx, project, state):
    from lvzhi.investment import services

    if state not in _PROJECT_PATHS:
        return None
    steps = {
        "negotiating": services.project_negotiate,
        "intention": services.project_sign_intention,
        "contracted": services.project_sign_contract,
        "started": services.project_start,
        "producing": services.project_produce,
    }
    for stage in _PROJECT_PATHS[1 : _PROJECT_PATHS.index(state) + 1]:
        extra = {"contracted_amount": 18000} if stage == "contracted" else {}
        project = steps[stage](actor=ctx.s.bob, project=project, **extra)
    return project


def _project_inputs(ctx, project, action):
    if action == "credit":
        return {"member": f.MemberFactory(committee=ctx.s.county).pk, "share": "0"}
    return {
        "sign_contract": {"contracted_amount": "1.8亿", "comment": "签约"},
        "skip": {"to_stage": "producing", "reason": "企业自建，直接投产"},
        "drop": {"reason": "投资方撤回"},
        "progress": {"text": "已完成选址踏勘"},
        "funds": {"amount": "3000万", "note": "首期"},
    }.get(action, {"comment": "按计划推进"})


def _match_for_workflow(ctx):
    # one bank for every match of the test: dave's scope is read once per user object
    if not hasattr(ctx, "match_bank"):
        ctx.match_bank = _dave_bank(ctx)
    need = f.FinancingNeedFactory(committee=ctx.s.county, amount=500)
    return f.FinancingMatchFactory(need=need, bank=ctx.match_bank)


def _match_to_state(ctx, match, state):
    from lvzhi.investment import services

    if state in ("granted", "disbursed"):
        match = services.match_grant(actor=ctx.s.bob, match=match, amount_granted=300)
    if state == "disbursed":
        match = services.match_disburse(actor=ctx.s.bob, match=match, amount_disbursed=200)
    return match if state in ("matching", "granted", "disbursed") else None


def _match_inputs(ctx, match, action):
    return {
        "grant": {"amount_granted": "300万"},
        "disburse": {"amount_disbursed": "200万"},
        "decline": {"failure_reason": "缺少抵押物"},
    }[action]


WORKFLOWS: dict[str, WorkflowData] = {
    "problems.problem": WorkflowData(
        make=_problem_for_workflow,
        to_state=_problem_to_state,
        inputs=_problem_inputs,
        sample_state="assigned",
        roles={
            "alice": {"manager"},  # city office, above the county
            "bob": {"manager"},  # county office
            "carol": {"enterprise"},  # runs the enterprise
            "dave": {"lead"},  # the lead unit
            "erin": set(),  # a leader reads, does not act
            "frank": {"manager"},
            "olivia": set(),
        },
        preferred_states=("assigned", "in_progress", "answered", "confirmed", "registered"),
    ),
    "investment.investmentproject": WorkflowData(
        make=_project_for_workflow,
        to_state=_project_to_state,
        inputs=_project_inputs,
        sample_state="contracted",
        roles={
            "alice": {"office"},  # city office, above the county
            "bob": {"office"},  # county office
            "carol": {"credited"},  # the credited member
            "dave": {"unit"},  # the responsible department
            "erin": set(),  # a leader reads; not the responsible leader
            "frank": {"office"},
            "olivia": set(),
        },
        preferred_states=("contracted", "lead", "negotiating", "intention", "started"),
    ),
    "investment.financingmatch": WorkflowData(
        make=_match_for_workflow,
        to_state=_match_to_state,
        inputs=_match_inputs,
        sample_state="matching",
        roles={
            "alice": {"office"},  # city office, above the county
            "bob": {"office"},  # county office
            "carol": set(),  # a member
            "dave": {"bank"},  # acts for the matched bank
            "erin": set(),  # a leader reads, does not act
            "frank": {"office"},
            "olivia": set(),
        },
        preferred_states=("matching", "granted"),
    ),
}


def _opinion_for_workflow(ctx):
    from lvzhi.proposals.models import Opinion
    from lvzhi.proposals.services.opinion import opinion_submit

    opinion = Opinion(
        committee=ctx.s.county, title=ctx.name("流程社情民意"), text="情况、分析、建议。"
    )
    return opinion_submit(actor=ctx.s.bob, opinion=opinion, m2m={"authors": [ctx.carol_member()]})


_OPINION_PATHS = {
    "submitted": [],
    "accepted": ["accept"],
    "rejected": ["reject"],
    "published": ["accept", "compile"],
    "forwarded": ["accept", "compile", "forward"],
    "adopted": ["accept", "compile", "forward", "adopt"],
}


def _opinion_to_state(ctx, opinion, state):
    from lvzhi.proposals.services import opinion as services

    if state not in _OPINION_PATHS:
        return None
    for step in _OPINION_PATHS[state]:
        inputs = _opinion_inputs(ctx, opinion, step)
        if "bulletin" in inputs:
            inputs["bulletin"] = f.OpinionBulletinFactory(committee=opinion.committee)
        if "date" in inputs:
            inputs["date"] = datetime.date.fromisoformat(inputs["date"])
        opinion = getattr(services, f"opinion_{step}")(actor=ctx.s.bob, opinion=opinion, **inputs)
    return opinion


def _opinion_inputs(ctx, opinion, action):
    if action == "compile":
        return {"bulletin": f.OpinionBulletinFactory(committee=opinion.committee).pk}
    return {
        "edit": {"edited_text": "情况、分析、建议（编辑后）。", "comment": ""},
        "accept": {"comment": "录用"},
        "reject": {"reason": "已有专门部署"},
        "forward": {"level": "city", "date": "2024-07-01"},
        "adopt": {"level": "city", "mode": "single", "date": "2024-07-20"},
        "instruct": {
            "instructed_by": "市委主要领导",
            "instruction_level": "city_principal",
            "date": "2024-07-25",
            "text": "请相关部门研究落实。",
        },
    }[action]


WORKFLOWS["proposals.opinion"] = WorkflowData(
    make=_opinion_for_workflow,
    to_state=_opinion_to_state,
    inputs=_opinion_inputs,
    sample_state="submitted",
    roles={
        "alice": {"office"},
        "bob": {"office"},
        "carol": {"author"},
        "dave": set(),
        "erin": set(),
        "frank": {"office"},
        "olivia": set(),
    },
    preferred_states=("submitted", "accepted", "published", "forwarded"),
)


# -- the proposal workflow ---------------------------------------------------------------------


def _proposal_for_workflow(ctx):
    """A joint draft of carol's (county) with erin, who sits on the city committee, invited
    to co-sign."""
    from lvzhi.proposals import services

    s = ctx.s
    erin = f.PersonFactory._meta.model.objects.filter(user=s.erin).first() or f.PersonFactory(
        committee=s.city, name="艾琳", user=s.erin
    )
    proposal = f.ProposalFactory.build(
        committee=s.county,
        session=f.ProposalSessionFactory(committee=s.county),
        lead=s.carol_person,
        title=ctx.name("关于糖业的建议"),
    )
    return services.proposal_file(actor=s.bob, proposal=proposal, co_signers=[erin])


_PROPOSAL_PATHS = {
    "draft": [],
    "submitted": ["sign", "submit"],
    "returned": ["sign", "submit", "return"],
    "accepted": ["sign", "submit", "accept"],
    "assigned": ["sign", "submit", "accept", "assign"],
    "replied": ["sign", "submit", "accept", "assign", "reply"],
    "released": ["sign", "submit", "accept", "assign", "reply", "release"],
    "rated": ["sign", "submit", "accept", "assign", "reply", "release", "rate"],
    "closed": ["sign", "submit", "accept", "assign", "reply", "release", "rate", "close"],
}


def _proposal_document(proposal, actor):
    from lvzhi.core.models import Attachment

    return Attachment.objects.create(
        record=proposal,
        name="答复函.pdf",
        file=ContentFile(f.PDF, name="reply.pdf"),
        mime_type="application/pdf",
        kind="document",
        size=len(f.PDF),
        uploaded_by=actor,
    )


def _proposal_to_state(ctx, proposal, state):
    from lvzhi.proposals import services

    if state not in _PROPOSAL_PATHS:
        return None
    s = ctx.s
    for step in _PROPOSAL_PATHS[state]:
        if step == "sign":
            proposal = services.proposal_sign(actor=s.erin, proposal=proposal)
        elif step == "submit":
            proposal = services.proposal_submit(actor=s.carol, proposal=proposal)
        elif step == "return":
            proposal = services.proposal_return(actor=s.bob, proposal=proposal, reason="请补充数据")
        elif step == "accept":
            proposal = services.proposal_accept(actor=s.bob, proposal=proposal)
        elif step == "assign":
            proposal = services.proposal_assign(actor=s.bob, proposal=proposal, lead_unit=s.unit)
        elif step == "reply":
            proposal = services.proposal_reply(
                actor=s.dave,
                proposal=proposal,
                document_number="武工信函〔2024〕12号",
                signed_by="韦局长",
                reply_class="A",
                summary="已落实。",
                attachment=_proposal_document(proposal, s.dave),
            )
        elif step == "release":
            proposal = services.proposal_release(actor=s.bob, proposal=proposal)
        elif step == "rate":
            proposal = services.proposal_rate(
                actor=s.carol, proposal=proposal, handling="satisfied", result="satisfied"
            )
        elif step == "close":
            proposal = services.proposal_close(actor=s.bob, proposal=proposal)
    return proposal


def _proposal_inputs(ctx, proposal, action):
    from lvzhi.core.choices import ExtensionState
    from lvzhi.proposals import services

    s = ctx.s
    if action == "submit":
        proposal.signatures.update(state="signed")
        return {"comment": ""}
    if action in ("approve_extension", "refuse_extension"):
        pending = proposal.extensions.filter(state=ExtensionState.PENDING).first()
        if pending is None:
            proposal.refresh_from_db()
            pending = services.proposal_request_extension(
                actor=s.dave,
                proposal=proposal,
                requested_deadline=proposal.deadline + datetime.timedelta(days=20),
                reason="需协调自治区部门",
            )
        return {"request_id": pending.pk, "comment": "同意"}
    if action == "merge":
        into = _proposal_to_state(ctx, _proposal_for_workflow(ctx), "accepted")
        return {"into": into.pk, "comment": "同题并案"}
    if action == "reply":
        return {
            "document_number": "武工信函〔2024〕13号",
            "signed_by": "韦局长",
            "reply_class": "B",
            "summary": "列入计划逐步解决。",
            "attachment": _proposal_document(proposal, s.dave).pk,
        }
    if action == "co_opinion":
        from lvzhi.proposals.models import ProposalAssignment

        unit = f.DepartmentFactory(committee=s.county, name=ctx.name("会办单位"))
        ProposalAssignment.objects.create(proposal=proposal, department=unit, role="co")
        return {"unit": unit.pk, "opinion": "同意主办单位意见"}
    if action == "leader_visit":  # 领导督办: a key proposal
        type(proposal).objects.filter(pk=proposal.pk).update(is_key=True, key_leader=s.erin)
        return {
            "leader": s.erin.pk,
            "visited_on": datetime.date.today().isoformat(),
            "note": "督办",
        }
    if action == "request_extension":
        proposal.refresh_from_db()
        return {
            "requested_deadline": (proposal.deadline + datetime.timedelta(days=20)).isoformat(),
            "reason": "需协调自治区部门",
        }
    return {
        "sign": {"comment": "同意联名"},
        "decline": {"reason": "不熟悉该领域"},
        "accept": {"comment": "符合立案标准"},
        "reject": {"ground": "vague", "reason": "内容空泛，缺少具体建议"},
        "return": {"reason": "请补充数据"},
        "convert": {"to": "suggestion", "comment": "转意见建议"},
        "assign": {"lead_unit": s.unit.pk},
        "object": {"reason": "不属于本单位职责"},
        "meet": {"met_on": datetime.date.today().isoformat(), "form": "phone", "note": "电话沟通"},
        "release": {"reply_class": "", "comment": ""},
        "rate": {"handling": "satisfied", "result": "basically", "comment": ""},
        "unit_rate": {"quality": "satisfied", "comment": "建议具体"},
        "mark_key": {"leader": s.erin.pk, "comment": "主席会议审定"},
        "mark_excellent": {"comment": "年度优秀提案"},
        "close": {"comment": "办结"},
    }[action]


WORKFLOWS["proposals.proposal"] = WorkflowData(
    make=_proposal_for_workflow,
    to_state=_proposal_to_state,
    inputs=_proposal_inputs,
    sample_state="assigned",
    roles={
        "alice": {"office"},  # city office, above the county
        "bob": {"office"},  # county office
        "carol": {"proposer"},  # the lead proposer
        "dave": {"lead"},  # the lead unit (主办)
        "erin": {"leader"},  # a city leader: records visits on key proposals (领导督办)
        "frank": {"office"},
        "olivia": set(),
    },
    preferred_states=("assigned", "submitted", "accepted", "released", "rated", "draft"),
)
