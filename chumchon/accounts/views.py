from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from chumchon.accounts.models import Member


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), handle=handle)
    return render(request, "accounts/member_detail.html", {"member": member})
