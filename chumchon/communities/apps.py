from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "chumchon.communities"
    label = "communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from chumchon.blogs.models import Post
        from chumchon.communities.models import post_visibility_filter
        from chumchon.communities.search import register_search_types

        # Posts written for a closed or secret community stay inside it, for every caller
        # of Post.objects.visible_to (pages, feeds, sitemaps, search, the API).
        if post_visibility_filter not in Post.visibility_filters:
            Post.visibility_filters.append(post_visibility_filter)
        # Communities and knowledge assets are searchable (tabs of /search, the API).
        register_search_types()
