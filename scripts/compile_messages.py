"""Compile locale/*/LC_MESSAGES/*.po into .mo with polib (no GNU gettext needed).

Run by `make messages`; the compiled .mo files are committed so a fresh machine needs only
Python. tests/core/test_translations.py checks that they match the .po files.
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "lvzhi" / "locale"


def main() -> None:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(LOCALE)}: {po.percent_translated()}% translated")


if __name__ == "__main__":
    main()
