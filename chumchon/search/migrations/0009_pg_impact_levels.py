"""PostgreSQL: impact levels (`chumchon/search/impacts.py`) beside the word bitmaps, made
from the vectors already stored (each lexeme's positions by weight class), in batches
with a progress bar, so an existing index needs no rebuild (`PostgresBackend.build_levels`;
`chumchon reindex --levels-only` does the same). SQLite has had them since 0007.

And vectors written from now on are compressed with lz4 instead of pglz, where the server
has it (`backends.postgres.LZ4`): reading one, which checking a phrase and ranking do
hundreds to tens of thousands of times a search, costs about half. Vectors already stored
stay as they are until the next rebuild (`chumchon reindex`)."""

from django.db import migrations


def compress(cursor, method):
    from chumchon.search.backends.postgres import LZ4, TABLE

    cursor.execute(LZ4)
    if cursor.fetchone():
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET COMPRESSION {method}")


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import PostgresBackend

    PostgresBackend(connection.alias).build_levels(show=True)
    with connection.cursor() as cursor:
        compress(cursor, "lz4")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search import impacts

    with connection.cursor() as cursor:
        compress(cursor, "pglz")
        impacts.clear(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_merge_0007_impact_levels_0007_pg_word_bitmaps")]
    operations = [migrations.RunPython(forwards, backwards)]
