"""Links from before attachments moved to core."""

from django.shortcuts import redirect


def old_attachment_link(request, pk, attachment_pk):
    """/problems/<pk>/attachments/<id>/ from before attachments moved to core (ids kept):
    the core view checks the attachment's own record."""
    return redirect("core:attachment", pk=attachment_pk, permanent=True)
