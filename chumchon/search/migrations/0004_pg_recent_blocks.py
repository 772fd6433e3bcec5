"""PostgreSQL: one GIN index over each document's block of ids and its vector (through the
btree_gin extension, shipped with PostgreSQL's contrib modules), replacing the index on
the vector alone, so that the newest matches of a common query are found without reading
every match (see backends/postgres.py). Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from django.db import DatabaseError

    from chumchon.search.backends.postgres import RECENT_INDEX, TABLE

    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        except DatabaseError as error:
            raise RuntimeError(
                "search needs PostgreSQL's btree_gin extension (part of the contrib modules, "
                "Debian package postgresql-contrib); install it, or have a superuser run "
                "CREATE EXTENSION btree_gin in this database"
            ) from error
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(RECENT_INDEX)
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import CREATE_INDEX, TABLE

    with connection.cursor() as cursor:
        cursor.execute(CREATE_INDEX)
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_recent")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_head_and_visibility")]
    operations = [migrations.RunPython(forwards, backwards)]
