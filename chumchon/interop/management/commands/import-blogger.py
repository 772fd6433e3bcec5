from chumchon.interop.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a Blogger export (Atom): posts, labels and comments; twice is safe."
    format_name = "Blogger (Atom)"
    expected = "blogger"
