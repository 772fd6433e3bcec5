from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from chumchon.accounts.sitemaps import MemberSitemap
from chumchon.blogs.sitemaps import BlogSitemap, PostSitemap
from chumchon.core import views

SITEMAPS = {"posts": PostSitemap, "blogs": BlogSitemap, "members": MemberSitemap}

tag_patterns = ([path("tags/<str:name>", views.tag_detail, name="detail")], "tags")

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(tag_patterns)),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
