"""Documents: 提案汇编, per-unit 办理情况, printable proposal."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def compilation(request):
    return HttpResponse("")


@login_required
def unit_report(request):
    return HttpResponse("")


@login_required
def printable(request, pk):
    return HttpResponse("")
