"""Which SQLite library Django uses: sqlean.py's where it is installed.

Debian's libsqlite3, which Python's own `sqlite3` module loads, is built to map at most
2 GB of a database into memory (SQLITE_MAX_MMAP_SIZE). Past that, every page a search
reads is a system call and a copy into the connection's small page cache, and the
kernel may drop those pages from its file cache between searches (no process maps
them). sqlean.py is Python's `sqlite3` module with SQLite 3.50 built to map up to 1 TB
(its own extensions stay off unless enabled), so a large index is read through the map:
the pages are shared by every server process and no read costs a call. See
docs/search.md, "Eleventh round".

It takes the place of `sqlite3` before Django's SQLite backend first imports it, so
that the process holds one SQLite library: two copies that open the same database
would not see each other's POSIX locks.
"""

from __future__ import annotations

import sys

# The memory map the settings ask for (`PRAGMA mmap_size`): a library caps it at its own
# SQLITE_MAX_MMAP_SIZE, 1 TB for sqlean.py's and 2 GB for Debian's.
MMAP_BYTES = 64 * 1024**3


def use_bundled_sqlite() -> bool:
    """Make `import sqlite3` give sqlean.py's module; False when it is not installed
    (a platform without its wheel) or Django already loaded the other one."""
    if "django.db.backends.sqlite3.base" in sys.modules:
        return sys.modules["sqlite3"].__name__ == "sqlean"
    try:
        import sqlean
        from sqlean import dbapi2
    except ImportError:
        return False
    sys.modules["sqlite3"] = sqlean
    sys.modules["sqlite3.dbapi2"] = dbapi2
    return True
