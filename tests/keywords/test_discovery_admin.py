import pytest
from django.urls import reverse

from articles.models import Job
from keywords.models import ArticleTopic, KeywordYear, Topic

pytestmark = pytest.mark.django_db


def test_editors_see_rising_terms_with_examples_and_promote_one(admin_client, import_seed,
                                                                django_capture_on_commit_callbacks):
    import_seed()
    year = KeywordYear.objects.get(year=2013)
    url = reverse("admin:keywords_keywordyear_discover", args=[year.pk])
    assert admin_client.get(url).context["candidates"] == []  # nothing is computed by showing the page
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "discover"})
    job = Job.objects.get(kind=Job.Kind.KEYWORD_DISCOVERY)
    assert job.status == Job.Status.DONE and job.done == job.total > 0
    response = admin_client.get(url)
    assert response.context["job"] == job
    candidates = response.context["candidates"]
    terms = [c.term for c in candidates]
    assert candidates and all(c.count >= 2 for c in candidates)
    assert "在线交易" not in terms and "p4p" not in terms  # already keywords (or aliases)
    assert all(len(t) > 1 for t in terms)
    # Terms, not the words of the field, nor known organisations (阿里 is 阿里巴巴's alias).
    assert not {"电商", "电子商务", "b2b", "B2B", "互联网", "平台", "企业", "阿里", "阿里巴巴"} & set(terms)
    assert any(c.examples for c in candidates)
    promoted = terms[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"term": promoted}, follow=True)
    assert "已加入2013年榜单，第 11 位" in response.content.decode()
    topic = Topic.objects.get(term=promoted)
    assert year.entries.get(topic=topic).rank == 11
    assert ArticleTopic.objects.filter(topic=topic).exists()  # the corpus was re-tagged
