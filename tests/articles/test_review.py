"""The editor's upload and review of a publication in the admin."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import review
from articles.models import Article, Document, Publication
from tests.conftest import SEED_000, seed_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    bodies = [
        ("跨境电商试点扩大", "跨境电商综合试点扩大到更多城市。\n海关出台配套措施。"),
        ("产业带上线", "多个产业带频道上线。\n第二部分的标题\n这是第二部分的正文。"),
        ("半篇文章", "被误拆出来的后半段，讲的仍是产业带。"),
    ]
    for position, (title, body) in enumerate(bodies, start=1):
        Article.objects.create(publication=publication, title=title, body=body, position=position, section="行业动态")
    return publication


def items(publication):
    """The items as the review page numbers them: the ones still in the publication."""
    return [(number, item.title) for number, item in enumerate(review.publication_items(publication), start=1)]


def test_nothing_is_public_before_publishing(client, issue):
    for article in issue.articles.all():
        assert client.get(article.get_absolute_url()).status_code == 404


def test_publishing_makes_every_item_public(client, issue):
    assert review.publication_publish(publication=issue) == 3
    for article in issue.articles.all():
        assert client.get(article.get_absolute_url()).status_code == 200


def test_rename_an_item(issue):
    article = issue.articles.get(position=1)
    review.publication_item_rename(article=article, title="  跨境电商 综合试点  ")
    assert items(issue)[0] == (1, "跨境电商 综合试点")


def test_an_empty_title_is_refused(issue):
    with pytest.raises(review.ReviewError, match="标题不能为空"):
        review.publication_item_rename(article=issue.articles.get(position=1), title="   ")


def test_merge_with_the_previous_item(issue):
    review.publication_item_merge_previous(article=issue.articles.get(position=3))
    assert items(issue) == [(1, "跨境电商试点扩大"), (2, "产业带上线")]
    merged = issue.articles.get(position=2)
    assert merged.body.endswith("半篇文章\n被误拆出来的后半段，讲的仍是产业带。")


def test_the_first_item_has_nothing_to_merge_into(issue):
    with pytest.raises(review.ReviewError):
        review.publication_item_merge_previous(article=issue.articles.get(position=1))


def test_split_at_a_paragraph_uses_a_title_line(issue):
    new = review.publication_item_split(article=issue.articles.get(position=2), paragraph=2)
    assert items(issue) == [(1, "跨境电商试点扩大"), (2, "产业带上线"), (3, "第二部分的标题"), (4, "半篇文章")]
    assert new.body == "这是第二部分的正文。"
    assert new.section == "行业动态" and not new.title_derived


def test_split_without_a_title_line_derives_one(issue):
    new = review.publication_item_split(article=issue.articles.get(position=1), paragraph=2)
    assert new.title == "海关出台配套措施" and new.title_derived


def test_split_outside_the_item_is_refused(issue):
    with pytest.raises(review.ReviewError, match="第 2 到第 2 段"):
        review.publication_item_split(article=issue.articles.get(position=1), paragraph=5)


def test_a_dropped_item_leaves_the_list(issue):
    review.publication_item_drop(article=issue.articles.get(position=1))
    assert items(issue) == [(1, "产业带上线"), (2, "半篇文章")]


def test_review_page_shows_the_split_and_publishes(admin_client, client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    page = admin_client.get(url).content.decode()
    assert "【行业动态】" in page and "产业带上线" in page and "未发布" in page
    response = admin_client.post(url, {"action": "rename", "article": issue.articles.get(position=3).pk,
                                       "title": "改好的标题"}, follow=True)
    assert "已改标题" in response.content.decode()
    admin_client.post(url, {"action": "publish"})
    assert client.get(issue.articles.get(position=3).get_absolute_url()).status_code == 200


def test_review_page_reports_a_bad_split(admin_client, issue):
    url = reverse("admin:articles_publication_review", args=[issue.pk])
    response = admin_client.post(url, {"action": "split", "article": issue.articles.get(position=1).pk,
                                       "paragraph": "9"}, follow=True)
    assert "只能在第 2 到第 2 段之间拆分" in response.content.decode()


def test_upload_stores_the_file_and_parses_it(admin_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile(SEED_000, seed_bytes(SEED_000), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_document_upload"), {"files": [upload]}, follow=True)
    assert f"{SEED_000}：排队中" in response.content.decode()  # its parse runs when the request commits
    document = Document.objects.get()
    assert document.status == Document.Status.PARSED
    assert document.uploaded_by.username == "admin"


def test_uploading_the_same_bytes_again_leads_to_the_existing_document(admin_client):
    for _ in range(2):
        upload = SimpleUploadedFile(SEED_000, seed_bytes(SEED_000))
        response = admin_client.post(reverse("admin:articles_document_upload"), {"files": [upload]}, follow=True)
    assert Document.objects.count() == 1
    page = response.content.decode()
    assert "与已有文档内容相同" in page
    assert reverse("admin:articles_document_change", args=[Document.objects.get().pk]) in page


def test_an_oversized_upload_is_refused_with_a_message(admin_client, settings):
    settings.MAX_DOCUMENT_BYTES = 10
    upload = SimpleUploadedFile("big.txt", "跨境电商".encode() * 10)
    response = admin_client.post(reverse("admin:articles_document_upload"), {"files": [upload]}, follow=True)
    assert "超过上限" in response.content.decode()
    assert Document.objects.count() == 0


def test_an_imported_newsletter_waits_for_review_then_publishes_tagged(import_seed, client):
    from keywords.models import ArticleTopic
    from tests.articles.ingest.makefiles import NEWSLETTER

    document = import_seed(NEWSLETTER)
    assert document.status == Document.Status.PARSED
    publication = Publication.objects.get(document=document)
    assert publication.kind == "newsletter" and publication.issue_label == "2015年3、4月合刊 第2期 总第142期"
    assert publication.source.name == "上海市电子商务行业协会"
    items = list(publication.articles.order_by("position"))
    assert len(items) == 17 and not any(a.is_published for a in items)
    assert items[1].attribution == "(来源: CNET科技资讯网 摘自: 网易科技)" and items[1].outlet == "CNET科技资讯网"
    assert client.get(items[1].get_absolute_url()).status_code == 404
    review.publication_publish(publication=publication)
    assert client.get(items[1].get_absolute_url()).status_code == 200
    assert ArticleTopic.objects.filter(article=items[1], topic__term="互联网金融").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("扫描件.pdf", None, "没有文字层"),
        ("会刊.docx", b"PK\x03\x04" + b"\x00" * 64, ""),
        ("照片.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(200)), "图片"),
    ],
)
def test_a_bad_file_uploaded_in_the_admin_is_kept_with_its_own_message(admin_client, name, data, message,
                                                                      django_capture_on_commit_callbacks):
    from tests.articles.ingest.makefiles import make_image_only_pdf

    data = data or make_image_only_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:articles_document_upload"), {"files": [SimpleUploadedFile(name, data)]})
    document = Document.objects.get()
    assert document.status == Document.Status.FAILED and message in document.error and document.error
    assert bytes(document.content) == data and Article.objects.count() == 0
    listing = admin_client.get(reverse("admin:articles_document_changelist")).content.decode()
    assert document.error[:20] in listing


def test_the_publication_date_is_shown_in_the_date_input_as_browsers_read_it(issue):
    """A `type=date` input shows only an ISO value: the locale's 2013/01/15 would leave it empty."""
    import datetime

    from articles.forms import PublicationMetadataForm

    issue.published_on = datetime.date(2013, 1, 15)
    assert 'value="2013-01-15"' in str(PublicationMetadataForm(instance=issue)["published_on"])
