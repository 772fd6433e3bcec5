from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from chumchon.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("chumchon.core.urls")),
    path("", include("chumchon.accounts.urls")),
    path("", include("chumchon.blogs.urls")),
    path("", include("chumchon.comments.urls")),
    path("", include("chumchon.follows.urls")),
    path("", include("chumchon.communities.urls")),
    path("", include("chumchon.search.urls")),
    path("", include("chumchon.experts.urls")),
    path("", include("chumchon.health.urls")),
    path("", include("chumchon.interop.urls")),
    path("", include("chumchon.notifications.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
