"""A reader goes from a topic's short timeline to the full one: each event once, dated at
its precision, in date order, none empty or broken; on a desktop and on a phone."""
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def all_seeds(keywords_2013):
    call_command("import", "--samples", "--publish")


def events_on(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('ol.timeline:not(.forecasts) > .event')].map(e => ({
            datetime: e.querySelector('time').getAttribute('datetime'),
            label: e.querySelector('time').innerText,
            precision: e.querySelector('time').dataset.precision,
            sentence: e.querySelector('.sentence').innerText.trim(),
            source: e.querySelector('.meta a').innerText.trim(),
        }))"""
    )


def test_the_full_timeline_lists_each_event_once_in_date_order(page, live_server, all_seeds, screens):
    page.goto(live_server.url + "/topics/kuajing-dianshang/")
    page.get_by_role("link", name=re.compile("完整时间线")).click()
    page.wait_for_url("**/topics/kuajing-dianshang/timeline/")
    events = events_on(page)
    sentences = [e["sentence"] for e in events]

    assert len(events) >= 5
    assert len(set(sentences)) == len(sentences), "an event is listed twice"
    assert sum("敦煌网3月宣布" in s for s in sentences) == 1  # one sentence, two dates: one event
    assert all(e["sentence"] and e["source"] and e["label"] for e in events), "an empty entry"
    assert not [s for s in sentences if re.search(r"\(\s*\)|（\s*）", s)], "an entry with empty brackets"
    assert all(e["precision"] in ("year", "quarter", "month", "day") for e in events)
    years = [e["datetime"][:4] for e in events]  # a quarter or a year has no finer ISO form to compare
    assert years == sorted(years)
    assert screens("/topics/kuajing-dianshang/timeline/", "topic-timeline") == {"desktop": 0, "phone": 0}
