from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chumchon.accounts import services
from chumchon.accounts.forms import ProfileForm, SignUpForm
from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog, Post
from chumchon.core.forms import add_service_errors
from chumchon.core.http import AuthenticatedRequest
from chumchon.core.pagination import paginate
from chumchon.follows.models import Follow


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    # Units nest three deep at most (organisation → faculty → group): fetch the chain at once.
    members = Member.objects.visible_to(request.user).select_related("unit__parent__parent")
    member = get_object_or_404(members.prefetch_related("tags"), handle=handle)
    posts = Post.objects.visible_to(request.user).published().filter(author=member)
    context = {
        "member": member,
        "blogs": Blog.objects.visible_to(request.user)
        .owned_by(member)
        .with_follower_count()
        .select_related("owner"),
        "posts": paginate(request, posts.for_list().latest()),
        "follower_count": Follow.objects.filter(member=member).count(),
        "following_count": Follow.objects.filter(follower=member).count(),
        "is_following": Follow.objects.filter(follower_id=request.user.pk, member=member).exists(),
    }
    return render(request, "accounts/member_detail.html", context)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_signup(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, member, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to chumchon! Your first blog is ready."))
            return redirect("blogs:post-write")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    member = request.user
    form = ProfileForm(
        request.POST or None, request.FILES or None, initial=ProfileForm.initial_for(member)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update_profile(member=member, **form.cleaned_data)
        except ValidationError as error:
            member.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(member)
    return render(request, "accounts/profile_form.html", {"form": form})
