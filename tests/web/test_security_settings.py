"""Production settings pass `check --deploy` once HTTPS is declared; every response
carries a Content-Security-Policy and the usual security headers; no page needs inline
script, so the policy's `script-src 'self'` holds."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Publication, Source
from keywords.models import ArticleTopic, KeywordYear, Topic, YearKeyword

ROOT = Path(__file__).resolve().parents[2]
# Settings a developer's shell may carry that would change what is checked.
CLEARED = ("DEBUG", "HTTPS", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "HSTS_SECONDS", "HSTS_PRELOAD",
           "HSTS_INCLUDE_SUBDOMAINS", "PROXY_SSL_HEADER", "SECRET_KEY", "ALLOWED_HOSTS",
           "DJANGO_ALLOW_ASYNC_UNSAFE")  # set by the browser tests' conftest


def manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update({"DATA_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(50),
                    "ALLOWED_HOSTS": "b2bwatch.example.com", "DEBUG": "0", **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=120)


# Run by `manage.py shell` in a subprocess with production settings: the cookie and
# redirect settings, then `check --deploy` failing on any warning.
PRODUCTION_CHECK = """
from django.conf import settings as s
from django.core.management import call_command
from django.core.management.base import SystemCheckError
print("secure:", s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)
try:
    call_command("check", deploy=True, fail_level="WARNING")
    print("deploy check: passed")
except SystemCheckError as exc:
    print("deploy check: failed", " ".join(str(exc).split()))
"""


@pytest.mark.parametrize("env", [{"HTTPS": "1"}, {"SECURE_COOKIES": "1"}], ids=["HTTPS", "SECURE_COOKIES"])
def test_check_deploy_passes_and_cookies_are_secure_when_https_is_declared(tmp_path, env):
    """SECURE_COOKIES, the older name, declares HTTPS too."""
    result = manage(tmp_path, "shell", "-c", PRODUCTION_CHECK, **env)
    assert "secure: True True True True" in result.stdout, result.stderr
    assert "deploy check: passed" in result.stdout, result.stdout + result.stderr


def test_without_https_cookies_are_plain_and_check_deploy_says_so(tmp_path):
    """A laptop or the tests on plain HTTP: no Secure cookies, and the check warns (no HSTS)."""
    result = manage(tmp_path, "shell", "-c", PRODUCTION_CHECK)
    assert "secure: False False False False" in result.stdout, result.stderr
    assert "deploy check: failed" in result.stdout and "security.W004" in result.stdout


@pytest.fixture
def pages(db):
    """One of each public page, and the admin pages the project adds."""
    source = Source.objects.create(name="亿邦动力网", slug="ebrun")
    topic = Topic.objects.create(term="测试专题", slug="ceshi")
    year = KeywordYear.objects.create(year=2015)
    YearKeyword.objects.create(keyword_year=year, topic=topic, rank=1)
    issue = Publication.objects.create(kind="newsletter", title="会刊", source=source, is_published=True)
    article = Article.objects.create(title="跨境电商试点扩大", body="正文。", source=source, publication=issue,
                                     is_published=True, published_at="2015-04-02T09:30:00+08:00",
                                     search_title="跨境电商", search_body="跨境电商")
    ArticleTopic.objects.create(article=article, topic=topic, mentions=3)
    return [
        "/", topic.get_absolute_url(), year.get_absolute_url(), "/timeline/", article.get_absolute_url(),
        source.get_absolute_url(), issue.get_absolute_url(), "/search/?q=跨境电商", "/api/docs",
        reverse("admin:index"), reverse("admin:articles_publication_review", args=[issue.pk]),
        reverse("admin:articles_document_upload"), reverse("admin:keywords_keywordyear_discover", args=[year.pk]),
        reverse("admin:articles_document_changelist"), reverse("admin:articles_article_change", args=[article.pk]),
    ]


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append("inline <script>")
        self.found += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
        if "style" in attrs:
            self.found.append(f"{tag}[style]")
        if tag == "style":
            self.found.append("<style>")


def test_no_page_needs_inline_script_or_style(admin_client, pages):
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        parser = _InlineCode()
        parser.feed(response.content.decode())
        assert parser.found == [], url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/search/?q=x", "/feeds/latest.rss", "/api/topics", "/api/docs",
                                 "/admin/login/", "/static/js/charts.js", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
