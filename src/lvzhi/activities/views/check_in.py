"""扫码签到: the code shown at the venue, the member's scan, arrivals as they come, 签到表."""

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe

from lvzhi.activities import exports, selectors, services
from lvzhi.activities.choices import Attendance
from lvzhi.activities.services.check_in import CheckInRefused, activity_of_token
from lvzhi.activities.views.pages import _activity_for_change


def check_in_url(request, activity) -> str:
    token = services.check_in_token(activity)
    return request.build_absolute_uri(f"{reverse('activities:check_in')}?code={token}")


@login_required
def check_in(request):
    """The page a scan opens: the member confirms (POST) and is recorded as present."""
    code = request.POST.get("code") or request.GET.get("code", "")
    context = {"code": code}
    try:
        context["activity"] = activity_of_token(user=request.user, token=code)
        if request.method == "POST":
            context["done"] = services.participation_check_in(actor=request.user, token=code)
    except CheckInRefused as exc:
        context["refusal"] = exc
        status = exc.status_code
    else:
        status = 200
    return render(request, "activities/check_in.html", context, status=status)


@login_required
def check_in_code(request, pk):
    """The code to show at the venue (screen or print), for those who keep the roll."""
    activity = _activity_for_change(request, pk)
    url = check_in_url(request, activity)
    svg = segno.make(url, error="m").svg_inline(scale=6, omitsize=True, border=2)
    return render(
        request,
        "activities/check_in_code.html",
        {
            "activity": activity,
            "url": url,
            "qr_svg": mark_safe(svg),
            **selectors.activity_arrivals(activity),
        },  # noqa: S308 - segno's own markup
    )


@login_required
def arrivals(request, pk):
    """Polled by the attendance page and the code page: who checked in since `since`;
    their roll rows come along out of band, so the page shows them as present."""
    activity = _activity_for_change(request, pk)
    since = parse_datetime(request.GET.get("since", "").replace(" ", "+"))
    with_rows = bool(request.GET.get("rows"))
    context = {
        "activity": activity,
        "with_rows": with_rows,
        **selectors.activity_arrivals(activity, since),
    }
    context["states"] = Attendance.choices
    return render(request, "activities/includes/arrivals.html", context)


@login_required
def sign_in_sheet(request, pk):
    """签到表 (Word, A4): names by 姓氏笔画 (`name_order=pinyin` for pinyin)."""
    activity = _activity_for_change(request, pk)
    order = request.GET.get("name_order", "")
    return exports.sign_in_sheet_docx(activity, list(selectors.activity_roll(activity, order)))
