from django.urls import path

from chumchon.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications", views.notification_list, name="list"),
    path("notifications/badge", views.notification_badge, name="badge"),
    path("notifications/read", views.notification_mark_all_read, name="mark-all-read"),
    path("settings/notifications", views.digest_settings, name="settings"),
    path("unsubscribe/<str:token>", views.unsubscribe, name="unsubscribe"),
]
