"""Permission-matrix entries for site-wide routes: home, language, the admin, API docs."""

from __future__ import annotations

import re

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from chumchon.core.tests.matrix import World, route

STAFF_ONLY = "302 302 302 302 200"  # the admin sends everyone but staff to its login page
ALL_200 = "200 200 200 200 200"
TASKS = "admin:django_tasks_database_dbtaskresult"


def prepare(world: World) -> None:
    world.put("admin-object", "auth.group", Group.objects.create(name="matrix"))


def _admin_model(key: str):  # type: ignore[no-untyped-def]
    for model in admin.site._registry:
        label = f"{model._meta.app_label}_{model._meta.model_name}_"
        path = f"/{model._meta.app_label}/{model._meta.model_name}/"
        if key.startswith(f"admin:{label}") or path in key:
            return model
    return None


def admin_url(world: World, state: str, key: str) -> str:
    """Fill an admin route's parameters with a real object of the route's model."""
    model = _admin_model(key)
    obj = None
    if model is not None:
        obj = world.objects.get(("admin-object", model._meta.label_lower))
        obj = obj or model._default_manager.order_by("pk").first()
    pk = str(obj.pk) if obj is not None else "999999"
    if key.startswith("admin/"):  # an unnamed pattern: substitute into its route string
        path = key.split("/", 1)[1]
        path = path.replace("<path:object_id>", pk).replace("(?P<url>.*)$", "no-such-page/")
        return "/" + path.lstrip("^")
    name = key
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "communities"})
    if name == "admin:view_on_site":
        community = world.get("community", "public")
        content_type = ContentType.objects.get_for_model(community)
        return reverse(name, args=[content_type.pk, community.pk])
    if model is not None and re.search(r"_(change|delete|history)$", name):
        return reverse(name, args=[pk])
    return reverse(name)


ROUTES = [
    route("home", lambda w, s: "/", public="200 200 200 200 200"),
    route("set_language", lambda w, s: "/i18n/setlang/", method="POST",
          data=lambda w, s: {"language": "en"}, public="302 302 302 302 302"),
    route("api:openapi-json", lambda w, s: reverse("api:openapi-json"), public=ALL_200),
    route("api:openapi-view", lambda w, s: reverse("api:openapi-view"), public=ALL_200),
    route("api:api-root", lambda w, s: reverse("api:api-root"), public="404 404 404 404 404"),
    # The admin: staff only, every model's list, add, change, delete and history pages.
    route("admin:*", admin_url, public=STAFF_ONLY),
    route("admin:login", admin_url, public="200 200 200 200 302"),
    route("admin:logout", admin_url, method="POST", public="302 302 302 302 302"),
    route("admin:autocomplete", admin_url, public="302 302 302 302 403"),  # no field given
    route("admin:view_on_site", admin_url, public="302 302 302 302 302"),  # to the object
    route("admin/*/<path:object_id>/", admin_url, public="302 302 302 302 302"),  # to change
    route("admin/admin/(?P<url>.*)$", admin_url, public="302 302 302 302 404"),
    # Task results are written by the task backend only: the admin may not add or delete,
    # and the matrix has no result row, so the object pages redirect to the list.
    route(f"{TASKS}_add", admin_url, public="302 302 302 302 403"),
    route(f"{TASKS}_delete", admin_url, public="302 302 302 302 403"),
    route(f"{TASKS}_change", admin_url, public="302 302 302 302 302"),
    route(f"{TASKS}_history", admin_url, public="302 302 302 302 302"),
]  # fmt: skip
