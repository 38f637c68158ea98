"""The text engine on the problem form: a clean button on long text, 相似记录 before saving."""


def test_register_form_offers_cleaning_and_similar_records(pb, client_for):
    client = client_for(pb.s.bob)
    page = client.get("/problems/add/").content.decode()
    assert 'data-testid="clean-text"' in page
    assert 'id="similar-records"' in page and "problems.problem" in page


def test_similar_records_panel_finds_the_existing_problem(pb, client_for):
    client = client_for(pb.s.bob)
    text = pb.problem.description
    page = client.post(
        "/text/similar/", {"kind": "problems.problem", "text": text}
    ).content.decode()
    assert 'data-testid="similar-records"' in page
    assert pb.problem.title in page
    # a county office in another county is not told about this county's problem
    other = client_for(pb.olga)
    page = other.post("/text/similar/", {"kind": "problems.problem", "text": text}).content.decode()
    assert pb.problem.title not in page
