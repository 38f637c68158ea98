"""Lists of people sort by 姓氏笔画 (the CPPCC convention) by default, by pinyin on request;
the sort keys are stored with the name by every write path."""

import re

from django.urls import reverse

from lvzhi.core.models import Enterprise, Person
from lvzhi.core.services import member_save, record_save
from lvzhi.text.names import first_stroke, initials, pinyin_key, stroke_key, strokes
from tests import factories as f

NAMES = ["欧阳明", "王林", "丁一", "李明", "曾涛"]


def test_stroke_counts_and_keys():
    assert [strokes(c) for c in "丁王李欧曾黎"] == [2, 4, 7, 8, 12, 15]
    assert sorted(NAMES, key=stroke_key) == ["丁一", "王林", "李明", "欧阳明", "曾涛"]
    # one surname stays together, then the given name's strokes decide
    assert sorted(["王林", "丑八", "王一"], key=stroke_key) == ["王一", "王林", "丑八"]
    assert pinyin_key("曾涛") == "zeng tao" and pinyin_key("单雄信").startswith("shan ")
    assert sorted(NAMES, key=pinyin_key) == ["丁一", "李明", "欧阳明", "王林", "曾涛"]
    assert initials("黎胜国") == "lsg"


def test_same_stroke_count_goes_by_the_first_stroke():
    """横 竖 撇 点 折: 王 (一) before 毛 (丿) before 方 (丶) before 孔 (乛), all four strokes,
    though code points would put 孔 first; 丑 (乛) after 王 (一)."""
    assert [first_stroke(c) for c in "王卡毛方孔"] == [1, 2, 3, 4, 5]
    assert sorted(["孔明", "方明", "毛明", "王明"], key=stroke_key) == [
        "王明",
        "毛明",
        "方明",
        "孔明",
    ]
    # the given name too: 王一 (一 1 stroke) … 王文 and 王方 (4 strokes, both 点 first)
    assert sorted(["王方", "王毛", "王文"], key=stroke_key) == ["王毛", "王文", "王方"]
    # a character without a known first stroke (Extension A) follows those of its count
    assert first_stroke("㐀") == 6 and strokes("㐀") == strokes("卡") == 5
    assert sorted(["王㐀", "王卡"], key=stroke_key) == ["王卡", "王㐀"]


def _names_on(page, names):
    found = [(page.index(n), n) for n in names if n in page]
    return [n for _i, n in sorted(found)]


def test_members_list_by_strokes_then_pinyin_on_request(system, client_for):
    for name in NAMES:
        f.MemberFactory(committee=system.county, person__name=name)
    client = client_for(system.bob)
    page = client.get(reverse("core:member_list")).content.decode()
    assert _names_on(page, NAMES) == ["丁一", "王林", "李明", "欧阳明", "曾涛"]
    assert re.search(r'<select name="name_order"', page)
    page = client.get(reverse("core:member_list"), {"name_order": "pinyin"}).content.decode()
    assert _names_on(page, NAMES) == ["丁一", "李明", "欧阳明", "王林", "曾涛"]
    api = client.get("/api/v1/members/").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [r for r in rows if r.get("id")]  # the API lists them too


def test_every_write_path_stores_the_sort_keys(system):
    person = record_save(actor=system.bob, instance=Person(name="曾涛", committee=system.county))
    assert person.name_strokes == stroke_key("曾涛") and person.name_pinyin == "zeng tao"
    person.name = "丁一"
    record_save(actor=system.bob, instance=person)
    person.refresh_from_db()
    assert person.name_strokes == stroke_key("丁一") and person.name_pinyin == "ding yi"
    member = f.MemberFactory.build(committee=system.county, sector=f.SectorFactory(name="工商界"))
    member_save(actor=system.bob, member=member, person=Person(name="黎胜国", mobile=""))
    assert Person.objects.get(name="黎胜国").name_pinyin == "li sheng guo"


def test_bulk_and_row_by_row_imports_store_the_sort_keys(system):
    from tests.core.test_import_members import HEADER, run_import

    f.SectorFactory(name="经济界")
    rows = [HEADER]
    rows += [
        [n, "男", "", "", f"1390000000{i}", "武宣县政协", "经济界", "第五届", ""]
        for i, n in enumerate(NAMES[:2])
    ]
    assert run_import(system.bob, rows).ok
    assert run_import(
        system.bob,
        [HEADER, [NAMES[2], "男", "", "", "13900000009", "武宣县政协", "经济界", "第五届", ""]],
        bulk=False,
    ).ok
    for name in NAMES[:3]:
        person = Person.objects.get(name=name)
        assert (person.name_strokes, person.name_pinyin) == (stroke_key(name), pinyin_key(name))


def test_the_data_migration_fills_the_keys_of_stored_names(system):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lvzhi.core.migrations.0010_name_sort_keys")
    for name in NAMES:
        f.PersonFactory(committee=system.county, name=name)
    enterprise = f.EnterpriseFactory(committee=system.county, name="广西东糖集团")
    Person.objects.update(name_strokes="", name_pinyin="")  # as before the migration
    Enterprise.objects.update(name_pinyin="")
    migration.fill_name_keys(apps, None)
    enterprise.refresh_from_db()
    assert enterprise.name_pinyin == "guang xi dong tang ji tuan"
    for person in Person.objects.filter(name__in=NAMES):
        assert person.name_strokes == stroke_key(person.name)
        assert person.name_pinyin == pinyin_key(person.name)
