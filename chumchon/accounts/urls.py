from django.contrib.auth import views as auth_views
from django.urls import path

from chumchon.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("@<str:handle>", views.profile, name="profile"),
]
