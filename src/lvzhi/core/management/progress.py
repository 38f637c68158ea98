"""Progress on stderr for long-running commands: a line per phase, a tqdm bar per counter."""

import sys

from tqdm import tqdm

from lvzhi.core.backup import Progress


def progress_for(command, verbosity):
    """Progress reporting for `command`: silent at verbosity 0; bars only on a terminal."""
    if not verbosity:
        return Progress()

    def bar(total, desc):
        return tqdm(total=total, desc=desc, file=sys.stderr, disable=None, leave=False)

    return Progress(step=command.stderr.write, bar=bar)
