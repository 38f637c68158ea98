"""社情民意: who submits, sees and handles a report; steps refused in the wrong state; the
ladder a member sees; the bulletin issue in Word."""

import datetime
import subprocess

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation

from lvzhi.core.choices import Role
from lvzhi.core.errors import DomainError
from lvzhi.core.models import RoleAssignment
from lvzhi.proposals.models import Opinion, OpinionTransition, OpinionUptake
from lvzhi.proposals.services import opinion as services
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 7, 1)


@pytest.fixture
def op(system):
    """carol's seat in the county, a report of hers filed by the county office, an issue."""
    system.seat = f.MemberFactory(committee=system.county, person=system.carol_person)
    system.opinion = services.opinion_submit(
        actor=system.bob,
        opinion=Opinion(
            committee=system.county, title="关于稳定糖料蔗种植面积的建议", text="原文。"
        ),
        m2m={"authors": [system.seat]},
    )
    system.issue = f.OpinionBulletinFactory(committee=system.county, number=7)
    system.oscar = f.UserFactory(username="oscar")  # the other county's office
    RoleAssignment.objects.create(user=system.oscar, committee=system.other, role=Role.STAFF)
    return system


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def advance(s, opinion, to):
    path = ["accept", "compile", "forward", "adopt"]
    inputs = {
        "accept": {},
        "compile": {"bulletin": s.issue},
        "forward": {"level": "city", "date": DAY},
        "adopt": {"level": "city", "mode": "single", "date": DAY + datetime.timedelta(days=9)},
    }
    for step in path[: path.index(to) + 1]:
        opinion = getattr(services, f"opinion_{step}")(actor=s.bob, opinion=opinion, **inputs[step])
    return opinion


def test_a_member_submits_a_report_of_their_own(op, client_for):
    client = client_for(op.carol)
    response = client.post(
        "/proposals/opinions/submit/",
        {
            "committee": op.county.pk,
            "title": "关于降低制糖企业用电成本的建议",
            "text": "情况、分析、建议。",
        },
    )
    assert response.status_code == 302
    mine = Opinion.objects.get(title="关于降低制糖企业用电成本的建议")
    assert list(mine.authors.all()) == [op.seat]
    assert (mine.state, mine.published) == ("submitted", False)
    assert mine.transitions.get().action == "submit"
    page = client.get(mine.get_absolute_url())
    assert page.status_code == 200 and "关于降低制糖企业用电成本的建议" in page.content.decode()


def test_a_report_longer_than_the_limit_is_refused_at_the_field(op, client_for, settings):
    settings.OPINION_MAX_CHARS = 1500
    client = english(client_for(op.carol))
    response = client.post(
        "/proposals/opinions/submit/",
        {"committee": op.county.pk, "title": "过长的社情民意", "text": "字" * 1501},
    )
    assert response.status_code == 400
    assert "at most 1500 characters" in response.content.decode()
    assert not Opinion.objects.filter(title="过长的社情民意").exists()


def test_who_sees_a_report(op, client_for):
    url = op.opinion.get_absolute_url()
    for who, status in [
        ("carol", 200),  # its author
        ("bob", 200),  # the county office
        ("alice", 200),  # the city office above
        ("erin", 200),  # a city leader reads
        ("dave", 404),  # a handling unit: not assigned to it
        ("oscar", 404),  # another county's office
        ("olivia", 404),
    ]:
        assert client_for(getattr(op, who)).get(url).status_code == status, who
    other_member = f.UserFactory(username="mona")
    RoleAssignment.objects.create(user=other_member, committee=op.county, role=Role.MEMBER)
    assert client_for(other_member).get(url).status_code == 404  # not published, not hers


def test_the_office_edits_and_the_original_stays(op, client_for):
    client = english(client_for(op.bob))
    response = client.post(
        f"{op.opinion.get_absolute_url()}step/edit/",
        {"edited_text": "编辑后的文字。", "comment": "精简"},
    )
    assert response.status_code == 302
    op.opinion.refresh_from_db()
    assert (op.opinion.text, op.opinion.edited_text) == ("原文。", "编辑后的文字。")
    page = client_for(op.carol).get(op.opinion.get_absolute_url()).content.decode()
    assert "原文。" in page and "编辑后的文字。" in page


def test_the_author_and_others_may_not_take_the_office_steps(op, api_for):
    url = f"/api/v1/opinions/{op.opinion.pk}/accept/"
    assert api_for(op.carol).post(url, {}, format="json").status_code == 403
    assert api_for(op.dave).post(url, {}, format="json").status_code == 404
    assert api_for(op.oscar).post(url, {}, format="json").status_code == 404
    with pytest.raises(PermissionDenied):
        services.opinion_accept(actor=op.carol, opinion=op.opinion)
    op.opinion.refresh_from_db()
    assert op.opinion.state == "submitted"


@pytest.mark.parametrize(
    "step,inputs,expected",
    [
        ("compile", {"bulletin": None}, "Only an accepted report"),
        ("forward", {"level": "city", "date": "2024-07-01"}, "once it is in a bulletin issue"),
        ("adopt", {"level": "city", "mode": "single", "date": "2024-07-01"}, "sent upward"),
    ],
)
def test_a_step_the_state_does_not_allow_is_a_translated_400(op, api_for, step, inputs, expected):
    if step == "compile":
        inputs = {"bulletin": op.issue.pk}
    api = api_for(op.bob)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = Opinion.objects.get(pk=op.opinion.pk)
    response = api.post(f"/api/v1/opinions/{op.opinion.pk}/{step}/", inputs, format="json")
    assert response.status_code == 400
    assert expected in str(response.json())
    after = Opinion.objects.get(pk=op.opinion.pk)
    assert (after.state, after.version) == (before.state, before.version)
    assert not OpinionUptake.objects.exists()


def test_a_refused_step_on_the_page_says_why_in_chinese(op, client_for):
    response = client_for(op.bob).post(
        f"{op.opinion.get_absolute_url()}step/compile/", {"bulletin": op.issue.pk}, follow=True
    )
    assert response.status_code == 200
    assert "只有已录用的社情民意才能编入简报" in response.content.decode()
    op.opinion.refresh_from_db()
    assert op.opinion.state == "submitted"


def test_adoption_needs_the_sending_to_that_level_first(op):
    opinion = advance(op, op.opinion, "forward")  # sent to the city only
    with translation.override("en"), pytest.raises(DomainError) as exc:
        services.opinion_adopt(
            actor=op.bob, opinion=opinion, level="province", mode="single", date=DAY
        )
    assert "not sent to this level" in exc.value.message
    services.opinion_adopt(actor=op.bob, opinion=opinion, level="city", mode="combined", date=DAY)
    with translation.override("en"), pytest.raises(DomainError) as exc:
        services.opinion_adopt(actor=op.bob, opinion=opinion, level="city", mode="single", date=DAY)
    assert "already recorded" in exc.value.message
    assert OpinionUptake.objects.filter(kind="adopted").count() == 1


def test_a_bulletin_of_another_committee_is_refused_at_the_field(op, api_for):
    opinion = advance(op, op.opinion, "accept")
    city_issue = f.OpinionBulletinFactory(committee=op.city, number=3)
    response = api_for(op.alice).post(
        f"/api/v1/opinions/{opinion.pk}/compile/", {"bulletin": city_issue.pk}, format="json"
    )
    assert response.status_code == 400 and "bulletin" in response.json()
    opinion.refresh_from_db()
    assert (opinion.state, opinion.bulletin) == ("accepted", None)


def test_the_member_sees_the_ladder_with_every_dated_step(op, client_for):
    opinion = advance(op, op.opinion, "adopt")
    services.opinion_instruct(
        actor=op.alice,
        opinion=opinion,
        instructed_by="市委主要领导",
        instruction_level="city_principal",
        date=datetime.date(2024, 7, 20),
        text="请市农业农村局研究落实。",
    )
    client = english(client_for(op.carol))
    page = client.get(opinion.get_absolute_url()).content.decode()
    ladder = page.split('data-testid="ladder"')[1].split("</ol>")[0]
    for text in [
        "Submitted",
        "Accepted",
        "In the bulletin",
        "Sent to City Party committee / city government",
        "Adopted by City Party committee / city government",
        "Adopted on its own",
        "Instruction by 市委主要领导（Principal city leader）",
        "请市农业农村局研究落实。",
    ]:
        assert text in ladder, text
    assert 'data-done="0"' not in ladder  # every rung reached
    actions = list(opinion.transitions.values_list("action", "actor__username"))
    assert actions == [
        ("submit", "bob"),
        ("accept", "bob"),
        ("compile", "bob"),
        ("forward", "bob"),
        ("adopt", "bob"),
        ("instruct", "alice"),
    ]
    assert OpinionTransition.objects.filter(opinion=opinion).count() == 6
    uptakes = list(opinion.uptakes.values_list("kind", "level", "date", "recorded_by__username"))
    assert uptakes == [
        ("forwarded", "city", DAY, "bob"),
        ("adopted", "city", DAY + datetime.timedelta(days=9), "bob"),
        ("instructed", "", datetime.date(2024, 7, 20), "alice"),
    ]


def test_a_rejected_report_shows_the_reason_on_its_ladder(op, client_for):
    services.opinion_reject(actor=op.bob, opinion=op.opinion, reason="已有专门部署")
    page = english(client_for(op.carol)).get(op.opinion.get_absolute_url()).content.decode()
    ladder = page.split('data-testid="ladder"')[1].split("</ol>")[0]
    assert "Not accepted" in ladder and "已有专门部署" in ladder
    assert "In the bulletin" not in ladder


def test_create_from_keeps_the_authors_and_the_link(op):
    source = f.ActivityFactory(committee=op.county, title="来源记录")
    opinion = services.opinion_create_from(
        actor=op.bob,
        title="转来的社情民意",
        text="提案正文。",
        authors=[op.seat],
        committee=op.county,
        source=source,
    )
    assert list(opinion.authors.all()) == [op.seat]
    assert (opinion.source, opinion.source_label, opinion.state) == (
        source,
        str(source),
        "submitted",
    )
    with pytest.raises(PermissionDenied):
        services.opinion_create_from(
            actor=op.carol, title="x", text="y", authors=[], committee=op.county, source=None
        )


def test_the_bulletin_issue_opens_in_word_and_prints_on_a4(op, client_for, tmp_path):
    opinion = advance(op, op.opinion, "compile")
    response = client_for(op.bob).get(f"/proposals/bulletins/{op.issue.pk}/word/")
    assert response.status_code == 200
    path = tmp_path / "issue.docx"
    path.write_bytes(b"".join(response.streaming_content))
    from docx import Document

    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "社情民意"
    assert opinion.title in texts and "原文。" in texts
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert client_for(op.oscar).get(f"/proposals/bulletins/{op.issue.pk}/word/").status_code == 404
    soffice = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=120,
    )
    assert soffice.returncode == 0 and (tmp_path / "issue.pdf").exists()


def test_a_report_the_office_acted_on_cannot_be_deleted(op, api_for):
    services.opinion_accept(actor=op.bob, opinion=op.opinion)
    api = api_for(op.bob)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = api.delete(f"/api/v1/opinions/{op.opinion.pk}/")
    assert response.status_code == 400
    assert "cannot be deleted" in str(response.json())
    assert Opinion.objects.filter(pk=op.opinion.pk).exists()


def test_a_member_submits_through_the_api_and_others_may_not(op, api_for):
    body = {"committee": op.county.pk, "title": "接口报送的建议", "text": "情况、分析、建议。"}
    response = api_for(op.carol).post("/api/v1/opinions/submit/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "submitted"
    mine = Opinion.objects.get(title="接口报送的建议")
    assert list(mine.authors.all()) == [op.seat]
    # a handling unit is no member; another committee is not carol's
    assert api_for(op.dave).post("/api/v1/opinions/submit/", body, format="json").status_code == 403
    body["committee"] = op.other.pk
    response = api_for(op.carol).post("/api/v1/opinions/submit/", body, format="json")
    assert response.status_code == 400 and "committee" in response.json()
    body.update(committee=op.county.pk, text="字" * (settings.OPINION_MAX_CHARS + 1))
    response = api_for(op.carol).post("/api/v1/opinions/submit/", body, format="json")
    assert response.status_code == 400 and "text" in response.json()
    assert Opinion.objects.filter(title="接口报送的建议").count() == 1


def test_the_office_puts_accepted_reports_in_an_issue_from_its_page(op, client_for):
    accepted = advance(op, op.opinion, "accept")
    other = services.opinion_submit(
        actor=op.bob, opinion=Opinion(committee=op.county, title="未录用的建议", text="建议。")
    )
    page = client_for(op.bob).get(op.issue.get_absolute_url()).content.decode()
    waiting = page.split('data-testid="bulletin-compile"')[1].split("</form>")[0]
    assert accepted.title in waiting and "未录用的建议" not in waiting
    # a member may not, and sees no such form
    assert (
        'data-testid="bulletin-compile"'
        not in client_for(op.carol).get(op.issue.get_absolute_url()).content.decode()
    )
    url = f"/proposals/bulletins/{op.issue.pk}/compile/"
    # one report that cannot go in (not accepted): none goes in
    client_for(op.bob).post(url, {"opinion": [accepted.pk, other.pk]})
    accepted.refresh_from_db()
    assert (accepted.state, accepted.bulletin) == ("accepted", None)
    assert client_for(op.bob).post(url, {"opinion": [accepted.pk]}).status_code == 302
    accepted.refresh_from_db()
    assert (accepted.state, accepted.bulletin_id) == ("published", op.issue.pk)
