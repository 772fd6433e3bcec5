"""Both engines: the pair buckets (`bits.pairs`, field `bits.PAIRS` of `search_bits`)
beside the word bitmaps, which narrow a phrase's candidates to those holding its word
pairs. Built from what the index stores (SQLite: the words FTS5 keeps for each document;
PostgreSQL: each vector's lexemes by position), in batches with a progress bar, so an
existing index needs no rebuild: the search plan reads them for every phrase and would
find nothing without them. `chumchon reindex --bits-only` builds them too. The code
before them never reads the field, so an index with them still serves it."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from chumchon.search.backends.sqlite import SQLiteBackend, holds_documents

        with connection.cursor() as cursor:
            if not holds_documents(cursor):
                return
        SQLiteBackend(connection.alias).build_pairs(show=True)
    elif connection.vendor == "postgresql":
        from chumchon.search.backends.postgres import PostgresBackend

        PostgresBackend(connection.alias).build_pairs(show=True)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    from chumchon.search import bits

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = %s"
            if connection.vendor == "postgresql"
            else "SELECT 1 FROM sqlite_master WHERE name = %s",
            [bits.TABLE],
        )
        if cursor.fetchone():
            bits.clear_fields(cursor, [bits.PAIRS])


class Migration(migrations.Migration):
    dependencies = [("search", "0009_pg_impact_levels")]
    operations = [migrations.RunPython(forwards, backwards)]
