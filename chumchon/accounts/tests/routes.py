"""Permission-matrix entries for the accounts app (see chumchon/core/tests/matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from chumchon.core.tests.matrix import route

ROUTES = [
    route("accounts:login", lambda w, s: reverse("accounts:login"), public="200 200 200 200 200"),
    route("accounts:logout", lambda w, s: reverse("accounts:logout"), method="POST",
          public="302 302 302 302 302"),
    route("accounts:profile", lambda w, s: reverse("accounts:profile", args=["somying"]),
          public="200 200 200 200 200"),
]  # fmt: skip
