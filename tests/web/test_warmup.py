"""A web process readies its templates and the search's segmenter when it starts, and
serves anyway when it cannot."""
import gc
import logging

import pytest

from b2bwatch import warmup
from keywords import dictionary

pytestmark = pytest.mark.django_db


def test_the_public_templates_are_the_readers_pages_not_the_admins():
    names = warmup.public_templates()
    assert {"home.html", "articles/search.html", "keywords/timeline.html"} <= set(names)
    assert not [n for n in names if n.startswith("admin/")]


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()  # the test process goes on collecting as before


def test_warming_up_loads_the_vocabulary_the_first_search_would_and_keeps_it_from_the_collector(
    monkeypatch, unfrozen
):
    monkeypatch.setattr(dictionary, "_current", None)
    warmup.warm_up()
    assert dictionary._current is not None
    assert dictionary.current_vocabulary() is dictionary._current
    assert gc.get_freeze_count() > 0  # loaded for the process's life: full collections skip it


def test_a_process_that_cannot_warm_up_says_so_and_goes_on(monkeypatch, caplog, unfrozen):
    def no_database():
        raise ConnectionError("database not up yet")

    monkeypatch.setattr(dictionary, "current_vocabulary", no_database)
    with caplog.at_level(logging.INFO, logger="b2bwatch.warmup"):
        warmup.warm_up()
    assert "warm-up failed" in caplog.text and "database not up yet" in caplog.text
    assert "web process ready" in caplog.text
