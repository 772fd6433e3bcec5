"""Side effects of domain writes, called explicitly by services after commit.

Each function lists, in one place, everything that follows a kind of write (the search
index, notifications, federation), so that nothing hides in signals.
"""

from __future__ import annotations


def post_changed(post_id: int) -> None:
    """A post was created, edited, published or removed."""


def comment_changed(comment_id: int) -> None:
    """A comment was written, approved, removed or accepted."""
