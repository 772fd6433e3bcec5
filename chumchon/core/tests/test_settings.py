from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.backends.sqlite3.base import DatabaseWrapper

from chumchon.env import env_bool, env_int


def test_it_opens_sqlite_durable_and_concurrent(tmp_path: Path) -> None:
    """The embedded database's options, applied to a real file: WAL, FULL sync, IMMEDIATE."""
    options = {
        "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;"),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # The configured options themselves, not a copy, when this leg runs on SQLite.
        options = dict(settings.DATABASES["default"]["OPTIONS"])
    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": options,
        }
    )
    connection = wrapper.get_new_connection(wrapper.get_connection_params())
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 20_000
    assert wrapper.transaction_mode == "IMMEDIATE"
    connection.close()


def test_it_reads_environment_values_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_NUM", "12a")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)


def test_it_caches_in_redis_when_redis_url_is_set() -> None:
    """On the PostgreSQL leg REDIS_URL points at a real Redis; elsewhere memory is used."""
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend.endswith("RedisCache")
    else:
        assert backend.endswith("LocMemCache")
    cache.set("chumchon-test-key", "ลปรร.", 30)
    assert cache.get("chumchon-test-key") == "ลปรร."
    cache.delete("chumchon-test-key")


def test_it_sees_sqlite_with_fts5() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    connection.close()
