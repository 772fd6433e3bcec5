from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from chumchon.accounts import views
from chumchon.accounts.auth_forms import SignInForm
from chumchon.blogs.feeds import MemberAtomFeed, MemberRssFeed

app_name = "accounts"
urlpatterns = [
    path("accounts/signup", views.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile", views.profile_edit, name="profile-edit"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/reset/done",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("@<str:handle>", views.profile, name="profile"),
    path("feeds/@<str:handle>/rss", MemberRssFeed(), name="feed-rss"),
    path("feeds/@<str:handle>/atom", MemberAtomFeed(), name="feed-atom"),
]
