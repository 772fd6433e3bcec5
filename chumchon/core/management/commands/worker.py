"""`chumchon worker`: drains the database task queue (django-tasks-db's `db_worker`)."""

from __future__ import annotations

import sys

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(DbWorkerCommand):
    help = (
        "Run background tasks from the database queue. Needs "
        f"CHUMCHON_TASKS_BACKEND={DATABASE_BACKEND} (the default runs tasks immediately)."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != DATABASE_BACKEND and "--backend" not in " ".join(argv):
            sys.stderr.write(
                f"chumchon worker: tasks run immediately with {backend}, so there is no queue "
                f"to drain.\nSet CHUMCHON_TASKS_BACKEND={DATABASE_BACKEND} for the web "
                "server and the workers to queue tasks in the database.\n"
            )
            sys.exit(2)
        super().run_from_argv(argv)
