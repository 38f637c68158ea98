"""The demo's 社情民意, bulletin issues and the article's two sugar documents with their
sources; 黎胜国's closed problem and adopted report in his score; the declared figures."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from docx import Document

from lvzhi.activities.scoring import compute_scores
from lvzhi.core.demo.loader import reset_demo
from lvzhi.core.indicators import indicator
from lvzhi.core.models import Member
from lvzhi.problems.models import Problem
from lvzhi.proposals.models import Opinion, OpinionBulletin, OpinionUptake, Outcome
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


ARTICLE = (
    "2024年，全市政协系统开展专题协商80余场，组成产业服务团走访企业180次，"
    "协调解决难题290个，政协委员参与对外招商350多场（次）"
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_pillars("activities", "problems", "proposals"):
        call_command("demo", verbosity=0)
        yield
        reset_demo()


def figure(key, year=2024):
    ind = indicator(key)
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    qs = ind.queryset().filter(**{f"{ind.date_field}__gte": start, f"{ind.date_field}__lt": end})
    return qs.aggregate(**ind.aggregates)


@pytest.mark.usefixtures("loaded")
class TestDemo:
    def test_reports_bulletins_and_the_way_upward(self):
        assert Opinion.objects.count() == 60
        assert OpinionBulletin.objects.filter(year=2024).count() > 12
        adopted = OpinionUptake.objects.filter(kind="adopted")
        levels = dict(adopted.values_list("level").annotate(n=Count("pk")))
        assert levels["city"] >= 5 and levels["province"] >= 2
        instruction = OpinionUptake.objects.get(kind="instructed")
        assert instruction.instruction_level == "city_principal"
        assert Opinion.objects.filter(state="rejected").exists()
        assert Opinion.objects.exclude(edited_text="").exists()

    def test_the_figures_come_out_of_the_records(self):
        assert figure("proposals.opinions_submitted")["n"] == 60
        adopted = figure("proposals.opinions_adopted")
        assert adopted["n"] == adopted["city"] + adopted["province"] + adopted["national"] > 0
        assert figure("proposals.opinions_instructed")["n"] == 1
        assert figure("proposals.outcomes")["n"] == 2

    def test_the_two_sugar_documents_trace_to_their_sources(self, client_for):
        plan = Outcome.objects.get(title="来宾市糖业降本增效行动方案")
        opinion_doc = Outcome.objects.get(title="全市加快推进糖业全产业链高质量发展的实施意见")
        kinds = {s.source_type.model for s in opinion_doc.sources.all()}
        assert {"activity", "reportitem", "opinion"} <= kinds
        items = [s.source for s in opinion_doc.sources.all() if s.source_type.model == "reportitem"]
        assert {i.kind for i in items} == {"problem", "guide"}  # 问题清单 and 操作指南
        consultation = next(
            s.source for s in plan.sources.all() if s.source_type.model == "activity"
        )
        office = get_user_model().objects.get(username="demo-staff")
        page = client_for(office).get(consultation.get_absolute_url()).content.decode()
        assert "来宾市糖业降本增效行动方案" in page.split('data-testid="outcomes"')[1]

    def test_li_shengguo_earns_for_his_closed_problem_and_adopted_report(self):
        li = Member.objects.get(person__name="黎胜国", person__user__username="demo-member")
        problem = Problem.objects.get(raised_by=li.person)
        assert problem.state == "closed"
        resolved = Problem.objects.filter(state__in=["confirmed", "closed"])
        assert resolved.filter(registered_on__year=2024).count() == 290
        score = compute_scores([li], 2024)[li.pk]
        lines = {(line.rule, line.url) for line in score.lines}
        assert ("协调解决难题", f"/problems/{problem.pk}/") in lines
        adopted = [line for line in score.lines if line.rule == "社情民意被采用"]
        assert len(adopted) == 2  # city and provincial adoption of the same report
        assert sum(line.points for line in adopted) == 10

    def test_the_word_report_says_the_articles_sentence(self, client):
        """The demo reproduces the article: the reports app's Word report opens with its
        2024 figures (tested on this module's data set, which holds the pillars it counts)."""
        client.force_login(get_user_model().objects.get(username="demo-staff"))
        got = client.get(
            reverse("reports:annual_report"),
            {"year": 2024, "scope": "all"},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        doc = Document(io.BytesIO(b"".join(got.streaming_content)))
        opening = next(p.text for p in doc.paragraphs if p.text.startswith("据统计"))
        assert ARTICLE in opening
