from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chumchon.blogs.models import Post


def home(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.visible_to(request.user).published().for_list().latest()[:20]
    return render(request, "core/home.html", {"posts": posts})
