"""Writes for communities, networks, sessions and knowledge assets.

Nothing else saves these models. Split by topic; import from here.
"""

from chumchon.communities.services.assets import (
    asset_harvest,
    asset_propose,
    asset_publish,
    asset_remove,
    asset_update,
)
from chumchon.communities.services.membership import (
    community_create,
    community_hand_over,
    community_update,
    membership_accept_invitation,
    membership_approve,
    membership_decline,
    membership_invite,
    membership_join,
    membership_leave,
    membership_set_role,
)
from chumchon.communities.services.networks import (
    network_create,
    network_link_accept,
    network_link_delete,
    network_link_request,
)
from chumchon.communities.services.posts import (
    blog_membership_create,
    blog_membership_delete,
    communities_touch_for_post,
    community_follow,
    community_post_share,
    community_unfollow,
)
from chumchon.communities.services.sessions import session_create, session_record

__all__ = [
    "asset_harvest", "asset_propose", "asset_publish", "asset_remove", "asset_update",
    "blog_membership_create", "blog_membership_delete", "communities_touch_for_post",
    "community_create", "community_follow", "community_hand_over", "community_post_share",
    "community_unfollow", "community_update", "membership_accept_invitation",
    "membership_approve", "membership_decline", "membership_invite", "membership_join",
    "membership_leave", "membership_set_role", "network_create", "network_link_accept",
    "network_link_delete", "network_link_request", "session_create", "session_record",
]  # fmt: skip
