"""PostgreSQL: the words of titles and tags in a small vector of their own (see
backends/postgres.py); SQLite's FTS5 table reads its title and tags columns instead."""

from django.db import migrations


def add_titles(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from chumchon.search.backends.postgres import ADD_TITLES

    with connection.cursor() as cursor:
        for statement in ADD_TITLES:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(add_titles, migrations.RunPython.noop)]
