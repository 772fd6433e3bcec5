from django.urls import path

from chumchon.experts import views

app_name = "experts"
urlpatterns = [
    path("experts", views.expert_list, name="list"),
    path("experts/settings", views.finder_settings, name="settings"),
    path("experts/tags/<str:name>", views.tag_experts, name="tag"),
    path("experts/@<str:handle>", views.member_expertise, name="member"),
    path("experts/@<str:handle>/endorse", views.endorse, name="endorse"),
    path("experts/@<str:handle>/withdraw", views.withdraw, name="withdraw"),
]
