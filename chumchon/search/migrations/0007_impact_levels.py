"""SQLite: impact levels (`chumchon/search/impacts.py`) beside the word bitmaps in
`search_bits`, built from the words FTS5 stores for each document (no segmentation, a few
minutes at 1M posts), so no reindex is needed. PostgreSQL does not use them yet."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    from chumchon.search.backends.sqlite import TABLE, SQLiteBackend

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}_content'")
        if not cursor.fetchone():
            return
        cursor.execute(f"SELECT 1 FROM {TABLE}_content LIMIT 1")
        if not cursor.fetchone():
            return
    SQLiteBackend(connection.alias).build_levels(show=True)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from chumchon.search.impacts import LEVEL_FIELDS

    marks = ", ".join(["%s"] * len(LEVEL_FIELDS))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM search_bits WHERE field IN ({marks})", LEVEL_FIELDS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_merge_0005_pg_title_blocks_0005_word_bitmaps")]
    operations = [migrations.RunPython(forwards, backwards)]
