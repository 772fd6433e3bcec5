"""What the expertise table does after each kind of write (called from core/effects.py).

A write changes the documents of a few people; their rows are recomputed whole
(`expertise_refresh`), so an edit, a removal, an accepted answer or a post made
members-only leaves the table as a rebuild would. Recomputing costs about a millisecond
per document the person wrote: someone with more than REFRESH_LIMIT documents (an
import of a whole blog writes thousands, one by one) is queued instead, for
`chumchon experts_rebuild --pending`, which a periodic job runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from chumchon.experts.expertise import expertise_refresh as _refresh_now

REFRESH_LIMIT = 100


def expertise_refresh(*, person_ids: Iterable[int]) -> None:
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment
    from chumchon.experts.models import ExpertPending

    people = {p for p in person_ids if p is not None}
    if not people:
        return
    sizes: dict[int, int] = dict.fromkeys(people, 0)
    for model, field in ((Post, "author_id"), (Comment, "author_id")):
        rows = model.objects.filter(**{f"{field}__in": people}).values_list(field)
        for person, n in rows.annotate(n=Count("pk")).order_by():
            sizes[person] += n
    big = {p for p, n in sizes.items() if n > REFRESH_LIMIT}
    for person in big:
        ExpertPending.objects.get_or_create(person_id=person)
    _refresh_now(person_ids=people - big)


def post_changed(post_id: int) -> None:
    """The author, and everyone who commented: a comment is read with its post, and an
    accepted answer is weighed with its question."""
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment

    people = set(Post.objects.filter(pk=post_id).values_list("author_id", flat=True))
    people |= set(
        Comment.objects.filter(post_id=post_id, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )
    expertise_refresh(person_ids=people)


def comment_changed(comment_id: int) -> None:
    """Its author; on a question, every commenter (accepting one answer un-accepts another)."""
    from chumchon.blogs.models import Post
    from chumchon.comments.models import Comment

    row = Comment.objects.filter(pk=comment_id).values_list("author_id", "post_id").first()
    if row is None:
        return
    author, post_id = row
    people = {author} - {None}
    if Post.objects.filter(pk=post_id, kind=Post.Kind.QUESTION).exists():
        people |= set(
            Comment.objects.filter(post_id=post_id, author__isnull=False).values_list(
                "author_id", flat=True
            )
        )
    expertise_refresh(person_ids=people)


def asset_changed(asset_id: int) -> None:
    """Who proposed it and the writers it cites."""
    from chumchon.communities.models import AssetSource, KnowledgeAsset

    people = set(
        KnowledgeAsset.objects.filter(pk=asset_id, proposed_by__isnull=False).values_list(
            "proposed_by_id", flat=True
        )
    )
    sources = AssetSource.objects.filter(asset_id=asset_id)
    people |= set(sources.filter(post__isnull=False).values_list("post__author_id", flat=True))
    people |= set(
        sources.filter(comment__author__isnull=False).values_list("comment__author_id", flat=True)
    )
    expertise_refresh(person_ids=people)


def session_changed(session_id: int) -> None:
    from chumchon.communities.models import Session

    people = Session.objects.filter(pk=session_id, created_by__isnull=False)
    expertise_refresh(person_ids=people.values_list("created_by_id", flat=True))


def community_changed(community_id: int) -> None:
    """A community opened or closed: its sessions and assets change scope."""
    from chumchon.communities.models import KnowledgeAsset, Session

    led = Session.objects.filter(community_id=community_id, created_by__isnull=False)
    proposed = KnowledgeAsset.objects.filter(
        Q(community_id=community_id) & Q(proposed_by__isnull=False)
    )
    people = set(led.values_list("created_by_id", flat=True))
    people |= set(proposed.values_list("proposed_by_id", flat=True))
    expertise_refresh(person_ids=people)


def member_changed(member_id: int) -> None:
    """Closing an account takes its writing out of everyone's view."""
    expertise_refresh(person_ids=[member_id])
