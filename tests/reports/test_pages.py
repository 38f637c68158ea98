"""Who may read the figures, the API, the files, and a two-aggregate indicator."""

import datetime
import io

import pytest
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from lvzhi.core import indicators
from lvzhi.core.indicators import all_indicators
from lvzhi.problems.models import Problem

pytestmark = pytest.mark.django_db

PAGES = ["reports:dashboard", "reports:workbook", "reports:annual_report"]
API = "/api/v1/reports/indicators/"


@pytest.mark.parametrize("page", PAGES)
def test_members_units_and_outsiders_may_not_read_the_figures(year, client_for, page):
    s = year.s
    for user in (s.carol, s.dave, s.olivia):
        assert client_for(user).get(reverse(page), {"year": 2024}).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_offices_and_leaders_may(year, client_for, page):
    s = year.s
    for user in (s.alice, s.bob, s.erin, s.frank):
        assert client_for(user).get(reverse(page), {"year": 2024}).status_code == 200


def test_api_who_may_and_who_may_not(year, api_for, client):
    s = year.s
    assert client.get(API).status_code in (401, 403)
    for user in (s.carol, s.dave, s.olivia):
        assert api_for(user).get(API, {"year": 2024}).status_code == 403
    got = api_for(s.bob).get(API, {"year": 2024, "scope": "all"})
    assert got.status_code == 200
    assert got.json()["committees"] == [s.county.pk]
    got = api_for(s.erin).get(API, {"year": 2024, "scope": "own"})  # a leader of the city
    assert got.status_code == 200 and got.json()["committees"] == [s.city.pk]


def test_api_gives_the_dashboards_numbers(year, api_for, client_for):
    s = year.s
    data = api_for(s.alice).get(API, {"year": 2024, "scope": str(s.county.pk)}).json()
    values = {f["key"]: f["values"]["n"] for f in data["figures"]}
    assert values["activities.consultations"] == 1
    assert values["activities.investment_participations"] == 3
    assert values["problems.resolved"] == 1
    page = client_for(s.alice).get(
        reverse("reports:dashboard"), {"year": 2024, "scope": s.county.pk}
    )
    rows = {
        r["figure"].indicator.key: r["text"] for p in page.context["pillars"] for r in p["rows"]
    }
    assert rows["activities.consultations"] == "1"
    assert rows["activities.investment_participations"] == "3"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year": "1800"}, "year"),
        ({"quarter": "7"}, "quarter"),
        ({"start": "2024-02-01"}, "end"),
        ({"scope": "nonsense"}, "scope"),
        ({"industry": "999999"}, "industry"),
    ],
)
def test_bad_input_is_a_message_at_the_field(year, api_for, client_for, params, field):
    got = api_for(year.s.alice).get(API, params)
    assert got.status_code == 400 and field in got.json()
    page = client_for(year.s.alice).get(reverse("reports:dashboard"), params)
    assert page.status_code == 400 and page.context["form"].errors[field]


def test_a_county_office_may_not_ask_for_another_county(year, api_for):
    got = api_for(year.s.bob).get(API, {"scope": str(year.s.other.pk)})
    assert got.status_code == 400 and "scope" in got.json()


def test_api_schema_documents_the_endpoint(admin_client):
    schema = admin_client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/reports/indicators/" in schema.json()["paths"]


def test_word_report_opens_and_says_the_figures_in_the_articles_words(year, client_for):
    with translation.override("zh-hans"):
        got = client_for(year.s.alice).get(
            reverse("reports:annual_report"), {"year": 2024}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert got.status_code == 200
    doc = Document(io.BytesIO(b"".join(got.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2024年，全市政协系统开展专题协商4场" in text
    assert "协调解决难题2个" in text and "政协委员参与对外招商5场（次）" in text
    assert doc.sections[0].page_width.cm == pytest.approx(21, abs=0.1)
    assert "来宾市政协" in doc.sections[0].header.paragraphs[0].text
    # set as government documents are: 仿宋 三号 body, 黑体 headings, 仿宋 小四 in tables
    from docx.oxml.ns import qn

    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "FangSong"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "SimHei"
    opening = next(p for p in doc.paragraphs if "开展专题协商" in p.text)
    assert opening.style.name == "Normal"
    dated = doc.paragraphs[1]  # the date under the title: centred, not indented
    assert dated.alignment == 1 and dated.paragraph_format.first_line_indent == 0
    cell = doc.tables[0].rows[1].cells[0].paragraphs[0]
    assert cell.style.name == "Table Text" and cell.style.font.size.pt == 12


def test_workbook_has_real_numbers_a_sheet_per_pillar_and_the_records(year, client_for):
    got = client_for(year.s.alice).get(reverse("reports:workbook"), {"year": 2024})
    wb = load_workbook(io.BytesIO(b"".join(got.streaming_content)))
    summary = wb.worksheets[0]
    assert summary.freeze_panes == "A2"
    numbers = [row[2].value for row in summary.iter_rows(min_row=2)]
    assert 4 in numbers and 5 in numbers and all(isinstance(n, int) for n in numbers)
    titles = " ".join(wb.sheetnames)
    pillars = {i.pillar for i in all_indicators()}
    headline = [i for i in all_indicators() if i.headline]
    # the summary, each pillar × (committees, months), the records of each headline figure
    assert len(wb.sheetnames) == 1 + 2 * len(pillars) + len(headline)
    assert {"activities", "problems"} <= pillars
    assert "by committee" in titles or "各政协" in titles
    committees = wb.worksheets[1]  # the first pillar's figures by committee
    assert committees.max_row == 4  # header + three committees
    assert [c.value for c in committees["B"]][1:] == [2, 1, 1]  # consultations
    participations = str(indicators.indicator("activities.investment_participations").label)
    records = wb[participations[:31]]
    assert records.max_row == 1 + 5  # the five attended investment participations


def test_the_workbook_names_every_figure_and_its_parts_in_chinese(year, client_for):
    """A figure with several numbers (adopted by the city / province / nationally, contracts
    and their amount) names each column in the reader's language, not by its identifier."""
    import re

    with translation.override("zh-hans"):
        got = client_for(year.s.alice).get(
            reverse("reports:workbook"), {"year": 2024}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
        wb = load_workbook(io.BytesIO(b"".join(got.streaming_content)))
    names = [row[1].value for row in wb.worksheets[0].iter_rows(min_row=2)]
    assert "社情民意信息被采用：市级" in names
    assert "签约项目：金额" in names
    assert [n for n in names if re.search(r"[a-z(]", n)] == []  # "A类答复" is Chinese


@pytest.fixture
def signed_projects():
    """A test-only indicator with two aggregates: count and amount (元)."""
    key = "test.amounts"
    indicators.register(
        indicators.Indicator(
            key=key,
            label="Signed projects",
            unit="projects",
            phrase="signed {n} projects worth {amount}",
            queryset=lambda: Problem.objects.all(),
            date_field="registered_on",
            aggregates={"n": Count("pk"), "amount": Sum("answer_workdays")},
            aggregate_labels={"amount": "amount"},
            headline=True,
            order=1,
        )
    )
    yield key
    indicators.unregister(key)


def test_two_aggregates_and_money_render(year, client_for, signed_projects, monkeypatch):
    from lvzhi.reports import phrasing

    # answer_workdays stands in for an amount in 元 (a MoneyField in the pillar apps)
    monkeypatch.setattr(phrasing, "money_unit", lambda ind, name: 1 if name == "amount" else None)
    Problem.objects.update(answer_workdays=45_000_000)
    page = client_for(year.s.alice).get(reverse("reports:dashboard"), {"year": 2024})
    card = next(c for c in page.context["cards"] if c["figure"].indicator.key == signed_projects)
    assert card["text"] == "4 · 1.8亿元"
    assert "signed 4 projects worth 1.8亿元" in page.context["report"].paragraph()
    Problem.objects.update(answer_workdays=12_345)
    page = client_for(year.s.alice).get(reverse("reports:dashboard"), {"year": 2024})
    card = next(c for c in page.context["cards"] if c["figure"].indicator.key == signed_projects)
    assert card["text"] == "4 · 4.938万元"


def test_dashboard_draws_reply_classes_ratings_and_the_investment_funnel(year, client_for):
    """Proposals' A/B/C and satisfaction shares and the pipeline's funnel, each counted for the
    period and scope like every figure, the funnel's stages drilling down to the project list."""
    from lvzhi.investment.models import InvestmentProject
    from lvzhi.proposals.models import Proposal
    from tests import factories as f

    city = year.s.city
    for reply_class, rating in [("A", "satisfied"), ("A", "basically"), ("B", "satisfied")]:
        p = f.ProposalFactory(committee=city)
        Proposal.objects.filter(pk=p.pk).update(
            state="rated",
            reply_class=reply_class,
            replied_on=datetime.date(2024, 5, 1),
            released_on=datetime.date(2024, 5, 3),
            result_rating=rating,
        )
    late = f.ProposalFactory(committee=city)  # replied the year after: not counted
    Proposal.objects.filter(pk=late.pk).update(
        reply_class="C", replied_on=datetime.date(2025, 2, 1)
    )
    for registered, intention in [(datetime.date(2024, 3, 1), datetime.date(2024, 6, 1))] * 2 + [
        (datetime.date(2024, 4, 1), None)
    ]:
        project = f.InvestmentProjectFactory(committee=city)
        InvestmentProject.objects.filter(pk=project.pk).update(
            registered_on=registered, intention_on=intention
        )
    page = client_for(year.s.alice).get(reverse("reports:dashboard"), {"year": 2024})
    chart = page.context["chart"]
    splits = {s["key"]: {d["name"]: d["value"] for d in s["data"]} for s in chart["splits"]}
    with translation.override("zh-hans"):  # the page's language

        def label(field, key):
            return str(dict(Proposal._meta.get_field(field).flatchoices)[key])

        assert splits["proposals.replied"] == {
            label("reply_class", "A"): 2,
            label("reply_class", "B"): 1,
        }
        assert splits["proposals.rated"] == {
            label("result_rating", "satisfied"): 2,
            label("result_rating", "basically"): 1,
        }
        (funnel,) = chart["funnels"]
        stages = {d["name"]: d["value"] for d in funnel["data"]}
        leads, intentions = (
            str(translation.gettext("Investment leads")),
            str(translation.gettext("Intention agreements")),
        )
    assert (stages[leads], stages[intentions]) == (3, 2)
    assert sum(stages.values()) == 5  # no later stage was reached
    lead_stage = next(d for d in funnel["data"] if d["name"] == leads)
    assert lead_stage["url"].startswith(reverse("investment:project_list"))
    replied = next(s for s in chart["splits"] if s["key"] == "proposals.replied")["data"]
    class_a = max(replied, key=lambda share: share["value"])  # A: 2, B: 1
    assert class_a["value"] == 2 and "reply_class=A" in class_a["url"]
    # each share opens the proposals it counts
    assert len(list(client_for(year.s.alice).get(class_a["url"]).context["table"].data)) == 2
    intention_stage = next(d for d in funnel["data"] if d["name"] == intentions)
    client = client_for(year.s.alice)
    for stage, count in [(lead_stage, 3), (intention_stage, 2)]:
        assert len(list(client.get(stage["url"]).context["table"].data)) == count
    html = page.content.decode()
    assert 'data-testid="funnel-0"' in html and 'data-testid="split-proposals.replied"' in html
