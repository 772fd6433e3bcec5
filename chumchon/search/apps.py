from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "chumchon.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from chumchon.search.documents import register_builtin_types

        register_builtin_types()
