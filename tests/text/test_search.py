"""Search: finds Chinese words and phrases, ranks, highlights, filters, and hides what a user
may not see."""

import pytest
from django.utils import translation

from lvzhi.text import services
from lvzhi.text.selectors import parse_query, search
from tests import factories as f


def enterprise(committee, name, description, **kw):
    obj = f.EnterpriseFactory(committee=committee, name=name, description=description, **kw)
    services.index_record(obj)
    return obj


@pytest.fixture
def corpus(system):
    s = system
    s.sugar = enterprise(
        s.county,
        "广西东糖集团",
        "投入1.8亿元实施技术改造，推动制糖工艺向高端化、智能化转型，"
        "破解企业融资难题，带动蔗农增收。",
    )
    s.port = enterprise(
        s.county,
        "武宣港区龙从作业区",
        "承包接手亏损的港区，通过科学管理实现扭亏为盈，带动350个就业岗位。",
    )
    s.care = enterprise(
        s.other,
        "象州县康养中心",
        "发展养老服务产业，建设社区养老服务站，缓解养老床位不足。",
    )
    s.city_firm = enterprise(
        s.city,
        "来宾钙基新材料有限公司",
        "钙基新材料产业链延链补链，年产1000万平方米绿色建材。",
    )
    s.published = enterprise(
        s.county,
        "武宣县特色水稻合作社",
        "特色水稻种植与融资对接，政银企对接会获得贷款。",
        published=True,
    )
    return s


def titles(hits):
    return [h.title for h in hits]


@pytest.mark.django_db
def test_two_character_word_is_found_inside_longer_words(corpus):
    hits = search(corpus.alice, "融资")
    assert set(titles(hits)) == {"广西东糖集团", "武宣县特色水稻合作社"}


@pytest.mark.django_db
def test_phrase_and_multi_word_queries(corpus):
    assert titles(search(corpus.alice, "技术改造")) == ["广西东糖集团"]
    assert titles(search(corpus.alice, "养老 服务 床位")) == ["象州县康养中心"]
    # a title match ranks before a body match
    assert titles(search(corpus.alice, "钙基新材料"))[0] == "来宾钙基新材料有限公司"


@pytest.mark.django_db
def test_snippet_highlights_the_words_and_escapes_html(corpus):
    enterprise(corpus.city, "测试<script>公司", "<b>养老</b>服务 & 融资")
    [hit] = [h for h in search(corpus.alice, "养老") if h.title.startswith("测试")]
    assert "<mark>养老</mark>" in hit.snippet
    assert "<b>" not in hit.snippet and "&lt;b&gt;" in hit.snippet


@pytest.mark.django_db
def test_county_staff_sees_only_own_county(corpus):
    assert titles(search(corpus.bob, "养老")) == []
    assert set(titles(search(corpus.bob, "融资"))) == {"广西东糖集团", "武宣县特色水稻合作社"}


@pytest.mark.django_db
def test_member_sees_published_records_only_and_outsider_nothing(corpus):
    assert titles(search(corpus.carol, "融资")) == ["武宣县特色水稻合作社"]
    assert search(corpus.olivia, "融资") == []


@pytest.mark.django_db
def test_filters_by_kind_committee_and_year(corpus):
    year = corpus.sugar.created_at.year
    assert titles(search(corpus.alice, "融资", committee_ids=[corpus.city.pk])) == []
    assert len(search(corpus.alice, "融资", year=year)) == 2
    assert search(corpus.alice, "融资", year=year - 1) == []
    assert search(corpus.alice, "融资", kinds=["core.person"]) == []
    assert len(search(corpus.alice, "融资", kinds=["core.enterprise"])) == 2


@pytest.mark.django_db
def test_persons_are_searchable_by_profile(system):
    person = f.PersonFactory(
        committee=system.county,
        name="黎胜国",
        employer="武宣港务公司",
        profile="以每年3000万元承包港区",
    )
    services.index_record(person)
    assert titles(search(system.bob, "港区")) == ["黎胜国"]


@pytest.mark.django_db
def test_index_follows_edits_and_deletes(corpus):
    corpus.port.description = "转型发展冷链物流"
    corpus.port.save()
    services.index_record(corpus.port)
    assert titles(search(corpus.alice, "冷链物流")) == ["武宣港区龙从作业区"]
    assert search(corpus.alice, "扭亏为盈") == []
    services.unindex_record(corpus.port)
    assert search(corpus.alice, "冷链物流") == []


@pytest.mark.django_db
def test_moving_or_publishing_a_record_without_new_words_reaches_search(corpus):
    # The words stay the same; only the committee and the published flag change.
    assert "象州县康养中心" not in titles(search(corpus.bob, "养老"))
    corpus.care.committee = corpus.county
    corpus.care.save()
    services.index_record(corpus.care)
    assert titles(search(corpus.bob, "养老")) == ["象州县康养中心"]
    assert titles(search(corpus.carol, "养老")) == []
    corpus.care.published = True
    corpus.care.save()
    services.index_record(corpus.care)
    assert titles(search(corpus.carol, "养老")) == ["象州县康养中心"]


@pytest.mark.django_db
def test_traditional_and_full_width_queries_find_simplified_text(corpus):
    assert titles(search(corpus.alice, "融資")) != []
    assert titles(search(corpus.alice, "養老")) == ["象州县康养中心"]


@pytest.mark.django_db
def test_one_character_finds_words_starting_with_it(corpus):
    hits = search(corpus.alice, "养")
    assert titles(hits) == ["象州县康养中心"]  # 养老, 养老服务
    with translation.override("en"):
        assert "One character" in str(parse_query("糖").message)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        '"',
        "*",
        "NEAR",
        "'",
        "融资 NEAR 养老",
        '"融资',
        "融资*",
        "融资' OR 1=1 --",
        "😀",
        "融资😀",
        "a",
        "x" * 10_000,
        "融资" * 5_000,
        "AND OR NOT",
        "(",
        ":",
        "^",
        "-养老",
        "养老 -",
        "col:融资",
        "\x00",
        "%",
        "_",
    ],
)
def test_bad_input_never_raises(corpus, q):
    hits = search(corpus.alice, q)
    assert isinstance(hits, list)


@pytest.mark.django_db
def test_bad_input_gets_a_message(corpus):
    with translation.override("en"):
        assert parse_query("").message == "Enter a word to search for."
        assert "symbols are ignored" in parse_query("😀").message
        assert "first 200" in str(parse_query("融资" * 5000).message)


@pytest.mark.django_db
def test_no_record_has_all_words_then_any_word_ranks(corpus):
    hits = search(corpus.alice, "养老 钙基新材料")
    assert set(titles(hits)) == {"象州县康养中心", "来宾钙基新材料有限公司"}


@pytest.mark.django_db
def test_reindex_rebuilds_everything(corpus):
    from lvzhi.text.models import SearchDocument

    SearchDocument.objects.all().delete()
    assert search(corpus.alice, "融资") == []
    done = services.reindex()
    assert done["core.enterprise"] == 5
    assert len(search(corpus.alice, "融资")) == 2


@pytest.mark.django_db
def test_records_written_through_core_services_are_indexed(system):
    from lvzhi.core import services as core_services
    from lvzhi.core.models import Enterprise

    firm = Enterprise(
        committee=system.county, name="武宣县冷链物流公司", description="田头冷库建设"
    )
    core_services.record_save(actor=system.bob, instance=firm)
    assert titles(search(system.bob, "冷库")) == ["武宣县冷链物流公司"]

    firm.description = "产地预冷设施"
    core_services.record_save(actor=system.bob, instance=firm, expected_version=firm.version)
    assert search(system.bob, "冷库") == []
    assert titles(search(system.bob, "预冷")) == ["武宣县冷链物流公司"]

    core_services.record_delete(actor=system.bob, instance=firm)
    assert search(system.bob, "预冷") == []
