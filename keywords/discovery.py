"""Discovery for editors: terms that rose in a year (and promoting one), and names of
organisations the corpus mentions that the site does not know yet.

Keyword candidates read the corpus as the analysis stored it (each article's search
tokens), so a candidate is a word exactly as tagging and search cut it. Organisation
names need jieba's part-of-speech tags, which are not stored, so those are cut again, on
a bounded number of recent articles, by the worker. Both read thousands of articles, so
both run as jobs (articles.jobs), never inside an editor's request; a year's candidates
are kept in its job's result, which the discovery page shows.
"""
from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from articles.audit import audit_record
from articles.jobs import job_create
from articles.models import Article, AuditEvent, Job
from chinese_text.sentences import split_sentences

from .dictionary import current_vocabulary
from .models import KeywordYear, Organisation, OrganisationAlias, Topic, YearKeyword
from .services import topics_retag_start
from .text.discovery import Candidate, TermCounter
from .text.organisations import OrgCandidate, suggest_organisations
from .text.weights import word_weights

MAX_ARTICLES_PER_YEAR = 2000
MAX_ARTICLES_FOR_ORGANISATIONS = 2000
PROGRESS_EVERY = 200


def keyword_year_discover_start(*, keyword_year: KeywordYear, user=None) -> Job:
    return job_create(kind=Job.Kind.KEYWORD_DISCOVERY, user=user, params={"keyword_year_id": keyword_year.pk},
                      message=f"{keyword_year.year}年")


def keyword_year_discover_step(job: Job, progress) -> bool:
    keyword_year = KeywordYear.objects.get(pk=job.params["keyword_year_id"])
    candidates = year_candidates(keyword_year, progress=progress)
    job.result = {"candidates": [asdict(c) for c in candidates]}
    job.message = f"{keyword_year.year}年：{len(candidates)} 个候选词"
    return True


def keyword_year_discovered(keyword_year: KeywordYear) -> tuple[Job | None, list[Candidate]]:
    """The year's latest discovery job (finished or not) and the candidates of the latest
    finished one."""
    jobs = Job.objects.filter(kind=Job.Kind.KEYWORD_DISCOVERY, params__keyword_year_id=keyword_year.pk)
    done = jobs.filter(status=Job.Status.DONE).order_by("-finished_at", "-pk").first()
    candidates = [Candidate(**c) for c in done.result.get("candidates", [])] if done else []
    return jobs.order_by("-pk").first(), candidates


def year_candidates(keyword_year: KeywordYear, *, top: int = 30, progress=None) -> list[Candidate]:
    """The terms that rose in the year: its articles cut again with part-of-speech tags
    (terms are nouns and phrases, as written), earlier years read from their stored
    tokens only to count those terms. At most MAX_ARTICLES_PER_YEAR a year, the latest."""
    year = keyword_year.year
    known = [form for topic in Topic.objects.prefetch_related("aliases") for form in topic.surface_forms]
    known += Organisation.objects.values_list("name", flat=True)  # any status: organisations have their own review
    known += OrganisationAlias.objects.values_list("text", flat=True)
    counter = TermCounter(existing=known)
    segmenter = current_vocabulary().segmenter
    dated = Article.objects.published().filter(published_at__isnull=False).order_by("-published_at", "-pk")
    this_year = dated.filter(published_at__year=year).values_list("title", "body")[:MAX_ARTICLES_PER_YEAR]
    earlier = dated.filter(published_at__year__lt=year).values_list("published_at", "search_title", "search_body")
    total = (this_year.count() + earlier.count()) if progress else 0
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    sentences: list[str] = []
    for title, body in this_year.iterator():
        text = f"{title}\n{body}"
        counter.add(text, segmenter.tagged(text))
        sentences.extend(s.text for s in split_sentences(body) if 8 <= len(s.text) <= 120)
        tick()
    per_year: dict[int, int] = {}
    for published_at, title_tokens, body_tokens in earlier.iterator():
        tick()
        if per_year.get(published_at.year, 0) < MAX_ARTICLES_PER_YEAR:
            per_year[published_at.year] = per_year.get(published_at.year, 0) + 1
            counter.add_earlier(f"{title_tokens} {body_tokens}".split())
    return counter.candidates(top=top, background=word_weights(), sentences=sentences)


@transaction.atomic
def keyword_year_promote(*, keyword_year: KeywordYear, term: str, user=None) -> YearKeyword:
    """Put a term in the year's list (last place), creating its topic if needed, and
    re-tag the corpus so existing articles carry it."""
    term = term.strip()[:100]
    topic = Topic.objects.filter(term=term).first()
    if topic is None:
        base = slugify(term, allow_unicode=True)[:90] or "topic"
        slug, n = base, 1
        while Topic.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        topic = Topic.objects.create(term=term, slug=slug)
    entry = YearKeyword.objects.filter(keyword_year=keyword_year, topic=topic).first()
    if entry is None:
        last = keyword_year.entries.aggregate(last=Max("rank"))["last"] or 0
        entry = YearKeyword.objects.create(keyword_year=keyword_year, topic=topic, rank=last + 1)
    audit_record(user=user, action=AuditEvent.Action.PROMOTE, obj=keyword_year,
                 summary=f"“{term}”加入{keyword_year.year}年榜单，第 {entry.rank} 位", details={"topic": topic.pk})
    topics_retag_start(reason=f"“{term}”加入{keyword_year.year}年榜单", user=user)
    return entry


def organisations_discover_start(*, user=None) -> Job:
    return job_create(kind=Job.Kind.ORGANISATION_DISCOVERY, user=user, message="从最近的文章中发现机构名称")


def organisations_discover_step(job: Job, progress) -> bool:
    found = organisations_discover(progress=progress)
    job.message = f"发现 {len(found)} 个待审核的机构名称"
    return True


def organisations_discover(*, limit: int = MAX_ARTICLES_FOR_ORGANISATIONS, top: int = 50,
                           progress=None) -> list[Organisation]:
    """Store the names the latest articles suggest as candidates for editors to review.

    Every name the site has, rejected ones included, is left out, so an editor judges a
    name once. Candidates are not used for tagging until an editor accepts them.
    """
    segmenter = current_vocabulary().segmenter
    rows = Article.objects.published().order_by("-published_at", "-pk").values_list("title", "body")[:limit]
    total = rows.count() if progress else 0

    def texts():
        for n, (title, body) in enumerate(rows.iterator(), start=1):
            if progress and (n % PROGRESS_EVERY == 0 or n == total):
                progress(n, total)
            yield f"{title}\n{body}"

    docs = ((text, segmenter.tagged(text)) for text in texts())
    known = [*Organisation.objects.values_list("name", flat=True),
             *OrganisationAlias.objects.values_list("text", flat=True)]
    found = suggest_organisations(docs, known, top=top)
    candidates = [
        Organisation(name=c.name[:100], kind=c.kind, status=Organisation.Status.CANDIDATE, evidence=_evidence(c))
        for c in found
    ]
    Organisation.objects.bulk_create(candidates, ignore_conflicts=True)
    names = [c.name for c in candidates]
    return list(Organisation.objects.filter(name__in=names, status=Organisation.Status.CANDIDATE))


def _evidence(candidate: OrgCandidate) -> str:
    reason = {"nt": "词性标注为机构名", "全称": "企业登记全称"}.get(candidate.reason, f"以“{candidate.reason}”结尾")
    return (f"出现 {candidate.count} 次，见于 {candidate.documents} 篇文章；依据：{reason}。"
            f"例句：{candidate.example}")
