"""Every offered step of every registered workflow × every shared user, from the API and the
step page (tests/registry/data.py WORKFLOWS declares how to drive each workflow).

A user whose roles for the record (the workflow's `roles_of`) meet the step's `roles` gets
through and the record reaches a declared target; every other user is refused with 403 (sees
the record) or 404 (does not), and the record stays as it was.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from lvzhi.core.records import REGISTRY
from lvzhi.core.workflow import SAME
from tests.registry import rules
from tests.registry.data import WORKFLOWS, Context

WORKFLOW_TYPES = sorted((label, t) for label, t in REGISTRY.items() if t.workflow is not None)


def _cases():
    return [
        pytest.param(t, action, id=f"{label}-{action}")
        for label, t in WORKFLOW_TYPES
        for action, transition in t.workflow.transitions.items()
        if transition.offered and transition.form is not None
    ]


def _declaration(record_type):
    label = record_type.model._meta.label_lower
    if label not in WORKFLOWS:
        pytest.fail(
            f"The workflow of {label} has no declaration: add WORKFLOWS[{label!r}] to "
            "tests/registry/data.py so its steps are tested for every role.",
            pytrace=False,
        )
    return WORKFLOWS[label]


@pytest.mark.parametrize("label,record_type", WORKFLOW_TYPES, ids=[x[0] for x in WORKFLOW_TYPES])
def test_roles_of_the_sample_record(system, label, record_type):
    decl = _declaration(record_type)
    ctx = Context(system)
    record = decl.to_state(ctx, decl.make(ctx), decl.sample_state)
    got = {who: record_type.workflow.roles_of(getattr(system, who), record) for who in rules.USERS}
    assert got == {who: set(decl.roles[who]) for who in rules.USERS}


def _state(record_type, record):
    record.refresh_from_db()
    return getattr(record, record_type.workflow.state_field)


def _post(channel, user, record_type, record, action, body):
    if channel == "api":
        api = APIClient()
        api.force_authenticate(user)
        url = f"/api/v1/{record_type.api_prefix}/{record.pk}/{action.replace('_', '-')}/"
        return api.post(url, body, format="json")
    client = Client()
    client.force_login(user)
    app = record_type.model.url_base.split(":")[0]
    from django.urls import reverse

    url = reverse(f"{app}:{record_type.url_name('step')}", args=[record.pk, action])
    return client.post(url, body)


@pytest.mark.parametrize("record_type,action", _cases())
def test_step_for_every_role(system, record_type, action):
    decl = _declaration(record_type)
    workflow = record_type.workflow
    transition = workflow.transitions[action]
    ctx = Context(system)

    def fresh():
        for state in (*decl.preferred_states, *sorted(transition.sources)):
            if state in transition.sources:
                record = decl.to_state(ctx, decl.make(ctx), state)
                if record is not None:
                    return record, state
        pytest.fail(f"{action}: no source state of {sorted(transition.sources)} is reachable")

    record, state = fresh()
    allowed = [
        who
        for who in rules.USERS
        if workflow.roles_of(getattr(system, who), record) & transition.roles
    ]
    assert allowed, f"{action}: no shared user may take the step"
    wrong = []
    # refused users: both channels, the record stays where it was
    for who in rules.USERS:
        if who in allowed:
            continue
        user = getattr(system, who)
        visible = record_type.model.objects.visible_to(user).filter(pk=record.pk).exists()
        for channel in ("api", "ui"):
            response = _post(
                channel, user, record_type, record, action, decl.inputs(ctx, record, action)
            )
            expected = 403 if visible else 404
            if response.status_code != expected:
                wrong.append(f"{who} {channel}: expected {expected}, got {response.status_code}")
        if _state(record_type, record) != state:
            wrong.append(f"{who}: the refused step changed the state")
    # allowed users: each on a fresh record, through the API; the first also on the page
    for i, who in enumerate(allowed):
        user = getattr(system, who)
        for channel in ("api", "ui") if i == 0 else ("api",):
            record, state = fresh()
            response = _post(
                channel, user, record_type, record, action, decl.inputs(ctx, record, action)
            )
            # 204: the step took the record out of the actor's sight (a unit returning it)
            still_visible = record_type.model.objects.visible_to(user).filter(pk=record.pk)
            ok = (200 if still_visible.exists() else 204) if channel == "api" else 302
            if response.status_code != ok:
                body = response.content.decode(errors="replace")[:300]
                wrong.append(f"{who} {channel}: expected {ok}, got {response.status_code} {body}")
                continue
            targets = {state if t == SAME else t for t in transition.targets}
            if _state(record_type, record) not in targets:
                wrong.append(
                    f"{who} {channel}: state {_state(record_type, record)}, not in {targets}"
                )
            last = workflow.log_model.objects.filter(**{workflow.log_field: record}).latest("pk")
            if last.actor_id != user.pk:
                wrong.append(f"{who} {channel}: the transition log names {last.actor}")
    assert wrong == [], f"{action} from {state} (allowed: {allowed}):\n  " + "\n  ".join(wrong)
