from __future__ import annotations

from django.http import HttpRequest

from chumchon.notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count in the header; lazy, so pages that do not show it pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: Notification.objects.for_member(user).unread().count()}
