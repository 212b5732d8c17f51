"""What the upload page tells an editor: one line per file, read from what the file became;
and the document list, which leads with the state and the next step."""
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Document, Job
from tests.articles.test_recovery import article_bytes

# Committing tests: the upload's parse is queued when its row commits, as in production,
# so the lines report what happened to each file by the end of the request.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + bytes(64)


def upload(client, *files: tuple[str, bytes]):
    url = reverse("admin:articles_document_upload")
    response = client.post(url, {"files": [SimpleUploadedFile(name, data) for name, data in files], "structure": ""})
    assert response.status_code == 302
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_a_batch_with_an_empty_file_and_a_disguised_png_gives_each_file_its_own_true_line(admin_client):
    lines = upload(admin_client, ("good.txt", article_bytes(1)), ("empty.txt", b""), ("picture.pdf", PNG))
    assert len(lines) == 3
    (good_level, good), (empty_level, empty), (png_level, png) = lines
    assert good_level == "success" and good.startswith("good.txt：已解析 1 篇")
    assert empty_level == "error" and empty.startswith("empty.txt：失败：") and "为空" in empty
    assert png_level == "error" and png.startswith("picture.pdf：失败：") and "图片" in png
    assert "正在后台解析" not in " ".join(text for _, text in lines)
    kept = {d.filename: d for d in Document.objects.all()}
    assert set(kept) == {"good.txt", "picture.pdf"}
    assert kept["good.txt"].status == Document.Status.PARSED
    assert kept["picture.pdf"].status == Document.Status.FAILED and kept["picture.pdf"].error in png


def test_the_same_file_again_says_it_exists_and_links_to_what_it_became(admin_client):
    upload(admin_client, ("first.txt", article_bytes(2)))
    *_, (level, line) = upload(admin_client, ("again.txt", article_bytes(2)))  # after the first upload's line
    article = Document.objects.get().articles.get()
    assert level == "warning" and line.startswith("again.txt：已存在，见")
    assert reverse("admin:articles_article_change", args=[article.pk]) in line
    assert Document.objects.count() == 1


def test_each_upload_has_a_parse_job_that_ends_as_its_document(admin_client):
    upload(admin_client, ("good.txt", article_bytes(3)), ("picture.pdf", PNG))
    good = Job.objects.get(kind=Job.Kind.PARSE, document__filename="good.txt")
    assert (good.status, good.done, good.total, good.message) == (Job.Status.DONE, 3, 3, "已解析 1 篇")
    assert good.created_by.username == "admin" and good.started_at and good.finished_at
    bad = Job.objects.get(kind=Job.Kind.PARSE, document__filename="picture.pdf")
    assert bad.status == Job.Status.FAILED and bad.error == bad.document.error != ""


def test_the_document_list_leads_with_the_state_and_the_review_link_and_ends_with_the_technical_columns(
    admin_client,
):
    upload(admin_client, ("good.txt", article_bytes(4)), ("picture.pdf", PNG))
    page = admin_client.get(reverse("admin:articles_document_changelist")).content.decode()
    order = [page.index(f"column-{name}") for name in (
        "status_line", "result_link", "filename", "download_link", "media_short", "size_short", "hash_short"
    )]
    assert order == sorted(order)
    assert "跨境电商第4篇报道" in page  # the link to what the good file became
    failed = Document.objects.get(filename="picture.pdf")
    assert failed.error[:20] in page
    assert 'title="application/octet-stream">octet-stream<' in page  # narrow, in full on hover
