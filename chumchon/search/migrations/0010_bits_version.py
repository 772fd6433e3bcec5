"""`search_bits_version`: one row whose random version every write of the word bitmaps
replaces (`chumchon/search/bits.py`, `touch`), so that a server process may keep decoded
bitmaps between searches (`bits.Cache`) and knows when they are stale. Both engines."""

from django.db import migrations


def forwards(apps, schema_editor):
    from chumchon.search.bits import create_version

    with schema_editor.connection.cursor() as cursor:
        create_version(cursor)


def backwards(apps, schema_editor):
    from chumchon.search.bits import VERSION_TABLE

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_pg_impact_levels")]
    operations = [migrations.RunPython(forwards, backwards)]
