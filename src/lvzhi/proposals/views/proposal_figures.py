"""The proposal figures page (office and leaders)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def figures(request):
    return HttpResponse("")
