from celery import shared_task

from . import services


@shared_task
def document_parse(document_id: int) -> None:
    services.document_parse(document_id=document_id)
