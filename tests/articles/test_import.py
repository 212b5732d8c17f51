import re

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Document
from keywords.models import ArticleTopic, Topic
from tests.conftest import SEED_000, seed_bytes

pytestmark = pytest.mark.django_db

# Mentions of each 2013 keyword in seed 000's kept body and title, counted by hand with
# grep: the term, its sub-heading, and its aliases (P4P and 按效果付费 for 为效果付费, O2O,
# 跨境电子商务, 社交营销, 自由贸易试验区 …).
EXPECTED_MENTIONS = {
    "在线交易": 8,
    "互联网金融": 7,
    "大数据": 9,
    "线上线下结合": 5,
    "跨境电商": 9,
    "传统企业电商化": 5,
    "B2B社交营销": 5,
    "自贸区": 9,
    "为效果付费": 10,
    "产业带": 12,
}


def count_in_text(text: str, forms: list[str]) -> int:
    """An independent count: longest form first, Latin forms on word boundaries."""
    alternatives = "|".join(
        rf"(?<![A-Za-z0-9]){re.escape(f)}(?![A-Za-z0-9])" if f.isascii() else re.escape(f)
        for f in sorted(forms, key=len, reverse=True)
    )
    return len(re.findall(alternatives, text, flags=re.IGNORECASE))


def test_importing_seed_000_stores_one_published_article(import_seed):
    document = import_seed()
    assert document.status == Document.Status.PARSED
    article = Article.objects.get()
    assert article.is_published
    assert article.title == "通过十大关键词，解读2013年中国B2B行业"
    assert article.source.name == "虎嗅网"
    assert article.document == document
    assert bytes(document.content) == seed_bytes(SEED_000)


def test_each_2013_keyword_is_tagged_with_its_mentions(import_seed):
    import_seed()
    article = Article.objects.get()
    tags = {t.topic.term: t for t in ArticleTopic.objects.select_related("topic")}
    assert set(EXPECTED_MENTIONS) <= set(tags)
    for term, expected in EXPECTED_MENTIONS.items():
        forms = Topic.objects.get(term=term).surface_forms
        in_text = count_in_text(article.title, forms) + count_in_text(article.body, forms)
        assert tags[term].mentions == in_text == expected, term


def test_p4p_counts_for_为效果付费(import_seed):
    import_seed()
    body = Article.objects.get().body
    tag = ArticleTopic.objects.get(topic__term="为效果付费")
    assert body.count("P4P") == 5
    assert tag.mentions == body.count("为效果付费") + body.count("P4P") + body.count("按效果付费")


def test_the_same_file_twice_is_one_document(import_seed):
    first = import_seed()
    second = import_seed()
    assert first.pk == second.pk
    assert Document.objects.count() == 1
    assert Article.objects.count() == 1


# The command runs in autocommit, as from a shell: its tasks run when each document's
# row commits, so these tests commit for real.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committing
def test_import_command_imports_a_file(keywords_2013, tmp_path, capsys):
    path = tmp_path / SEED_000
    path.write_bytes(seed_bytes(SEED_000))
    call_command("import", str(path))
    assert "1 篇文章" in capsys.readouterr().out
    assert ArticleTopic.objects.filter(article__title__startswith="通过十大关键词").count() >= 10


@committing
def test_import_command_keeps_an_unreadable_file_and_says_why(tmp_path, capsys):
    path = tmp_path / "会刊.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # a picture named .txt
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        call_command("import", str(path))
    document = Document.objects.get()
    assert document.status == Document.Status.FAILED
    assert "图片" in document.error
    assert bytes(document.content) == path.read_bytes()
    assert Article.objects.count() == 0
    assert "失败" in capsys.readouterr().out


def test_import_command_names_a_missing_path():
    with pytest.raises(CommandError, match="找不到"):
        call_command("import", "/no/such/file.txt")


@committing
def test_samples_imported_with_publish_are_public_at_once(keywords_2013, capsys, settings):
    from articles.models import Publication

    call_command("import", "--samples", "--publish")
    out = capsys.readouterr().out
    assert "[4/4]" in out and "17 篇文章" in out
    assert Publication.objects.filter(is_published=True).count() == 3
    assert Article.objects.filter(is_published=False).count() == 0
    newsletter = Publication.objects.get(kind="newsletter")
    assert newsletter.articles.first().date_precision == "month"
