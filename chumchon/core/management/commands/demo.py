"""`chumchon demo`: a fresh, fully loaded instance on 127.0.0.1 in one command."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chumchon.core.demo.load import DEMO_PASSWORD, demo_load, demo_summary


class Command(BaseCommand):
    help = (
        "Create and migrate the database under CHUMCHON_DATA_DIR, load the Thai demo "
        "organisation if the database is empty, and serve it on 127.0.0.1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port on 127.0.0.1.")
        parser.add_argument("--workers", type=int, default=2, help="Web worker processes.")
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo, then stop without serving."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"chumchon demo: data in {settings.DATA_DIR}")
        self.stdout.write("กำลังเตรียมฐานข้อมูล (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        self._load()
        # Static files need no collectstatic: WhiteNoise serves them from the app folders.
        if not options["no_serve"]:
            call_command("serve", bind=f"127.0.0.1:{port}", workers=options["workers"])

    def _load(self) -> None:
        self.stdout.flush()
        result = demo_load(out=sys.stdout)
        if result.refused:
            self.stdout.write(
                "ฐานข้อมูลนี้มีข้อมูลอื่นอยู่แล้ว จึงไม่โหลดชุดสาธิต "
                "(the database holds other data: the demo was not loaded)."
            )
            return
        if result.loaded:
            self.stdout.write(f"โหลดชุดสาธิตเสร็จใน {result.seconds:.1f} วินาที")
        else:
            self.stdout.write("ชุดสาธิตโหลดไว้ครบแล้ว ไม่มีอะไรต้องโหลดเพิ่ม")
        summary = demo_summary()
        width = max(len(name) for name in summary)
        for name, count in summary.items():
            self.stdout.write(f"  {name:<{width}}  {count:>6}")
        self.stdout.write(
            "\nบัญชีสาธิต (demo accounts):\n"
            f"  ผู้ดูแลระบบ  admin / {DEMO_PASSWORD}   (Django admin: /admin/)\n"
            f"  สมาชิกทุกคน  <handle> / {DEMO_PASSWORD}   เช่น kannika, somsak, wilaiwan\n"
        )
