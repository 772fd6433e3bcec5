"""The search index: an FTS5 table on SQLite, a tsvector table with GIN on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            from chumchon.search.backends.sqlite import CREATE

            cursor.execute(CREATE)
        elif connection.vendor == "postgresql":
            from chumchon.search.backends.postgres import CREATE

            for statement in CREATE:
                cursor.execute(statement)


def drop_index(apps, schema_editor):
    connection = schema_editor.connection
    table = "search_fts" if connection.vendor == "sqlite" else "search_document"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_index, drop_index)]
