"""Keeping stories whole as their articles come and go.

A story shows readers one main article and lists the rest as "also reported by". When the
main one is deleted, taken down or parsed anew, the story chooses again among what is
left (a public article first); a story left with one article is no story and dissolves.
The services that delete or unpublish articles call these directly, as the review and
parsing services do for everything else; lists never depend on it (see
`selectors.one_per_story`).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from keywords.summaries import summaries_sync

from .dedup.stories import StoryItem, pick_main, story_words
from .models import Article, Story

# The columns `story_item` never reads, and the largest: candidates and members load without
# them (the body too: a story is told by its title's and lead's words, as the analysis cut them).
NOT_READ = ("body", "search_title_grams", "search_lead", "search_body_grams", "minhash")


def story_item(article: Article) -> StoryItem:
    """An article as the pure story code sees it."""
    # A newsletter item's URL is the page it says it reprinted, not a page of its own.
    reprinted = bool(article.publication_id)
    return StoryItem(
        key=article.pk,
        title=article.title,
        published_at=article.published_at,
        outlet=article.outlet or (article.source.name if article.source_id else ""),
        url="" if reprinted else article.url,
        source_url=article.url if reprinted else "",
        words=story_words(article.search_title.split(), article.search_body.split()),  # as the analysis cut them
        issue=article.publication_id,
        title_words=story_words(article.search_title.split(), []),
        kind=article.kind,
    )


@transaction.atomic
def story_rebuild(*, story: Story) -> Story | None:
    """Choose the story's main article again from its members; dissolve it below two.

    Returns the story, or None when it was dissolved. The topic totals count what the
    story hides, so its members are synced (only those whose part changed are written).
    """
    story = Story.objects.select_for_update().filter(pk=story.pk).first()
    if story is None:
        return None
    # Ties go to the first stored.
    members = list(story.articles.select_related("source").defer(*NOT_READ).order_by("pk"))
    if len(members) < 2:
        Article.objects.filter(story=story).update(story=None)
        story.delete()
        story = None
    else:
        public = [a for a in members if a.is_published] or members
        main_key = pick_main([story_item(a) for a in public]).key
        if story.main_id != main_key:
            story.main_id = main_key
            story.save(update_fields=["main", "updated_at"])
    summaries_sync(article_ids=[a.pk for a in members])
    return story


def stories_rebuild(*, story_ids: Iterable[int]) -> None:
    for story in Story.objects.filter(pk__in=set(story_ids)):
        story_rebuild(story=story)


def stories_of(articles: QuerySet[Article]) -> set[int]:
    """The stories these articles belong to: to rebuild once they are gone or changed."""
    return set(articles.exclude(story=None).values_list("story_id", flat=True))


@transaction.atomic
def articles_delete(*, articles: QuerySet[Article]) -> None:
    """Delete articles, then rebuild the stories they were in."""
    story_ids = stories_of(articles)
    articles.delete()
    stories_rebuild(story_ids=story_ids)
