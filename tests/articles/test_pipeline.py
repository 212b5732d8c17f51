"""One pipeline: an article goes through its steps in the declared order, a step that fails
leaves it as it was and says so where the editor looks, and running it again changes nothing."""
import time
from dataclasses import replace

import pytest
from django.urls import reverse

from articles import pipeline
from articles.models import Article, Document, Job
from articles.pipeline import ARTICLE_STEPS, StepFailed, article_process, document_process
from keywords import services as keyword_services
from keywords.models import ArticleOrganisation, ArticleTopic, TimelineEvent
from tests.conftest import SEED_000

pytestmark = pytest.mark.django_db

NEWSLETTER = "002_23272ef6e7c342b9.txt"


def failing(step_name: str, error: Exception):
    """ARTICLE_STEPS with one step's save raising `error` (a fault injected into real code)."""

    def broken(run):
        raise error

    def broken_many(runs):
        raise error

    return tuple(replace(s, save=broken, save_many=s.save_many and broken_many) if s.name == step_name else s
                 for s in ARTICLE_STEPS)


def state(article: Article) -> dict:
    """Everything the steps write for an article, comparable across runs."""
    row = Article.objects.filter(pk=article.pk).values(
        "analysed_at", "search_title", "search_body", "search_lead", "search_body_grams", "content_hash",
        "minhash", "story_id", "reprint_of_id",
    ).get()
    row["minhash"] = bytes(row["minhash"] or b"")
    row["tags"] = sorted(ArticleTopic.objects.filter(article=article).values_list(
        "topic_id", "mentions", "score", "strength"))
    row["organisations"] = sorted(ArticleOrganisation.objects.filter(article=article).values_list(
        "organisation_id", "mentions"))
    row["events"] = sorted(TimelineEvent.objects.filter(article=article).values_list("sentence", "happened_on", "key"))
    return row


def but_the_time(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "analysed_at"}


def not_grouping(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("content_hash", "minhash", "story_id", "reprint_of_id")}


def test_the_steps_are_analysis_index_grouping_in_that_order():
    assert [s.name for s in ARTICLE_STEPS] == ["analysis", "index", "grouping"]


def test_an_article_is_analysed_indexed_and_grouped_by_one_call():
    article = Article.objects.create(title="跨境电商的新变化", body="2015年3月，跨境电商试点扩大。" * 5)
    run = article_process(article_id=article.pk)
    assert run.saved == ["analysis", "index", "grouping"]
    article.refresh_from_db()
    assert article.analysed_at is not None and article.analysis_attempts == 0
    assert "跨境电商" in article.search_title.split() and article.content_hash and article.minhash
    assert ArticleTopic.objects.filter(article=article, topic__term="跨境电商").exists()


def test_a_new_step_is_one_entry_in_the_list_and_runs_where_it_is_put(monkeypatch):
    seen = []

    def note(run):  # what a step placed after the index finds already saved
        seen.append((list(run.saved), Article.objects.get(pk=run.article.pk).search_title))

    steps = list(ARTICLE_STEPS)
    steps.insert(2, pipeline.Step("note", "记录", save=note))
    monkeypatch.setattr(pipeline, "ARTICLE_STEPS", tuple(steps))
    article = Article.objects.create(title="跨境电商的新变化", body="跨境电商试点扩大。")
    run = article_process(article_id=article.pk)
    assert run.saved == ["analysis", "index", "note", "grouping"]
    [(saved_before, search_title)] = seen
    assert saved_before == ["analysis", "index"] and "跨境电商" in search_title.split()


def test_a_step_that_fails_leaves_the_article_as_it_was_and_says_so_on_its_document(
    import_seed, monkeypatch, admin_client
):
    document = import_seed(SEED_000)
    article = Article.objects.get(document=document)
    before = state(article)
    Article.objects.filter(pk=article.pk).update(title="大数据：" + article.title)  # an edit to analyse
    monkeypatch.setattr(pipeline, "ARTICLE_STEPS", failing("index", ValueError("磁盘已满")))
    with pytest.raises(StepFailed, match="建立搜索索引失败：ValueError: 磁盘已满"):
        article_process(article_id=article.pk)
    # The analysis saves in the index's transaction: its new tags were rolled back with it.
    assert state(article) == before
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED
    assert f"文章 #{article.pk}《大数据：" in document.error and "磁盘已满" in document.error
    page = admin_client.get(reverse("admin:articles_document_changelist")).content.decode()
    assert "1 篇文章处理失败" in page and "磁盘已满" in page
    monkeypatch.setattr(pipeline, "ARTICLE_STEPS", ARTICLE_STEPS)
    article_process(article_id=article.pk)  # once the fault is gone, the run goes through…
    document.refresh_from_db()
    assert "磁盘已满" not in document.error  # …and the note goes
    assert state(article) != before and ArticleTopic.objects.filter(article=article, topic__term="大数据").exists()


def test_a_failing_grouping_keeps_the_analysis_and_leaves_a_new_article_for_the_sweep(monkeypatch):
    article = Article.objects.create(title="大数据的新用途", body="大数据让采购更准。" * 5)
    monkeypatch.setattr(pipeline, "ARTICLE_STEPS", failing("grouping", RuntimeError("锁等待超时")))
    with pytest.raises(StepFailed, match="归入事件失败：RuntimeError: 锁等待超时"):
        article_process(article_id=article.pk)
    article.refresh_from_db()
    # Grouping has a transaction of its own: the tags and the index saved before it stay…
    assert ArticleTopic.objects.filter(article=article, topic__term="大数据").exists()
    assert "大数据" in article.search_title.split()
    # …its own rows are not written, and the article is not marked done: the sweep takes it again.
    assert (article.content_hash, article.minhash, article.story_id) == ("", None, None)
    assert article.analysed_at is None and article.analysis_attempts == 1


def test_a_step_stopped_by_its_limits_is_noted_and_the_run_ends_quietly(import_seed, monkeypatch, settings):
    document = import_seed(SEED_000)
    article = Article.objects.get(document=document)
    before = state(article)
    settings.PARSE_TIME_LIMIT_SECONDS = 1
    monkeypatch.setattr(keyword_services, "ANALYSE_IN_CHILD_CHARS", 100)  # analysed in the bounded child…
    analyse = keyword_services.analyse_text

    def slowly(*args, **kwargs):  # …which takes longer than its limit
        time.sleep(3)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(keyword_services, "analyse_text", slowly)
    assert article_process(article_id=article.pk) is None
    assert state(article) == before
    document.refresh_from_db()
    assert f"文章 #{article.pk}《" in document.error and "分析失败：解析超过 1 秒" in document.error


def test_a_failing_step_fails_the_retag_job_with_its_message(import_seed, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    import_seed(SEED_000)
    article = Article.objects.get()
    monkeypatch.setattr(pipeline, "ARTICLE_STEPS", failing("analysis", KeyError("topic")))
    with django_capture_on_commit_callbacks(execute=True):
        job = keyword_services.topics_retag_start(reason="test")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error.startswith(f"文章 #{article.pk}《") and "分析失败：KeyError" in job.error


def test_running_a_document_and_its_articles_again_changes_nothing(import_seed):
    document = import_seed(NEWSLETTER)
    articles = list(Article.objects.filter(document=document).order_by("pk"))
    assert len(articles) > 5
    first = [but_the_time(state(a)) for a in articles]
    assert document_process(document_id=document.pk) is None  # parsed already: nothing to do
    for article in articles:
        article_process(article_id=article.pk)
    assert [but_the_time(state(a)) for a in articles] == first
    assert list(Article.objects.filter(document=document).order_by("pk")) == articles


def test_regrouping_runs_the_grouping_step_alone_on_what_is_stored(import_seed):
    document = import_seed(SEED_000)
    article = Article.objects.get(document=document)
    before = state(article)
    Article.objects.filter(pk=article.pk).update(title="大数据：" + article.title)
    run = article_process(article_id=article.pk, steps=["grouping"])
    assert run.saved == ["grouping"]
    after = state(article)
    assert after["content_hash"] != before["content_hash"]  # fingerprinted anew, title and all…
    # …but not analysed or indexed again, and no attempt counted.
    assert not_grouping(after) == not_grouping(before)
    assert Article.objects.get(pk=article.pk).analysis_attempts == 0
    with pytest.raises(ValueError, match="no such pipeline step"):
        article_process(article_id=article.pk, steps=["summary"])


def test_a_retag_leaves_grouping_out_where_the_new_vocabulary_cut_nothing_differently():
    article = Article.objects.create(title="跨境电商的新变化", body="2015年3月，跨境电商试点扩大。" * 5)
    article_process(article_id=article.pk)
    before = state(article)
    run = article_process(article_id=article.pk, retag=True)
    assert run.saved == ["analysis", "index"]
    assert but_the_time(state(article)) == but_the_time(before)


def test_a_retag_groups_again_where_a_new_word_changed_the_cut():
    from keywords.models import Topic

    article = Article.objects.create(title="农业电商的新变化", body="农业电商试点扩大。" * 5)
    article_process(article_id=article.pk)
    Topic.objects.create(term="农业电商", slug="nongye-dianshang")
    run = article_process(article_id=article.pk, retag=True)
    assert run.saved == ["analysis", "index", "grouping"]
    assert "农业电商" in Article.objects.get(pk=article.pk).search_title.split()


def test_a_retag_of_an_article_never_grouped_groups_it():
    article = Article.objects.create(title="跨境电商的新变化", body="跨境电商试点扩大。")
    run = article_process(article_id=article.pk, retag=True)
    assert run.saved == ["analysis", "index", "grouping"]
