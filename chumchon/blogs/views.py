from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from chumchon.blogs.models import Blog, Post


def post_detail(request: HttpRequest, number: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible_to(request.user).for_list(), number=number)
    return render(request, "blogs/post_detail.html", {"post": post})


def blog_detail(request: HttpRequest, handle: str, slug: str) -> HttpResponse:
    blog = get_object_or_404(Blog.objects.visible_to(request.user), owner__handle=handle, slug=slug)
    posts = Post.objects.visible_to(request.user).published().filter(blog=blog).for_list().latest()
    return render(request, "blogs/blog_detail.html", {"blog": blog, "posts": posts})
