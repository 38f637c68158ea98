"""The user's notifications: the page behind the bell."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lvzhi.core.models import Notification
from lvzhi.core.notifications import mark_read


@login_required
def inbox(request):
    items = Notification.objects.filter(recipient=request.user)[:200]
    return render(request, "core/notifications.html", {"items": items})


@login_required
def open_notification(request, pk):
    item = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    target = item.url or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def read_all(request):
    mark_read(request.user)
    return redirect("core:notifications")
