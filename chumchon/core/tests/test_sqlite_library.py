"""Django's SQLite library: sqlean.py's, which maps a database past 2 GB, where its
wheel exists; Python's own elsewhere (see chumchon/sqlite_library.py)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
SIXTY_FOUR_GB = 64 * 1024**3
TWO_GB = 2147418112  # what Debian's libsqlite3 allows (SQLITE_MAX_MMAP_SIZE)
WHEEL = sys.platform == "linux" and platform.machine() == "x86_64"


def _python(code: str, tmp_path: Path, **env: str) -> str:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chumchon.settings",
        "CHUMCHON_DATA_DIR": str(tmp_path),
        **env,
    }
    environ.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


CONNECTED = (
    "import django; django.setup()\n"
    "from django.db import connection\n"
    "with connection.cursor() as c:\n"
    "    c.execute('PRAGMA mmap_size')\n"
    "    size = c.fetchone()[0]\n"
    "    c.execute('CREATE VIRTUAL TABLE t USING fts5(x)')\n"
    "import sqlite3\n"
    "print(sqlite3.__name__, size)\n"
)


@pytest.mark.skipif(not WHEEL, reason="sqlean.py has wheels for x86_64 Linux only")
def test_django_reads_sqlite_through_a_map_past_two_gigabytes(tmp_path: Path) -> None:
    assert _python(CONNECTED, tmp_path) == f"sqlean {SIXTY_FOUR_GB}"


@pytest.mark.skipif(not WHEEL, reason="sqlean.py has wheels for x86_64 Linux only")
def test_this_process_has_one_sqlite_library(tmp_path: Path) -> None:
    import sqlite3

    assert sqlite3.__name__ == "sqlean"
    connection = sqlite3.connect(tmp_path / "one.sqlite3")
    # Python's own module here would stop at Debian's 2 GB
    assert connection.execute(f"PRAGMA mmap_size={SIXTY_FOUR_GB}").fetchone()[0] == SIXTY_FOUR_GB
    assert connection.execute("SELECT count(*) FROM dbstat").fetchone()[0] >= 0
    connection.close()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        from django.db import connection as django_connection

        assert django_connection.Database.__name__ == "sqlean.dbapi2"


def test_without_sqlean_django_keeps_pythons_own_library(tmp_path: Path) -> None:
    """A platform without the wheel: nothing breaks, the map stops at the library's cap."""
    hidden = tmp_path / "hidden"
    (hidden / "sqlean").mkdir(parents=True)
    (hidden / "sqlean" / "__init__.py").write_text("raise ImportError('no wheel here')\n")
    name, size = _python(CONNECTED, tmp_path, PYTHONPATH=str(hidden)).split()
    assert name == "sqlite3"
    assert int(size) in (TWO_GB, SIXTY_FOUR_GB)  # the system library's own cap


def test_it_never_swaps_after_django_loaded_the_other_library(tmp_path: Path) -> None:
    code = (
        "import sqlite3, django.db.backends.sqlite3.base\n"
        "from chumchon.sqlite_library import use_bundled_sqlite\n"
        "print(use_bundled_sqlite(), sqlite3.__name__)\n"
    )
    assert _python(code, tmp_path) == "False sqlite3"
