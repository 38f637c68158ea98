"""Demo data of proposals, social-conditions reports and outcomes."""

from . import opinions


def load(loader):
    opinions.load(loader)


def reset():
    return opinions.reset()
