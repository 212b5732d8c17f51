import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")
application = get_wsgi_application()

from b2bwatch.warmup import warm_up  # noqa: E402 - needs the settings loaded above

warm_up()
