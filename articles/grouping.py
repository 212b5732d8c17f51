"""Grouping articles: reprints of one text, and stories of one event, across outlets.

Two levels, kept apart. A *reprint* is the same text (after normalisation, or nearly:
MinHash over character shingles, candidates found through indexed LSH bands, never by
comparing every pair). A *story* is different texts on the same event: titles and leads
whose rare words agree within a week (candidates come from the full-text index, by those
rare words), or a newsletter item that names the URL it was reprinted from. Both end in
one `Story` whose main article is the original outlet's or the earliest; the others are
"also reported by".
"""
from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q

from keywords.text.weights import word_weights

from .dedup.bands import band_hashes, estimated_jaccard, from_bytes, to_bytes
from .dedup.fingerprint import content_key, exact_hash
from .dedup.minhash import THRESHOLD, signature_values
from .dedup.stories import WINDOW, StoryItem, group_stories, pick_main, story_words
from .models import Article, ArticleBand, Story
from .search.backends import backend
from .search.query import any_of_words

MAX_CANDIDATES = 200
STORY_QUERY_WORDS = 8  # the rarest words of a title and lead that find candidates for its story


def _text(article: Article) -> str:
    return f"{article.title}\n{article.body}"


def _fingerprint(article: Article):
    text = _text(article)
    values = signature_values(text)
    article.content_hash = exact_hash(text) if content_key(text) else ""
    article.minhash = to_bytes(values)
    ArticleBand.objects.filter(article=article).delete()
    ArticleBand.objects.bulk_create(
        ArticleBand(article=article, band=band, value=value) for band, value in enumerate(band_hashes(values))
    )
    return values


def reprints_of(article: Article, values) -> list[Article]:
    """Other articles whose text this one repeats (exactly or nearly).

    Candidates are the articles sharing the exact hash or at least one LSH band: an
    indexed lookup, whatever the size of the corpus; each is then confirmed by its
    estimated Jaccard similarity.
    """
    bands = Q()
    for band, value in enumerate(band_hashes(values)):
        bands |= Q(band=band, value=value)
    same_band = ArticleBand.objects.filter(bands).exclude(article_id=article.pk).values("article_id")
    match = Q(pk__in=same_band)
    if article.content_hash:
        match |= Q(content_hash=article.content_hash)
    candidates = Article.objects.exclude(pk=article.pk).filter(match)
    found = []
    for other in candidates.only("pk", "minhash", "content_hash", "story_id", "reprint_of_id")[:MAX_CANDIDATES]:
        same = article.content_hash and other.content_hash == article.content_hash
        if same or (other.minhash and estimated_jaccard(values, from_bytes(other.minhash)) >= THRESHOLD):
            found.append(other)
    return found


def _item(article: Article) -> StoryItem:
    # A newsletter item's URL is the page it says it reprinted, not a page of its own.
    reprinted = bool(article.publication_id)
    return StoryItem(
        key=article.pk,
        title=article.title,
        text=article.body[:2000],
        published_at=article.published_at,
        outlet=article.outlet or (article.source.name if article.source_id else ""),
        url="" if reprinted else article.url,
        source_url=article.url if reprinted else "",
        words=story_words(article.search_title.split(), article.search_body.split()),  # as the analysis cut them
    )


def same_story(article: Article) -> list[Article]:
    """Different texts on the same event: the article a newsletter item cites, or articles
    within the story window that the story rules put with this one."""
    if article.url:
        cited = list(Article.objects.exclude(pk=article.pk).filter(url=article.url, publication__isnull=True)[:5])
        if cited:
            return cited
    if article.published_at is None:
        return []
    item = _item(article)
    nearby = _story_candidates(article, item.words)
    if not nearby:
        return []
    stories = group_stories([item, *(_item(a) for a in nearby)], weights=word_weights())
    mine = next(s for s in stories if any(i.key == article.pk for i in s.items))
    keys = {i.key for i in mine.items} - {article.pk}
    return [a for a in nearby if a.pk in keys]


def _story_candidates(article: Article, words: tuple[str, ...]) -> list[Article]:
    """Articles of the window that share the rarest of `words` (the article's title and
    lead), most relevant first, found through the full-text index rather than by scanning."""
    weights = word_weights()
    rarest = sorted({w for w in words if not w.isdigit()}, key=lambda w: (-weights[w], w))[:STORY_QUERY_WORDS]
    if not rarest:
        return []
    window = WINDOW + timedelta(days=1)
    nearby = Article.objects.exclude(pk=article.pk).filter(
        published_at__range=(article.published_at - window, article.published_at + window)
    )
    ids = [pk for pk, _ in backend().ranked_ids(any_of_words(rarest), nearby)[:MAX_CANDIDATES]]
    return list(Article.objects.filter(pk__in=ids).select_related("source"))


@transaction.atomic
def article_group(*, article_id: int) -> Story | None:
    """Fingerprint an article and put it in the story of its reprints or of its event."""
    article = Article.objects.select_for_update(of=("self",)).select_related("source").filter(pk=article_id).first()
    if article is None:
        return None
    values = _fingerprint(article)
    reprints = reprints_of(article, values)
    related = reprints or same_story(article)
    if reprints:
        first = min(reprints, key=lambda a: a.pk)
        article.reprint_of_id = first.reprint_of_id or first.pk
    story = next((a.story for a in related if a.story_id), None)
    if related and story is None:
        story = Story.objects.create()
    article.story = story
    article.save(update_fields=["content_hash", "minhash", "reprint_of", "story"])
    for other in related:
        if other.story_id != (story.pk if story else None):
            Article.objects.filter(pk=other.pk).update(story=story)
    if story is not None:
        _choose_main(story)
    return story


def _choose_main(story: Story) -> None:
    members = list(story.articles.select_related("source").order_by("pk"))  # ties go to the first stored
    if not members:
        story.delete()
        return
    main_key = pick_main([_item(a) for a in members]).key
    if story.main_id != main_key:
        story.main_id = main_key
        story.save(update_fields=["main", "updated_at"])
