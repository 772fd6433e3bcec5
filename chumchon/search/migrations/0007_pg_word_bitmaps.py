"""PostgreSQL: fill `search_bits`, the word bitmaps the search plan now finds matches from
(see backends/postgres.py), from the vectors already stored (their lexemes, in batches,
with a progress bar), so an existing index needs no rebuild; and drop the GIN index on
title vectors, which the bitmaps replace. Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import TABLE, PostgresBackend

    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_title_recent")
    PostgresBackend(connection.alias).build_bits(show=True)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import TITLE_RECENT_INDEX

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_bits")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(TITLE_RECENT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_merge_0005_pg_title_blocks_0005_word_bitmaps")]
    operations = [migrations.RunPython(forwards, backwards)]
