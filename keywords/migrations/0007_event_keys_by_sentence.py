"""Events stored before an event's key was its sentence alone: clean their sentences, drop
those whose subject was lost, and key them by sentence, so that a sentence with two dates
and its reprints are one event on a timeline (see keywords/text/events.py)."""
from django.db import migrations

BATCH = 2000


def rekey(apps, schema_editor):
    from keywords.text.events import event_sentence, sentence_key

    TimelineEvent = apps.get_model("keywords", "TimelineEvent")
    changed, broken = [], []
    for event in TimelineEvent.objects.only("pk", "sentence", "key").iterator(chunk_size=BATCH):
        sentence = event_sentence(event.sentence)
        if sentence is None:
            broken.append(event.pk)
            continue
        event.sentence, event.key = sentence, sentence_key(sentence)
        changed.append(event)
        if len(changed) >= BATCH:
            TimelineEvent.objects.bulk_update(changed, ["sentence", "key"])
            changed = []
    TimelineEvent.objects.bulk_update(changed, ["sentence", "key"])
    for start in range(0, len(broken), BATCH):
        TimelineEvent.objects.filter(pk__in=broken[start:start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [("keywords", "0006_tag_strength_and_not_phrases")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
