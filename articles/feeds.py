"""Feeds for subscribers, RSS 2.0 and Atom, from Django's syndication framework.

Every feed of articles shares `ArticleFeed`: a summary by default and the full text with
`?full=1`, ids that survive edits, dates in China's time zone, and `Last-Modified` for
conditional requests (ETags come from ConditionalGetMiddleware).

Dates are the articles' own (articles.dates), never the time we imported them: a feed
reader shows an entry's date as when the news happened, and 2013 news dated by its
import would read as today's. An entry whose date is unknown has no RSS `pubDate` and
no Atom `published`. Atom requires `updated`: such an entry gets the newest date known
in the feed (so it never sorts above a dated entry); the feed's own `updated` and RSS
`lastBuildDate` are that newest known date too (see `KnownDatesMixin`). A month-precise
date is given as the first moment of that month: the formats cannot say "March".

Feed readers render a summary as HTML after the XML is decoded, so text from outside
(an article's body, a title, a search query) is HTML-escaped in descriptions and kept
free of angle brackets in titles: `SafeFeed` applies that to every feed, whichever
class computes the value.

A person who clicks a feed link sees a page, not raw XML: every feed, RSS and Atom,
starts with an `<?xml-stylesheet?>` instruction naming static/feeds/feed.xsl, which a
browser applies to show the entries in Chinese with a pointer to /subscribe/; feed
readers ignore it. Django writes the instruction for RSS only, so the Atom writer adds it.
"""
from __future__ import annotations

import copy
import html

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import condition

from .dates import KnownDate, article_date, publication_date
from .ingest.safe import strip_control_chars
from .selectors import (
    articles_latest,
    articles_published,
    content_last_modified,
    publication_item_titles,
    publications_published,
    source_get,
)

# Values readers show as plain text (some render RSS titles as HTML, others not).
TEXT_ATTRS = frozenset({
    "title", "subtitle", "description", "author_name", "item_title", "item_author_name", "item_categories",
})

FEED_SIZE = 50


def _last_modified(request, *args, **kwargs):
    return content_last_modified()


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def feed_text(value) -> str:
    """Text that shows as the same text whether a reader treats it as text or as HTML.

    Entities are decoded first (a title may arrive as `&lt;script&gt;`; a reader that
    decodes twice would turn it into a tag), then angle brackets become their full-width
    forms, which no HTML parser reads as markup. Control characters are dropped: XML 1.0
    cannot carry them.
    """
    text = strip_control_chars(str(value))
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return strip_control_chars(text).replace("<", "\uff1c").replace(">", "\uff1e")


def feed_html_text(value: str) -> str:
    """Plain text as the HTML payload of a description: shown, never run."""
    return escape(strip_control_chars(value))


class KnownDatesMixin:
    """Feed-level dates from the entries' known dates only (Django would use now)."""

    def latest_post_date(self):
        known = [item["pubdate"] for item in self.items if item["pubdate"]]
        return max(known) if known else self.feed["last_modified"]


# Served as generic XML, not application/rss+xml or application/atom+xml: Chromium shows
# those as plain text and Firefox downloads them, so neither applies the stylesheet.
# Feed readers go by the content (and the <link rel="alternate"> type), not this header.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"


# RSS and Atom dates are instants: an issue of 2015年3月 goes out as 2015-03-01T00:00. Each
# entry also carries its date as readers see it on the site (`<b2b:date precision="month">
# 2015年3月</b2b:date>`), which the browser stylesheet shows; feed readers skip the element.
DATE_NAMESPACE = "urn:b2bwatch:feed"


class KnownDatesRssFeed(KnownDatesMixin, Rss201rev2Feed):
    content_type = FEED_CONTENT_TYPE

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:b2b": DATE_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        add_date_label(handler, item)


class KnownDatesAtomFeed(KnownDatesMixin, Atom1Feed):
    content_type = FEED_CONTENT_TYPE

    def write(self, outfile, encoding):
        """Django's Atom writer, plus the stylesheet instructions its RSS writer has: they
        must come after the XML declaration and before the root element."""
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:b2b": DATE_NAMESPACE}

    def add_item_elements(self, handler, item):
        # Atom requires `updated`; an undated entry takes the newest date known here.
        if item["updateddate"] is None:
            item = {**item, "updateddate": self.latest_post_date()}
        super().add_item_elements(handler, item)
        add_date_label(handler, item)


def add_date_label(handler, item) -> None:
    known = item.get("known_date")
    if known is not None:
        handler.addQuickElement("b2b:date", known.label, {"precision": known.precision})


def _feed_date(known: KnownDate | None):
    return known.as_datetime() if known else None


class SafeFeed(Feed):
    """A feed whose text fields are plain text in every reader (see `feed_text`), dated
    by what it knows (see `KnownDatesMixin`)."""

    feed_type = KnownDatesRssFeed

    def stylesheets(self):
        # One stylesheet for both formats; `text/xsl` is the type browsers act on.
        return [Stylesheet(static("feeds/feed.xsl"), mimetype="text/xsl")]

    def __call__(self, request, *args, **kwargs):
        # Last-Modified is when the content last changed (content_last_modified, set by
        # `condition`), not the newest article's date, which Django would set here.
        view = condition(last_modified_func=_last_modified)(self._response_without_last_modified)
        return view(request, *args, **kwargs)

    def _response_without_last_modified(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        del response["Last-Modified"]
        return response

    def feed_extra_kwargs(self, obj):
        # The last resort of `KnownDatesMixin.latest_post_date`: a feed with no dated
        # entry at all was last updated when its content last changed.
        return {"last_modified": content_last_modified() or timezone.now()}

    def _get_dynamic_attr(self, attname, obj, default=None):
        value = super()._get_dynamic_attr(attname, obj, default)
        if attname in TEXT_ATTRS and value:
            if isinstance(value, (list, tuple)):
                return [feed_text(v) for v in value]
            return feed_text(value)
        return value


class ArticleFeed(SafeFeed):
    """How every feed renders an article."""

    full_text = False

    def __call__(self, request, *args, **kwargs):
        # The Feed instance is shared by every request: per-request choices go on a copy.
        feed = copy.copy(self)
        feed.full_text = request.GET.get("full") in ("1", "true", "yes")
        return super(ArticleFeed, feed).__call__(request, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if self.full_text:
            return "".join(f"<p>{feed_html_text(p)}</p>" for p in item.paragraphs)
        return feed_html_text(Truncator(" ".join(item.paragraphs)).chars(300))

    def item_pubdate(self, item):
        return _feed_date(article_date(item))

    def item_extra_kwargs(self, item):
        return {"known_date": article_date(item)}

    def item_updateddate(self, item):
        return _feed_date(article_date(item))

    def item_author_name(self, item):
        return item.author or item.outlet or (item.source.name if item.source_id else None)

    def item_guid(self, item):
        # The site's own id for the article: stable across edits of its title or body.
        return absolute(item.get_absolute_url())

    item_guid_is_permalink = True


def with_atom(feed_class: type[Feed]) -> type[Feed]:
    """The Atom twin of an RSS feed class: same items, Atom format, subtitle = description."""
    attrs = {"feed_type": KnownDatesAtomFeed}
    if hasattr(feed_class, "description"):
        description = feed_class.description
        attrs["subtitle"] = description
    return type(f"{feed_class.__name__}Atom", (feed_class,), attrs)


class LatestArticlesFeed(ArticleFeed):
    title = "b2bwatch · 最新文章"
    description = "中国B2B电子商务行业资讯与报告的最新文章"

    def link(self):
        return reverse("keywords:home")

    def items(self):
        return articles_latest(FEED_SIZE)


class SourceArticlesFeed(ArticleFeed):
    def get_object(self, request, slug):
        return source_get(slug)

    def title(self, source):
        return f"b2bwatch · {source.name}"

    def link(self, source):
        return reverse("articles:source", args=[source.slug])

    def description(self, source):
        return f"来自“{source.name}”的文章"

    def items(self, source):
        return articles_published().filter(source=source)[:FEED_SIZE]


class SearchFeed(ArticleFeed):
    """Any search as a feed: subscribers follow a query."""

    def get_object(self, request):
        return request.GET.get("q", "")

    def title(self, q):
        return f"b2bwatch · 搜索：{q[:50]}"

    def link(self, q):
        return reverse("articles:search")

    def description(self, q):
        return f"包含“{q[:50]}”的最新文章"

    def items(self, q):
        from .search import search_articles

        return [hit.article for hit in search_articles(q, per_page=FEED_SIZE, order="newest").hits]


class SourcePublicationsFeed(SafeFeed):
    """An association's newsletter issues and a publisher's reports."""

    def get_object(self, request, slug):
        return source_get(slug)

    def title(self, source):
        return f"b2bwatch · {source.name} · 会刊与报告"

    def link(self, source):
        return reverse("articles:source", args=[source.slug])

    def description(self, source):
        return f"{source.name}的会刊各期与报告"

    def items(self, source):
        return publications_published().filter(source=source).order_by("-published_on", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        """The issue's table of contents: its published items only (one withdrawn from a
        published issue is not public)."""
        return "".join(f"<p>{feed_html_text(t)}</p>" for t in publication_item_titles(item))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return _feed_date(publication_date(item))

    def item_extra_kwargs(self, item):
        return {"known_date": publication_date(item)}

    def item_updateddate(self, item):
        return _feed_date(publication_date(item))


LatestArticlesAtomFeed = with_atom(LatestArticlesFeed)
SourceArticlesAtomFeed = with_atom(SourceArticlesFeed)
SearchAtomFeed = with_atom(SearchFeed)
SourcePublicationsAtomFeed = with_atom(SourcePublicationsFeed)
