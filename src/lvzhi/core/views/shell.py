"""The shell around the records: home page, committee scope selector."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lvzhi.core import home as home_registry
from lvzhi.core import models
from lvzhi.core.scope import SESSION_KEY, scope_choices
from lvzhi.core.visibility import scope_for


@login_required
def home(request):
    user = request.user
    members = models.Member.objects.visible_to(user).filter(is_active=True)
    counts = {
        "members": members.count(),
        "enterprises": models.Enterprise.objects.visible_to(user).count(),
        "member_enterprises": models.Enterprise.objects.visible_to(user)
        .filter(is_member_enterprise=True)
        .count(),
        "villages": models.Village.objects.visible_to(user)
        .filter(is_lifted_out_of_poverty=True)
        .count(),
        "departments": models.Department.objects.visible_to(user).count(),
    }
    by_committee = list(
        members.values("committee__short_name", "committee__name")
        .annotate(n=Count("id"))
        .order_by("committee__sort_order", "committee__id")
    )
    by_sector = list(members.values("sector__name").annotate(n=Count("id")).order_by("-n")[:12])
    chart = {
        "committees": [r["committee__short_name"] or r["committee__name"] for r in by_committee],
        "members": [r["n"] for r in by_committee],
        "sectors": [{"name": r["sector__name"], "value": r["n"]} for r in by_sector],
    }
    return render(
        request,
        "core/home.html",
        {
            "counts": counts,
            "chart": chart,
            "scope": scope_for(user),
            "todos": home_registry.todos_for(user),
            "sections": home_registry.sections_for(request),
        },
    )


@login_required
@require_POST
def select_scope(request):
    value = request.POST.get("scope", "all")
    if value in {v for v, _label in scope_choices(request)}:
        request.session[SESSION_KEY] = value
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)


class LoginView(auth_views.LoginView):
    """The login page; on a demo database it lists the demo accounts to try."""

    def get_context_data(self, **kwargs):
        from lvzhi.core.demo.loader import demo_logins, demo_users_present

        context = super().get_context_data(**kwargs)
        context["demo_logins"] = demo_logins() if demo_users_present() else []
        return context
