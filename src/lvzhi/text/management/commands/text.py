"""`lvzhi text clean FILE` and `lvzhi text reindex`.

clean: the cleaned text goes to standard output, the report of changes to standard error
(so `lvzhi text clean page.txt > clean.txt` keeps the report on screen). The exit status is
0, or 2 when the text holds a flagged character a person must restore.
"""

import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Chinese text tools: clean pasted text, rebuild the search and similarity indexes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        clean = sub.add_parser("clean", help="Clean a text file (or - for standard input).")
        clean.add_argument("file")
        clean.add_argument(
            "--style",
            choices=["seed", "cjk"],
            default="seed",
            help="punctuation style: seed (ASCII , ; ( ) as in the reference article) or cjk "
            "(full-width next to Chinese characters, GB/T 15834)",
        )
        clean.add_argument("--verbose-report", action="store_true", help="list every change")
        reindex = sub.add_parser("reindex", help="Rebuild the search and similarity indexes.")
        reindex.add_argument(
            "--kind", action="append", help="only this record type, e.g. core.person"
        )
        reindex.add_argument("--no-progress", action="store_true")

    def handle(self, *args, action, **options):
        if action == "clean":
            return self.clean(options)
        return self.reindex(options)

    def clean(self, options):
        from lvzhi.text.cleaning import clean_text

        name = options["file"]
        try:
            if name == "-":
                raw = sys.stdin.read()
            else:
                with open(name, encoding="utf-8-sig") as f:
                    raw = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {name}: {exc}") from exc
        result = clean_text(raw, style=options["style"])
        self.stdout.write(result.text, ending="")
        for line in result.report_lines(verbose=options["verbose_report"]):
            self.stderr.write(line)
        if result.flags:
            self.stderr.write(
                f"{len(result.flags)} character(s) lost by the source are marked 〓: "
                "restore them by hand."
            )
            sys.exit(2)

    def reindex(self, options):
        from tqdm import tqdm

        from lvzhi.text import registry, services

        kinds = options["kind"]
        unknown = [k for k in kinds or [] if registry.get(k) is None]
        if unknown:
            raise CommandError(
                f"unknown record type(s): {', '.join(unknown)}; known: {', '.join(registry.kinds())}"
            )
        total = services.count_records(kinds)
        bar = tqdm(total=total, unit="rec", disable=options["no_progress"], file=self.stderr._out)
        done = services.reindex(kinds, progress=bar.update)
        bar.close()
        for kind, n in done.items():
            self.stdout.write(f"{kind}: {n}")
