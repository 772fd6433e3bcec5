"""PostgreSQL: one GIN index over each document's block of ids and its vector (through the
btree_gin extension, shipped with PostgreSQL's contrib modules), replacing the index on
the vector alone, so that the newest matches of a common query are found without reading
every match (see backends/postgres.py); title vectors get the positions and weights of
their words, for a first ranking without reading whole vectors; new vectors are compressed
with lz4 where the server has it. Nothing changes on SQLite."""

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
        # lz4 (PostgreSQL 14 and later, when built with it) decompresses a vector about
        # twice as fast as the default pglz; the plan reads a few hundred per search.
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                       "AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone():
            cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET COMPRESSION lz4")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(RECENT_INDEX)
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector")
        # Title vectors with positions and weights, as rows_for now writes them.
        cursor.execute(f"UPDATE {TABLE} SET title_vector = ts_filter(vector, '{{a,b}}')")


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
