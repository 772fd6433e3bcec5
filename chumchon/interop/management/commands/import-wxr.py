from chumchon.interop.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a WordPress export (WXR): posts, tags, authors and comments; twice is safe."
    format_name = "WordPress (WXR)"
    expected = "wxr"
