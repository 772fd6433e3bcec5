from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from chumchon.notifications.digests import members_due
from chumchon.notifications.tasks import send_digest


class Command(BaseCommand):
    help = "Queue the daily and weekly e-mail digests that are due (run it every hour)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        due = members_due()
        for member_id in tqdm(
            due, desc="digests", unit="member", disable=options["no_progress"],
            file=self.stderr._out,
        ):  # fmt: skip
            send_digest.enqueue(member_id)
        self.stdout.write(f"Digests queued: {len(due)}")
