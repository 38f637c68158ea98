"""Demo data of the investment app (filled in below)."""


def load(loader):
    pass


def reset():
    pass
