from django.urls import path

from chumchon.blogs import views
from chumchon.blogs.feeds import BlogAtomFeed, BlogRssFeed, TagAtomFeed, TagRssFeed

app_name = "blogs"
urlpatterns = [
    path("posts", views.post_list, name="post-list"),
    path("posts/<int:number>", views.post_detail, name="post-detail"),
    path("posts/<int:number>/edit", views.post_edit, name="post-edit"),
    path("write", views.post_write, name="post-write"),
    path("write/preview", views.post_preview, name="post-preview"),
    path("drafts", views.draft_list, name="drafts"),
    path("blogs/new", views.blog_create, name="blog-create"),
    path("@<str:handle>/<slug:slug>", views.blog_detail, name="blog-detail"),
    path("@<str:handle>/<slug:slug>/edit", views.blog_edit, name="blog-edit"),
    path("feeds/@<str:handle>/<slug:slug>/rss", BlogRssFeed(), name="feed-rss"),
    path("feeds/@<str:handle>/<slug:slug>/atom", BlogAtomFeed(), name="feed-atom"),
    path("feeds/tags/<str:name>/rss", TagRssFeed(), name="tag-feed-rss"),
    path("feeds/tags/<str:name>/atom", TagAtomFeed(), name="tag-feed-atom"),
]
