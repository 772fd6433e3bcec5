"""`chumchon serve`: the production web server (gunicorn) for chumchon's WSGI application."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """Gunicorn's own rule of thumb: two workers per core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


class ChumchonServer(BaseApplication):
    """Gunicorn configured from arguments, serving `chumchon.wsgi.application`."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from chumchon.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve chumchon with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default="127.0.0.1:8000",
            help="Address to listen on (default 127.0.0.1:8000; put a reverse proxy in front).",
        )  # fmt: skip
        parser.add_argument(
            "--workers", type=int, default=default_workers(),
            help="Worker processes (default: two per core plus one).",
        )  # fmt: skip
        parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
        parser.add_argument("--timeout", type=int, default=60, help="Worker timeout, seconds.")
        parser.add_argument(
            "--no-access-log", action="store_true", help="Do not print one line per request."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        # WhiteNoise serves the app folders' files directly (no collectstatic needed) but
        # warns at every worker start when STATIC_ROOT does not exist.
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        # Workers are forked from this process: they must not share its database connections.
        connections.close_all()
        self.stdout.write(f"chumchon: serving on http://{options['bind']} (Ctrl+C stops)")
        self.stdout.flush()
        ChumchonServer(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "timeout": options["timeout"],
                "accesslog": None if options["no_access_log"] else "-",
                "errorlog": "-",
                "proc_name": "chumchon",
                # Several instances may run on one machine (tests, demos): a shared
                # default control socket would collide, and nothing here uses it.
                "control_socket_disable": True,
            }
        ).run()
