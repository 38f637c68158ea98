"""百企扶百村: the villages that got no support in a year — pairings without a support record
in it, and 脱贫村 nobody is paired with — for the offices and leaders, any year, in Excel."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/investment/villages-without-support/"


@pytest.fixture
def villages(system):
    def village(name, lifted=True, committee=None):
        return f.VillageFactory(
            committee=committee or system.county, name=name, is_lifted_out_of_poverty=lifted
        )

    def pairing(v, started, ended=None):
        return f.PairingFactory(
            committee=v.committee, village=v, started_on=started, ended_on=ended
        )

    supported = pairing(village("东乡村"), datetime.date(2024, 1, 1))
    f.SupportRecordFactory(pairing=supported, on=datetime.date(2024, 5, 1), amount=20)
    forgotten = pairing(village("西山村"), datetime.date(2023, 1, 1))
    f.SupportRecordFactory(pairing=forgotten, on=datetime.date(2023, 8, 1), amount=10)
    village("南岭村")  # a 脱贫村 nobody is paired with
    village("北坡村", lifted=False)  # not a 脱贫村: not expected to be paired
    pairing(village("古榕村"), datetime.date(2022, 1, 1), ended=datetime.date(2023, 6, 30))
    village("罗秀村", committee=system.other)  # another county
    return forgotten


def _names(response):
    return [(str(r["village"].name), r["pairing"] is not None) for r in response.context["rows"]]


def test_the_year_lists_unsupported_pairings_and_unpaired_villages(system, villages, client_for):
    response = client_for(system.bob).get(URL, {"year": 2024})
    assert response.status_code == 200
    assert _names(response) == [("南岭村", False), ("古榕村", False), ("西山村", True)]
    page = response.content.decode()
    assert villages.village.get_absolute_url() in page
    assert villages.get_absolute_url() in page
    # 2023: 西山村 was supported; 东乡村 was not paired yet; 古榕村's pairing ran and got nothing
    names = _names(client_for(system.bob).get(URL, {"year": 2023}))
    assert ("西山村", True) not in names
    assert ("东乡村", False) in names and ("古榕村", True) in names


def test_the_city_office_and_a_leader_see_every_county(system, villages, client_for):
    for user in (system.alice, system.erin):
        names = [n for n, _paired in _names(client_for(user).get(URL, {"year": 2024}))]
        assert "罗秀村" in names and "西山村" in names


def test_members_units_and_outsiders_may_not(system, villages, client_for):
    for user in (system.carol, system.dave, system.olivia):
        assert client_for(user).get(URL, {"year": 2024}).status_code == 403
    assert client_for(system.bob).get("/").content.decode().count(URL) == 1
    assert URL not in client_for(system.carol).get("/").content.decode()


def test_the_list_as_a_workbook(system, villages, client_for):
    response = client_for(system.bob).get(URL, {"year": 2024, "export": "xlsx"})
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[2] for r in rows[1:]] == ["南岭村", "古榕村", "西山村"]


def test_the_page_costs_the_same_at_any_size(system, client_for):
    from tests.core.test_query_counts import explain, measure

    def grow(n):
        for _ in range(n):
            v = f.VillageFactory(committee=system.county, is_lifted_out_of_poverty=True)
            f.PairingFactory(committee=system.county, village=v)
            f.VillageFactory(committee=system.county, is_lifted_out_of_poverty=True)

    grow(2)
    grown = measure(client_for(system.bob), [f"{URL}?year=2024"], lambda: grow(5))
    assert not grown, explain(grown)
