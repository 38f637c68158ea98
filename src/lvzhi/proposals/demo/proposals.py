"""Demo proposals (placeholder while the data set is written)."""


def load(loader):
    return None


def reset():
    return None
