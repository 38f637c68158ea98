"""Chinese amounts and counts: "1.8亿元", "每年3000万元", "年产1000万平方米", "80余场".

`parse_quantity` reads one quantity into value + unit + approximate flag (+ "per year");
`find_quantities` finds every quantity in a sentence; `format_count` writes a count back the
way the article does ("80余场"). `AmountField` is the form field that accepts "1.8亿";
`MoneyField` is the model field that offers it (in yuan or in 万元) to forms and the API.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

_CN_DIGITS = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"
_MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "百": Decimal(100),
}
# Longest first, so "平方米" wins over "米" and "人次" over "人".
UNITS = sorted(
    [
        "元",
        "美元",
        "平方米",
        "平方公里",
        "亩",
        "吨",
        "公斤",
        "千克",
        "千瓦时",
        "立方米",
        "公里",
        "千米",
        "米",
        "场次",
        "场",
        "人次",
        "次",
        "个",
        "家",
        "条",
        "件",
        "项",
        "人",
        "名",
        "户",
        "村",
        "批",
        "份",
        "篇",
        "期",
        "座",
        "套",
        "台",
        "辆",
        "天",
        "年",
        "%",
    ],
    key=len,
    reverse=True,
)
MONEY_UNITS = {"元"}
_PER = {
    "每年": "year",
    "年产": "year",
    "年均": "year",
    "年": "year",
    "每月": "month",
    "月均": "month",
    "每天": "day",
    "日均": "day",
}

_QUANTITY = re.compile(
    r"(?P<per>每年|年产|年均|每月|月均|每天|日均)?"
    r"(?P<about>约|近|逾|超过|大约)?"
    r"(?P<number>\d[\d,，]*(?:\.\d+)?|[" + _CN_DIGITS + r"]+(?:点[" + _CN_DIGITS + r"]+)?)"
    r"(?P<approx1>余|多)?"
    r"(?P<mult>万亿|亿|万|千|百)?"
    r"(?P<approx2>余|多)?"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?"
    r"(?P<bracket>[(（](?:次|个|家|人)[)）])?"
    r"(?P<approx3>左右)?"
)


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity. `value` is in base units: yuan, m², counts."""

    value: Decimal
    unit: str
    approximate: bool = False
    per: str | None = None  # "year", "month", "day": a rate such as 每年3000万元
    text: str = ""
    multiplied: bool = False  # written with 万 / 亿 …: the value is not the bare number

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    def __str__(self) -> str:
        return self.text or f"{self.value}{self.unit}"


def _number(token: str) -> Decimal:
    token = token.replace(",", "").replace("，", "")
    if token[0].isdigit():
        return Decimal(token)
    import cn2an

    return Decimal(str(cn2an.cn2an(token, "smart")))


def _from_match(m: re.Match) -> Quantity | None:
    try:
        value = _number(m.group("number"))
        if m.group("mult"):
            value *= _MULTIPLIERS[m.group("mult")]
        value = value.normalize() if value == value.to_integral() else value
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    except (InvalidOperation, ValueError, KeyError):
        return None  # not a number, or more digits than a decimal holds: not a quantity
    unit = m.group("unit") or ""
    if m.group("bracket"):
        unit += m.group("bracket")[1]  # 场（次） -> 场次
    approximate = bool(
        m.group("approx1") or m.group("approx2") or m.group("approx3") or m.group("about")
    )
    per = _PER.get(m.group("per") or "")
    return Quantity(
        value=value,
        unit=unit,
        approximate=approximate,
        per=per,
        text=m.group(),
        multiplied=bool(m.group("mult")),
    )


def parse_quantity(s: str) -> Quantity | None:
    """The quantity that is the whole of `s` (after trimming), or None.

    >>> parse_quantity("1.8亿元").value
    Decimal('180000000')
    """
    s = (s or "").strip().replace(" ", "")
    if not s or len(s) > 60:
        return None
    m = _QUANTITY.fullmatch(s)
    return _from_match(m) if m else None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity with a unit or multiplier in running text, left to right."""
    out = []
    for m in _QUANTITY.finditer(text or ""):
        if not (m.group("unit") or m.group("mult")):
            continue
        # a Chinese-numeral "number" must not be a word such as 一体化 or 十分
        if not m.group("number")[0].isdigit() and not m.group("unit"):
            continue
        q = _from_match(m)
        if q is not None:
            out.append(q)
    return out


def format_count(n: int, suffix: str = "余") -> str:
    """A count the way reports write it ("80余场"): round down, then say that something was cut.

    Rule: below 10 the count is written exactly. Below 1,000 it is cut down to a multiple of
    ten, from 1,000 on to its first two significant digits; when that cut something off,
    `suffix` ("余", or "多") is appended. From 10,000 on the value is written in 万 with at
    most one decimal. So 83 → "80余", 356 → "350余", 80 → "80", 290 → "290",
    1234 → "1200余", 35678 → "3.5万余", 120000 → "12万".
    """
    n = int(n)
    if n < 0:
        return "-" + format_count(-n, suffix)
    if n < 10:
        return str(n)
    step = 10 if n < 1000 else 10 ** (len(str(n)) - 2)
    kept = n // step * step
    rest = suffix if kept != n else ""
    if kept >= 10_000:
        wan = f"{Decimal(kept) / 10_000:.1f}".rstrip("0").rstrip(".")
        return f"{wan}万{rest}"
    return f"{kept}{rest}"


def format_money(value, unit=1) -> str:
    """An exact amount the way reports write money: 180000000 → "1.8亿元", 3000万 → "3000万元".

    `value` is counted in `unit` yuan (10000 for a 万元 field). From 1亿 on the amount is
    written in 亿, from 1万 on in 万, below that in 元; digits are kept as they are (no
    rounding: 12345678 → "1234.5678万元"), trailing zeros dropped.
    """
    if value is None or value == "":
        return ""
    yuan = Decimal(str(value)) * Decimal(str(unit))
    sign, yuan = ("-", -yuan) if yuan < 0 else ("", yuan)
    name = "亿" if yuan >= _MULTIPLIERS["亿"] else "万" if yuan >= _MULTIPLIERS["万"] else ""
    text = f"{yuan / _MULTIPLIERS.get(name, 1):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{sign}{text}{name}元"


#: units a money field may count in; a bare number typed into the field is in this unit
UNIT_NAMES = {Decimal(1): _("yuan"), Decimal(10_000): _("10k yuan")}


class AmountField(forms.DecimalField):
    """A money amount that also accepts Chinese writing: "1.8亿", "3000万元", "１２００".

    `unit` is what the field counts in: 1 (yuan) or 10,000 (万元, as offices report
    investment). A bare number is taken in that unit; a number written with 万 / 亿 or 元 is
    converted ("1.8亿" in a 万元 field is 18000). An approximate amount ("80余万") or
    another unit ("平方米") is refused with a message saying why.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter an amount such as 1.8亿 or 3000万元."),
        "not_money": _("Enter an amount of money in yuan, not %(unit)s."),
        "approximate": _("Enter an exact amount; “%(text)s” is approximate."),
        "negative": _("The amount cannot be negative."),
    }

    def __init__(self, *, unit=1, max_digits=16, decimal_places=2, **kwargs):
        self.unit = Decimal(unit)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _(
                "1.8亿 or 3000万元 may be typed; a bare number is in %(unit)s."
            ) % {"unit": UNIT_NAMES.get(self.unit, self.unit)}
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget):
        # No number-only input: "1.8亿" must be typeable; the hint shows the Chinese form.
        return {**super().widget_attrs(widget), "placeholder": _("e.g. 1.8亿")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int | float):
            return super().to_python(value)
        from lvzhi.text.cleaning import clean_text

        text = clean_text(str(value)).text.strip().replace(" ", "")
        if len(text) > 60:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if text.startswith(("-", "−", "负")) and parse_quantity(text.lstrip("-−负")):
            raise ValidationError(self.error_messages["negative"], code="negative")
        q = parse_quantity(text)
        if q is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if q.unit and not q.is_money:
            raise ValidationError(
                self.error_messages["not_money"], code="not_money", params={"unit": q.unit}
            )
        if q.approximate:
            raise ValidationError(
                self.error_messages["approximate"], code="approximate", params={"text": text}
            )
        if q.value < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if q.unit or q.multiplied:  # written in yuan, with or without 万 / 亿
            return (q.value / self.unit).normalize()
        return q.value

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")


class MoneyField(models.DecimalField):
    """A stored amount of money in `unit` (1 = yuan, 10000 = 万元); forms and the API
    accept "1.8亿" for it through `AmountField`."""

    def __init__(self, *args, unit=1, **kwargs):
        self.unit = int(unit)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.unit != 1:
            kwargs["unit"] = self.unit
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": AmountField, "unit": self.unit, **kwargs})

    def serializer_field(self, field_class, field_kwargs):
        """(class, kwargs) of the API field: see core.api.serializers.RecordSerializer."""
        return AmountSerializerField, {**field_kwargs, "unit": self.unit}


class AmountSerializerField(serializers.DecimalField):
    """The API's `AmountField`: a number, or a string such as "1.8亿" read the same way."""

    def __init__(self, *, unit=1, **kwargs):
        self.unit = unit
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip():
            field = AmountField(
                unit=self.unit, max_digits=self.max_digits, decimal_places=self.decimal_places
            )
            try:
                data = field.clean(data)
            except ValidationError as exc:
                raise serializers.ValidationError(exc.messages) from None
        return super().to_internal_value(data)
