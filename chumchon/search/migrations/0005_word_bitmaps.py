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
    from chumchon.search.backends.sqlite import CREATE_BITS, SQLiteBackend, holds_documents

    with connection.cursor() as cursor:
        cursor.execute(CREATE_BITS)
        if not holds_documents(cursor):
            return
    SQLiteBackend(connection.alias).build_bits(show=True)


def backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_bits")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pg_recent_blocks")]
    operations = [migrations.RunPython(forwards, backwards)]
