"""`chumchon reindex [--type posts]`: rebuild the search index, with a progress bar."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from chumchon.search import registry
from chumchon.search.backends import backend
from chumchon.search.indexing import reindex
from chumchon.search.registry import DocumentType


class Command(BaseCommand):
    help = "Rebuild the search index of every document type (or of the ones named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--type", action="append", dest="types", metavar="TYPE")
        parser.add_argument(
            "--workers", type=int, default=None,
            help="processes that segment text (default: one per CPU; 1 = none)",
        )  # fmt: skip
        parser.add_argument(
            "--bits-only", action="store_true",
            help="only rebuild the word bitmaps and impact levels from the index",
        )  # fmt: skip
        parser.add_argument(
            "--levels-only", action="store_true",
            help="only rebuild the impact levels from the index (stored words or vectors)",
        )  # fmt: skip

    def _build(self, method: str, missing: str) -> None:
        """Rebuild the bitmaps (`build_bits`) or the levels (`build_levels`) from the
        index as it is, with a progress bar."""
        build = getattr(backend(), method, None)
        if build is None:
            raise CommandError(missing)
        started = time.perf_counter()
        n = build(show=True)
        self.stdout.write(f"Stored {n:,} bitmaps in {time.perf_counter() - started:.1f} s.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["bits_only"]:
            self._build("build_bits", "This engine keeps no word bitmaps.")
            return
        if options["levels_only"]:
            self._build("build_levels", "This engine keeps no impact levels.")
            return
        names = options["types"]
        known = [t.name for t in registry.all_types()]
        for name in names or []:
            if name not in known:
                raise CommandError(f"Unknown type {name!r}; choose from {', '.join(known)}.")
        types = [t for t in registry.all_types() if not names or t.name in names]
        total = sum(t.indexable().count() for t in types)
        started = time.perf_counter()
        with tqdm(total=total, unit="doc", desc="reindex") as bar:

            def progress(doc_type: DocumentType, n: int) -> None:
                bar.set_postfix_str(doc_type.name)
                bar.update(n)

            counts = reindex(names, workers=options["workers"], progress=progress)
        seconds = time.perf_counter() - started
        done = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(
            f"Indexed {done} in {seconds:.1f} s ({sum(counts.values()) / max(seconds, 1e-9):,.0f}"
            f" docs/s); index size {backend().size_bytes() / 1e6:,.1f} MB."
        )
