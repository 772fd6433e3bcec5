"""Exports: the CSV of every metric, the PDF report, the anonymised research export."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import tempfile
import zipfile
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from chumchon.health.metrics import GROUPS, METRICS
from chumchon.health.models import MemberDay, PairDay, ThreadFact
from chumchon.health.periods import Period

RESEARCH_README = """Anonymised statistics of community health, period {period} ({start} to {end}).

No names, handles, e-mail addresses or texts. Every person, unit, organisation, community
and post appears as a pseudonym: the first 16 hex digits of HMAC-SHA256 keyed with this
instance's secret key over "kind:id". The same thing always gets the same pseudonym on
this instance, so exports of different periods can be joined; without the key the
pseudonyms cannot be turned back into ids.

activity.csv      community, person, unit, organisation, day, posts, comments
interactions.csv  community, from person, to person, day, replies, across units,
                  across organisations
threads.csv       community, post, author, day published, seconds to first reply by someone else
                  (empty: none), comments, depth
"""


def pseudonym(kind: str, value: int | None) -> str:
    if value is None:
        return ""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def metrics_csv(data: dict[str, Any], period: Period, name: str) -> HttpResponse:
    """One row per metric: its key, group, name, this period, the previous period."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["metric", "group", "name", "unit", "period", "value", "previous_period", "previous"]
    )
    previous = period.previous()
    for metric in METRICS:
        writer.writerow([
            metric.key, str(GROUPS[metric.group]), str(metric.label), metric.unit, period.key,
            _plain(data["metrics"].get(metric.key)), previous.key,
            _plain(data["previous"].get(metric.key)),
        ])  # fmt: skip
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="health-{name}-{period.key}.csv"'
    return response


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def report_pdf(request: HttpRequest, context: dict[str, Any], filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string("health/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _write(archive: zipfile.ZipFile, name: str, header: list[str], rows: Iterable[list]) -> None:
    with (
        archive.open(name, "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
    ):
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)


def research_zip(period: Period) -> FileResponse:
    between = {"day__gte": period.start, "day__lt": period.end}
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            RESEARCH_README.format(period=period.key, start=period.start, end=period.end),
        )
        activity = MemberDay.objects.filter(**between).order_by("scope", "day", "member_id")
        _write(
            archive, "activity.csv",
            ["community", "person", "unit", "organisation", "day", "posts", "comments"],
            ([pseudonym("community", r.scope), pseudonym("member", r.member_id),
              pseudonym("unit", r.unit_id), pseudonym("unit", r.organisation_id),
              r.day.isoformat(), r.posts, r.comments] for r in activity.iterator(chunk_size=5000)),
        )  # fmt: skip
        pairs = PairDay.objects.filter(**between).order_by("scope", "day", "source_id", "target_id")
        _write(
            archive, "interactions.csv",
            ["community", "from", "to", "day", "replies", "across_units", "across_organisations"],
            ([pseudonym("community", r.scope), pseudonym("member", r.source_id),
              pseudonym("member", r.target_id), r.day.isoformat(), r.replies,
              int(r.cross_unit), int(r.cross_org)] for r in pairs.iterator(chunk_size=5000)),
        )  # fmt: skip
        threads = ThreadFact.objects.filter(**between).order_by("scope", "day", "post_id")
        _write(
            archive, "threads.csv",
            ["community", "post", "author", "day", "first_reply_seconds", "comments", "depth"],
            ([pseudonym("community", r.scope), pseudonym("post", r.post_id),
              pseudonym("member", r.author_id), r.day.isoformat(),
              "" if r.first_reply_seconds is None else r.first_reply_seconds, r.comments,
              r.depth] for r in threads.iterator(chunk_size=5000)),
        )  # fmt: skip
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"health-research-{period.key}.zip")
