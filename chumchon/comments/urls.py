from django.urls import path

from chumchon.comments import views

app_name = "comments"
urlpatterns = [
    path("posts/<int:number>/comments", views.comment_create, name="create"),
    path("posts/<int:number>/flower", views.flower_toggle, name="flower"),
    path("posts/<int:number>/flag", views.flag_create, name="flag-post"),
    path("comments/<int:comment_id>/approve", views.comment_approve, name="approve"),
    path("comments/<int:comment_id>/remove", views.comment_remove, name="remove"),
    path("comments/<int:comment_id>/accept", views.comment_accept, name="accept"),
    path("comments/<int:comment_id>/flag", views.flag_create, name="flag-comment"),
    path("moderation", views.moderation_queue, name="moderation"),
    path("moderation/flags", views.flag_queue, name="flags"),
    path("moderation/flags/<int:flag_id>", views.flag_resolve, name="flag-resolve"),
]
