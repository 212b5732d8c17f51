"""An export runs in a real worker: the job goes from waiting to done, and the file it
wrote is what the editor downloads."""
import csv
import io

import pytest
from django.urls import reverse

from articles.exports import export_start
from articles.models import Article, Job, Publication
from tests.integration.conftest import wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_writes_an_export_the_editor_then_downloads(celery_processes, admin_user, admin_client, settings,
                                                             tmp_path):
    settings.DATA_DIR = tmp_path  # where the worker writes (celery_processes gives it tmp_path too)
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    for position in range(1, 6):
        Article.objects.create(publication=issue, title=f"第{position}篇，含“引号”", body=f"=第{position}段\n第二行",
                               position=position)
    process, log_path = celery_processes("worker")
    job = export_start(user=admin_user, format="csv", scope="publications", ids=[issue.pk], description="出版物")
    finished = wait_for(lambda: Job.objects.get(pk=job.pk).status in (Job.Status.DONE, Job.Status.FAILED))
    log = log_path.read_text()
    assert process.poll() is None, f"the worker died:\n{log}"
    assert finished, f"the export did not finish in time:\n{log}"
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.error) == (Job.Status.DONE, 5, 5, "")
    response = admin_client.get(reverse("admin:articles_job_download", args=[job.pk]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"), newline="")))
    assert [r["标题"] for r in rows] == [f"第{n}篇，含“引号”" for n in range(1, 6)]
    assert rows[0]["正文"] == "'=第1段\n第二行"
