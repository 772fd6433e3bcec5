"""SQLite: impact levels (`chumchon/search/impacts.py`) beside the word bitmaps in
`search_bits`, built from the words FTS5 stores for each document (no segmentation, a few
minutes at 1M posts), so no reindex is needed. PostgreSQL does not use them yet."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    from chumchon.search.backends.sqlite import SQLiteBackend, holds_documents

    with connection.cursor() as cursor:
        if not holds_documents(cursor):
            return
    SQLiteBackend(connection.alias).build_levels(show=True)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from chumchon.search import impacts

    with schema_editor.connection.cursor() as cursor:
        impacts.clear(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_merge_0005_pg_title_blocks_0005_word_bitmaps")]
    operations = [migrations.RunPython(forwards, backwards)]
