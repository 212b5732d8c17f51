"""Generated inputs, made once per session: laying out a seed as a PDF takes a moment."""
from __future__ import annotations

import pytest

from tests.articles.ingest import makefiles


def _seed(name: str) -> str:
    try:
        return makefiles.seed_text(name)
    except FileNotFoundError:
        pytest.skip(f"sample document {name} is not here")


@pytest.fixture(scope="session")
def newsletter_text() -> str:
    return _seed(makefiles.NEWSLETTER)


@pytest.fixture(scope="session")
def report_text() -> str:
    return _seed(makefiles.REPORT)


@pytest.fixture(scope="session")
def textbook_text() -> str:
    return _seed(makefiles.TEXTBOOK)


@pytest.fixture(scope="session")
def newsletter_pdf(newsletter_text) -> bytes:
    return makefiles.make_pdf(newsletter_text)


@pytest.fixture(scope="session")
def report_pdf(report_text) -> bytes:
    return makefiles.make_pdf(report_text, header="工业品B2B电商行业研究报告")


@pytest.fixture(scope="session")
def newsletter_docx(newsletter_text) -> bytes:
    return makefiles.make_docx(newsletter_text)
