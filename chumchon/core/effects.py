"""Side effects of domain writes, called explicitly by services after commit.

Each function lists, in one place, everything that follows a kind of write (the search
index, notifications, federation), so that nothing hides in signals.
"""

from __future__ import annotations


def post_changed(post_id: int) -> None:
    """A post was created, edited, published or removed."""
    from chumchon.notifications import hooks

    hooks.post_changed(post_id)


def comment_changed(comment_id: int) -> None:
    """A comment was written, approved, removed or accepted."""
    from chumchon.notifications import hooks

    hooks.comment_changed(comment_id)


def flower_given(flower_id: int) -> None:
    """A member gave a post a flower."""
    from chumchon.notifications import hooks

    hooks.flower_given(flower_id)


def follow_created(follow_id: int) -> None:
    """A member started following a member or a blog."""
    from chumchon.notifications import hooks

    hooks.follow_created(follow_id)
