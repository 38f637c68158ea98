"""`lvzhi text clean FILE` and `lvzhi text reindex`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lvzhi.text.selectors import search
from tests import factories as f


def test_clean_writes_text_to_stdout_and_report_to_stderr(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("政協(xié)委員帶著問題\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("text", "clean", str(path), stdout=out, stderr=err)
    assert out.getvalue() == "政协委员带着问题\n"
    assert "pinyin: 1" in err.getvalue() and "traditional: 6" in err.getvalue()
    assert "政协" not in err.getvalue()  # the report is not mixed into the text


def test_clean_exits_2_when_a_character_was_lost(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("承接?xùn)|部产业", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("text", "clean", str(path), stdout=out, stderr=err)
    assert exc.value.code == 2
    assert out.getvalue() == "承接〓部产业"
    assert "FLAG 1:3" in err.getvalue()


def test_clean_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("text", "clean", str(tmp_path / "missing.txt"))


@pytest.mark.django_db
def test_reindex_makes_existing_records_searchable(system):
    f.EnterpriseFactory(committee=system.county, name="武宣糖厂", description="甘蔗良种繁育")
    f.PersonFactory(committee=system.county, name="林伟民", profile="带领企业实施技术改造")
    assert search(system.bob, "良种") == []
    out, err = StringIO(), StringIO()
    call_command("text", "reindex", stdout=out, stderr=err)
    assert "core.enterprise: 1" in out.getvalue() and "core.person: 2" in out.getvalue()
    assert [h.title for h in search(system.bob, "良种")] == ["武宣糖厂"]
    assert [h.title for h in search(system.bob, "技术改造")] == ["林伟民"]


@pytest.mark.django_db
def test_reindex_unknown_kind_is_refused():
    with pytest.raises(CommandError, match="unknown record type"):
        call_command("text", "reindex", "--kind", "core.nothing", "--no-progress")
