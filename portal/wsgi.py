import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# A server process: load the Thai segmenter before the first search needs it.
from thai.text import warm_up  # noqa: E402  (needs the app registry set up above)

warm_up()
