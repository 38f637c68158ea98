"""Search finds what people mean: substrings across jieba's word boundaries, synonyms from
the data file (ranked after the typed word), activities; recall against a brute-force scan."""

import datetime

import pytest

from lvzhi.text import services
from lvzhi.text.models import SearchDocument
from lvzhi.text.selectors import search
from tests import factories as f
from tests.text.search_eval import corpus, measure


def enterprise(committee, name, description):
    obj = f.EnterpriseFactory(committee=committee, name=name, description=description)
    services.index_record(obj)
    return obj


def titles(hits):
    return [h.title for h in hits]


@pytest.mark.django_db
def test_a_word_inside_another_cut_is_found(system):
    enterprise(system.county, "武宣县果蔬冷库", "冷库执行农业生产用电价格，建议给予运行补贴。")
    enterprise(system.county, "象州县糖厂", "电力设施老化，吨糖耗电偏高。")
    # jieba cuts 用电|价格: 电价 is only a substring
    assert titles(search(system.alice, "电价")) == ["武宣县果蔬冷库"]
    assert titles(search(system.alice, "冷库 电价 补助")) == ["武宣县果蔬冷库"]
    hit = search(system.alice, "电价")[0]
    assert "<mark>电价</mark>" in hit.snippet


@pytest.mark.django_db
def test_synonyms_are_found_after_the_typed_word(system):
    enterprise(system.county, "糖料蔗合作社", "蔗农申请贷款难，建议开发信用贷款。")
    enterprise(system.county, "钙基新材料公司", "建议加大金融支持，开展银企对接。")
    enterprise(system.county, "绿色家居产业园", "园区企业融资渠道单一。")
    enterprise(system.county, "象州县康养中心", "养老床位不足。")
    got = titles(search(system.alice, "融资"))
    assert got[0] == "绿色家居产业园"
    assert set(got[1:]) == {"糖料蔗合作社", "钙基新材料公司"}
    enterprise(system.county, "武宣港区龙从作业区", "疏港公路等级偏低。")
    assert titles(search(system.alice, "港口")) == ["武宣港区龙从作业区"]


@pytest.mark.django_db
def test_the_office_adds_its_own_synonyms(system, settings, tmp_path):
    enterprise(system.county, "兴宾区社区食堂", "为高龄老人提供午餐。")
    assert search(system.alice, "老年助餐") == []
    own = tmp_path / "synonyms.txt"
    own.write_text("# 办公室自定义\n老年助餐 社区食堂\n", encoding="utf-8")
    settings.TEXT_SYNONYMS = str(own)
    assert titles(search(system.alice, "老年助餐")) == ["兴宾区社区食堂"]


@pytest.mark.django_db
def test_activities_are_searchable(system):
    from lvzhi.activities import services as activity_services
    from lvzhi.activities.models import Activity

    activity = Activity(
        committee=system.county,
        kind=f.ActivityFactory.build().kind,
        title="冷链物流专题调研",
        start_date=datetime.date(2024, 5, 10),
        summary="实地察看田头冷库，座谈农业生产用电价格落实情况。",
    )
    activity_services.activity_save(actor=system.bob, activity=activity)
    [hit] = search(system.bob, "电价")
    assert hit.kind == "activities.activity" and hit.title == "冷链物流专题调研"
    assert hit.url == activity.get_absolute_url()
    assert search(system.olivia, "电价") == []


@pytest.fixture
def eval_corpus(system):
    SearchDocument.objects.all().delete()
    texts = corpus()
    keys = {}
    for i, (key, text) in enumerate(texts.items()):
        keys[enterprise(system.county, f"No. {i}", text).pk] = key
    return system, texts, keys


@pytest.mark.django_db
def test_recall_and_mrr_against_a_brute_force_scan(eval_corpus):
    system, texts, keys = eval_corpus

    def ranked(q):
        return [keys[h.object_id] for h in search(system.alice, q, limit=10)]

    recall, mrr = measure(ranked, texts, with_synonyms=True)
    assert recall >= 0.95 and mrr >= 0.95, (recall, mrr)
    recall, mrr = measure(ranked, texts, with_synonyms=False)
    assert recall >= 0.95 and mrr >= 0.95, (recall, mrr)
