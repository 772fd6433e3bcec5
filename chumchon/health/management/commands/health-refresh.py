"""`chumchon health-refresh [--full] [--since DATE]`: fill the health count tables.

Run it periodically (e.g. every hour from cron or a systemd timer); each run re-counts
from the last day it filled. `--full` rebuilds everything; `--since` re-counts from a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from chumchon.health.services import health_refresh


class Command(BaseCommand):
    help = "Fill the community health count tables (incrementally unless --full)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild every count")
        parser.add_argument("--since", help="re-count from this day (YYYY-MM-DD)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError(f"--since wants a date like 2025-10-01: {error}") from error
        if options["full"] and since:
            raise CommandError("--full and --since do not go together.")
        bars: list[tqdm] = []

        def bar(desc: str, total: int) -> Callable[[int], None]:
            if bars:
                bars[-1].close()
            bars.append(
                tqdm(
                    total=total,
                    desc=desc,
                    unit="",
                    disable=options["no_progress"],
                    file=self.stderr,
                )
            )
            return bars[-1].update

        result = health_refresh(full=options["full"], since=since, bar=bar)
        if bars:
            bars[-1].close()
        self.stdout.write(
            f"health counts filled for {result.days} days from {result.start} "
            f"({result.posts} posts' threads, {result.snapshots} snapshots) "
            f"in {result.seconds:.1f} s"
        )
