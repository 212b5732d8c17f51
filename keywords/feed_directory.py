"""Every feed the site offers, grouped for the /subscribe/ page.

One list built from the same selectors the feeds use, so the page names exactly the
feeds that answer (a topic, year or source with no feed is not listed). Addresses to
copy are absolute on SITE_URL, like the OPML's and the feeds' own ids: they are meant
to be pasted into a reader elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from articles.feeds import absolute
from articles.selectors import sources_with_issues

from .models import Topic
from .selectors import keyword_years


@dataclass(frozen=True)
class FeedEntry:
    """Paths for links on this site; `rss_url` is the absolute address to copy."""

    name: str
    page: str
    rss: str
    atom: str

    @property
    def rss_url(self) -> str:
        return absolute(self.rss)


@dataclass(frozen=True)
class FeedSection:
    key: str
    title: str
    entries: list[FeedEntry]


def _entry(name: str, page: str, rss_name: str, atom_name: str, *args) -> FeedEntry:
    return FeedEntry(
        name=name,
        page=page,
        rss=reverse(rss_name, args=args),
        atom=reverse(atom_name, args=args),
    )


def feed_directory() -> list[FeedSection]:
    latest = _entry("最新文章", reverse("keywords:home"), "articles:feed_latest_rss", "articles:feed_latest_atom")
    topics = [
        _entry(t.term, t.get_absolute_url(), "keywords:topic_feed_rss", "keywords:topic_feed_atom", t.slug)
        for t in Topic.objects.order_by("term")
    ]
    years = [
        _entry(f"{y.year}年", y.get_absolute_url(), "keywords:year_feed_rss", "keywords:year_feed_atom", y.year)
        for y in keyword_years()
    ]
    sources = sources_with_issues()
    source_entries = [
        _entry(s.name, s.get_absolute_url(), "articles:source_feed_rss", "articles:source_feed_atom", s.slug)
        for s in sources
    ]
    issues = [
        _entry(
            f"{s.name} · 会刊与报告",
            s.get_absolute_url(),
            "articles:source_issues_rss",
            "articles:source_issues_atom",
            s.slug,
        )
        for s in sources
        if s.has_issues
    ]
    return [
        FeedSection("latest", "全站最新文章", [latest]),
        FeedSection("topics", "按关键词", topics),
        FeedSection("years", "按年份", years),
        FeedSection("sources", "按来源", source_entries),
        FeedSection("issues", "协会会刊与报告（按期）", issues),
    ]
