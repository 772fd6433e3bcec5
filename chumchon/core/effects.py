"""Side effects of domain writes, called explicitly by services after commit.

Each function lists, in one place, everything that follows a kind of write (the search
index, notifications, federation), so that nothing hides in signals.
"""

from __future__ import annotations


def post_changed(post_id: int) -> None:
    """A post was created, edited, published or removed."""
    from chumchon.communities.services import communities_touch_for_post
    from chumchon.experts import hooks as experts
    from chumchon.notifications import hooks
    from chumchon.search.indexing import index_ids

    communities_touch_for_post(post_id=post_id)
    index_ids("posts", [post_id])
    experts.post_changed(post_id)
    hooks.post_changed(post_id)


def comment_changed(comment_id: int) -> None:
    """A comment was written, approved, removed or accepted."""
    from chumchon.comments.models import Comment
    from chumchon.experts import hooks as experts
    from chumchon.notifications import hooks
    from chumchon.search.indexing import index_ids

    # A post's visible comments are part of its search document.
    post_id = Comment.objects.filter(pk=comment_id).values_list("post_id", flat=True).first()
    if post_id is not None:
        index_ids("posts", [post_id])
    experts.comment_changed(comment_id)
    hooks.comment_changed(comment_id)


def member_changed(member_id: int) -> None:
    """A member joined, or changed their name, profile, unit or tags."""
    from chumchon.experts import hooks as experts
    from chumchon.search.indexing import index_ids

    index_ids("people", [member_id])
    experts.member_changed(member_id)


def community_changed(community_id: int) -> None:
    """A community was started or edited, or its members, blogs or shared posts changed."""
    from chumchon.experts import hooks as experts
    from chumchon.search.indexing import index_ids

    # Its name, purpose, goals and tags are its search document; who may find it is
    # decided when searching (Community.objects.visible_to), so a change of visibility
    # needs nothing more.
    index_ids("communities", [community_id])
    experts.community_changed(community_id)


def session_changed(session_id: int) -> None:
    """A sharing session was scheduled or its notes, AAR or participants recorded."""
    from chumchon.experts import hooks as experts

    experts.session_changed(session_id)


def asset_changed(asset_id: int) -> None:
    """A knowledge asset was proposed, edited, published or removed."""
    from chumchon.experts import hooks as experts
    from chumchon.search.indexing import index_ids

    # Only published assets are in the index: a removed one leaves it here.
    index_ids("assets", [asset_id])
    experts.asset_changed(asset_id)


def network_changed(network_id: int) -> None:
    """A network was formed, or a community asked to join it or was accepted."""


def flower_given(flower_id: int) -> None:
    """A member gave a post a flower."""
    from chumchon.notifications import hooks

    hooks.flower_given(flower_id)


def follow_created(follow_id: int) -> None:
    """A member started following a member or a blog."""
    from chumchon.notifications import hooks

    hooks.follow_created(follow_id)
