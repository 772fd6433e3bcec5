from django.urls import path

from chumchon.follows import views

app_name = "follows"
urlpatterns = [
    path("follow/@<str:handle>", views.follow_member, name="follow-member"),
    path("follow/@<str:handle>/<slug:slug>", views.follow_blog, name="follow-blog"),
    path("contact/@<str:handle>", views.contact, name="contact"),
    path("following", views.feed, name="feed"),
    path("inbox", views.inbox, name="inbox"),
    path("inbox/sent", views.sent, name="sent"),
    path("inbox/<int:message_id>", views.message_detail, name="message"),
]
