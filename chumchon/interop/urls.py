from django.urls import path

from chumchon.interop import views

app_name = "interop"
urlpatterns = [
    path("settings/tokens", views.token_list, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke", views.token_revoke_view, name="token-revoke"),
    path("settings/import", views.import_upload, name="import"),
    path("settings/export", views.export_page, name="export"),
    path("settings/export.zip", views.export_download, name="export-download"),
    path("settings/following.opml", views.following_opml_view, name="following-opml"),
]
