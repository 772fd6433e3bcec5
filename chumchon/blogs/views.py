from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.blogs import services
from chumchon.blogs.forms import BlogForm, PostForm
from chumchon.blogs.models import Blog, Post
from chumchon.core.forms import add_service_errors
from chumchon.core.html import render_markdown
from chumchon.core.http import AuthenticatedRequest, client_ip, safe_next
from chumchon.core.pagination import paginate


def post_list(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.visible_to(request.user).published().for_list().latest()
    return render(request, "blogs/post_list.html", {"posts": paginate(request, posts)})


def post_detail(request: HttpRequest, number: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible_to(request.user).for_list(), number=number)
    reader = request.user if request.user.is_authenticated else None
    visitor = services.visitor_key(
        member=reader, ip=client_ip(request), user_agent=request.headers.get("User-Agent", "")
    )
    if services.post_read(post=post, visitor=visitor, reader=reader):
        post.read_count += 1
    from chumchon.comments.views import render_post_page

    return render_post_page(request, post)


def blog_detail(request: HttpRequest, handle: str, slug: str) -> HttpResponse:
    blogs = Blog.objects.visible_to(request.user).with_follower_count().select_related("owner")
    blog = get_object_or_404(blogs, owner__handle=handle, slug=slug)
    posts = Post.objects.visible_to(request.user).published().filter(blog=blog)
    context = {
        "blog": blog,
        "posts": paginate(request, posts.for_list().latest()),
        "is_following": blog.followers.filter(follower_id=request.user.pk).exists(),
    }
    return render(request, "blogs/blog_detail.html", context)


@login_required
def blog_create(request: AuthenticatedRequest) -> HttpResponse:
    form = BlogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            blog = services.blog_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your blog is ready."))
            return redirect(safe_next(request, blog.get_absolute_url()))
    return render(request, "blogs/blog_form.html", {"form": form})


@login_required
def blog_edit(request: AuthenticatedRequest, handle: str, slug: str) -> HttpResponse:
    blog = get_object_or_404(Blog.objects.owned_by(request.user), owner__handle=handle, slug=slug)
    form = BlogForm(request.POST or None, initial=BlogForm.initial_for(blog), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.blog_update(blog=blog, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(blog)
    return render(request, "blogs/blog_form.html", {"form": form, "blog": blog})


def _wants_preview(request: HttpRequest) -> bool:
    return request.method == "POST" and "preview" in request.POST


@login_required
def post_write(request: AuthenticatedRequest) -> HttpResponse:
    if not Blog.objects.owned_by(request.user).exists():
        messages.info(request, _("Start a blog first: your posts live in it."))
        return redirect(f"{reverse('blogs:blog-create')}?next={reverse('blogs:post-write')}")
    form = PostForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid() and not _wants_preview(request):
        try:
            post = services.post_create(
                author=request.user, publish="publish" in request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Published.") if post.is_published else _("Draft saved."))
            return redirect(post)
    return _render_post_form(request, form, None)


@login_required
def post_edit(request: AuthenticatedRequest, number: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible_to(request.user), number=number)
    if post.author_id != request.user.pk and not request.user.is_staff:
        raise PermissionDenied
    form = PostForm(
        request.POST or None, initial=PostForm.initial_for(post), member=request.user, post=post
    )
    if request.method == "POST" and form.is_valid() and not _wants_preview(request):
        try:
            services.post_update(
                post=post, editor=request.user, publish="publish" in request.POST,
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(post)
    return _render_post_form(request, form, post)


def _render_post_form(request: HttpRequest, form: PostForm, post: Post | None) -> HttpResponse:
    preview = render_markdown(request.POST.get("body", "")) if _wants_preview(request) else None
    context = {"form": form, "post": post, "preview": preview}
    return render(request, "blogs/post_form.html", context)


@require_POST
@login_required
def post_preview(request: AuthenticatedRequest) -> HttpResponse:
    """The rendered Markdown of the body being written (htmx fills the preview pane)."""
    body = request.POST.get("body", "")[: Post._meta.get_field("body").max_length]
    return render(request, "blogs/_preview.html", {"preview": render_markdown(body)})


@login_required
def draft_list(request: AuthenticatedRequest) -> HttpResponse:
    drafts = Post.objects.drafts_of(request.user).for_list()
    return render(request, "blogs/draft_list.html", {"posts": paginate(request, drafts)})
