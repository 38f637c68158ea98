"""Demo data of the proposals app: one module per subject, loaded in order."""

from . import opinions, proposals


def load(loader):
    proposals.load(loader)
    opinions.load(loader)


def reset():
    opinions.reset()
    proposals.reset()
