"""With `DATABASE_REPLICA_URL` set, readers' pages read from the replica and the desk from the
primary. Run in a separate process, because the database aliases are fixed when Django
starts: the primary and the "replica" are two SQLite files, the replica a copy taken before
an article was added, so what each page shows tells which database it read."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, shutil
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import Client

call_command("migrate", verbosity=0)
connections.close_all()
shutil.copyfile(settings.DATABASES["default"]["NAME"], settings.DATABASES["replica"]["NAME"])

from articles.models import Article
article = Article.objects.create(title="只在主库的新文章", body="正文。", is_published=True)
editor = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw-12345678")

reader, desk = Client(), Client()
desk.force_login(editor)
archive = reader.get("/articles/")
article_page = reader.get(f"/articles/{article.pk}/").status_code

# The replica catches up (a new copy of the primary): now the reader sees the article.
connections.close_all()
shutil.copyfile(settings.DATABASES["default"]["NAME"], settings.DATABASES["replica"]["NAME"])
from django.core.cache import cache
cache.clear()
print(json.dumps({
    "archive_status": archive.status_code,
    "archive": "只在主库的新文章" in archive.content.decode(),
    "article_page": article_page,
    "after_catch_up": reader.get(f"/articles/{article.pk}/").status_code,
    "admin_list": "只在主库的新文章" in desk.get("/admin/articles/article/").content.decode(),
    "written_to_primary": Article.objects.using("default").filter(pk=article.pk).exists(),
}))
"""


def test_reader_pages_read_the_replica_and_the_desk_reads_the_primary(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "B2BWATCH_REQUIRE_SERVICES"}}
    env.update(DJANGO_SETTINGS_MODULE="b2bwatch.settings", DATA_DIR=str(tmp_path), ALLOWED_HOSTS="testserver",
               DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])

    assert seen["archive_status"] == 200
    assert seen["archive"] is False, "the archive was read from the primary"
    assert seen["article_page"] == 404, "a reader's page found a row only the primary has"
    assert seen["after_catch_up"] == 200, "the reader's page does not follow the replica"
    assert seen["admin_list"] is True, "the editors' desk must read its own writes"
    assert seen["written_to_primary"]
