"""Demo data of the proposals app: one module per subject, loaded in order."""

from . import proposals


def load(loader):
    proposals.load(loader)


def reset():
    proposals.reset()
