"""The JSON API at /api/v1/: one NinjaAPI, one router per app."""

from __future__ import annotations

from ninja import NinjaAPI

from chumchon.accounts.api import router as accounts_router
from chumchon.blogs.api import router as blogs_router
from chumchon.comments.api import router as comments_router
from chumchon.communities.api import router as communities_router
from chumchon.experts.api import router as experts_router
from chumchon.follows.api import router as follows_router
from chumchon.health.api import router as health_router
from chumchon.interop.api import router as interop_router
from chumchon.interop.api_support import install_error_handlers, read_auth
from chumchon.notifications.api import router as notifications_router
from chumchon.search.api import router as search_router

# Every router reads as the token's owner, the signed-in member, or a guest (read_auth);
# writes opt into write_auth.
api = NinjaAPI(title="chumchon API", version="1", urls_namespace="api", auth=read_auth)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", blogs_router)
api.add_router("/", comments_router)
api.add_router("/", follows_router)
api.add_router("/", communities_router)
api.add_router("/", search_router)
api.add_router("/", experts_router)
api.add_router("/", health_router)
api.add_router("/", interop_router)
api.add_router("/", notifications_router)
