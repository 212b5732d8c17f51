"""The limits hold through the pipeline's doors: a stored document that runs past them
fails with a message, and an article cut to the length cap says so on its document."""
import pytest

from articles.ingest import dispatch
from articles.models import Article, Document
from articles.services import document_create

from .makefiles import distinct_paragraphs
from .test_bounded_parse import PAGE, _slowly

pytestmark = pytest.mark.django_db


def store(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        document, _ = document_create(**kwargs)
    document.refresh_from_db()
    return document


def test_a_fetched_page_running_past_the_time_limit_fails_with_a_message(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PARSE_TIME_LIMIT_SECONDS = 1
    monkeypatch.setattr(dispatch, "parse_webpage", _slowly(dispatch.parse_webpage))
    document = store(django_capture_on_commit_callbacks, data=PAGE, filename="a.html",
                     origin="http://127.0.0.1/a.html", structure=Document.Structure.WEBPAGE)
    assert document.status == Document.Status.FAILED and "解析超过 1 秒" in document.error
    assert not Article.objects.exists()


def test_an_overlong_article_is_stored_cut_with_a_warning_on_its_document(
    settings, django_capture_on_commit_callbacks
):
    settings.MAX_ARTICLE_CHARS = 1000
    text = "\n".join(["长文标题", *distinct_paragraphs(60)])
    document = store(django_capture_on_commit_callbacks, data=text.encode(), filename="long.txt",
                     structure=Document.Structure.ARTICLE)
    article = Article.objects.get()
    assert document.status == Document.Status.PARSED and len(article.body) <= 1000
    assert document.error.startswith("注意：") and "超过上限 1,000 字" in document.error
