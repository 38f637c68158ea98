"""Chinese amounts and counts: parsing, formatting, the amount form field."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from lvzhi.text.amounts import (
    AmountField,
    find_quantities,
    format_count,
    format_money,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate", "per"),
    [
        ("1.8亿元", Decimal("180000000"), "元", False, None),
        ("3000万元", Decimal("30000000"), "元", False, None),
        ("每年3000万元", Decimal("30000000"), "元", False, "year"),
        ("年产1000万平方米", Decimal("10000000"), "平方米", False, "year"),
        ("80余场", Decimal("80"), "场", True, None),
        ("350多场（次）", Decimal("350"), "场次", True, None),
        ("350多场(次)", Decimal("350"), "场次", True, None),
        ("三十二家", Decimal("32"), "家", False, None),
        ("20余条", Decimal("20"), "条", True, None),
        ("3,000万元", Decimal("30000000"), "元", False, None),
        ("3000余万元", Decimal("30000000"), "元", True, None),
        ("约5亿元", Decimal("500000000"), "元", True, None),
        ("一千二百万元", Decimal("12000000"), "元", False, None),
        ("2.5万", Decimal("25000"), "", False, None),
    ],
)
def test_parse_quantity(text, value, unit, approximate, per):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.approximate, q.per) == (value, unit, approximate, per)


# the last one has more digits than a decimal holds once multiplied (found by the API fuzz)
@pytest.mark.parametrize("text", ["", "一体化", "元", "abc", "1.8亿元x", "😀", "9" * 27 + "亿元"])
def test_parse_quantity_refuses_what_is_not_a_quantity(text):
    assert parse_quantity(text) is None


def test_find_quantities_reads_the_statistics_paragraph():
    text = (
        "2024年,全市政协系统开展专题协商80余场,组成产业服务团走访企业180次,"
        "协调解决难题290个,政协委员参与对外招商350多场(次),推动竹浆纸一体化。"
    )
    found = [(str(q.value), q.unit, q.approximate) for q in find_quantities(text)]
    assert found == [
        ("2024", "年", False),
        ("80", "场", True),
        ("180", "次", False),
        ("290", "个", False),
        ("350", "场次", True),
    ]


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (5, "5"),
        (12, "10余"),
        (20, "20"),
        (83, "80余"),
        (290, "290"),
        (356, "350余"),
        (1234, "1200余"),
        (35678, "3.5万余"),
        (120000, "12万"),
    ],
)
def test_format_count_writes_counts_like_the_article(n, text):
    assert format_count(n) == text


def test_format_count_can_say_duo():
    assert format_count(356, suffix="多") + "场" == "350多场"


class ProjectForm(forms.Form):
    amount = AmountField()


@pytest.mark.parametrize(
    ("raw", "yuan"),
    [
        ("1.8亿", Decimal("180000000")),
        ("3000万元", Decimal("30000000")),
        ("１２００", Decimal("1200")),
        (" 250000 ", Decimal("250000")),
        ("12.5", Decimal("12.5")),
    ],
)
def test_amount_field_accepts_chinese_amounts(raw, yuan):
    form = ProjectForm(data={"amount": raw})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == yuan


class CaseForm(forms.Form):
    investment = AmountField(unit=10_000)


@pytest.mark.parametrize(
    ("raw", "wan"),
    [
        ("1.8亿", Decimal("18000")),
        ("3000万元", Decimal("3000")),
        ("3000", Decimal("3000")),
        ("250000元", Decimal("25")),
        ("2.5", Decimal("2.5")),
    ],
)
def test_amount_field_in_10k_yuan_takes_bare_numbers_in_its_unit(raw, wan):
    form = CaseForm(data={"investment": raw})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["investment"] == wan


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("80余万", "Enter an exact amount; “80余万” is approximate."),
        ("100平方米", "Enter an amount of money in yuan, not 平方米."),
        ("很多钱", "Enter an amount such as 1.8亿 or 3000万元."),
        ("-5", "The amount cannot be negative."),
        ("负3000万", "The amount cannot be negative."),
        ("9" * 27 + "亿", "Enter an amount such as 1.8亿 or 3000万元."),
        ("-" + "9" * 27 + "亿", "Enter an amount such as 1.8亿 or 3000万元."),
    ],
)
def test_amount_field_says_what_is_wrong(raw, message):
    with translation.override("en"):
        form = ProjectForm(data={"amount": raw})
        assert not form.is_valid()
        assert form.errors["amount"] == [message]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (18000, 10_000, "1.8亿元"),
        (Decimal("3000.00"), 10_000, "3000万元"),
        (180_000_000, 1, "1.8亿元"),
        (12_345_678, 1, "1234.5678万元"),
        (250, 1, "250元"),
        (1.1, 10_000, "1.1万元"),
        (-3000, 10_000, "-3000万元"),
        (None, 1, ""),
    ],
)
def test_format_money_writes_amounts_like_reports(value, unit, text):
    assert format_money(value, unit) == text


def test_money_round_trips_through_the_amount_field():
    for typed, shown in [
        ("1.8亿", "1.8亿元"),
        ("3000万元", "3000万元"),
        ("12.5万元", "12.5万元"),
        ("250000元", "25万元"),
    ]:
        form = CaseForm(data={"investment": typed})
        assert form.is_valid(), form.errors
        assert format_money(form.cleaned_data["investment"], 10_000) == shown
