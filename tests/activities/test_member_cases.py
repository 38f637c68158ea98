"""Member cases: impact figures typed the way the article writes them ("1.8亿", "3000万元")."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from lvzhi.activities import models


def case_form(system, people, **extra):
    return {
        "committee": system.county.pk,
        "member": people.carol.pk,
        "title": "引进糖业龙头企业",
        "year": 2024,
        "summary": "带动甘蔗种植和制糖企业技术改造。",
        **extra,
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.8亿", Decimal("18000")),
        ("1.8亿元", Decimal("18000")),
        ("3000万元", Decimal("3000")),
        ("3000", Decimal("3000")),  # a bare number is in the field's unit, 万元
        ("500000元", Decimal("50")),
        ("１２００", Decimal("1200")),
    ],
)
def test_investment_typed_in_chinese_is_stored_in_10k_yuan(
    system, client_for, people, typed, stored
):
    res = client_for(system.bob).post(
        reverse("activities:case_add"), case_form(system, people, investment=typed)
    )
    assert res.status_code == 302, res.content.decode()[:2000]
    case = models.MemberCase.objects.get()
    assert case.investment == stored
    assert case.history.first().investment == stored


def test_the_form_says_what_it_accepts(system, client_for, people):
    page = client_for(system.bob).get(reverse("activities:case_add")).content.decode()
    assert 'name="investment"' in page
    assert 'type="number"' not in page.split('name="investment"')[0].rsplit("<input", 1)[-1]
    assert "3000万元" in page  # the help text under the field
    assert "万元" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("很多", "请输入金额，如1.8亿或3000万元。"),
        ("80余万", "请输入确切金额，“80余万”是约数。"),
        ("100平方米", "请输入以元为单位的金额，不能使用“平方米”。"),
        ("-5", "金额不能为负数。"),
    ],
)
def test_bad_amount_is_a_field_error_in_chinese_and_nothing_saved(
    system, client_for, people, typed, message
):
    with translation.override("zh-hans"):
        res = client_for(system.bob).post(
            reverse("activities:case_add"), case_form(system, people, output_value=typed)
        )
    assert res.status_code == 400
    page = res.content.decode()
    assert 'data-field-error="output_value"' in page
    assert message in page
    assert not models.MemberCase.objects.exists()


def test_api_accepts_numbers_and_chinese_amounts(system, api_for, people):
    api = api_for(system.bob)
    payload = {
        "committee": system.county.pk,
        "member": people.carol.pk,
        "title": "港区运营",
        "year": 2024,
        "investment": "每年3000万元",
        "investment_is_annual": True,
        "output_value": 1.8,
        "jobs_created": 350,
    }
    res = api.post("/api/v1/member-cases/", payload, format="json")
    assert res.status_code == 201, res.json()
    case = models.MemberCase.objects.get()
    assert case.investment == Decimal("3000")
    assert case.output_value == Decimal("1.8")
    assert res.json()["investment"] == "3000.00"


def test_api_refuses_a_bad_amount_at_its_field(system, api_for, people):
    res = api_for(system.bob).post(
        "/api/v1/member-cases/",
        {
            "committee": system.county.pk,
            "member": people.carol.pk,
            "title": "港区运营",
            "year": 2024,
            "investment": "80余万",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert res.status_code == 400
    assert "investment" in res.json()
    assert not models.MemberCase.objects.exists()
