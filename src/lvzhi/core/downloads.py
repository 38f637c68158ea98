"""Uploaded files, handed out only after the app's visibility check.

Nothing under MEDIA_ROOT is served by URL. A view loads the record from the user's visible
queryset, then calls `file_response`: behind nginx (MEDIA_ACCEL_REDIRECT set) the app
answers with an X-Accel-Redirect to nginx's internal location and nginx sends the bytes;
otherwise the app streams the file itself.
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

#: Shown in the page (<img>); everything else is a download. Never SVG: it can carry script.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def file_response(fieldfile, *, filename: str = "", content_type: str = "") -> HttpResponse:
    """The response for a stored file the caller has already checked the user may see.

    `content_type`: the type found in the file's content when it was uploaded; without it
    the type is guessed from the name.
    """
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404
    filename = filename or PurePosixPath(fieldfile.name).name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        location = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(fieldfile.name)
        response["X-Accel-Redirect"] = location
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    else:
        response = FileResponse(
            fieldfile.open("rb"),
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
    # The check was for this user: no shared cache may keep the file for the next one.
    response["Cache-Control"] = "private, max-age=0"
    return response
