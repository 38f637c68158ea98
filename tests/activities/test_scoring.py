"""履职积分: explained line by line, caps, grade bands, rule versions that stay put."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from lvzhi.activities import models, services
from lvzhi.activities.scoring import NOT_YET, compute_scores
from tests import factories as f


@pytest.fixture
def rules(system, kinds):
    rs = f.RuleSetFactory(committee=system.city, year=2024)
    cap = models.ScoreCap.objects.create(
        ruleset=rs, committee=system.city, name="活动类", limit=Decimal("12")
    )

    def rule(**kw):
        return models.Rule.objects.create(ruleset=rs, committee=system.city, **kw)

    rule(label="全会", event="activity", activity_kind=kinds["plenary"], points=5, unit="half_day")
    rule(label="活动", event="activity", points=5, cap=cap)
    rule(label="牵头", event="activity", role="lead", points=8, cap=cap)
    rule(
        label="无故缺席全会",
        event="attendance",
        activity_kind=kinds["plenary"],
        attendance="absent",
        points=-5,
    )
    for name, lo, hi in (
        ("优秀", 90, None),
        ("良好", 80, 89.9),
        ("称职", 10, 79.9),
        ("不称职", 0, 9.9),
    ):
        models.GradeBand.objects.create(
            ruleset=rs, committee=system.city, name=name, min_score=lo, max_score=hi
        )
    return rs


def take_part(member, kind, day, role="participant", attendance="attended", half_days=1):
    a = f.ActivityFactory(
        committee=member.committee,
        kind=kind,
        start_date=datetime.date(2024, 1, day),
        title=f"活动{day}",
        half_days=half_days,
    )
    return f.ParticipationFactory(activity=a, member=member, role=role, attendance=attendance)


def test_score_is_explained_line_by_line_with_caps(system, kinds, people, rules):
    carol = people.carol  # county member: the city's rule set applies (no county set)
    take_part(carol, kinds["plenary"], 2, half_days=3)  # 3 half days × 5 = 15
    take_part(carol, kinds["research"], 3, role="lead")  # 8
    take_part(carol, kinds["inspection"], 4)  # 5 but the shared cap 12 leaves 4
    take_part(carol, kinds["inspection"], 5)  # cap reached: 0
    take_part(carol, kinds["plenary"], 6, attendance="absent")  # -5
    take_part(carol, kinds["plenary"], 7, attendance="invited")  # nothing yet
    score = compute_scores([carol], 2024)[carol.pk]
    assert [(line.rule, line.units, line.base, line.points) for line in score.lines] == [
        ("全会", 3, Decimal("15"), Decimal("15")),
        ("牵头", 1, Decimal("8"), Decimal("8")),
        ("活动", 1, Decimal("5"), Decimal("4")),
        ("活动", 1, Decimal("5"), Decimal("0")),
        ("无故缺席全会", 1, Decimal("-5"), Decimal("-5")),
        (gettext(NOT_YET), 0, Decimal("0"), Decimal("0")),
    ]
    assert score.lines[-1].source == "活动7"
    assert "活动类" in score.lines[2].note and "活动类" in score.lines[3].note
    assert score.total == Decimal("22") and score.grade == "称职"
    assert score.ruleset == rules


def test_member_sees_own_explained_score_on_the_duty_record(
    system, client_for, api_for, kinds, people, rules
):
    take_part(people.carol, kinds["research"], 3, role="lead")
    page = client_for(system.carol).get(
        reverse("activities:duty_record", args=[people.carol.pk]), {"year": 2024}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "牵头" in text and "活动3" in text
    data = api_for(system.carol).get(f"/api/v1/scores/{people.carol.pk}/?year=2024").json()
    assert data["total"] == "8.0" and data["lines"][0]["rule"] == "牵头"


def test_rule_change_recomputes_consistently_and_new_version_keeps_last_year(
    system, kinds, people, rules
):
    take_part(people.carol, kinds["research"], 3)
    assert compute_scores([people.carol], 2024)[people.carol.pk].total == Decimal("5")
    new = services.ruleset_copy(actor=system.alice, source=rules, year=2025)
    assert new.rules.count() == rules.rules.count() and new.bands.count() == 4
    activity_rule = new.rules.get(label="活动")
    activity_rule.points = Decimal("2")
    services.child_save(actor=system.alice, instance=activity_rule)
    # 2024 keeps its rules; 2025 uses the new version.
    assert compute_scores([people.carol], 2024)[people.carol.pk].total == Decimal("5")
    a = f.ActivityFactory(
        committee=system.county, kind=kinds["research"], start_date=datetime.date(2025, 2, 1)
    )
    f.ParticipationFactory(activity=a, member=people.carol)
    assert compute_scores([people.carol], 2025)[people.carol.pk].total == Decimal("2")
    # Same data, same rules, same answer.
    assert compute_scores([people.carol], 2025)[people.carol.pk].total == Decimal("2")


def test_locked_rule_set_refuses_changes(system, api_for, rules):
    rules.locked = True
    rules.save()
    rule = rules.rules.first()
    res = api_for(system.alice).patch(f"/api/v1/rules/{rule.pk}/", {"points": "99"}, format="json")
    assert (
        res.status_code == 400
        and "locked" in res.json()["detail"].lower()
        or "锁" in res.json()["detail"]
    )
    rule.refresh_from_db()
    assert rule.points != Decimal("99")


def test_overlapping_grade_band_is_a_field_error_in_ui_and_api(system, client_for, api_for, rules):
    payload = {"ruleset": rules.pk, "name": "较好", "min_score": "85", "max_score": "95"}
    res = api_for(system.alice).post("/api/v1/grade-bands/", payload, format="json")
    assert res.status_code == 400 and "min_score" in res.json()
    res = client_for(system.alice).post(reverse("activities:band_add"), payload)
    assert res.status_code == 400 and 'data-field-error="min_score"' in res.content.decode()
    assert rules.bands.count() == 4


def test_attendance_rule_needs_a_state(system, api_for, rules):
    res = api_for(system.alice).post(
        "/api/v1/rules/",
        {"ruleset": rules.pk, "label": "缺席", "event": "attendance", "points": "-5"},
        format="json",
    )
    assert res.status_code == 400 and "attendance" in res.json()


def test_ranking_by_committee_and_sector_with_export(system, client_for, kinds, people, rules):
    take_part(people.carol, kinds["research"], 3, role="lead")
    take_part(people.county, kinds["research"], 4)
    client = client_for(system.bob)
    page = client.get(reverse("activities:ranking"), {"year": 2024, "committee": system.county.pk})
    text = page.content.decode()
    assert text.index("卡萝") < text.index(people.county.person.name)
    assert people.other.person.name not in text  # bob does not see the other county
    export = client.get(reverse("activities:ranking"), {"year": 2024, "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    data = client_for(system.alice).get("/api/v1/scores/?year=2024&scope=all").json()["results"]
    assert data[0]["name"] == "卡萝" and data[0]["rank"] == 1
