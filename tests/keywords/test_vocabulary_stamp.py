"""A worker reads the topic tables again only when they changed: a stamp in the cache says
so, bumped by every change to what the vocabulary is built from."""
import pytest
from django.core.cache import cache

from keywords import dictionary
from keywords.dictionary import STAMP_KEY, current_vocabulary
from keywords.models import Organisation, Topic, TopicAlias, TopicNotPhrase

pytestmark = pytest.mark.django_db


def test_an_unchanged_vocabulary_costs_no_query(django_assert_num_queries):
    first = current_vocabulary()
    with django_assert_num_queries(0):
        assert current_vocabulary() is first


@pytest.mark.parametrize("change", [
    lambda: Topic.objects.create(term="农业电商", slug="nongye-dianshang"),
    lambda: TopicAlias.objects.create(topic=Topic.objects.get(term="产业带"), text="农业电商"),
    lambda: Organisation.objects.create(name="农业电商"),
])
def test_a_change_is_seen_by_the_next_article(change):
    before = current_vocabulary()
    change()
    assert current_vocabulary().segmenter.tokens("发展农业电商") != before.segmenter.tokens("发展农业电商") \
        or current_vocabulary().fingerprint != before.fingerprint


def test_a_not_phrase_and_a_deletion_are_changes_too():
    topic = Topic.objects.get(term="产业带")
    before = current_vocabulary().fingerprint
    phrase = TopicNotPhrase.objects.create(topic=topic, text="产业带动")
    assert current_vocabulary().fingerprint != before
    phrase.delete()
    assert current_vocabulary().fingerprint == before


def test_without_a_stamp_the_tables_are_read_again(django_assert_max_num_queries):
    current_vocabulary()
    Topic.objects.filter(term="产业带").update(term="产业带集群")  # no signal: the stamp is not told
    cache.delete(STAMP_KEY)  # evicted, or the cache was cleared
    assert "产业带集群" in current_vocabulary().names


def test_a_change_the_stamp_missed_is_seen_after_the_check_interval(monkeypatch):
    current_vocabulary()
    Topic.objects.filter(term="产业带").update(term="产业带集群")  # no signal
    assert "产业带集群" not in current_vocabulary().names
    monkeypatch.setattr(dictionary, "VOCABULARY_CHECK_SECONDS", 0)
    assert "产业带集群" in current_vocabulary().names
