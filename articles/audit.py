"""The one way to write the audit trail: `audit_record`, called by every service and
admin hook where an editor changes something (uploads, review actions, publishing,
admin saves and deletes, promotions, job starts).

It is called inside the transaction of the change it records, so the row is committed
or rolled back with it. Work with no person behind it (polling, the import command, the
recovery sweep) has no user and writes nothing: the trail is of people's acts.
"""
from __future__ import annotations

from django.db import models

from .models import AuditEvent

Action = AuditEvent.Action
LABEL_MAX = AuditEvent._meta.get_field("object_label").max_length
SUMMARY_MAX = AuditEvent._meta.get_field("summary").max_length


def _person(user):
    return user if user is not None and getattr(user, "is_authenticated", False) and user.pk else None


def audit_record(*, user, action: str, obj: models.Model | None = None, summary: str = "",
                 details: dict | None = None, label: str = "") -> AuditEvent | None:
    """Record that `user` did `action` to `obj`; None (nothing written) without a person."""
    person = _person(user)
    if person is None:
        return None
    return AuditEvent.objects.create(
        user=person, username=person.get_username(), action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=(label or (str(obj) if obj is not None else ""))[:LABEL_MAX],
        summary=summary[:SUMMARY_MAX], details=details or {},
    )
