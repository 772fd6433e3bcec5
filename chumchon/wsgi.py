import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from chumchon.core import thai

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chumchon.settings")
application = get_wsgi_application()

# Everything made while starting (modules, views, URL patterns) lives as long as the
# process. Loading the URL patterns now and freezing those objects keeps them out of
# the garbage collector's full passes, which otherwise walk them during requests and
# add tens of milliseconds to pages that build many objects (the expert finder's).
get_resolver().url_patterns  # noqa: B018 - imports every view module
# The Thai word list (hundreds of thousands of objects) too, else the first search loads
# it after the freeze and every full pass of the collector walks it.
thai.tokens("ชุมชน")
gc.freeze()
