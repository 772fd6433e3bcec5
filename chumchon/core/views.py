from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.core.models import Tag
from chumchon.core.pagination import paginate

HOME_LIST = 10


def home(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.visible_to(request.user).published().for_list()
    context = {
        "latest_posts": posts.latest()[:HOME_LIST],
        "commented_posts": posts.recently_commented()[: HOME_LIST // 2],
        "top_blogs": Blog.objects.visible_to(request.user).most_followed()[: HOME_LIST // 2],
    }
    return render(request, "core/home.html", context)


def tag_detail(request: HttpRequest, name: str) -> HttpResponse:
    tag = get_object_or_404(Tag, name=name)
    posts = Post.objects.visible_to(request.user).published().tagged(tag.name).for_list().latest()
    blogs = Blog.objects.visible_to(request.user).filter(tags=tag).select_related("owner")
    members = Member.objects.visible_to(request.user).filter(tags=tag).select_related("unit")
    context = {
        "tag": tag,
        "posts": paginate(request, posts),
        "blogs": paginate(request, blogs, param="blogs"),
        "members": paginate(request, members, param="members"),
    }
    return render(request, "core/tag_detail.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        "Disallow: /inbox",
        "Disallow: /moderation",
        f"Sitemap: {settings.BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
