"""Excel in: the 融资需求 survey sheet (all-or-nothing, row errors as for every import)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core.importers.base import Column, Importer, RowInvalid
from lvzhi.core.models import Committee, Enterprise, Industry
from lvzhi.text.amounts import AmountField

from .choices import Urgency
from .models import FinancingNeed

_AMOUNT = AmountField(unit=10_000, max_digits=12, decimal_places=2)


class FinancingNeedImporter(Importer):
    kind = "financing_needs"
    label = gettext_lazy("financing needs")
    model = FinancingNeed
    columns = [
        Column("企业名称", "enterprise", required=True, kind="fk", model=Enterprise),
        Column("所属政协", "committee", required=True, kind="fk", model=Committee),
        Column("融资金额（万元）", "amount", required=True, help="500 或 500万元 或 1.2亿"),
        Column("用途", "purpose", required=True),
        Column("期限（月）", "term_months", kind="int"),
        Column("抵质押物", "collateral"),
        Column("紧急程度", "urgency", kind="choice", choices=Urgency),
        Column("摸排日期", "surveyed_on", help="2024-04-10"),
        Column("所属产业", "industry", kind="fk", model=Industry),
    ]

    def build(self, values: dict):
        try:
            values["amount"] = _AMOUNT.clean(values["amount"])
        except ValidationError as exc:
            raise RowInvalid(f"融资金额（万元）：{' '.join(exc.messages)}") from None
        raw = values.get("surveyed_on")
        if raw in (None, ""):
            values.pop("surveyed_on", None)
        else:
            try:
                values["surveyed_on"] = datetime.date.fromisoformat(str(raw)[:10])
            except ValueError:
                raise RowInvalid(
                    _("%(column)s “%(value)s” is not a date such as 2024-04-10")
                    % {"column": "摸排日期", "value": raw}
                ) from None
        if values.get("urgency") is None:
            values.pop("urgency", None)
        return super().build(values)

    def unique_key(self, built):
        need = built[0]
        return (need.enterprise_id, need.purpose, need.surveyed_on)
