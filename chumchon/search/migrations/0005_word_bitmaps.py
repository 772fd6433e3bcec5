"""SQLite: `search_bits`, the word bitmaps beside the FTS5 index (`chumchon/search/bits.py`),
built from an index that already exists (a minute or two at 1M posts), so no reindex is
needed. On PostgreSQL the table is made (bytea) but not used yet."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":  # the same plain table, for when it uses them
        from chumchon.search.bits import create

        with connection.cursor() as cursor:
            cursor.execute(create("bytea"))
        return
    if connection.vendor != "sqlite":
        return
    from chumchon.search.backends.sqlite import CREATE_BITS, TABLE, SQLiteBackend

    with connection.cursor() as cursor:
        cursor.execute(CREATE_BITS)
        cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}_content'")
        if not cursor.fetchone():
            return
        cursor.execute(f"SELECT 1 FROM {TABLE}_content LIMIT 1")
        if not cursor.fetchone():
            return
    SQLiteBackend(connection.alias).build_bits(show=True)


def backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_bits")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pg_recent_blocks")]
    operations = [migrations.RunPython(forwards, backwards)]
