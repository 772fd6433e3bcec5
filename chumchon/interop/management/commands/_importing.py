"""What the import-wxr and import-blogger commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from chumchon.accounts.models import Member
from chumchon.interop.importing import ImportRefused, import_export_file


class ImportCommand(BaseCommand):
    format_name = ""
    expected = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=f"the {self.format_name} export file")
        parser.add_argument(
            "--owner", required=True,
            help="handle of the member who receives the posts (the export's author with the "
            "same handle or e-mail, else its first author); other authors become members",
        )  # fmt: skip
        parser.add_argument(
            "--blog", default=None, help="slug of the owner's blog (made if missing)"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        owner = Member.objects.filter(handle=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No member with the handle {options['owner']!r}.")
        with (
            path.open("rb") as raw,
            tqdm.wrapattr(
                raw, "read", total=path.stat().st_size, desc=path.name, unit="B",
                unit_scale=True, disable=options["no_progress"], file=self.stderr._out,
            ) as file,
        ):  # fmt: skip
            try:
                summary = import_export_file(
                    file=file, owner=owner, blog_slug=options["blog"], create_members=True,
                    expected=self.expected,
                )  # fmt: skip
            except ImportRefused as exc:
                raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
