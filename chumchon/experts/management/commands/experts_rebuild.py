"""`chumchon experts_rebuild [--workers N]`: recompute the expert finder's table, with progress."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from chumchon.accounts.models import Member
from chumchon.experts.expertise import expertise_rebuild, expertise_refresh_pending


class Command(BaseCommand):
    help = "Recompute the expertise table (who wrote how much about each word) from scratch."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers", type=int, default=None,
            help="processes that read and weigh documents (default: one per CPU; 1 = none)",
        )  # fmt: skip
        parser.add_argument(
            "--resume", action="store_true", help="continue a rebuild that was stopped"
        )
        parser.add_argument(
            "--pending", action="store_true",
            help="only recompute the prolific writers queued after their writes (run it often)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["pending"]:
            done = expertise_refresh_pending()
            seconds = time.perf_counter() - started
            self.stdout.write(f"{done:,} queued members recomputed in {seconds:.1f} s")
            return
        total = Member.objects.filter(is_active=True).count()
        with tqdm(total=total, unit="person", desc="experts") as bar:
            rows = expertise_rebuild(
                workers=options["workers"], progress=bar.update, resume=options["resume"]
            )
        seconds = time.perf_counter() - started
        self.stdout.write(f"{rows:,} rows for {total:,} members in {seconds:.1f} s")
