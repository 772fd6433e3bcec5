from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "chumchon.follows"
    label = "follows"
    verbose_name = _("Follows and messages")
