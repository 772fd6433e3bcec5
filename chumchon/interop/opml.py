"""OPML of what a member follows, for any feed reader."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.utils import timezone

from chumchon.accounts.models import Member
from chumchon.blogs.models import Blog
from chumchon.follows.models import Follow


def feed_url(path: str) -> str:
    """The RSS feeds of members and blogs: /feeds/@handle/rss, /feeds/@handle/blog/rss."""
    return f"{settings.BASE_URL}/feeds/{path}"


def following_opml(member: Member) -> bytes:
    members = Member.objects.visible_to(member).values("pk")
    blogs = Blog.objects.visible_to(member).values("pk")
    follows = (
        Follow.objects.filter(follower=member).filter(member__in=members).select_related("member")
    )
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = f"{member} — {settings.SITE_NAME}"
    SubElement(head, "dateCreated").text = timezone.now().strftime("%a, %d %b %Y %H:%M:%S %z")
    body = SubElement(root, "body")
    for follow in follows:
        who = follow.member
        SubElement(body, "outline", type="rss", text=str(who), title=str(who),
                   xmlUrl=feed_url(f"@{who.handle}/rss"),
                   htmlUrl=settings.BASE_URL + who.get_absolute_url())  # fmt: skip
    blog_follows = Follow.objects.filter(follower=member, blog__in=blogs).select_related(
        "blog__owner"
    )
    for follow in blog_follows:
        blog = follow.blog
        SubElement(body, "outline", type="rss", text=blog.title, title=blog.title,
                   xmlUrl=feed_url(f"@{blog.owner.handle}/{blog.slug}/rss"),
                   htmlUrl=settings.BASE_URL + blog.get_absolute_url())  # fmt: skip
    return tostring(root, encoding="utf-8", xml_declaration=True)
