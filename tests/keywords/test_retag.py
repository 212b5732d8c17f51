import pytest
from django.urls import reverse

from articles.jobs import job_run
from articles.models import Article, Job
from articles.search import search_articles
from keywords import services
from keywords.models import ArticleTopic, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(import_seed):
    import_seed()
    return Article.objects.get()


def retag(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.topics_retag_start(reason="test")
    job.refresh_from_db()
    return job


def test_a_new_topic_is_tagged_on_existing_articles_after_retagging(seeded, django_capture_on_commit_callbacks):
    topic = Topic.objects.create(term="农业电商", slug="nongye-dianshang")
    assert not ArticleTopic.objects.filter(topic=topic).exists()
    job = retag(django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE and job.done == job.total == 1
    assert ArticleTopic.objects.get(topic=topic, article=seeded).mentions == 1


def test_search_index_follows_the_dictionary(seeded, django_capture_on_commit_callbacks):
    Topic.objects.create(term="农业电商", slug="nongye-dianshang")
    # The index was cut without the new word: it is found inside the old words until the re-tag…
    assert "农业电商" not in Article.objects.get().search_body.split()
    assert search_articles("农业电商").total == 1
    retag(django_capture_on_commit_callbacks)
    # …which makes it a whole word of the index.
    assert search_articles("农业电商").total == 1
    assert "农业电商" in Article.objects.get().search_body.split()


def test_retagging_goes_in_chunks_with_progress(seeded, monkeypatch, django_capture_on_commit_callbacks):
    for n in range(4):
        Article.objects.create(title=f"产业带第{n}篇", body="产业带上线。", is_published=True)
    monkeypatch.setattr(services, "RETAG_CHUNK", 2)
    job = retag(django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.total, job.percent) == (Job.Status.DONE, 5, 5, 100)
    assert ArticleTopic.objects.filter(topic__term="产业带").count() == 5


def test_a_new_retag_supersedes_one_under_way(seeded):
    first = services.topics_retag_start(reason="first")
    second = services.topics_retag_start(reason="second")
    first.refresh_from_db()
    assert first.status == Job.Status.SUPERSEDED
    assert job_run(job_id=first.pk) is None  # its message, arriving late, does nothing
    assert second.status == Job.Status.QUEUED


def alias_form(topic: Topic, new_alias: str) -> dict:
    aliases = list(topic.aliases.all())
    data = {
        "term": topic.term, "slug": topic.slug, "description": topic.description,
        "aliases-TOTAL_FORMS": len(aliases) + 1, "aliases-INITIAL_FORMS": len(aliases),
        "aliases-MIN_NUM_FORMS": 0, "aliases-MAX_NUM_FORMS": 1000,
        "not_phrases-TOTAL_FORMS": 0, "not_phrases-INITIAL_FORMS": 0,
        "not_phrases-MIN_NUM_FORMS": 0, "not_phrases-MAX_NUM_FORMS": 1000,
    }
    for i, alias in enumerate(aliases):
        data |= {f"aliases-{i}-id": alias.pk, f"aliases-{i}-text": alias.text, f"aliases-{i}-topic": topic.pk}
    return data | {f"aliases-{len(aliases)}-text": new_alias, f"aliases-{len(aliases)}-topic": topic.pk}


def test_saving_an_alias_returns_with_a_waiting_retag_job_and_tags_nothing_inline(admin_client, seeded):
    topic = Topic.objects.get(term="产业带")
    url = reverse("admin:keywords_topic_change", args=[topic.pk])
    # The test's transaction never commits: whatever the request ran inline has run, and
    # the job's task (sent on commit) has not.
    response = admin_client.post(url, alias_form(topic, "线上线下"), follow=True)
    job = Job.objects.get(kind=Job.Kind.RETAG)
    assert (job.kind, job.status, job.done) == (Job.Kind.RETAG, Job.Status.QUEUED, 0)
    assert job.created_by.username == "admin"
    assert reverse("admin:articles_job_change", args=[job.pk]) in response.content.decode()
    assert Article.objects.get().analysed_at == seeded.analysed_at  # nothing re-tagged inside the request


def test_editing_aliases_in_the_admin_starts_a_retag(admin_client, seeded, django_capture_on_commit_callbacks):
    topic = Topic.objects.get(term="产业带")
    url = reverse("admin:keywords_topic_change", args=[topic.pk])
    data = alias_form(topic, "线上线下")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "重新标注" in response.content.decode()
    job = Job.objects.get(kind=Job.Kind.RETAG)
    assert job.status == Job.Status.DONE
    assert "线上线下" in Topic.objects.get(pk=topic.pk).surface_forms
