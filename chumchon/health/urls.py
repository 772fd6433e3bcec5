from django.urls import path

from chumchon.health import views

app_name = "health"
urlpatterns = [
    path("c/<slug:slug>/health", views.community_health, name="community"),
    path("c/<slug:slug>/health.csv", views.community_health_csv, name="community-csv"),
    path("c/<slug:slug>/health.pdf", views.community_health_pdf, name="community-pdf"),
    path("health", views.organisation_health, name="organisation"),
    path("health.csv", views.organisation_health_csv, name="organisation-csv"),
    path("health.pdf", views.organisation_health_pdf, name="organisation-pdf"),
    path("health/research.zip", views.research_export, name="research"),
]
