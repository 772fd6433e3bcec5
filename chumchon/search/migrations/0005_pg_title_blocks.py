"""PostgreSQL: the GIN index on title vectors also indexes each document's block of ids
(as `search_document_recent` does for whole vectors), so that the newest title/tag matches
of a word found in many titles are found without reading every one of them (see
`PostgresBackend._titled`). Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import TABLE, TITLE_RECENT_INDEX

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(TITLE_RECENT_INDEX)
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_title")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import TABLE, TITLE_INDEX

    with connection.cursor() as cursor:
        cursor.execute(TITLE_INDEX)
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_title_recent")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pg_recent_blocks")]
    operations = [migrations.RunPython(forwards, backwards)]
