"""Where content comes from and what it becomes: sources, original documents,
publications (newsletter issues, reports), articles, and the jobs that process them."""
from .articles import Article, DatePrecision, ItemKind, PublishedArticleQuerySet, ReviewState
from .audit import AuditEvent, AuditTrailIsAppendOnly
from .channels import Channel, FailedEntry
from .documents import Document, Publication
from .jobs import Job
from .review import ReviewAction
from .sources import Source
from .stories import ArticleBand, Story, StoryWord

__all__ = [
    "Article", "ArticleBand", "AuditEvent", "AuditTrailIsAppendOnly", "Channel",
    "DatePrecision", "Document", "FailedEntry", "ItemKind", "Job", "Publication",
    "PublishedArticleQuerySet", "ReviewAction", "ReviewState", "Source", "Story", "StoryWord",
]
