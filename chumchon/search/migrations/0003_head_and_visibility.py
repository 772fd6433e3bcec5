"""SQLite: `search_head` (titles and tags only), filled from the index already built, so
no reindex is needed. Both databases: an index that answers "which of these posts may
this viewer see" (status and author) without reading the posts' rows; on SQLite a post's
status lies after its text, in overflow pages."""

from django.db import migrations

VISIBILITY = "search_post_visibility"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {VISIBILITY} ON blogs_post (id, status, author_id)"
        )
        if connection.vendor != "sqlite":
            return
        from chumchon.search.backends.sqlite import CREATE_HEAD, HEAD, TABLE

        cursor.execute(CREATE_HEAD)
        cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}_content'")
        if cursor.fetchone():
            cursor.execute(
                f"INSERT INTO {HEAD} (rowid, title, tags) SELECT id, c0, c1 FROM {TABLE}_content"
            )
            cursor.execute(f"INSERT INTO {HEAD} ({HEAD}) VALUES ('optimize')")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {VISIBILITY}")
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_head")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_title_vector"), ("blogs", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
