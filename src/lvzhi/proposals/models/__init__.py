"""Proposals (提案), social-conditions reports (社情民意) and outcomes (成果转化)."""

from .opinion import *  # noqa: F403
from .outcome import *  # noqa: F403
from .proposal import *  # noqa: F403
