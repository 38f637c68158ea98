"""Cleaning pasted text: the seed article, legitimate brackets, widths, the report."""

from pathlib import Path

import pytest

from lvzhi.text.cleaning import LOST, LOST_MARK, PINYIN, TRADITIONAL, clean_text

# The article this project implements, as scraped (traditional characters, inline pinyin)
# and as cleaned by hand; kept with the tests so they never depend on files outside the repo.
SEED = Path(__file__).resolve().parent / "data"


def _seed(name):
    return (SEED / name).read_text(encoding="utf-8")


def test_seed_article_cleans_to_the_simplified_article_except_the_flagged_character():
    original = _seed("article-original.txt")
    expected = _seed("article-simplified.txt")
    result = clean_text(original)

    assert len(result.flags) == 1
    flag = result.flags[0]
    assert flag.kind == LOST and flag.before == "?xùn)|" and flag.after == LOST_MARK
    # the remnant reads xùn, the lost character was 东: nothing is guessed
    assert "东" not in result.text[result.text.index("承接") : result.text.index("承接") + 3]
    assert result.text.count(LOST_MARK) == 1
    at = result.text.index(LOST_MARK)
    assert result.text[:at] == expected[:at]
    assert result.text[at + 1 :] == expected[at + 1 :]
    assert expected[at] == "东"


def test_report_lists_every_change_with_its_place_in_the_original():
    original = _seed("article-original.txt")
    result = clean_text(original)
    counts = result.counts()
    assert counts[PINYIN] == original.count("(") - 1  # every bracket but "(次)"
    assert counts[TRADITIONAL] > 600
    for change in result.changes:
        assert original[change.offset : change.offset + len(change.before)] == change.before
    line, column = result.position(result.flags[0].offset)
    assert line == 1 and column == original.index("?xùn") + 1
    assert any(line.startswith("FLAG 1:") for line in result.report_lines())


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("政協(xié)委員", "政协委员"),
        ("領(lǐng)導(dǎo)帶隊", "领导带队"),
        ("政協（xié）", "政协"),  # full-width brackets around pinyin
        ("350多場（次）", "350多场(次)"),  # a legitimate bracket stays, in the seed's ASCII form
        ("(2024)年度報告", "(2024)年度报告"),
        ("地区生产总值(GDP)增长", "地区生产总值(GDP)增长"),
        ("方案(a)与方案(b)", "方案(a)与方案(b)"),  # toneless letters without other annotations
        ("（一）加强领导", "(一)加强领导"),
    ],
)
def test_pinyin_goes_and_legitimate_brackets_stay(raw, clean):
    assert clean_text(raw).text == clean


def test_toneless_annotation_is_removed_in_an_annotated_text():
    text = "政協(xié)委員(wěi)們(men)"
    assert clean_text(text).text == "政协委员们"


def test_full_width_letters_digits_and_spaces_become_ascii():
    result = clean_text("ＧＤＰ增長１２．５％\u3000全年")
    assert result.text == "GDP增长12.5%" + " 全年"


def test_particle_zhe_is_simplified_but_not_in_zhuming():
    assert clean_text("委員帶著問題、隨著發展,著力推進").text == "委员带着问题、随着发展,着力推进"
    assert clean_text("成效顯著,著名企業").text == "成效显著,著名企业"


def test_cjk_style_uses_full_width_punctuation_next_to_chinese():
    result = clean_text("參與招商350多場(次),共1,000人", style="cjk")
    assert result.text == "参与招商350多场（次），共1,000人"


def test_clean_text_without_changes_reports_none():
    result = clean_text("产业振兴 委员行动")
    assert result.text == "产业振兴 委员行动"
    assert result.changes == [] and result.report_lines() == ["no changes"]


@pytest.mark.parametrize("text", ["", "   ", "😀🚀", "|", "?", "(", "（xié", "\ufffd"])
def test_odd_input_never_raises(text):
    result = clean_text(text)
    assert isinstance(result.text, str)


def test_replacement_character_is_flagged():
    result = clean_text("承接\ufffd部产业")
    assert result.text == "承接〓部产业" and len(result.flags) == 1
