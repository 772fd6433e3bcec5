from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.core.forms import add_service_errors
from chumchon.core.http import AuthenticatedRequest, is_htmx
from chumchon.core.pagination import paginate
from chumchon.follows import services
from chumchon.follows.forms import MessageForm
from chumchon.follows.models import Follow, Message
from chumchon.follows.queries import following_feed


def _toggle(request: AuthenticatedRequest, **target: Member | Blog) -> None:
    try:
        if request.POST.get("action") == "unfollow":
            services.follow_delete(follower=request.user, **target)  # type: ignore[arg-type]
        else:
            services.follow_create(follower=request.user, **target)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


def _follow_response(request: AuthenticatedRequest, target: Member | Blog) -> HttpResponse:
    if not is_htmx(request):
        return redirect(target)
    if isinstance(target, Member):
        key, url = "member", reverse("follows:follow-member", args=[target.handle])
    else:
        key, url = "blog", reverse("follows:follow-blog", args=[target.owner.handle, target.slug])
    context = {
        "follow_url": url,
        "following": Follow.objects.filter(follower=request.user, **{key: target}).exists(),
        "follower_count": Follow.objects.filter(**{key: target}).count(),
    }
    return render(request, "follows/_follow_button.html", context)


@require_POST
@login_required
def follow_member(request: AuthenticatedRequest, handle: str) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), handle=handle)
    _toggle(request, member=member)
    return _follow_response(request, member)


@require_POST
@login_required
def follow_blog(request: AuthenticatedRequest, handle: str, slug: str) -> HttpResponse:
    blogs = Blog.objects.visible_to(request.user).select_related("owner")
    blog = get_object_or_404(blogs, owner__handle=handle, slug=slug)
    _toggle(request, blog=blog)
    return _follow_response(request, blog)


@login_required
def feed(request: AuthenticatedRequest) -> HttpResponse:
    posts = following_feed(request.user).for_list()
    return render(request, "follows/feed.html", {"posts": paginate(request, posts)})


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    received = Message.objects.inbox(request.user)
    return render(request, "follows/inbox.html", {"messages_page": paginate(request, received)})


@login_required
def sent(request: AuthenticatedRequest) -> HttpResponse:
    outbox = Message.objects.sent_by(request.user)
    return render(request, "follows/sent.html", {"messages_page": paginate(request, outbox)})


@login_required
def message_detail(request: AuthenticatedRequest, message_id: int) -> HttpResponse:
    mine = Message.objects.involving(request.user).select_related("sender", "recipient")
    message = services.message_mark_read(
        message=get_object_or_404(mine, pk=message_id), member=request.user
    )
    return render(request, "follows/message_detail.html", {"message": message})


@login_required
def contact(request: AuthenticatedRequest, handle: str) -> HttpResponse:
    recipient = get_object_or_404(Member.objects.visible_to(request.user), handle=handle)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(sender=request.user, recipient=recipient, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect(recipient)
    return render(request, "follows/message_form.html", {"form": form, "recipient": recipient})
