"""Editors find organisations the corpus mentions, judge each name once, and accepted
names tag the articles."""
import pytest
from django.urls import reverse

from articles.models import Article, Job
from keywords.models import ArticleOrganisation, Organisation

pytestmark = pytest.mark.django_db

NEWSLETTER = "004_38fb784fea1a796c.txt"


@pytest.fixture
def newsletter(import_seed):
    document = import_seed(NEWSLETTER)
    Article.objects.filter(document=document).update(is_published=True)
    return document


def discover(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return admin_client.post(reverse("admin:keywords_organisation_discover"), follow=True)


def test_candidates_from_the_corpus_wait_for_review_with_their_evidence(
    admin_client, newsletter, django_capture_on_commit_callbacks
):
    response = discover(admin_client, django_capture_on_commit_callbacks)
    assert "正在从最近的文章中发现新的机构名称" in response.content.decode()
    candidates = {o.name: o for o in Organisation.objects.filter(status=Organisation.Status.CANDIDATE)}
    assert {"上海义天网络科技有限公司", "工商总局", "公安部"} <= candidates.keys()
    assert candidates["工商总局"].kind == "government"
    assert "企业登记全称" in candidates["上海义天网络科技有限公司"].evidence
    assert "例句：" in candidates["公安部"].evidence
    assert "阿里巴巴" not in candidates and "商务部" not in candidates  # known already
    job = Job.objects.get(kind=Job.Kind.ORGANISATION_DISCOVERY)
    assert job.status == Job.Status.DONE and job.created_by.username == "admin"
    assert f"发现 {len(candidates)} 个" in job.message
    listed = admin_client.get(reverse("admin:keywords_organisation_changelist")).content.decode()
    assert "上海义天网络科技有限公司" in listed and "待审核" in listed
    # A candidate does not tag anything until an editor accepts it.
    assert not ArticleOrganisation.objects.filter(organisation__status=Organisation.Status.CANDIDATE).exists()


def test_an_accepted_name_tags_the_articles_and_a_rejected_one_is_not_suggested_again(
    admin_client, newsletter, django_capture_on_commit_callbacks
):
    discover(admin_client, django_capture_on_commit_callbacks)
    accepted = Organisation.objects.get(name="工商总局")
    rejected = Organisation.objects.filter(status=Organisation.Status.CANDIDATE).exclude(pk=accepted.pk).first()
    changelist = reverse("admin:keywords_organisation_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(changelist, {"action": "accept", "_selected_action": [accepted.pk]})
        admin_client.post(changelist, {"action": "reject", "_selected_action": [rejected.pk]})
    accepted.refresh_from_db()
    assert accepted.status == Organisation.Status.REVIEWED
    assert ArticleOrganisation.objects.filter(organisation=accepted).exists()  # the corpus was re-tagged

    Organisation.objects.filter(status=Organisation.Status.CANDIDATE).delete()  # the list is cleared
    discover(admin_client, django_capture_on_commit_callbacks)
    rejected.refresh_from_db()
    assert rejected.status == Organisation.Status.REJECTED
    assert not Organisation.objects.filter(status=Organisation.Status.CANDIDATE, name=rejected.name).exists()
    assert Organisation.objects.filter(status=Organisation.Status.CANDIDATE).exists()  # the others come back


def test_discovery_only_starts_on_a_post(admin_client):
    response = admin_client.get(reverse("admin:keywords_organisation_discover"))
    assert response.status_code == 302 and not Organisation.objects.filter(status="candidate").exists()
