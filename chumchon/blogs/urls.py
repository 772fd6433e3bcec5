from django.urls import path

from chumchon.blogs import views

app_name = "blogs"
urlpatterns = [
    path("posts/<int:number>", views.post_detail, name="post-detail"),
    path("@<str:handle>/<slug:slug>", views.blog_detail, name="blog-detail"),
]
