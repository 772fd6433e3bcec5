"""The `chumchon` command: every Django management command, plus chumchon's own."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["chumchon", *sys.argv[1:]])
