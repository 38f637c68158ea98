"""A workflow needs no template of its own: core's detail page carries its panel."""

from lvzhi.problems.views.records import ProblemViews


def test_the_generic_detail_page_offers_the_steps_and_runs_them(pb, client_for, monkeypatch):
    monkeypatch.setattr(ProblemViews, "detail_template", "core/object_detail.html")
    office = client_for(pb.s.bob)
    page = office.get(pb.problem.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="step-assign"' in html and 'data-testid="transitions"' in html
    assert f'action="/problems/{pb.problem.pk}/step/assign/"' in html
    res = office.post(
        f"/problems/{pb.problem.pk}/step/assign/", {"lead_unit": pb.unit.pk, "comment": "请办理"}
    )
    assert res.status_code == 302
    pb.problem.refresh_from_db()
    assert pb.problem.state == "assigned"
    # The unit sees its own next steps on the same generic page; the office's are gone.
    unit_page = client_for(pb.s.dave).get(pb.problem.get_absolute_url()).content.decode()
    assert 'data-testid="step-answer"' in unit_page and 'data-testid="step-assign"' not in unit_page
    # A step the user may not take is refused on the generic page too.
    res = client_for(pb.s.dave).post(
        f"/problems/{pb.problem.pk}/step/withdraw/", {"reason": "不需要"}
    )
    assert res.status_code in {302, 403}
    pb.problem.refresh_from_db()
    assert pb.problem.state == "assigned"


def test_a_unit_returning_an_assignment_lands_on_its_list(pb, client_for):
    """The step takes the problem out of the unit's sight: no redirect to a 404."""
    from lvzhi.problems import services

    services.problem_assign(actor=pb.s.bob, problem=pb.problem, lead_unit=pb.unit)
    unit = client_for(pb.s.dave)
    res = unit.post(f"/problems/{pb.problem.pk}/step/return/", {"reason": "不属于本单位职责"})
    assert res.status_code == 302 and res["Location"] == "/problems/"
    pb.problem.refresh_from_db()
    assert pb.problem.state == "returned"
    assert unit.get(res["Location"]).status_code == 200
