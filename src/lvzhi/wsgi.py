import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
application = get_wsgi_application()


def _warm():
    """Load the slow lazy parts (the word-segmentation dictionary) now, not on a user's
    first search. `lvzhi serve` loads this module in gunicorn's master (--preload), so the
    workers fork with them loaded and share the memory. Off while developing (DEBUG)."""
    from django.conf import settings

    if not settings.DEBUG:
        from lvzhi.text.tokenize import warm

        warm()


_warm()
