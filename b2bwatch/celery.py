"""The Celery app.

Without a broker configured the tasks run in-process (see settings), so the same code
path serves the embedded default and the production shape with separate workers.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

app = Celery("b2bwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
