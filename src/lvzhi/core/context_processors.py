"""Template context every page shares: navigation, committee scope, demo banner."""

from lvzhi.core.navigation import menu_for
from lvzhi.core.notifications import bell
from lvzhi.core.scope import scope_choices, selected_scope


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_menu": menu_for(user),
        "scope_choices": scope_choices(request),
        "scope_selected": selected_scope(request),
        "bell": bell(user),
    }
