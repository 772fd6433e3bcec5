"""Settings pages for tokens, importing and exporting."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chumchon.interop.exporting import export_write
from chumchon.interop.forms import ImportForm, TokenForm
from chumchon.interop.importing import ImportRefused, import_export_file
from chumchon.interop.models import AccessToken
from chumchon.interop.opml import following_opml
from chumchon.interop.services import token_create, token_revoke


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        _token, new_token = token_create(member=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        form = TokenForm()
    tokens = AccessToken.objects.owned_by(request.user)
    return render(
        request, "interop/token_list.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )  # fmt: skip


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(AccessToken.objects.owned_by(request.user), pk=token_id)
    token_revoke(token=token, member=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("interop:tokens")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, member=request.user)  # type: ignore[arg-type]
    summary = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = import_export_file(
                file=form.cleaned_data["file"], owner=request.user,  # type: ignore[arg-type]
                blog_slug=form.cleaned_data["blog"].slug,
            )  # fmt: skip
        except ImportRefused as exc:
            form.add_error("file", str(exc))
    return render(request, "interop/import_form.html", {"form": form, "summary": summary})


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "interop/export.html")


@login_required
def export_download(request: HttpRequest) -> FileResponse:
    target = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    export_write(member=request.user, target=target)  # type: ignore[arg-type]
    target.seek(0)
    stamp = timezone.localdate().isoformat()
    return FileResponse(
        target, as_attachment=True, filename=f"chumchon-{request.user.handle}-{stamp}.zip",  # type: ignore[union-attr]
        content_type="application/zip",
    )  # fmt: skip


@login_required
def following_opml_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(following_opml(request.user), content_type="text/x-opml; charset=utf-8")  # type: ignore[arg-type]
    response["Content-Disposition"] = 'attachment; filename="following.opml"'
    return response
