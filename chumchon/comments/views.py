from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.blogs.models import Post
from chumchon.comments import services
from chumchon.comments.forms import CommentForm, FlagForm
from chumchon.comments.models import Comment, Flag, Flower
from chumchon.core.forms import add_service_errors
from chumchon.core.http import AuthenticatedRequest, client_ip, is_htmx, safe_next
from chumchon.core.pagination import paginate
from chumchon.follows.models import Follow

THREADS_PER_PAGE = 50


def render_post_page(
    request: HttpRequest, post: Post, comment_form: CommentForm | None = None
) -> HttpResponse:
    """The post page: the post, its comment threads (paginated) and the comment form."""
    user = request.user
    comments = Comment.objects.visible_to(user).filter(post=post).for_list()
    threads = paginate(
        request, comments.filter(parent=None), per_page=THREADS_PER_PAGE, param="comments"
    )
    replies: dict[int, list[Comment]] = defaultdict(list)
    for reply in comments.filter(parent__in=[c.pk for c in threads]):
        replies[reply.parent_id].append(reply)
    for comment in threads:
        comment.thread_replies = replies[comment.pk]  # type: ignore[attr-defined]
    context = {
        "post": post,
        "threads": threads,
        "comment_form": comment_form or CommentForm(member=user, initial=_reply_initial(request)),
        "author_follower_count": Follow.objects.filter(member=post.author).count(),
        "flowered": Flower.objects.filter(post=post, member_id=user.pk).exists(),
        "following_author": Follow.objects.filter(follower_id=user.pk, member=post.author).exists(),
        "can_moderate": user.pk == post.blog.owner_id or user.is_staff,
        "can_accept": post.kind == Post.Kind.QUESTION and user.pk == post.author_id,
    }
    return render(request, "blogs/post_detail.html", context)


def _reply_initial(request: HttpRequest) -> dict[str, int]:
    reply = request.GET.get("reply", "")
    return {"parent": int(reply)} if reply.isdigit() and len(reply) < 18 else {}


def _published_post(request: HttpRequest, number: int) -> Post:
    posts = Post.objects.visible_to(request.user).published().for_list()
    return get_object_or_404(posts, number=number)


@require_POST
def comment_create(request: HttpRequest, number: int) -> HttpResponse:
    post = _published_post(request, number)
    form = CommentForm(request.POST, member=request.user)
    if form.is_valid():
        member = request.user if request.user.is_authenticated else None
        try:
            comment = services.comment_create(
                post=post, body=form.cleaned_data["body"], author=member,
                guest_name=form.cleaned_data.get("guest_name", ""),
                guest_email=form.cleaned_data.get("guest_email", ""),
                ip=client_ip(request) or None,
                parent=form.replying_to(Comment.objects.visible_to(request.user).filter(post=post)),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if comment.status == Comment.Status.PENDING:
                messages.info(
                    request,
                    _("Thank you. Your comment will appear once the blog owner approves it."),
                )
                return redirect(f"{post.get_absolute_url()}#comments")
            return redirect(comment.get_absolute_url())
    return render_post_page(request, post, comment_form=form)


def _comment_for(request: HttpRequest, comment_id: int) -> Comment:
    comments = Comment.objects.visible_to(request.user).select_related("post", "post__blog")
    return get_object_or_404(comments, pk=comment_id)


@require_POST
@login_required
def comment_approve(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = _comment_for(request, comment_id)
    services.comment_approve(comment=comment, member=request.user)
    messages.success(request, _("The comment is now published."))
    return redirect(safe_next(request, reverse("comments:moderation")))


@require_POST
@login_required
def comment_remove(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = _comment_for(request, comment_id)
    services.comment_remove(comment=comment, member=request.user)
    messages.success(request, _("The comment was removed."))
    return redirect(safe_next(request, reverse("comments:moderation")))


@require_POST
@login_required
def comment_accept(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = _comment_for(request, comment_id)
    try:
        services.comment_accept(comment=comment, member=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted this answer."))
    return redirect(comment.get_absolute_url())


@require_POST
@login_required
def flower_toggle(request: AuthenticatedRequest, number: int) -> HttpResponse:
    post = _published_post(request, number)
    try:
        if request.POST.get("action") == "withdraw":
            services.flower_withdraw(post=post, member=request.user)
        else:
            services.flower_give(post=post, member=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if not is_htmx(request):
        return redirect(post)
    post.refresh_from_db(fields=["flower_count"])
    flowered = Flower.objects.filter(post=post, member=request.user).exists()
    return render(request, "comments/_flowers.html", {"post": post, "flowered": flowered})


@login_required
def flag_create(
    request: AuthenticatedRequest, number: int | None = None, comment_id: int | None = None
) -> HttpResponse:
    comment = _comment_for(request, comment_id) if comment_id else None
    post = comment.post if comment else _published_post(request, number or 0)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(
                reporter=request.user, reason=form.cleaned_data["reason"],
                post=None if comment else post, comment=comment,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(comment or post)
    context = {"form": form, "post": post, "comment": comment}
    return render(request, "comments/flag_form.html", context)


@login_required
def moderation_queue(request: AuthenticatedRequest) -> HttpResponse:
    held = (
        Comment.objects.pending()
        .filter(post__blog__owner=request.user)
        .select_related("post", "post__blog", "author")
    )
    return render(request, "comments/moderation_queue.html", {"comments": paginate(request, held)})


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def flag_queue(request: AuthenticatedRequest) -> HttpResponse:
    _require_staff(request)
    flags = Flag.objects.open().select_related(
        "reporter", "post", "comment", "comment__post", "comment__author"
    )
    return render(request, "comments/flag_queue.html", {"flags": paginate(request, flags)})


@require_POST
@login_required
def flag_resolve(request: AuthenticatedRequest, flag_id: int) -> HttpResponse:
    _require_staff(request)
    flag = get_object_or_404(Flag.objects.open(), pk=flag_id)
    services.flag_resolve(
        flag=flag, moderator=request.user, remove=request.POST.get("action") == "remove"
    )
    messages.success(request, _("Flag resolved."))
    return redirect("comments:flags")
