"""`chumchon generate --posts N --members M --communities C --seed S`: synthetic data."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from chumchon.core.generate import generate


class Command(BaseCommand):
    help = "Generate members, blogs, Thai posts of about 2 KB and comments, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--posts", type=int, default=1000)
        parser.add_argument("--members", type=int, default=100)
        parser.add_argument("--communities", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--comments-per-post", type=float, default=1.0)
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="skip rebuilding the search index and the expert finder's table",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["posts"] < 0 or options["members"] < 1:
            self.stderr.write("--posts must be 0 or more and --members at least 1.")
            return
        started = time.perf_counter()
        with tqdm(total=options["posts"], unit="post", desc="generate") as bar:
            summary = generate(
                posts=options["posts"], members=options["members"],
                communities=options["communities"], seed=options["seed"],
                comments_per_post=options["comments_per_post"], progress=bar.update,
            )  # fmt: skip
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{len(summary.members)} members, {summary.posts} posts, {summary.comments} comments "
            f"in {seconds:.1f} s ({summary.posts / max(seconds, 1e-9):,.0f} posts/s)"
        )
        if not options["no_index"]:
            from django.core.management import call_command

            call_command("reindex", stdout=self.stdout, stderr=self.stderr)
            call_command("experts_rebuild", stdout=self.stdout, stderr=self.stderr)
